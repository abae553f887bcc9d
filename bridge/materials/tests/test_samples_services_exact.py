"""Sample-request services, to the exact value a person sees: which field an error is shown
at and what it says, the limits on both sides of the edge, the dates each step records, the
audit rows, and who is told what (the notification's context is what the e-mail and the
centre's line are rendered from). Written for the mutation score of issue 18."""

from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import UserFactory
from bridge.core.audit import audit_trail
from bridge.core.models import Notification
from bridge.materials.models import SampleRequest, SampleStatus
from bridge.materials.models.samples import MAX_MATERIALS, MAX_QUANTITY
from bridge.materials.services import samples as services
from bridge.materials.services.samples import SampleRequestError
from bridge.materials.tests.factories_samples import (
    SampleRequestFactory,
    published_material,
    supplier_with_member,
)

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

NOW = datetime(2026, 6, 1, 9, 30, tzinfo=UTC)
TODAY = timezone.localdate(NOW)


@pytest.fixture
def cast(db):
    supplier, supplier_member = supplier_with_member()
    material = published_material(supplier=supplier)
    request = SampleRequestFactory(material=material, created_at=NOW - timedelta(days=1))
    return {"request": request, "requester": request.requester, "supplier": supplier_member}


def contexts(person) -> list[dict]:
    return [
        n.context
        for n in Notification.objects.filter(
            recipient=person, template=services.EMAIL_TEMPLATE
        ).order_by("id")
    ]


def trail(request) -> list[tuple]:
    return [(e.action, e.actor, e.data) for e in audit_trail(request).order_by("pk")]


def errors(exc) -> dict:
    return exc.value.message_dict


def _create(actor, organisation, lines, **kwargs):
    kwargs = {"purpose": "Scarves", "delivery_address": "Tashkent", **kwargs}
    return services.sample_request_create(
        actor=actor, organisation=organisation, lines=lines, **kwargs
    )


# --- creating -------------------------------------------------------------------------------


def test_create_records_the_lines_the_clock_the_audit_and_tells_the_supplier_all(
    member, organisation, run_on_commit
):
    supplier, person = supplier_with_member()
    other = UserFactory()
    Membership.objects.create(organisation=supplier, user=other, role=Role.OWNER)
    gone = UserFactory(is_active=False)
    Membership.objects.create(organisation=supplier, user=gone, role=Role.MEMBER)
    a, b = published_material(supplier=supplier), published_material(supplier=supplier)
    with run_on_commit():
        request = _create(member, organisation, [(b, "3"), (a, 1)], purpose="  Scarves  ", now=NOW)
    request.refresh_from_db()
    assert (request.purpose, request.delivery_address) == ("Scarves", "Tashkent")
    assert request.created_at == NOW
    assert request.status == SampleStatus.REQUESTED
    assert (request.requester, request.organisation, request.supplier) == (
        member,
        organisation,
        supplier,
    )
    assert sorted(request.items.values_list("material_id", "quantity")) == sorted(
        [(a.pk, 1), (b.pk, 3)]
    )
    assert trail(request) == [
        ("sample_request.create", member, {"materials": sorted([a.pk, b.pk])})
    ]
    expected = {
        "verb": "requested",
        "label": f"#{request.pk} · {organisation.name}",
        "number": request.pk,
        "supplier": supplier.name,
        "requester": member.display_name,
        "organisation": organisation.name,
        "url": settings.SITE_URL + f"/materials/samples/{request.pk}/",
        "text": "Scarves",
        "tracking_number": "",
        "shipping_estimate": "",
    }
    assert request.get_absolute_url() == f"/materials/samples/{request.pk}/"
    assert contexts(person) == [{**expected, "name": person.display_name}]
    assert contexts(other) == [{**expected, "name": other.display_name}]
    assert contexts(gone) == []  # a deactivated account is not told
    assert contexts(member) == []


def test_the_actor_is_not_told_of_own_request_even_as_a_supplier_member(
    member, organisation, run_on_commit
):
    supplier, person = supplier_with_member()
    Membership.objects.create(organisation=supplier, user=member, role=Role.MEMBER)
    with run_on_commit():
        _create(member, organisation, [(published_material(supplier=supplier), 1)])
    assert contexts(member) == []
    assert [c["verb"] for c in contexts(person)] == ["requested"]


def test_create_without_now_uses_the_clock(member, organisation):
    before = timezone.now()
    request = _create(member, organisation, [(published_material(), 1)])
    assert before <= request.created_at <= timezone.now()


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"purpose": "  "}, "purpose", "This field is required."),
        ({"purpose": None}, "purpose", "This field is required."),
        ({"delivery_address": ""}, "delivery_address", "This field is required."),
        ({"delivery_address": None}, "delivery_address", "This field is required."),
        ({"purpose": "x" * 4001}, "purpose", "Keep it under 4000 characters."),
        ({"delivery_address": "x" * 4001}, "delivery_address", "Keep it under 4000 characters."),
    ],
)
def test_create_text_errors_name_their_field(member, organisation, kwargs, field, message):
    with pytest.raises(SampleRequestError) as exc:
        _create(member, organisation, [(published_material(), 1)], **kwargs)
    assert errors(exc) == {field: [message]}
    assert not SampleRequest.objects.exists()


def test_create_accepts_texts_of_exactly_the_limit(member, organisation):
    text = "y" * services.MAX_TEXT
    assert services.MAX_TEXT == 4000
    request = _create(
        member, organisation, [(published_material(), 1)], purpose=text, delivery_address=text
    )
    assert len(request.purpose) == len(request.delivery_address) == 4000


def test_create_error_messages(member, organisation):
    supplier, _person = supplier_with_member()
    material = published_material(supplier=supplier, name="Silk ikat")
    cases = [
        ([], {"materials": ["Choose at least one material."]}),
        (
            [(material, 1), (published_material(), 1)],
            {"materials": ["One request goes to one supplier: send a request to each."]},
        ),
        ([(material, 1), (material, 2)], {"materials": ["Each material may appear once."]}),
        (
            [(published_material(supplier=supplier, name="Atlas", sample_available=False), 1)],
            {"materials": ["“Atlas” has no samples to order."]},
        ),
        (
            [(published_material(supplier=supplier, name="Adras", status="draft"), 1)],
            {"materials": ["“Adras” has no samples to order."]},
        ),
        ([(material, 0)], {"quantity": ["Ask for 1 to 20 samples of each material."]}),
        (
            [(material, MAX_QUANTITY + 1)],
            {"quantity": ["Ask for 1 to 20 samples of each material."]},
        ),
    ]
    for lines, expected in cases:
        with pytest.raises(SampleRequestError) as exc:
            _create(member, organisation, lines)
        assert errors(exc) == expected, lines
    assert not SampleRequest.objects.exists()


def test_quantities_at_both_edges_are_accepted(member, organisation):
    supplier, _person = supplier_with_member()
    a, b = published_material(supplier=supplier), published_material(supplier=supplier)
    request = _create(member, organisation, [(a, 1), (b, MAX_QUANTITY)])
    assert sorted(request.items.values_list("quantity", flat=True)) == [1, 20]


def test_at_most_ten_materials_at_once(member, organisation):
    supplier, _person = supplier_with_member()
    materials = [published_material(supplier=supplier) for _ in range(MAX_MATERIALS + 1)]
    with pytest.raises(SampleRequestError) as exc:
        _create(member, organisation, [(m, 1) for m in materials])
    assert errors(exc) == {"materials": ["Ask for at most 10 materials at once."]}
    request = _create(member, organisation, [(m, 1) for m in materials[:MAX_MATERIALS]])
    assert request.items.count() == 10


def test_one_cannot_order_ones_own_samples(db):
    supplier, person = supplier_with_member()
    with pytest.raises(SampleRequestError) as exc:
        _create(person, supplier, [(published_material(supplier=supplier), 1)])
    assert errors(exc) == {"organisation": ["You cannot order your own samples."]}
    assert not SampleRequest.objects.exists()


def test_anonymous_cannot_create(organisation):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        _create(AnonymousUser(), organisation, [(published_material(), 1)])


# --- the transitions ------------------------------------------------------------------------


def _ctx(request, person, verb, label_name, **extra):
    return {
        "verb": verb,
        "label": f"#{request.pk} · {label_name}",
        "number": request.pk,
        "supplier": request.supplier.name,
        "requester": request.requester.display_name,
        "organisation": request.organisation.name,
        "url": settings.SITE_URL + request.get_absolute_url(),
        "text": "",
        "tracking_number": "",
        "shipping_estimate": "",
        "name": person.display_name,
        **extra,
    }


def test_accept_records_the_date_and_tells_the_requester(cast, run_on_commit):
    request, supplier_member = cast["request"], cast["supplier"]
    with run_on_commit():
        services.sample_request_accept(
            actor=supplier_member, request=request, shipping_estimate=TODAY, now=NOW
        )
    request.refresh_from_db()
    assert request.status == SampleStatus.ACCEPTED
    assert (request.shipping_estimate, request.answered_at, request.accepted_at) == (
        TODAY,
        NOW,
        NOW,
    )
    assert request.closed_at is None
    assert trail(request)[-1] == ("sample_request.accept", supplier_member, {})
    assert contexts(cast["requester"]) == [
        _ctx(
            request,
            cast["requester"],
            "accepted",
            request.supplier.name,
            shipping_estimate=TODAY.isoformat(),
        )
    ]
    assert contexts(supplier_member) == []


@pytest.mark.parametrize(
    ("estimate", "message"),
    [
        (None, "Say when you expect to ship."),
        (TODAY - timedelta(days=1), "The date cannot be in the past."),
    ],
)
def test_accept_errors_are_at_the_date(cast, estimate, message):
    with pytest.raises(SampleRequestError) as exc:
        services.sample_request_accept(
            actor=cast["supplier"], request=cast["request"], shipping_estimate=estimate, now=NOW
        )
    assert errors(exc) == {"shipping_estimate": [message]}
    cast["request"].refresh_from_db()
    assert cast["request"].status == SampleStatus.REQUESTED


def test_accept_without_now_stamps_the_clock(cast):
    tomorrow = timezone.localdate() + timedelta(days=1)
    before = timezone.now()
    request = services.sample_request_accept(
        actor=cast["supplier"], request=cast["request"], shipping_estimate=tomorrow
    )
    assert before <= request.answered_at == request.accepted_at <= timezone.now()


def test_decline_records_the_reason_and_tells_the_requester(cast, run_on_commit):
    request = cast["request"]
    with run_on_commit():
        services.sample_request_decline(
            actor=cast["supplier"], request=request, reason="  Out of stock ", now=NOW
        )
    request.refresh_from_db()
    assert request.status == SampleStatus.DECLINED
    assert request.decline_reason == "Out of stock"
    assert (request.answered_at, request.closed_at, request.accepted_at) == (NOW, NOW, None)
    assert trail(request)[-1] == ("sample_request.decline", cast["supplier"], {})
    assert contexts(cast["requester"]) == [
        _ctx(request, cast["requester"], "declined", request.supplier.name, text="Out of stock")
    ]


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        (None, "This field is required."),
        ("", "This field is required."),
        ("r" * 4001, "Keep it under 4000 characters."),
    ],
)
def test_decline_reason_errors(cast, reason, message):
    with pytest.raises(SampleRequestError) as exc:
        services.sample_request_decline(
            actor=cast["supplier"], request=cast["request"], reason=reason
        )
    assert errors(exc) == {"reason": [message]}


def test_decline_without_now_stamps_the_clock(cast):
    before = timezone.now()
    request = services.sample_request_decline(
        actor=cast["supplier"], request=cast["request"], reason="No"
    )
    assert before <= request.answered_at == request.closed_at <= timezone.now()


def _accepted(cast):
    return services.sample_request_accept(
        actor=cast["supplier"], request=cast["request"], shipping_estimate=TODAY, now=NOW
    )


def test_ship_records_the_tracking_number_and_tells_the_requester(cast, run_on_commit):
    request = _accepted(cast)
    number = "R" * 80
    with run_on_commit():
        services.sample_request_ship(
            actor=cast["supplier"], request=request, tracking_number=f" {number} ", now=NOW
        )
    request.refresh_from_db()
    assert (request.status, request.tracking_number, request.shipped_at) == (
        SampleStatus.SHIPPED,
        number,
        NOW,
    )
    assert trail(request)[-1] == ("sample_request.ship", cast["supplier"], {})
    assert contexts(cast["requester"])[-1] == _ctx(
        request,
        cast["requester"],
        "shipped",
        request.supplier.name,
        tracking_number=number,
        shipping_estimate=TODAY.isoformat(),
    )


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("R" * 81, "A tracking number is at most 80 characters."),
        ("   ", "This field is required."),
        (None, "This field is required."),
    ],
)
def test_ship_tracking_number_errors(cast, number, message):
    request = _accepted(cast)
    with pytest.raises(SampleRequestError) as exc:
        services.sample_request_ship(
            actor=cast["supplier"], request=request, tracking_number=number
        )
    assert errors(exc) == {"tracking_number": [message]}
    request.refresh_from_db()
    assert request.status == SampleStatus.ACCEPTED


def test_ship_without_now_stamps_the_clock(cast):
    before = timezone.now()
    request = services.sample_request_ship(
        actor=cast["supplier"], request=_accepted(cast), tracking_number="RB1"
    )
    assert before <= request.shipped_at <= timezone.now()


def _shipped(cast):
    return services.sample_request_ship(
        actor=cast["supplier"], request=_accepted(cast), tracking_number="RB1", now=NOW
    )


def test_receive_and_close_by_the_requester_tell_the_supplier(cast, run_on_commit):
    request = _shipped(cast)
    later = NOW + timedelta(days=3)
    with run_on_commit():
        services.sample_request_receive(actor=cast["requester"], request=request, now=later)
        services.sample_request_close(actor=cast["requester"], request=request, now=later)
    request.refresh_from_db()
    assert (request.status, request.received_at, request.closed_at) == (
        SampleStatus.CLOSED,
        later,
        later,
    )
    assert [t[:2] for t in trail(request)[-2:]] == [
        ("sample_request.receive", cast["requester"]),
        ("sample_request.close", cast["requester"]),
    ]
    told = contexts(cast["supplier"])
    assert [c["verb"] for c in told] == ["received", "closed"]
    assert told[0] == _ctx(
        request,
        cast["supplier"],
        "received",
        request.organisation.name,
        tracking_number="RB1",
        shipping_estimate=TODAY.isoformat(),
    )
    assert contexts(cast["requester"]) == []


def test_close_by_the_supplier_tells_the_requester(cast, run_on_commit):
    request = services.sample_request_receive(
        actor=cast["requester"], request=_shipped(cast), now=NOW
    )
    with run_on_commit():
        services.sample_request_close(actor=cast["supplier"], request=request, now=NOW)
    assert [c["verb"] for c in contexts(cast["requester"])] == ["closed"]
    assert contexts(cast["supplier"]) == []


def test_receive_and_close_without_now_stamp_the_clock(cast):
    before = timezone.now()
    request = services.sample_request_receive(actor=cast["requester"], request=_shipped(cast))
    request = services.sample_request_close(actor=cast["supplier"], request=request)
    assert before <= request.received_at <= request.closed_at <= timezone.now()


def test_cancel_records_the_date_and_tells_the_supplier(cast, run_on_commit):
    request = cast["request"]
    with run_on_commit():
        services.sample_request_cancel(actor=cast["requester"], request=request, now=NOW)
    request.refresh_from_db()
    assert (request.status, request.closed_at, request.answered_at) == (
        SampleStatus.CANCELLED,
        NOW,
        None,
    )
    assert trail(request)[-1] == ("sample_request.cancel", cast["requester"], {})
    assert contexts(cast["supplier"]) == [
        _ctx(request, cast["supplier"], "cancelled", request.organisation.name)
    ]
    assert contexts(cast["requester"]) == []


def test_cancel_without_now_stamps_the_clock(cast):
    before = timezone.now()
    request = services.sample_request_cancel(actor=cast["requester"], request=cast["request"])
    assert before <= request.closed_at <= timezone.now()


def test_a_step_too_late_says_the_state(cast):
    request = _shipped(cast)
    with pytest.raises(SampleRequestError) as exc:
        services.sample_request_cancel(actor=cast["requester"], request=request)
    assert exc.value.messages == ["This request is shipped; that is no longer possible."]


def test_a_supplier_who_is_also_the_requester_is_not_told_of_own_step(run_on_commit):
    supplier, _person = supplier_with_member()
    request = SampleRequestFactory(material=published_material(supplier=supplier))
    both = request.requester
    Membership.objects.create(organisation=supplier, user=both, role=Role.MEMBER)
    with run_on_commit():
        services.sample_request_accept(
            actor=both, request=request, shipping_estimate=TODAY, now=NOW
        )
    assert contexts(both) == []


# --- messages -------------------------------------------------------------------------------


def test_a_message_is_kept_audited_and_sent_to_the_other_side(cast, run_on_commit):
    request = cast["request"]
    with run_on_commit():
        message = services.sample_request_message_add(
            actor=cast["supplier"], request=request, body="  Blue is sold out  "
        )
    message.refresh_from_db()
    assert (message.body, message.author, message.request) == (
        "Blue is sold out",
        cast["supplier"],
        request,
    )
    assert trail(request)[-1] == ("sample_request.message", cast["supplier"], {})
    assert contexts(cast["requester"]) == [
        _ctx(request, cast["requester"], "message", request.supplier.name, text="Blue is sold out")
    ]
    assert contexts(cast["supplier"]) == []


@pytest.mark.parametrize(
    ("body", "message"),
    [(" ", "This field is required."), ("b" * 4001, "Keep it under 4000 characters.")],
)
def test_message_body_errors(cast, body, message):
    with pytest.raises(SampleRequestError) as exc:
        services.sample_request_message_add(
            actor=cast["requester"], request=cast["request"], body=body
        )
    assert errors(exc) == {"body": [message]}
    assert not cast["request"].messages.exists()


def test_a_closed_request_says_why_no_message(cast):
    request = services.sample_request_cancel(actor=cast["requester"], request=cast["request"])
    with pytest.raises(SampleRequestError) as exc:
        services.sample_request_message_add(actor=cast["requester"], request=request, body="Hi")
    assert exc.value.messages == ["This request is closed for messages."]


# --- the tick -------------------------------------------------------------------------------


def _requests(n, *, created_at):
    supplier, person = supplier_with_member()
    material = published_material(supplier=supplier)
    made = [SampleRequestFactory(material=material) for _ in range(n)]
    SampleRequest.objects.filter(pk__in=[r.pk for r in made]).update(created_at=created_at)
    return made, person


def test_tick_expires_at_exactly_seven_days_and_tells_both_sides(run_on_commit):
    made, person = _requests(2, created_at=NOW - timedelta(days=7))
    with run_on_commit():
        assert services.sample_requests_tick(now=NOW) == {"reminded": 0, "expired": 2}
    for request in made:
        request.refresh_from_db()
        assert (request.status, request.closed_at, request.reminded_at) == (
            SampleStatus.EXPIRED,
            NOW,
            None,
        )
        assert trail(request)[-1] == ("sample_request.expire", None, {})
        assert [c["verb"] for c in contexts(request.requester)] == ["expired"]
    first = made[0]
    assert contexts(first.requester) == [
        _ctx(first, first.requester, "expired", first.supplier.name)
    ]
    assert sorted(contexts(person), key=lambda c: c["number"]) == [
        _ctx(request, person, "expired", request.organisation.name) for request in made
    ]
    assert services.sample_requests_tick(now=NOW) == {"reminded": 0, "expired": 0}


def test_tick_reminds_at_exactly_three_days_once(run_on_commit):
    made, person = _requests(2, created_at=NOW - timedelta(days=3))
    young, _other = _requests(1, created_at=NOW - timedelta(days=3) + timedelta(seconds=1))
    with run_on_commit():
        assert services.sample_requests_tick(now=NOW) == {"reminded": 2, "expired": 0}
    for request in made:
        request.refresh_from_db()
        assert (request.status, request.reminded_at) == (SampleStatus.REQUESTED, NOW)
        assert trail(request)[-1] == ("sample_request.remind", None, {})
        assert contexts(request.requester) == []
    young[0].refresh_from_db()
    assert young[0].reminded_at is None
    assert sorted(contexts(person), key=lambda c: c["number"]) == [
        _ctx(request, person, "reminder", request.organisation.name) for request in made
    ]
    # Again at the same time: the two are not reminded twice, the young one is not due yet.
    assert services.sample_requests_tick(now=NOW) == {"reminded": 0, "expired": 0}


def test_tick_just_short_of_seven_days_only_reminds(run_on_commit):
    made, _person = _requests(1, created_at=NOW - timedelta(days=7) + timedelta(seconds=1))
    assert services.sample_requests_tick(now=NOW) == {"reminded": 1, "expired": 0}
    made[0].refresh_from_db()
    assert made[0].status == SampleStatus.REQUESTED


def test_tick_without_now_uses_the_clock(db):
    made, _person = _requests(1, created_at=timezone.now() - timedelta(days=8))
    before = timezone.now()
    assert services.sample_requests_tick() == {"reminded": 0, "expired": 1}
    made[0].refresh_from_db()
    assert before <= made[0].closed_at <= timezone.now()
