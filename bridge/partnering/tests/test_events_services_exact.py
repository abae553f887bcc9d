"""Matchmaking-event services, to the exact value a person sees: the slot grid in the event's own
time zone (stored in UTC), which field an error is shown at and what it says, who may do what,
both edges of the registration window (to the microsecond), the slots a person marks as
unavailable, the agenda going out, and the audit rows. Written for the mutation score of
issue 18. Nothing here notifies anyone: the meetings services do."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from bridge.accounts.models import Role
from bridge.accounts.tests.factories import OrganisationFactory
from bridge.core.models import AuditEntry
from bridge.core.tests.exact_support import NOW, trail
from bridge.partnering.models import Booking, Event, Meeting, Registration, Slot, Table
from bridge.partnering.models.events import EventStatus, MeetingStatus
from bridge.partnering.services import events as services
from bridge.partnering.tests.factories import (
    ListingFactory,
    accepted_request,
    event_made,
    member_of,
    registered,
)
from bridge.partnering.vocabulary import Status

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

TICK = timedelta(microseconds=1)
BREAKS = "Each break is a pair of times, the start before the end."
TOO_SHORT = "The day is too short for a single slot."
CLOSED = "Registration for this event is closed."
ONLY_MEMBERS = "Only members of the organisation can be registered."
OWN_LISTINGS = "Present only your organisation's published listings."
TWICE = "This person is already registered for the event."
NOT_A_SLOT = "This time is not one of the event's slots."
BOOKED = "You have a meeting at this time; cancel it first."


def fields(**changes) -> dict:
    """What staff enter for a new event: 10:00–12:00 in Tashkent (UTC+5), 30-minute slots."""
    return {
        "slug": "tashkent-b2b",
        "name_ru": "Деловые встречи",
        "name_uz": "Biznes uchrashuvlar",
        "name_en": "B2B meetings",
        "time_zone": "Asia/Tashkent",
        "first_day": date(2027, 3, 10),
        "days": 1,
        "slot_minutes": 30,
        "day_start": time(10, 0),
        "day_end": time(12, 0),
        "tables": 2,
        "registration_opens": NOW,
        "registration_closes": NOW + timedelta(days=30),
        **changes,
    }


def grid(event) -> list[tuple]:
    return [
        (s.day, s.position, s.starts_at, s.ends_at)
        for s in Slot.objects.filter(event=event).order_by("starts_at")
    ]


def tables(event) -> list[int]:
    return list(Table.objects.filter(event=event).values_list("number", flat=True))


def utc(day, hour, minute=0) -> datetime:
    return datetime(2027, 3, day, hour, minute, tzinfo=UTC)


def at_fields(caught) -> dict:
    return {
        field: [(e.message, e.code) for e in errors]
        for field, errors in caught.value.error_dict.items()
    }


def messages(caught) -> dict:
    return caught.value.message_dict


def codes(caught) -> dict:
    """The codes the API's refusal reports beside each field's message."""
    return {field: [e.code for e in errors] for field, errors in caught.value.error_dict.items()}


def unavailable(registration) -> list:
    return sorted(
        Booking.objects.filter(registration=registration, meeting__isnull=True).values_list(
            "slot__position", "slot__day"
        )
    )


def placed(event, sender, recipient, slot, table, **extra):
    meeting = Meeting.objects.create(
        event=event,
        request=accepted_request(event, sender, recipient),
        slot=slot,
        table=table,
        **extra,
    )
    if slot is not None:
        for registration in (sender, recipient):
            Booking.objects.create(registration=registration, slot=slot, meeting=meeting)
    return meeting


# --- the grid ----------------------------------------------------------------------------------


def test_the_grid_is_cut_in_the_event_zone_around_its_break_and_stored_in_utc(clock):
    event = event_made()
    # 10:00–13:00 Tashkent (UTC+5) with a break 11:30–12:00, on two days.
    day_one = [
        (0, 0, utc(10, 5), utc(10, 5, 30)),
        (0, 1, utc(10, 5, 30), utc(10, 6)),
        (0, 2, utc(10, 6), utc(10, 6, 30)),
        (0, 3, utc(10, 7), utc(10, 7, 30)),
        (0, 4, utc(10, 7, 30), utc(10, 8)),
    ]
    day_two = [(1, p, s + timedelta(days=1), e + timedelta(days=1)) for _, p, s, e in day_one]
    assert grid(event) == day_one + day_two
    assert tables(event) == [1, 2, 3]


def test_rebuilding_replaces_the_grid_and_the_tables_and_counts_the_slots(clock):
    event = event_made()
    old = set(Slot.objects.filter(event=event).values_list("pk", flat=True))
    event.days, event.tables, event.breaks = 1, 2, []
    event.time_zone = "Europe/Moscow"
    assert services.event_grid_build(event=event) == 6
    assert grid(event)[0] == (0, 0, utc(10, 7), utc(10, 7, 30))
    assert grid(event)[-1] == (0, 5, utc(10, 9, 30), utc(10, 10))
    assert not old & set(Slot.objects.filter(event=event).values_list("pk", flat=True))
    assert tables(event) == [1, 2]


def test_a_day_of_summer_time_keeps_the_local_hours(clock):
    # Berlin goes from UTC+1 to UTC+2 in the night to 28 March 2027.
    event = event_made(
        time_zone="Europe/Berlin",
        first_day=date(2027, 3, 27),
        day_start=time(10, 0),
        day_end=time(10, 30),
        breaks=[],
    )
    assert grid(event) == [
        (0, 0, utc(27, 9), utc(27, 9, 30)),
        (1, 0, utc(28, 8), utc(28, 8, 30)),
    ]


def test_a_day_exactly_one_slot_long_holds_that_slot(clock):
    event = event_made()
    event.days, event.breaks, event.day_end = 1, [], time(10, 30)
    assert services.event_grid_build(event=event) == 1
    assert grid(event) == [(0, 0, utc(10, 5), utc(10, 5, 30))]


def test_a_day_a_minute_short_of_a_slot_is_refused_at_its_end(clock):
    event = event_made()
    event.days, event.breaks, event.day_end = 1, [], time(10, 29)
    with pytest.raises(ValidationError) as caught:
        services.event_grid_build(event=event)
    assert at_fields(caught) == {"day_end": [(TOO_SHORT, None)]}
    assert len(grid(event)) == 10


def test_a_break_over_the_whole_day_leaves_no_slot_and_the_grid_in_place(clock):
    event = event_made()
    before = grid(event)
    event.breaks = [["09:00", "14:00"]]
    with pytest.raises(ValidationError) as caught:
        services.event_grid_build(event=event)
    assert messages(caught) == {"day_end": [TOO_SHORT]}
    assert grid(event) == before and tables(event) == [1, 2, 3]


@pytest.mark.parametrize(
    "breaks",
    [
        [["12:00", "11:30"]],
        [["11:30", "11:30"]],
        [["11:30"]],
        [["11:30", "12:00", "12:30"]],
        [["noon", "13:00"]],
        [[None, "13:00"]],
        ["11:30-12:00"],
        5,
    ],
)
def test_a_break_that_is_not_a_start_before_its_end_is_refused_at_breaks(clock, breaks):
    event = event_made()
    before = grid(event)
    event.breaks = breaks
    with pytest.raises(ValidationError) as caught:
        services.event_grid_build(event=event)
    assert messages(caught) == {"breaks": [BREAKS]}
    assert grid(event) == before


# --- creating and publishing -------------------------------------------------------------------


def test_staff_create_a_draft_event_with_its_grid_and_an_audit_row(clock, moderator):
    event = services.event_create(actor=moderator, **fields())
    event.refresh_from_db()
    assert (event.slug, event.status, event.created_at) == ("tashkent-b2b", "draft", NOW)
    assert grid(event) == [
        (0, 0, utc(10, 5), utc(10, 5, 30)),
        (0, 1, utc(10, 5, 30), utc(10, 6)),
        (0, 2, utc(10, 6), utc(10, 6, 30)),
        (0, 3, utc(10, 6, 30), utc(10, 7)),
    ]
    assert tables(event) == [1, 2]
    assert trail(event) == [("event.create", moderator, {})]


@pytest.mark.parametrize("who", ["analyst", "member", "anonymous"])
def test_only_staff_who_run_events_may_create_one(clock, who, analyst, member):
    actor = {"analyst": analyst, "member": member, "anonymous": AnonymousUser()}[who]
    with pytest.raises(PermissionDenied):
        services.event_create(actor=actor, **fields())
    assert not Event.objects.exists() and not AuditEntry.objects.exists()


def test_an_unknown_time_zone_is_refused_at_its_field(clock, moderator):
    with pytest.raises(ValidationError) as caught:
        services.event_create(actor=moderator, **fields(time_zone="Mars/Olympus_Mons"))
    assert at_fields(caught) == {"time_zone": [("Unknown time zone.", "timezone")]}
    assert not Event.objects.exists()


def test_a_day_too_short_for_a_slot_creates_nothing(clock, moderator):
    with pytest.raises(ValidationError) as caught:
        services.event_create(actor=moderator, **fields(day_end=time(10, 29)))
    assert messages(caught) == {"day_end": [TOO_SHORT]}
    assert not Event.objects.exists() and not Slot.objects.exists()
    assert not AuditEntry.objects.exists()


def test_bad_breaks_create_nothing(clock, moderator):
    with pytest.raises(ValidationError) as caught:
        services.event_create(actor=moderator, **fields(breaks=[["11:00", "10:30"]]))
    assert messages(caught) == {"breaks": [BREAKS]}
    assert not Event.objects.exists() and not AuditEntry.objects.exists()


def test_publishing_a_draft_opens_it_and_is_audited(clock, moderator):
    draft = services.event_create(actor=moderator, **fields())
    published = services.event_publish(actor=moderator, event=draft)
    assert published.status == EventStatus.PUBLISHED
    draft.refresh_from_db()
    assert draft.status == EventStatus.PUBLISHED
    assert trail(draft) == [("event.create", moderator, {}), ("event.publish", moderator, {})]
    assert len(grid(draft)) == 4


def test_publishing_a_draft_without_a_grid_builds_it(clock, moderator):
    draft = event_made(status=EventStatus.DRAFT, days=1)
    Slot.objects.filter(event=draft).delete()
    services.event_publish(actor=moderator, event=draft)
    assert len(grid(draft)) == 5 and tables(draft) == [1, 2, 3]


def test_publishing_keeps_an_existing_grid(clock, moderator):
    draft = event_made(status=EventStatus.DRAFT)
    before = list(Slot.objects.filter(event=draft).values_list("pk", flat=True))
    services.event_publish(actor=moderator, event=draft)
    assert list(Slot.objects.filter(event=draft).values_list("pk", flat=True)) == before


def test_a_draft_whose_grid_cannot_be_built_stays_a_draft(clock, moderator):
    draft = event_made(status=EventStatus.DRAFT)
    Slot.objects.filter(event=draft).delete()
    Event.objects.filter(pk=draft.pk).update(breaks=[["13:00", "12:00"]])
    with pytest.raises(ValidationError) as caught:
        services.event_publish(actor=moderator, event=draft)
    assert messages(caught) == {"breaks": [BREAKS]}
    draft.refresh_from_db()
    assert draft.status == EventStatus.DRAFT and not trail(draft)


@pytest.mark.parametrize("status", [EventStatus.PUBLISHED, EventStatus.AGENDA])
def test_an_event_is_published_once(clock, moderator, status):
    event = event_made(status=status)
    with pytest.raises(ValidationError) as caught:
        services.event_publish(actor=moderator, event=event)
    assert (caught.value.messages, caught.value.code) == (
        ["This event is already published."],
        "published",
    )
    event.refresh_from_db()
    assert event.status == status and not trail(event)


def test_the_status_is_read_from_the_database_not_the_page(clock, moderator):
    event = event_made()
    event.status = EventStatus.DRAFT  # a page read before another staff member published it
    with pytest.raises(ValidationError):
        services.event_publish(actor=moderator, event=event)


def test_only_staff_who_run_events_may_publish_one(clock, analyst):
    draft = event_made(status=EventStatus.DRAFT)
    with pytest.raises(PermissionDenied):
        services.event_publish(actor=analyst, event=draft)
    draft.refresh_from_db()
    assert draft.status == EventStatus.DRAFT and not trail(draft)


# --- the registration window -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "status", "expected"),
    [
        (-TICK, EventStatus.PUBLISHED, False),
        (timedelta(0), EventStatus.PUBLISHED, True),
        (timedelta(days=1), EventStatus.AGENDA, True),
        (timedelta(days=1), EventStatus.DRAFT, False),
    ],
    ids=["before-it-opens", "as-it-opens", "agenda-out", "draft"],
)
def test_registration_is_open_from_its_opening_on(clock, offset, status, expected):
    event = event_made(
        status=status, registration_opens=NOW, registration_closes=NOW + timedelta(days=2)
    )
    assert services.registration_open(event, now=NOW + offset) is expected


@pytest.mark.parametrize(("offset", "expected"), [(-TICK, True), (timedelta(0), False)])
def test_registration_closes_at_its_closing_moment(clock, offset, expected):
    event = event_made(registration_opens=NOW - timedelta(days=2), registration_closes=NOW)
    assert services.registration_open(event, now=NOW + offset) is expected


def test_without_a_moment_the_window_is_read_at_the_clock(clock):
    event = event_made(registration_opens=NOW, registration_closes=NOW + timedelta(hours=1))
    assert services.registration_open(event) is True
    clock["now"] = NOW + timedelta(hours=1)
    assert services.registration_open(event) is False
    clock["now"] = NOW - TICK
    assert services.registration_open(event) is False


# --- registering -------------------------------------------------------------------------------


@pytest.fixture
def ru_listing(ru_org, ru_owner):
    return ListingFactory(organisation=ru_org, author=ru_owner)


def test_a_member_registers_themself_with_their_listings_and_it_is_audited(
    clock, event, ru_org, ru_owner, ru_listing
):
    second = ListingFactory(organisation=ru_org, author=ru_owner)
    registration = services.registration_create(
        actor=ru_owner, event=event, organisation=ru_org, listings=[ru_listing, second]
    )
    registration.refresh_from_db()
    assert (registration.event, registration.person, registration.organisation) == (
        event,
        ru_owner,
        ru_org,
    )
    assert set(registration.listings.all()) == {ru_listing, second}
    assert (registration.checked_in_at, registration.created_at) == (None, NOW)
    assert trail(registration) == [("event.register", ru_owner, {"event": event.pk})]


def test_a_member_registers_a_colleague_without_listings(clock, event, ru_org, ru_owner):
    colleague = member_of(ru_org, Role.MEMBER)
    registration = services.registration_create(
        actor=ru_owner, event=event, organisation=ru_org, person=colleague
    )
    assert registration.person == colleague
    assert list(registration.listings.all()) == []
    assert trail(registration) == [("event.register", ru_owner, {"event": event.pk})]


@pytest.mark.parametrize("who", ["outsider", "uz_owner", "moderator"])
def test_only_members_may_register_for_the_organisation(
    clock, event, ru_org, who, outsider, uz_owner, moderator
):
    actor = {"outsider": outsider, "uz_owner": uz_owner, "moderator": moderator}[who]
    with pytest.raises(PermissionDenied):
        services.registration_create(actor=actor, event=event, organisation=ru_org, person=actor)
    assert not Registration.objects.exists() and not AuditEntry.objects.exists()


def test_a_person_outside_the_organisation_cannot_be_registered_by_a_member(
    clock, event, ru_org, ru_owner, uz_owner
):
    with pytest.raises(ValidationError) as caught:
        services.registration_create(
            actor=ru_owner, event=event, organisation=ru_org, person=uz_owner
        )
    assert messages(caught) == {"person": [ONLY_MEMBERS]}
    assert not Registration.objects.exists()


def test_the_person_is_checked_before_the_window(clock, ru_org, ru_owner, uz_owner):
    closed = event_made(registration_opens=NOW - timedelta(days=2), registration_closes=NOW)
    with pytest.raises(ValidationError) as caught:
        services.registration_create(
            actor=ru_owner, event=closed, organisation=ru_org, person=uz_owner
        )
    assert messages(caught) == {"person": [ONLY_MEMBERS]}


@pytest.mark.parametrize(
    "window",
    [
        {"registration_opens": NOW + TICK, "registration_closes": NOW + timedelta(days=1)},
        {"registration_opens": NOW - timedelta(days=1), "registration_closes": NOW},
        {"status": EventStatus.DRAFT},
    ],
    ids=["not-yet-open", "just-closed", "draft"],
)
def test_registration_outside_the_window_is_refused(clock, ru_org, ru_owner, ru_listing, window):
    event = event_made(**window)
    with pytest.raises(ValidationError) as caught:
        services.registration_create(
            actor=ru_owner, event=event, organisation=ru_org, listings=[ru_listing]
        )
    assert (caught.value.messages, caught.value.code) == ([CLOSED], "closed")
    assert not Registration.objects.exists() and not AuditEntry.objects.exists()


def test_registration_at_the_last_microsecond_is_accepted(clock, ru_org, ru_owner):
    event = event_made(registration_opens=NOW, registration_closes=NOW + TICK)
    assert services.registration_create(actor=ru_owner, event=event, organisation=ru_org)


@pytest.mark.parametrize("which", ["other-organisation", "draft", "archived"])
def test_only_the_organisation_s_published_listings_may_be_presented(
    clock, event, ru_org, ru_owner, ru_listing, uz_org, which
):
    other = {
        "other-organisation": lambda: ListingFactory(organisation=uz_org),
        "draft": lambda: ListingFactory(organisation=ru_org, status=Status.DRAFT),
        "archived": lambda: ListingFactory(organisation=ru_org, status=Status.ARCHIVED),
    }[which]()
    with pytest.raises(ValidationError) as caught:
        services.registration_create(
            actor=ru_owner, event=event, organisation=ru_org, listings=[ru_listing, other]
        )
    assert messages(caught) == {"listings": [OWN_LISTINGS]}
    assert not Registration.objects.exists() and not AuditEntry.objects.exists()


def test_a_person_registers_once_per_event(clock, event, ru, ru_org, ru_owner, ru_listing):
    with pytest.raises(ValidationError) as caught:
        services.registration_create(
            actor=ru_owner, event=event, organisation=ru_org, listings=[ru_listing]
        )
    assert messages(caught) == {"person": [TWICE]}
    assert list(Registration.objects.all()) == [ru]
    assert list(ru.listings.all()) == [] and not AuditEntry.objects.exists()


def test_the_same_person_may_register_for_another_event(clock, event, ru, ru_org, ru_owner):
    other = event_made()
    again = services.registration_create(actor=ru_owner, event=other, organisation=ru_org)
    assert again.event == other and Registration.objects.count() == 2


# --- the listings a registration presents ------------------------------------------------------


def test_a_member_replaces_the_presented_listings(clock, ru, ru_org, ru_owner, ru_listing):
    first = ListingFactory(organisation=ru_org)
    ru.listings.set([first])
    colleague = member_of(ru_org, Role.MEMBER)
    returned = services.registration_listings_set(
        actor=colleague, registration=ru, listings=iter([ru_listing])
    )
    assert returned == ru
    assert list(ru.listings.all()) == [ru_listing]
    assert not AuditEntry.objects.exists()


def test_presenting_nothing_clears_the_listings(clock, ru, ru_owner, ru_listing):
    ru.listings.set([ru_listing])
    services.registration_listings_set(actor=ru_owner, registration=ru, listings=[])
    assert list(ru.listings.all()) == []


@pytest.mark.parametrize("who", ["uz_owner", "moderator", "outsider"])
def test_only_members_change_the_presented_listings(
    clock, ru, ru_listing, who, uz_owner, moderator, outsider
):
    ru.listings.set([ru_listing])
    actor = {"uz_owner": uz_owner, "moderator": moderator, "outsider": outsider}[who]
    with pytest.raises(PermissionDenied):
        services.registration_listings_set(actor=actor, registration=ru, listings=[])
    assert list(ru.listings.all()) == [ru_listing]


@pytest.mark.parametrize("which", ["other-organisation", "pending"])
def test_foreign_or_unpublished_listings_leave_the_presented_ones(
    clock, ru, ru_org, ru_owner, ru_listing, uz_org, which
):
    ru.listings.set([ru_listing])
    other = (
        ListingFactory(organisation=uz_org)
        if which == "other-organisation"
        else ListingFactory(organisation=ru_org, status=Status.PENDING)
    )
    with pytest.raises(ValidationError) as caught:
        services.registration_listings_set(actor=ru_owner, registration=ru, listings=[other])
    assert messages(caught) == {"listings": [OWN_LISTINGS]}
    assert list(ru.listings.all()) == [ru_listing]


# --- slots -------------------------------------------------------------------------------------


def test_a_slot_is_found_by_its_id_as_a_number_or_text(clock, event):
    slot = event.slots.order_by("starts_at")[2]
    assert services.event_slot(event, slot.pk) == slot
    assert services.event_slot(event, str(slot.pk)) == slot


@pytest.mark.parametrize("given", ["another-event", "missing", "text", "none"])
def test_a_slot_outside_the_event_is_refused_at_slot(clock, event, given):
    other = event_made()
    slot_id = {
        "another-event": lambda: other.slots.first().pk,
        "missing": lambda: Slot.objects.order_by("-pk").first().pk + 1,
        "text": lambda: "ten o'clock",
        "none": lambda: None,
    }[given]()
    with pytest.raises(ValidationError) as caught:
        services.event_slot(event, slot_id)
    assert messages(caught) == {"slot": [NOT_A_SLOT]}
    assert codes(caught) == {"slot": ["grid"]}


def slot_ids(event, *positions, day=0):
    return [event.slots.get(day=day, position=p).pk for p in positions]


def test_the_person_marks_slots_unavailable_and_frees_them_again(clock, event, ru, ru_owner):
    returned = services.slots_unavailable_set(
        actor=ru_owner, registration=ru, slot_ids=slot_ids(event, 0, 3), unavailable=True
    )
    assert returned == ru
    assert unavailable(ru) == [(0, 0), (3, 0)]
    services.slots_unavailable_set(
        actor=ru_owner, registration=ru, slot_ids=slot_ids(event, 3), unavailable=False
    )
    assert unavailable(ru) == [(0, 0)]
    assert not AuditEntry.objects.exists()


def test_marking_a_slot_again_keeps_one_booking(clock, event, ru, ru_owner):
    services.slots_unavailable_set(
        actor=ru_owner, registration=ru, slot_ids=slot_ids(event, 1), unavailable=True
    )
    services.slots_unavailable_set(
        actor=ru_owner, registration=ru, slot_ids=slot_ids(event, 1, 2), unavailable=True
    )
    assert unavailable(ru) == [(1, 0), (2, 0)]
    assert Booking.objects.filter(registration=ru).count() == 2


def test_a_colleague_marks_slots_for_the_person_and_only_for_them(clock, event, ru, uz, ru_org):
    colleague = member_of(ru_org, Role.MEMBER)
    services.slots_unavailable_set(
        actor=colleague, registration=ru, slot_ids=slot_ids(event, 4, day=1), unavailable=True
    )
    assert unavailable(ru) == [(4, 1)] and unavailable(uz) == []


def test_a_slot_named_twice_is_marked_once(clock, event, ru, ru_owner):
    """A form (`slot=5&slot=5`) or a script may repeat one; it was inserted twice (a 500)."""
    [first] = slot_ids(event, 0)
    services.slots_unavailable_set(
        actor=ru_owner, registration=ru, slot_ids=[first, str(first)], unavailable=True
    )
    assert unavailable(ru) == [(0, 0)]


@pytest.mark.parametrize("who", ["uz_owner", "moderator", "outsider"])
def test_others_may_not_mark_a_person_s_slots(clock, event, ru, who, uz_owner, moderator, outsider):
    actor = {"uz_owner": uz_owner, "moderator": moderator, "outsider": outsider}[who]
    with pytest.raises(PermissionDenied):
        services.slots_unavailable_set(
            actor=actor, registration=ru, slot_ids=slot_ids(event, 0), unavailable=True
        )
    assert not Booking.objects.exists()


def test_the_registered_person_may_act_after_leaving_the_organisation(
    clock, event, ru_org, outsider
):
    registration = registered(event, ru_org, outsider)
    services.slots_unavailable_set(
        actor=outsider, registration=registration, slot_ids=slot_ids(event, 0), unavailable=True
    )
    assert unavailable(registration) == [(0, 0)]


def test_a_slot_with_a_meeting_cannot_be_marked_and_nothing_else_is(clock, event, ru, uz, ru_owner):
    booked, free = slot_ids(event, 2, 3)
    placed(event, ru, uz, Slot.objects.get(pk=booked), event.table_set.first())
    with pytest.raises(ValidationError) as caught:
        services.slots_unavailable_set(
            actor=ru_owner, registration=ru, slot_ids=[free, booked], unavailable=True
        )
    assert messages(caught) == {"slot": [BOOKED]}
    assert codes(caught) == {"slot": ["booked"]}
    assert unavailable(ru) == []


def test_freeing_slots_keeps_the_meetings_in_them(clock, event, ru, uz, ru_owner):
    booked, free = slot_ids(event, 2, 3)
    meeting = placed(event, ru, uz, Slot.objects.get(pk=booked), event.table_set.first())
    Booking.objects.create(registration=ru, slot_id=free)
    services.slots_unavailable_set(
        actor=ru_owner, registration=ru, slot_ids=[booked, free], unavailable=False
    )
    assert unavailable(ru) == []
    assert list(Booking.objects.filter(registration=ru).values_list("slot", "meeting")) == [
        (booked, meeting.pk)
    ]


def test_a_slot_of_another_event_is_refused_and_nothing_is_marked(clock, event, ru, ru_owner):
    other = event_made()
    with pytest.raises(ValidationError) as caught:
        services.slots_unavailable_set(
            actor=ru_owner,
            registration=ru,
            slot_ids=[*slot_ids(event, 0), other.slots.first().pk],
            unavailable=True,
        )
    assert messages(caught) == {"slot": [NOT_A_SLOT]}
    assert not Booking.objects.exists()


# --- the agenda --------------------------------------------------------------------------------


def test_publishing_the_agenda_shows_the_placed_meetings_once(clock, event, ru, uz, moderator):
    kz = registered(event, OrganisationFactory(country="KZ"))
    first, second = (event.slots.get(day=0, position=p) for p in (0, 1))
    table = event.table_set.get(number=1)
    waiting = placed(event, ru, uz, first, table, sequence=2)
    shown = placed(event, kz, uz, second, table, published=True, sequence=5)
    unplaced = placed(event, ru, kz, None, None)
    clock["now"] = NOW + timedelta(hours=1)
    assert services.agenda_publish(actor=moderator, event=event) == 1
    rows = {m.pk: (m.published, m.sequence, m.updated_at) for m in Meeting.objects.all()}
    assert rows[waiting.pk] == (True, 3, NOW + timedelta(hours=1))
    assert rows[shown.pk] == (True, 5, NOW)
    assert rows[unplaced.pk] == (False, 0, NOW)
    event.refresh_from_db()
    assert event.status == EventStatus.AGENDA
    assert trail(event) == [("event.agenda_publish", moderator, {"meetings": 1})]


def test_a_meeting_cancelled_before_the_agenda_is_not_published(clock, event, ru, uz, moderator):
    first, second = (event.slots.get(day=0, position=p) for p in (0, 1))
    table = event.table_set.get(number=1)
    kept = placed(event, ru, uz, first, table)
    called_off = placed(event, uz, ru, second, table, status=MeetingStatus.CANCELLED)
    assert services.agenda_publish(actor=moderator, event=event) == 1
    rows = dict(Meeting.objects.values_list("pk", "published"))
    assert rows == {kept.pk: True, called_off.pk: False}
    assert trail(event) == [("event.agenda_publish", moderator, {"meetings": 1})]


def test_publishing_the_agenda_again_publishes_what_was_placed_since(
    clock, event, ru, uz, moderator
):
    assert services.agenda_publish(actor=moderator, event=event) == 0
    placed(event, ru, uz, event.slots.first(), event.table_set.first())
    assert services.agenda_publish(actor=moderator, event=event) == 1
    assert trail(event) == [
        ("event.agenda_publish", moderator, {"meetings": 0}),
        ("event.agenda_publish", moderator, {"meetings": 1}),
    ]


def test_the_agenda_of_a_draft_is_refused(clock, moderator):
    draft = event_made(status=EventStatus.DRAFT)
    with pytest.raises(ValidationError) as caught:
        services.agenda_publish(actor=moderator, event=draft)
    assert (caught.value.messages, caught.value.code) == (["Publish the event first."], "draft")
    draft.refresh_from_db()
    assert draft.status == EventStatus.DRAFT and not trail(draft)


def test_only_staff_who_run_events_publish_the_agenda(clock, event, ru, uz, analyst):
    meeting = placed(event, ru, uz, event.slots.first(), event.table_set.first())
    with pytest.raises(PermissionDenied):
        services.agenda_publish(actor=analyst, event=event)
    meeting.refresh_from_db()
    event.refresh_from_db()
    assert (meeting.published, meeting.sequence) == (False, 0)
    assert event.status == EventStatus.PUBLISHED and not trail(event)


# --- checking in -------------------------------------------------------------------------------


def test_staff_check_a_person_in_once_and_each_check_in_is_audited(clock, ru, moderator):
    services.registration_check_in(actor=moderator, registration=ru)
    clock["now"] = NOW + timedelta(minutes=5)
    returned = services.registration_check_in(actor=moderator, registration=ru)
    assert returned.checked_in_at == NOW
    ru.refresh_from_db()
    assert ru.checked_in_at == NOW
    assert trail(ru) == [("event.check_in", moderator, {}), ("event.check_in", moderator, {})]


@pytest.mark.parametrize("who", ["person", "analyst"])
def test_only_staff_who_run_events_check_people_in(clock, ru, ru_owner, analyst, who):
    actor = ru_owner if who == "person" else analyst
    with pytest.raises(PermissionDenied):
        services.registration_check_in(actor=actor, registration=ru)
    ru.refresh_from_db()
    assert ru.checked_in_at is None and not trail(ru)
