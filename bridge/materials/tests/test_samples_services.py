"""Sample requests: who may do what in which state, the clock-driven reminders and expiry,
the supplier's figures, and the notifications in the recipient's language."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.core.models import Notification
from bridge.materials.models import SampleRequest, SampleStatus
from bridge.materials.selectors.samples import (
    sample_requests_visible_to,
    supplier_response_stats,
    supplier_sample_stats,
)
from bridge.materials.services import samples as services
from bridge.materials.tests.factories import MaterialFactory
from bridge.materials.tests.factories_samples import (
    SampleRequestFactory,
    published_material,
    supplier_with_member,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def told(person, verb: str):
    """The person's lines in the notification centre about sample-request events of `verb`."""
    return Notification.objects.filter(
        recipient=person, template=services.EMAIL_TEMPLATE, context__verb=verb
    )


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


TOMORROW = timezone.localdate() + timedelta(days=1)
ARGS = {
    "accept": {"shipping_estimate": TOMORROW},
    "decline": {"reason": "Out of stock"},
    "ship": {"tracking_number": "RB123456789UZ"},
    "receive": {},
    "cancel": {},
    "close": {},
}
# state → how to reach it from "requested", as (action, side) steps
PATHS = {
    SampleStatus.REQUESTED: [],
    SampleStatus.ACCEPTED: [("accept", "supplier")],
    SampleStatus.DECLINED: [("decline", "supplier")],
    SampleStatus.SHIPPED: [("accept", "supplier"), ("ship", "supplier")],
    SampleStatus.RECEIVED: [("accept", "supplier"), ("ship", "supplier"), ("receive", "requester")],
    SampleStatus.CLOSED: [
        ("accept", "supplier"),
        ("ship", "supplier"),
        ("receive", "requester"),
        ("close", "requester"),
    ],
    SampleStatus.CANCELLED: [("cancel", "requester")],
}
ALLOWED = {  # (state, action) → the side allowed; any other pair is refused
    (SampleStatus.REQUESTED, "accept"): {"supplier"},
    (SampleStatus.REQUESTED, "decline"): {"supplier"},
    (SampleStatus.REQUESTED, "cancel"): {"requester"},
    (SampleStatus.ACCEPTED, "ship"): {"supplier"},
    (SampleStatus.ACCEPTED, "cancel"): {"requester"},
    (SampleStatus.SHIPPED, "receive"): {"requester"},
    (SampleStatus.RECEIVED, "close"): {"requester", "supplier"},
}


@pytest.fixture
def cast(db):
    """A request from a studio member to supplier A, plus everyone who must not act on it."""
    supplier, supplier_member = supplier_with_member()
    material = published_material(supplier=supplier)
    request = SampleRequestFactory(material=material)
    _other_supplier, other_member = supplier_with_member()
    colleague = UserFactory()
    Membership.objects.create(organisation=request.organisation, user=colleague, role=Role.OWNER)
    return {
        "request": request,
        "requester": request.requester,
        "supplier": supplier_member,
        "other_supplier": other_member,
        "colleague": colleague,
        "staff": UserFactory(is_staff=True, is_superuser=True),
    }


def _walk(cast, status):
    request = cast["request"]
    for action, side in PATHS[status]:
        request = services.TRANSITION_SERVICES[action](
            actor=cast[side], request=request, **ARGS[action]
        )
    return request


ROLES = ["requester", "supplier", "other_supplier", "colleague", "staff", "anonymous"]


@pytest.mark.parametrize("status", list(PATHS))
@pytest.mark.parametrize("action", list(ARGS))
def test_transition_matrix(cast, status, action):
    """Every role tries every action in every state: only the allowed side succeeds; the
    others get PermissionDenied (wrong side) or ValidationError (right side, wrong state)."""
    from django.contrib.auth.models import AnonymousUser

    request = _walk(cast, status)
    service = services.TRANSITION_SERVICES[action]
    allowed = ALLOWED.get((status, action), set())
    side_of_action = {s for (_st, a), sides in ALLOWED.items() if a == action for s in sides}
    for who in [r for r in ROLES if r not in allowed]:
        actor = AnonymousUser() if who == "anonymous" else cast[who]
        expected = ValidationError if who in side_of_action else PermissionDenied
        with pytest.raises(expected):
            service(actor=actor, request=request, **ARGS[action])
        request.refresh_from_db()
        assert request.status == status, who
    for who in sorted(allowed)[:1]:
        service(actor=cast[who], request=request, **ARGS[action])
        request.refresh_from_db()
        assert request.status != status


def test_full_journey_records_dates_and_tracking(cast):
    request = _walk(cast, SampleStatus.CLOSED)
    request.refresh_from_db()
    assert request.shipping_estimate == TOMORROW
    assert request.tracking_number == "RB123456789UZ"
    assert request.answered_at and request.accepted_at and request.shipped_at
    assert request.received_at and request.closed_at


def test_cancel_after_shipping_is_refused_with_a_reason(cast):
    request = _walk(cast, SampleStatus.SHIPPED)
    with pytest.raises(ValidationError) as exc:
        services.sample_request_cancel(actor=cast["requester"], request=request)
    assert "shipped" in str(exc.value)
    assert SampleRequest.objects.get(pk=request.pk).status == SampleStatus.SHIPPED


def test_accept_needs_a_future_shipping_date(cast):
    with pytest.raises(ValidationError):
        services.sample_request_accept(
            actor=cast["supplier"],
            request=cast["request"],
            shipping_estimate=timezone.localdate() - timedelta(days=1),
        )


def test_decline_needs_a_reason(cast):
    with pytest.raises(ValidationError):
        services.sample_request_decline(actor=cast["supplier"], request=cast["request"], reason=" ")


# --- creating -------------------------------------------------------------------------------


def test_create_mixing_two_suppliers_is_refused(member, organisation):
    a = published_material()
    b = published_material()
    with pytest.raises(ValidationError) as exc:
        services.sample_request_create(
            actor=member,
            organisation=organisation,
            lines=[(a, 1), (b, 1)],
            purpose="Test",
            delivery_address="Tashkent",
        )
    assert "one supplier" in str(exc.value)
    assert not SampleRequest.objects.exists()


def test_create_several_materials_of_one_supplier(
    member, organisation, django_capture_on_commit_callbacks
):
    supplier, supplier_member = supplier_with_member()
    a = published_material(supplier=supplier)
    b = published_material(supplier=supplier)
    with django_capture_on_commit_callbacks(execute=True):
        request = services.sample_request_create(
            actor=member,
            organisation=organisation,
            lines=[(a, 2), (b, 3)],
            purpose="Scarves",
            delivery_address="Tashkent",
        )
    assert request.supplier == supplier
    assert sorted(request.items.values_list("quantity", flat=True)) == [2, 3]
    assert told(supplier_member, "requested").exists()


@pytest.mark.parametrize(
    "material_kwargs",
    [{"sample_available": False}, {"status": "draft"}],
    ids=["no-samples", "unpublished"],
)
def test_create_refuses_materials_without_samples(member, organisation, material_kwargs):
    material = published_material(**material_kwargs)
    with pytest.raises(ValidationError):
        services.sample_request_create(
            actor=member,
            organisation=organisation,
            lines=[(material, 1)],
            purpose="x",
            delivery_address="y",
        )


def test_create_for_an_organisation_one_does_not_belong_to_is_refused(outsider, organisation):
    with pytest.raises(PermissionDenied):
        services.sample_request_create(
            actor=outsider,
            organisation=organisation,
            lines=[(published_material(), 1)],
            purpose="x",
            delivery_address="y",
        )


@pytest.mark.parametrize("quantity", [0, 21])
def test_create_refuses_odd_quantities(member, organisation, quantity):
    with pytest.raises(ValidationError):
        services.sample_request_create(
            actor=member,
            organisation=organisation,
            lines=[(published_material(), quantity)],
            purpose="x",
            delivery_address="y",
        )


# --- who sees what --------------------------------------------------------------------------


def test_requester_sees_only_own_and_supplier_only_its_own(cast):
    mine = cast["request"]
    others = SampleRequestFactory()  # another studio, another supplier
    assert list(sample_requests_visible_to(cast["requester"])) == [mine]
    assert list(sample_requests_visible_to(cast["supplier"])) == [mine]
    assert list(sample_requests_visible_to(cast["other_supplier"])) == []
    assert list(sample_requests_visible_to(cast["colleague"])) == []  # not a colleague's either
    assert others not in sample_requests_visible_to(cast["requester"])


# --- messages -------------------------------------------------------------------------------


def test_message_notifies_the_other_side_only(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.sample_request_message_add(
            actor=cast["requester"], request=cast["request"], body="Any chance of blue?"
        )
    assert told(cast["supplier"], "message").count() == 1
    assert not Notification.objects.filter(recipient=cast["requester"]).exists()
    with pytest.raises(PermissionDenied):
        services.sample_request_message_add(
            actor=cast["other_supplier"], request=cast["request"], body="Hi"
        )


def test_messages_are_refused_once_the_request_is_over(cast):
    request = _walk(cast, SampleStatus.CANCELLED)
    with pytest.raises(ValidationError):
        services.sample_request_message_add(actor=cast["supplier"], request=request, body="Late")


# --- reminders and expiry (frozen clock) ----------------------------------------------------


def test_reminder_after_three_days_then_expiry_after_seven(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    request = cast["request"]
    start = request.created_at
    mailoutbox.clear()
    assert services.sample_requests_tick(now=start + timedelta(days=2, hours=23)) == {
        "reminded": 0,
        "expired": 0,
    }
    with django_capture_on_commit_callbacks(execute=True):
        result = services.sample_requests_tick(now=start + timedelta(days=3, minutes=1))
    assert result == {"reminded": 1, "expired": 0}
    assert [m.to for m in mailoutbox] == [[cast["supplier"].email]]
    # Running again does not remind twice.
    assert services.sample_requests_tick(now=start + timedelta(days=4))["reminded"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        expired = services.sample_requests_tick(now=start + timedelta(days=7, minutes=1))
    assert expired == {"reminded": 0, "expired": 1}
    request.refresh_from_db()
    assert request.status == SampleStatus.EXPIRED
    assert told(cast["requester"], "expired").exists()


def test_answered_requests_are_neither_reminded_nor_expired(cast):
    request = _walk(cast, SampleStatus.ACCEPTED)
    later = request.created_at + timedelta(days=30)
    assert services.sample_requests_tick(now=later) == {"reminded": 0, "expired": 0}
    request.refresh_from_db()
    assert request.status == SampleStatus.ACCEPTED


def test_the_days_are_settings(cast, settings):
    settings.SAMPLE_REQUEST_REMIND_DAYS = 1
    settings.SAMPLE_REQUEST_EXPIRE_DAYS = 2
    start = cast["request"].created_at
    assert services.sample_requests_tick(now=start + timedelta(days=1, minutes=1))["reminded"] == 1
    assert services.sample_requests_tick(now=start + timedelta(days=2, minutes=1))["expired"] == 1


def test_the_command_and_the_task_run_the_tick(cast):
    import io

    from bridge.materials.tasks import sample_requests_tick_task

    SampleRequest.objects.filter(pk=cast["request"].pk).update(
        created_at=timezone.now() - timedelta(days=8)
    )
    out = io.StringIO()
    call_command("sample_requests_tick", stdout=out)
    assert "expired: 1" in out.getvalue()
    assert sample_requests_tick_task.call() == {"reminded": 0, "expired": 0}


# --- figures --------------------------------------------------------------------------------


def test_response_time_and_acceptance_rate(db):
    supplier, person = supplier_with_member()
    published_material(supplier=supplier)
    now = timezone.now()

    def answered(hours, *, accept, age_days=10):
        request = SampleRequestFactory(supplier=supplier)
        created = now - timedelta(days=age_days)
        SampleRequest.objects.filter(pk=request.pk).update(created_at=created)
        request.refresh_from_db()
        if accept:
            services.sample_request_accept(
                actor=person,
                request=request,
                shipping_estimate=TOMORROW,
                now=created + timedelta(hours=hours),
            )
        else:
            services.sample_request_decline(
                actor=person, request=request, reason="No", now=created + timedelta(hours=hours)
            )

    answered(2, accept=True)
    answered(10, accept=True)
    answered(30, accept=False)
    answered(1, accept=True, age_days=400)  # older than 12 months: ignored
    expired = SampleRequestFactory(supplier=supplier)
    SampleRequest.objects.filter(pk=expired.pk).update(status=SampleStatus.EXPIRED)
    SampleRequestFactory(supplier=supplier)  # still waiting: counts in total only
    cancelled = SampleRequestFactory(supplier=supplier)
    SampleRequest.objects.filter(pk=cancelled.pk).update(status=SampleStatus.CANCELLED)

    stats = supplier_response_stats(supplier=supplier, now=now)
    assert stats == {
        "median_response_hours": 10.0,
        "acceptance_rate": 0.5,  # 2 accepted of 3 answered + 1 expired
        "answered": 3,
        "total": 5,
    }
    assert supplier_sample_stats(supplier=supplier) == {
        "response_hours": 10.0,
        "acceptance_rate": 0.5,
        "requests": 5,
    }


def test_figures_of_a_supplier_without_requests_are_empty(db):
    supplier = OrganisationFactory()
    assert supplier_response_stats(supplier=supplier) == {
        "median_response_hours": None,
        "acceptance_rate": None,
        "answered": 0,
        "total": 0,
    }


# --- e-mail language ------------------------------------------------------------------------


def test_email_goes_in_the_recipients_language(
    member, organisation, mailoutbox, django_capture_on_commit_callbacks
):
    supplier = OrganisationFactory(name="Margʻilon Ipak")
    russian = UserFactory(language="ru")
    english = UserFactory(language="en")
    for person in (russian, english):
        Membership.objects.create(organisation=supplier, user=person, role=Role.MEMBER)
    material = MaterialFactory(supplier=supplier, status="published", sample_available=True)
    member.language = "en"
    member.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.sample_request_create(
            actor=member,
            organisation=organisation,
            lines=[(material, 1)],
            purpose="Scarves",
            delivery_address="Tashkent",
        )
    by_address = {m.to[0]: m for m in mailoutbox}
    assert set(by_address) == {russian.email, english.email}
    assert by_address[english.email].subject.startswith("New sample request #")
    assert by_address[english.email].body.startswith(f"Hello, {english.display_name}!")
    russian_mail = by_address[russian.email]
    assert russian_mail.body.startswith(f"Здравствуйте, {russian.display_name}!")
    assert organisation.name in russian_mail.subject  # the supplier sees who asks
    assert "/materials/samples/" in russian_mail.body


@pytest.mark.parametrize(
    "status", [SampleStatus.CLOSED, SampleStatus.DECLINED, SampleStatus.CANCELLED]
)
def test_every_transition_leaves_its_audit_entry_with_its_actor(cast, status):
    from bridge.core.audit import audit_trail

    request = _walk(cast, status)
    trail = [
        (entry.action, entry.actor)
        for entry in audit_trail(request).order_by("pk")
        if entry.action != "sample_request.create"
    ]
    assert trail == [(f"sample_request.{action}", cast[side]) for action, side in PATHS[status]]
