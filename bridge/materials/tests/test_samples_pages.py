"""Sample-request pages: ordering, the thread, the actions by role, both sides' lists, and what
each side is told in the notification centre."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import UserFactory
from bridge.core.models import Notification
from bridge.materials.models import SampleRequest, SampleStatus
from bridge.materials.services import samples as services
from bridge.materials.tests.factories_samples import (
    SampleRequestFactory,
    published_material,
    supplier_with_member,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def setup(db):
    supplier, supplier_member = supplier_with_member()
    material = published_material(supplier=supplier, name="Margʻilon adras")
    request = SampleRequestFactory(material=material)
    _other, other_member = supplier_with_member()
    return {
        "request": request,
        "material": material,
        "requester": request.requester,
        "supplier": supplier_member,
        "other_supplier": other_member,
        "staff": UserFactory(is_staff=True, is_superuser=True),
    }


def test_new_request_page_and_submit(member, organisation, django_capture_on_commit_callbacks):
    supplier, supplier_member = supplier_with_member()
    a = published_material(supplier=supplier, name="Adras")
    b = published_material(supplier=supplier, name="Atlas")
    published_material(name="Foreign")  # another supplier: not offered
    client = _client(member)
    url = reverse("materials_samples:new") + f"?material={a.pk}"
    page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200
    assert "Adras" in body and "Atlas" in body and "Foreign" not in body
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "organisation": organisation.pk,
                f"qty_{a.pk}": 2,
                f"qty_{b.pk}": 1,
                "purpose": "Scarves for spring",
                "delivery_address": "Moscow",
            },
        )
    request = SampleRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == request.get_absolute_url()
    assert dict(request.items.values_list("material__name", "quantity")) == {"Adras": 2, "Atlas": 1}
    assert Notification.objects.filter(recipient=supplier_member).count() == 1


def test_new_request_refuses_no_quantity_and_odd_input(member, organisation):
    material = published_material()
    client = _client(member)
    url = reverse("materials_samples:new") + f"?material={material.pk}"
    response = client.post(
        url,
        {
            "organisation": organisation.pk,
            f"qty_{material.pk}": 0,
            "purpose": "x",
            "delivery_address": "y",
        },
    )
    assert response.status_code == 400
    assert not SampleRequest.objects.exists()
    response = client.post(
        url,
        {
            "organisation": organisation.pk,
            f"qty_{material.pk}": "lots",
            "purpose": "x",
            "delivery_address": "y",
        },
    )
    assert response.status_code == 400
    for bad in ("", "abc", "-3", "1" * 30):
        assert client.get(reverse("materials_samples:new") + f"?material={bad}").status_code == 404


def test_new_request_without_an_organisation_explains(outsider):
    material = published_material()
    page = _client(outsider).get(reverse("materials_samples:new") + f"?material={material.pk}")
    assert page.status_code == 200
    assert "Create or join an organisation" in page.content.decode()


def test_anonymous_is_sent_to_sign_in(client, setup):
    request = setup["request"]
    for url in (
        reverse("materials_samples:inbox"),
        request.get_absolute_url(),
        reverse("materials_samples:new") + f"?material={setup['material'].pk}",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/" in response["Location"]
    response = client.post(reverse("materials_samples:transition", args=[request.pk, "cancel"]))
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == SampleStatus.REQUESTED


@pytest.mark.parametrize("who", ["other_supplier", "staff"])
def test_outsiders_get_404_on_page_and_actions(setup, who):
    client = _client(setup[who])
    request = setup["request"]
    assert client.get(request.get_absolute_url()).status_code == 404
    for action in ("accept", "decline", "cancel"):
        response = client.post(
            reverse("materials_samples:transition", args=[request.pk, action]),
            {"shipping_estimate": "2099-01-01", "reason": "x"},
        )
        assert response.status_code == 404
    assert (
        client.post(
            reverse("materials_samples:message", args=[request.pk]), {"body": "hi"}
        ).status_code
        == 404
    )
    request.refresh_from_db()
    assert request.status == SampleStatus.REQUESTED


def test_requester_cannot_accept_own_request(setup):
    client = _client(setup["requester"])
    request = setup["request"]
    response = client.post(
        reverse("materials_samples:transition", args=[request.pk, "accept"]),
        {"shipping_estimate": "2099-01-01"},
    )
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.status == SampleStatus.REQUESTED


def test_journey_through_the_pages(setup):
    request = setup["request"]
    supplier = _client(setup["supplier"])
    requester = _client(setup["requester"])
    page = supplier.get(request.get_absolute_url()).content.decode()
    assert "Accept" in page and "Decline" in page and "Cancel the request" not in page
    # A missing date is a form error, not a 500.
    response = supplier.post(
        reverse("materials_samples:transition", args=[request.pk, "accept"]), {}
    )
    assert response.status_code == 400
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    supplier.post(
        reverse("materials_samples:transition", args=[request.pk, "accept"]),
        {"shipping_estimate": future},
    )
    supplier.post(
        reverse("materials_samples:transition", args=[request.pk, "ship"]),
        {"tracking_number": "EE123"},
    )
    requester.post(
        reverse("materials_samples:message", args=[request.pk]), {"body": "Thanks <b>!</b>"}
    )
    page = requester.get(request.get_absolute_url()).content.decode()
    assert "EE123" in page and "The samples arrived" in page
    assert "Thanks &lt;b&gt;!&lt;/b&gt;" in page  # user text is escaped
    # Cancelling after shipping is refused with a message.
    response = requester.post(reverse("materials_samples:transition", args=[request.pk, "cancel"]))
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == SampleStatus.SHIPPED
    requester.post(reverse("materials_samples:transition", args=[request.pk, "receive"]))
    request.refresh_from_db()
    assert request.status == SampleStatus.RECEIVED


def test_unknown_action_is_404_and_get_is_refused(setup):
    client = _client(setup["requester"])
    request = setup["request"]
    assert (
        client.post(
            reverse("materials_samples:transition", args=[request.pk, "explode"])
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("materials_samples:transition", args=[request.pk, "cancel"])).status_code
        == 405
    )


def test_actions_need_csrf(setup):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(setup["requester"])
    request = setup["request"]
    response = strict.post(reverse("materials_samples:transition", args=[request.pk, "cancel"]))
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.status == SampleStatus.REQUESTED


def test_supplier_is_told_in_the_centre_and_opening_the_request_marks_it_read(
    setup, django_capture_on_commit_callbacks
):
    supplier = _client(setup["supplier"])
    request = setup["request"]
    with django_capture_on_commit_callbacks(execute=True):
        services.sample_request_message_add(actor=setup["requester"], request=request, body="Hi")
    page = supplier.get(reverse("core:notifications")).content.decode()
    assert "notif-unread" in page
    assert f"New message about sample request #{request.pk}" in page
    link = f'href="{request.get_absolute_url()}"'
    assert link in page, "a link to the request on this site"
    assert supplier.get(request.get_absolute_url()).status_code == 200
    page = supplier.get(reverse("core:notifications")).content.decode()
    assert "notif-unread" not in page and link in page


def test_buyer_is_told_in_the_centre_when_the_supplier_answers(
    setup, django_capture_on_commit_callbacks
):
    request = setup["request"]
    with django_capture_on_commit_callbacks(execute=True):
        _client(setup["supplier"]).post(
            reverse("materials_samples:transition", args=[request.pk, "decline"]),
            {"reason": "Out of stock"},
        )
    buyer = _client(setup["requester"])
    page = buyer.get(reverse("core:notifications")).content.decode()
    assert f"Sample request #{request.pk}" in page and "was declined" in page
    assert f'href="{request.get_absolute_url()}"' in page
    # Someone else's line is not marked read by opening a page they cannot see.
    assert _client(setup["other_supplier"]).get(request.get_absolute_url()).status_code == 404
    assert Notification.objects.filter(recipient=setup["requester"], read_at__isnull=True).exists()


def test_the_old_inbox_addresses_lead_to_the_centre(client, setup):
    centre = reverse("core:notifications")
    supplier = _client(setup["supplier"])
    for response in (
        supplier.post("/materials/samples/notifications/read/"),
        supplier.get("/materials/samples/notifications/read/"),
    ):
        assert response.status_code == 301 and response["Location"] == centre
    page = supplier.get(reverse("materials_samples:inbox")).content.decode()
    assert f'href="{centre}"' in page
    assert "notif-unread" not in page, "no second list of notifications"


def test_inbox_lists_only_own_requests(setup):
    SampleRequestFactory()  # someone else's, to another supplier
    page = _client(setup["other_supplier"]).get(reverse("materials_samples:inbox")).content.decode()
    assert f"#{setup['request'].pk} ·" not in page
    page = _client(setup["requester"]).get(reverse("materials_samples:inbox")).content.decode()
    assert f"#{setup['request'].pk} ·" in page


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_inbox_query_count_does_not_grow(db):
    supplier, supplier_member = supplier_with_member()
    published_material(supplier=supplier)
    requester = UserFactory()
    client = _client(requester)

    def add(n):
        for _ in range(n):
            request = SampleRequestFactory(supplier=supplier, requester=requester)
            services.sample_request_message_add(actor=supplier_member, request=request, body="x")
            # The requester also answers for another supplier, so both lists fill.
            other = SampleRequestFactory()
            Membership.objects.get_or_create(
                organisation=other.supplier, user=requester, defaults={"role": Role.MEMBER}
            )

    url = reverse("materials_samples:inbox")
    add(2)
    few = _count(client, url)
    add(6)
    assert _count(client, url) == few


def test_detail_query_count_does_not_grow_with_messages(setup):
    client = _client(setup["requester"])
    url = setup["request"].get_absolute_url()
    for _ in range(2):
        services.sample_request_message_add(
            actor=setup["supplier"], request=setup["request"], body="x"
        )
    few = _count(client, url)
    for _ in range(6):
        services.sample_request_message_add(
            actor=setup["supplier"], request=setup["request"], body="y"
        )
    assert _count(client, url) == few
