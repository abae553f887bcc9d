"""The supplier's dashboard: who sees it, bulk actions, the edit form, query counts."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from bridge.core.models import AuditEntry
from bridge.materials.models import Category, Material
from bridge.materials.tests.factories import MaterialFactory
from bridge.materials.tests.factories_supplier import supplier_with_owner
from bridge.materials.vocabulary import Status

pytestmark = pytest.mark.integration


def dashboard_url(supplier):
    return reverse("materials_supplier:dashboard", args=[supplier.slug])


def test_anonymous_is_sent_to_sign_in(client, organisation):
    response = client.get(dashboard_url(organisation))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("who", ["owner", "org_admin", "member"])
def test_every_member_sees_the_drafts_of_their_supplier(client, request, organisation, who):
    MaterialFactory(supplier=organisation, name="Secret draft adras", status=Status.DRAFT)
    client.force_login(request.getfixturevalue(who))
    response = client.get(dashboard_url(organisation))
    assert response.status_code == 200
    assert "Secret draft adras" in response.content.decode()


def test_a_plain_member_sees_no_bulk_actions_and_cannot_post_them(client, organisation, member):
    material = MaterialFactory(supplier=organisation, status=Status.DRAFT)
    client.force_login(member)
    page = client.get(dashboard_url(organisation)).content.decode()
    assert 'name="ids"' not in page
    assert "New material" not in page
    response = client.post(
        reverse("materials_supplier:bulk", args=[organisation.slug]),
        {"action": "submit", "ids": [material.pk]},
    )
    assert response.status_code == 403
    material.refresh_from_db()
    assert material.status == Status.DRAFT


def test_supplier_b_cannot_see_or_change_supplier_a(client, organisation):
    material = MaterialFactory(supplier=organisation, name="A's draft", status=Status.DRAFT)
    _other, other_owner = supplier_with_owner()
    client.force_login(other_owner)
    assert client.get(dashboard_url(organisation)).status_code == 404
    bulk = reverse("materials_supplier:bulk", args=[organisation.slug])
    assert client.post(bulk, {"action": "archive", "ids": [material.pk]}).status_code == 404
    edit = reverse("materials_supplier:edit", args=[organisation.slug, material.pk])
    assert client.get(edit).status_code == 404
    material.refresh_from_db()
    assert material.status == Status.DRAFT


def test_bulk_action_ignores_ids_of_another_supplier(client, organisation, owner):
    mine = MaterialFactory(supplier=organisation, status=Status.DRAFT)
    other, _user = supplier_with_owner()
    theirs = MaterialFactory(supplier=other, status=Status.DRAFT)
    client.force_login(owner)
    client.post(
        reverse("materials_supplier:bulk", args=[organisation.slug]),
        {"action": "archive", "ids": [mine.pk, theirs.pk]},
    )
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.status, theirs.status) == (Status.ARCHIVED, Status.DRAFT)


def test_staff_may_open_any_dashboard(client, organisation, moderator):
    MaterialFactory(supplier=organisation, name="Pending ikat", status=Status.PENDING)
    client.force_login(moderator)
    assert "Pending ikat" in client.get(dashboard_url(organisation)).content.decode()


@pytest.mark.parametrize("who", ["outsider", "analyst", "programme_manager"])
def test_outsiders_and_other_staff_get_404(client, request, organisation, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(dashboard_url(organisation)).status_code == 404


def test_bulk_submit_and_archive_with_audit(client, organisation, owner):
    drafts = MaterialFactory.create_batch(3, supplier=organisation, status=Status.DRAFT)
    published = MaterialFactory(supplier=organisation, status=Status.PUBLISHED)
    client.force_login(owner)
    url = reverse("materials_supplier:bulk", args=[organisation.slug])
    response = client.post(
        url, {"action": "submit", "ids": [m.pk for m in drafts] + [published.pk]}, follow=True
    )
    page = response.content.decode()
    assert "3 materials changed." in page
    assert "Only drafts and rejected materials can be submitted." in page  # the published one
    assert Material.objects.filter(status=Status.PENDING).count() == 3
    assert AuditEntry.objects.filter(action="material.submit").count() == 3
    client.post(url, {"action": "archive", "ids": [drafts[0].pk]})
    drafts[0].refresh_from_db()
    assert drafts[0].status == Status.ARCHIVED


def test_bulk_without_choice_says_so(client, organisation, owner):
    client.force_login(owner)
    response = client.post(
        reverse("materials_supplier:bulk", args=[organisation.slug]),
        {"action": "submit", "ids": ["x"]},
        follow=True,
    )
    assert "Choose at least one material and an action." in response.content.decode()


def test_status_filter_and_rejection_reason_shown(client, organisation, owner):
    MaterialFactory(supplier=organisation, name="Good one", status=Status.PUBLISHED)
    MaterialFactory(
        supplier=organisation,
        name="Bad one",
        status=Status.REJECTED,
        rejection_reason="Photos are blurred",
    )
    client.force_login(owner)
    page = client.get(dashboard_url(organisation), {"status": "rejected"}).content.decode()
    assert "Bad one" in page and "Photos are blurred" in page
    assert "Good one" not in page
    assert (
        client.get(dashboard_url(organisation), {"page": "999", "status": "??"}).status_code == 200
    )


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_dashboard_queries_do_not_grow_with_listings(client, organisation, owner):
    client.force_login(owner)
    MaterialFactory.create_batch(4, supplier=organisation)
    few = _count(client, dashboard_url(organisation))
    MaterialFactory.create_batch(8, supplier=organisation)
    many = _count(client, dashboard_url(organisation))
    assert many == few


# ---------------------------------------------------------------- the edit form


def _form_data(**overrides):
    data = {
        "sku": "ADR-1",
        "name": "Adras qizil",
        "description": "Ipak va paxta.",
        "language": "uz",
        "category": Category.objects.get(code="textiles").pk,
        "origin_country": "UZ",
        "price": "120000",
        "currency": "UZS",
        "unit": "m",
        "moq": "5",
        "lead_time_days": "14",
        "techniques": "ikat, hand-woven",
        "colours": "red; gold",
        "fibres-TOTAL_FORMS": "2",
        "fibres-INITIAL_FORMS": "0",
        "fibres-MIN_NUM_FORMS": "0",
        "fibres-MAX_NUM_FORMS": "12",
        "fibres-0-fibre": "silk",
        "fibres-0-percent": "60",
        "fibres-1-fibre": "cotton",
        "fibres-1-percent": "40",
    }
    data.update(overrides)
    return data


def test_create_material_with_composition_then_submit(client, organisation, owner):
    client.force_login(owner)
    url = reverse("materials_supplier:new", args=[organisation.slug])
    assert client.get(url).status_code == 200
    response = client.post(url, _form_data(then="submit"))
    assert response.status_code == 302
    material = Material.objects.get(supplier=organisation, sku="ADR-1")
    assert material.status == Status.PENDING
    assert material.techniques == ["ikat", "hand-woven"]
    assert [(f.fibre, f.percent) for f in material.fibres.all()] == [
        ("silk", Decimal("60.00")),
        ("cotton", Decimal("40.00")),
    ]


def test_composition_must_sum_to_100(client, organisation, owner):
    client.force_login(owner)
    url = reverse("materials_supplier:new", args=[organisation.slug])
    response = client.post(url, _form_data(**{"fibres-1-percent": "30"}))
    assert response.status_code == 400
    assert "it must add up to 100%" in response.content.decode()
    assert not Material.objects.exists()


def test_duplicate_sku_is_a_form_error(client, organisation, owner):
    MaterialFactory(supplier=organisation, sku="ADR-1")
    client.force_login(owner)
    response = client.post(
        reverse("materials_supplier:new", args=[organisation.slug]), _form_data()
    )
    assert response.status_code == 400
    assert "already has a material with this SKU" in response.content.decode()


def _png(name="p.png"):
    from io import BytesIO

    out = BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def test_edit_updates_and_adds_images(client, organisation, owner):
    material = MaterialFactory(supplier=organisation, sku="ADR-1", status=Status.DRAFT)
    client.force_login(owner)
    url = reverse("materials_supplier:edit", args=[organisation.slug, material.pk])
    assert client.get(url).status_code == 200
    data = _form_data(name="Adras yangi", price="99000")
    data["images"] = [_png("a.png"), _png("b.png")]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    material.refresh_from_db()
    assert material.name == "Adras yangi"
    assert material.price == Decimal("99000")
    assert material.images.count() == 2


def test_more_than_ten_images_refused(client, organisation, owner):
    material = MaterialFactory(supplier=organisation, sku="ADR-1")
    client.force_login(owner)
    data = _form_data()
    data["images"] = [_png(f"{n}.png") for n in range(11)]
    response = client.post(
        reverse("materials_supplier:edit", args=[organisation.slug, material.pk]), data
    )
    assert response.status_code == 400
    assert material.images.count() == 0


def test_member_cannot_open_edit_form(client, organisation, member):
    material = MaterialFactory(supplier=organisation)
    client.force_login(member)
    url = reverse("materials_supplier:edit", args=[organisation.slug, material.pk])
    assert client.get(url).status_code == 403
    assert (
        client.get(reverse("materials_supplier:edit", args=[organisation.slug, 999999])).status_code
        == 403
    )


def test_sample_inbox_shows_due_dates(client, organisation, owner):
    from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
    from bridge.materials.models.samples import SampleRequest

    studio = OrganisationFactory(name="Tashkent Studio")
    SampleRequest.objects.create(
        requester=UserFactory(), organisation=studio, supplier=organisation,
        purpose="Capsule", delivery_address="Tashkent",
    )  # fmt: skip
    client.force_login(owner)
    page = client.get(dashboard_url(organisation)).content.decode()
    assert "from Tashkent Studio" in page
    assert "due " in page
