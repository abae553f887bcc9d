"""Event services, to the exact value a person sees: which field an error is shown at and what it
says, who may run events (and that a refusal changes nothing), the stamps and statuses each step
records, the audit rows, the waitlist's order and both sides of every limit (places, the start of
the event), and who is told what in which language. Written for the mutation score of issue 18."""

from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import translation

from bridge.accounts.models import Sector
from bridge.accounts.tests.factories import UserFactory
from bridge.core.models import AuditEntry
from bridge.core.tests.exact_support import NOW, recorded_notifications, trail
from bridge.knowledge import notifications
from bridge.knowledge.models import Event, EventStatus, Registration, RegistrationStatus
from bridge.knowledge.services import events as services
from bridge.knowledge.tests.factories import EventFactory, RegistrationFactory
from bridge.search.selectors import search

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

START = NOW + timedelta(days=3)  # 4 June 2026, 14:30 in Tashkent
MICROSECOND = timedelta(microseconds=1)
CONFIRMED, WAITLISTED, CANCELLED = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.CANCELLED,
)


@pytest.fixture
def told(monkeypatch):
    """Each e-mail the knowledge app sends: (to, template, context, language)."""
    return recorded_notifications(monkeypatch, notifications)


def workshop(**change) -> dict:
    return {
        "kind": "workshop",
        "title_ru": "Мастерская",
        "language": "ru",
        "starts_at": START,
        "ends_at": START + timedelta(hours=2),
        "timezone": "Asia/Tashkent",
        "online": False,
        "venue": "Ташкент, IT Park",
        "capacity": 20,
        "themes": ["suzani"],
        **change,
    }


def create(actor, **change) -> Event:
    return services.event_save(actor=actor, **workshop(**change))


def stored(event: Event) -> Event:
    return Event.objects.get(pk=event.pk)


def statuses(event: Event) -> list[str]:
    return list(event.registrations.order_by("id").values_list("status", flat=True))


def register(event, person) -> Registration:
    return services.registration_create(actor=person, event=event)


def context(event, person, language="en", **extra) -> dict:
    """What the e-mail about ``event`` shows ``person``, made in their language."""
    with translation.override(language):
        made = {**notifications.event_context(event, person, language), **extra}
    return {key: str(value) for key, value in made.items()}


@pytest.fixture
def webinar(clock):
    """Published, online, two places, a week ahead."""
    return EventFactory(
        capacity=2,
        title_en="Exporting games",
        starts_at=NOW + timedelta(days=7),
        timezone="Asia/Tashkent",
        join_url="https://meet.example/room",
    )


# --- creating and changing an event ---------------------------------------------------------


def test_a_programme_manager_creates_a_draft_with_exact_values(events_manager, clock, told):
    games = Sector.objects.get(code="games")
    event = create(events_manager, sectors=[games])
    event = stored(event)
    assert (event.kind, event.title_ru, event.title_uz, event.title_en) == (
        "workshop",
        "Мастерская",
        "",
        "",
    )
    assert (event.starts_at, event.ends_at, event.timezone) == (
        START,
        START + timedelta(hours=2),
        "Asia/Tashkent",
    )
    assert (event.online, event.venue, event.join_url, event.capacity, event.themes) == (
        False,
        "Ташкент, IT Park",
        "",
        20,
        ["suzani"],
    )
    assert (event.status, event.created_by, event.slug) == (
        EventStatus.DRAFT,
        events_manager,
        "masterskaya-2026-06-04",
    )
    assert (event.created_at, event.updated_at) == (NOW, NOW)
    assert list(event.sectors.all()) == [games]
    assert trail(event) == [("knowledge.event_create", events_manager, {})]
    assert told == []
    assert search(key="events", q="мастерская").count == 0  # a draft is not in the calendar


@pytest.mark.parametrize(
    ("titles", "slug"),
    [
        ({"title_en": "Game Jam", "title_ru": "Геймджем", "title_uz": "O'yin"}, "game-jam"),
        ({"title_en": "", "title_ru": "Геймджем", "title_uz": "Oyin"}, "geymdzhem"),
        ({"title_en": "", "title_ru": "", "title_uz": "Oyin kuni"}, "oyin-kuni"),
        ({"title_ru": "!!!"}, "event"),  # nothing sluggable left
        ({"title_ru": "a" * 69 + " bcd"}, "a" * 69),  # cut to 70, the trailing dash dropped
    ],
)
def test_the_address_is_the_english_else_russian_else_uzbek_title_and_the_day(
    events_manager, clock, titles, slug
):
    event = create(events_manager, **titles)
    assert event.slug == f"{slug}-2026-06-04"


@pytest.mark.parametrize(("zone", "day"), [("Asia/Tashkent", "2026-06-05"), ("UTC", "2026-06-04")])
def test_the_address_carries_the_day_in_the_events_own_zone(events_manager, clock, zone, day):
    """20:00 UTC on 4 June is 01:00 on 5 June in Tashkent."""
    late = datetime(2026, 6, 4, 20, 0, tzinfo=UTC)
    event = create(events_manager, starts_at=late, ends_at=late + timedelta(hours=1), timezone=zone)
    assert event.slug == f"masterskaya-{day}"


def test_a_taken_address_gets_a_short_random_tail(events_manager, clock):
    first = create(events_manager)
    second = create(events_manager)
    assert first.slug == "masterskaya-2026-06-04"
    base, tail = second.slug.rsplit("-", 1)
    assert base == "masterskaya-2026-06-04"
    assert len(tail) == 3 and set(tail) <= set("abcdefghijkmnpqrstuvwxyz23456789")


def test_a_change_is_audited_keeps_the_address_and_leaves_sectors_unless_given(
    events_manager, clock, told
):
    games = Sector.objects.get(code="games")
    event = create(events_manager, sectors=[games])
    clock["now"] = NOW + timedelta(hours=1)
    changed = services.event_save(
        actor=events_manager, event=event, title_en="Workshop", capacity=5, online=True
    )
    event = stored(changed)
    assert (event.title_en, event.title_ru, event.capacity, event.online) == (
        "Workshop",
        "Мастерская",
        5,
        True,
    )
    assert (event.slug, event.created_at, event.updated_at) == (
        "masterskaya-2026-06-04",
        NOW,
        NOW + timedelta(hours=1),
    )
    assert list(event.sectors.all()) == [games]
    services.event_save(actor=events_manager, event=event, sectors=[])
    assert list(event.sectors.all()) == []
    assert [action for action, _actor, _data in trail(event)] == [
        "knowledge.event_create",
        "knowledge.event_update",
        "knowledge.event_update",
    ]
    assert told == []


def test_sectors_may_be_given_as_codes_and_an_unknown_one_is_refused_at_its_field(
    events_manager, clock
):
    event = create(events_manager, sectors=["games", "fashion"])
    assert sorted(event.sectors.values_list("code", flat=True)) == ["fashion", "games"]
    with pytest.raises(ValidationError) as excinfo:
        services.event_save(actor=events_manager, event=event, sectors=["games", "knitting"])
    assert excinfo.value.message_dict == {"sectors": ["Choose sectors from the list."]}
    assert sorted(stored(event).sectors.values_list("code", flat=True)) == ["fashion", "games"]
    with pytest.raises(ValidationError) as excinfo:
        create(events_manager, title_ru="Другая", sectors=["knitting"])
    assert excinfo.value.message_dict == {"sectors": ["Choose sectors from the list."]}
    assert Event.objects.count() == 1


def test_a_field_the_service_does_not_know_is_refused_and_nothing_is_saved(events_manager):
    with pytest.raises(TypeError) as excinfo:
        create(events_manager, status="published", slug="mine")
    assert str(excinfo.value) == "unknown event fields ['slug', 'status']"
    assert not Event.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("who", ["member", "outsider", "staff", "anonymous"])
def test_only_programme_managers_create_change_publish_and_cancel(request, who, clock, told):
    actor = {
        "anonymous": AnonymousUser,
        "staff": lambda: UserFactory(is_staff=True),  # staff without the events permission
    }.get(who, lambda: request.getfixturevalue(who))()
    event = EventFactory(status=EventStatus.DRAFT, capacity=3)
    with pytest.raises(PermissionDenied):
        create(actor)
    with pytest.raises(PermissionDenied):
        services.event_save(actor=actor, event=event, capacity=9)
    with pytest.raises(PermissionDenied):
        services.event_publish(actor=actor, event=event)
    with pytest.raises(PermissionDenied):
        services.event_cancel(actor=actor, event=event)
    assert list(Event.objects.values_list("pk", "status", "capacity")) == [
        (event.pk, EventStatus.DRAFT, 3)
    ]
    assert not AuditEntry.objects.exists()
    assert told == []


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        (
            {"title_ru": ""},
            {"title_ru": ["Give the event a title in at least one language."]},
        ),
        ({"timezone": "Mars/Base"}, {"timezone": ["Unknown time zone."]}),
        ({"timezone": "../etc/passwd"}, {"timezone": ["Unknown time zone."]}),
        (
            {"ends_at": START - MICROSECOND},
            {"ends_at": ["The event must end after it starts."]},
        ),
        ({"venue": ""}, {"venue": ["Say where the event takes place."]}),
        ({"themes": ["silk", "afandi"]}, {"themes": ["These are not heritage themes: silk."]}),
        (
            {"capacity": 0},
            {"capacity": ["Ensure this value is greater than or equal to 1."]},
        ),
        (
            {"title_en": "x" * 201},
            {"title_en": ["Ensure this value has at most 200 characters (it has 201)."]},
        ),
        ({"online": True, "join_url": "not a link"}, {"join_url": ["Enter a valid URL."]}),
        ({"kind": "poem"}, {"kind": ["Value 'poem' is not a valid choice."]}),
        (
            {"title_ru": "", "venue": "", "timezone": "Nowhere"},
            {
                "title_ru": ["Give the event a title in at least one language."],
                "timezone": ["Unknown time zone."],
                "venue": ["Say where the event takes place."],
            },
        ),
    ],
)
def test_bad_details_are_refused_at_their_field_and_nothing_is_saved(
    events_manager, clock, told, change, errors
):
    with pytest.raises(ValidationError) as excinfo:
        create(events_manager, **change)
    assert excinfo.value.message_dict == errors
    assert not Event.objects.exists()
    assert not AuditEntry.objects.exists()


def test_more_than_twelve_themes_are_refused_and_repeats_count_once(
    events_manager, committed_thesaurus
):
    heritage = sorted(committed_thesaurus.heritage_ids)[:11]
    with pytest.raises(ValidationError) as excinfo:
        create(events_manager, themes=[*heritage, "silk"])
    assert excinfo.value.message_dict == {"themes": ["These are not heritage themes: silk."]}
    with pytest.raises(ValidationError) as excinfo:
        create(events_manager, themes=[*heritage, "silk", "tea"])
    assert excinfo.value.message_dict == {
        "themes": ["These are not heritage themes: silk, tea.", "Choose at most 12."]
    }
    assert create(events_manager, themes=heritage).themes == heritage


def test_a_repeated_theme_is_stored_once(events_manager, clock):
    created = create(events_manager, themes=["ikat", "suzani", "ikat"])
    assert created.themes == ["ikat", "suzani"]
    assert type(created).objects.get(pk=created.pk).themes == ["ikat", "suzani"]


@pytest.mark.parametrize(
    "change",
    [
        {"ends_at": START},  # ending as it starts is allowed
        {"capacity": 1},
        {"title_en": "x" * 200},
        {"title_ru": "", "title_uz": "Ustaxona"},
        {"title_ru": "", "title_en": "Workshop"},
        {"online": True, "venue": "", "join_url": ""},  # a draft may wait for its link
        {"themes": []},
    ],
)
def test_the_last_allowed_values_are_saved(events_manager, clock, change):
    event = stored(create(events_manager, **change))
    for name, value in change.items():
        assert getattr(event, name) == value


def test_a_published_online_event_must_keep_its_link(events_manager, clock):
    event = EventFactory(online=True, join_url="https://meet.example/a")
    with pytest.raises(ValidationError) as excinfo:
        services.event_save(actor=events_manager, event=event, join_url="")
    assert excinfo.value.message_dict == {
        "join_url": ["An online event needs the link people join by."]
    }
    assert stored(event).join_url == "https://meet.example/a"
    offline = EventFactory(online=False, venue="Hall", join_url="")
    assert services.event_save(actor=events_manager, event=offline, capacity=3).capacity == 3


def test_a_changed_published_event_is_found_by_its_new_title(events_manager, webinar, clock):
    services.event_save(actor=events_manager, event=webinar, title_en="Textile fair")
    assert search(key="events", q="textile").ids == [webinar.pk]


# --- the waitlist moves up when there is more room -----------------------------------------------


def test_more_places_move_the_first_waiting_up_in_order_and_tell_them(
    events_manager, webinar, clock, told
):
    people = [UserFactory(language=lang) for lang in ("en", "en", "uz", "ru", "en")]
    taken = [register(webinar, person) for person in people]
    assert statuses(webinar) == [CONFIRMED, CONFIRMED, WAITLISTED, WAITLISTED, WAITLISTED]
    told.clear()
    clock["now"] = NOW + timedelta(hours=2)

    services.event_save(actor=events_manager, event=webinar, capacity=4)

    assert statuses(webinar) == [CONFIRMED, CONFIRMED, CONFIRMED, CONFIRMED, WAITLISTED]
    promoted = [Registration.objects.get(pk=r.pk).promoted_at for r in taken]
    assert promoted == [None, None, NOW + timedelta(hours=2), NOW + timedelta(hours=2), None]
    assert trail(webinar)[-3:] == [
        ("knowledge.event_update", events_manager, {}),
        ("knowledge.registration_promote", None, {"user": people[2].pk}),
        ("knowledge.registration_promote", None, {"user": people[3].pk}),
    ]
    assert told == [
        (
            people[2],
            "knowledge/email/registration_promoted",
            context(webinar, people[2], "uz", join_url="https://meet.example/room"),
            "uz",
        ),
        (
            people[3],
            "knowledge/email/registration_promoted",
            context(webinar, people[3], "ru", join_url="https://meet.example/room"),
            "ru",
        ),
    ]


def test_an_offline_event_promotes_without_a_link(events_manager, clock, told):
    hall = EventFactory(online=False, venue="Hall 2", join_url="https://x.example/", capacity=1)
    first, waiting = UserFactory(language="en"), UserFactory(language="en")
    register(hall, first)
    register(hall, waiting)
    told.clear()
    services.event_save(actor=events_manager, event=hall, capacity=2)
    [(to, template, sent, _language)] = told
    assert (to, template, sent["join_url"], sent["where"]) == (
        waiting,
        "knowledge/email/registration_promoted",
        "",
        "Hall 2",
    )


@pytest.mark.parametrize(
    ("status", "moment", "moved"),
    [
        (EventStatus.PUBLISHED, NOW + timedelta(days=7) - MICROSECOND, True),
        (EventStatus.PUBLISHED, NOW + timedelta(days=7), False),  # it has started
        (EventStatus.DRAFT, NOW, False),
    ],
)
def test_nobody_moves_up_once_the_event_starts_or_while_it_is_not_published(
    events_manager, webinar, clock, told, status, moment, moved
):
    RegistrationFactory(event=webinar, status=CONFIRMED)
    RegistrationFactory(event=webinar, status=CONFIRMED)
    waiting = RegistrationFactory(event=webinar, status=WAITLISTED)
    Event.objects.filter(pk=webinar.pk).update(status=status)
    clock["now"] = moment
    services.event_save(actor=events_manager, event=webinar, capacity=3)
    waiting.refresh_from_db()
    assert (waiting.status, waiting.promoted_at) == (
        (CONFIRMED, moment) if moved else (WAITLISTED, None)
    )
    assert len(told) == int(moved)


def test_a_smaller_capacity_takes_no_confirmed_place_away(events_manager, webinar, clock, told):
    for _ in range(3):
        register(webinar, UserFactory())
    told.clear()
    services.event_save(actor=events_manager, event=webinar, capacity=1)
    assert statuses(webinar) == [CONFIRMED, CONFIRMED, WAITLISTED]
    assert told == []


# --- publishing ---------------------------------------------------------------------------


def test_publishing_a_draft_puts_it_in_the_calendar(events_manager, clock):
    event = create(events_manager)
    clock["now"] = NOW + timedelta(minutes=5)
    published = services.event_publish(actor=events_manager, event=event)
    assert published.status == EventStatus.PUBLISHED
    event = stored(event)
    assert (event.status, event.updated_at) == (EventStatus.PUBLISHED, NOW + timedelta(minutes=5))
    assert trail(event) == [
        ("knowledge.event_create", events_manager, {}),
        ("knowledge.event_publish", events_manager, {}),
    ]
    assert search(key="events", q="мастерская").ids == [event.pk]


@pytest.mark.parametrize("status", [EventStatus.PUBLISHED, EventStatus.CANCELLED])
def test_only_a_draft_is_published(events_manager, clock, status):
    event = EventFactory(status=status)
    with pytest.raises(ValidationError) as excinfo:
        services.event_publish(actor=events_manager, event=event)
    assert (excinfo.value.messages, excinfo.value.code) == (
        ["Only a draft event can be published."],
        "status",
    )
    assert stored(event).status == status
    assert not AuditEntry.objects.exists()


def test_an_online_draft_without_its_link_is_not_published(events_manager, clock):
    event = create(events_manager, online=True, venue="", join_url="")
    with pytest.raises(ValidationError) as excinfo:
        services.event_publish(actor=events_manager, event=event)
    assert excinfo.value.message_dict == {
        "join_url": ["An online event needs the link people join by."]
    }
    assert stored(event).status == EventStatus.DRAFT
    assert [action for action, _a, _d in trail(event)] == ["knowledge.event_create"]


# --- cancelling an event ------------------------------------------------------------------


def test_cancelling_tells_everyone_registered_or_waiting_with_the_reason(
    events_manager, webinar, clock, told
):
    confirmed = UserFactory(language="ru")
    waiting = UserFactory(language="uz")
    gone = UserFactory(language="en")
    RegistrationFactory(event=webinar, user=confirmed, status=CONFIRMED)
    RegistrationFactory(event=webinar, user=gone, status=CANCELLED)
    RegistrationFactory(event=webinar, user=waiting, status=WAITLISTED)
    clock["now"] = NOW + timedelta(minutes=1)
    reason = "Площадка закрыта. " + "x" * 490  # 508 characters

    cancelled = services.event_cancel(actor=events_manager, event=webinar, reason=reason)

    assert cancelled.status == EventStatus.CANCELLED
    event = stored(webinar)
    assert (event.status, event.updated_at) == (EventStatus.CANCELLED, NOW + timedelta(minutes=1))
    assert statuses(webinar) == [CONFIRMED, CANCELLED, WAITLISTED]  # the places stay as they were
    assert trail(webinar) == [("knowledge.event_cancel", events_manager, {"reason": reason[:500]})]
    assert told == [
        (
            confirmed,
            "knowledge/email/event_cancelled",
            context(webinar, confirmed, "ru", reason=reason),
            "ru",
        ),
        (
            waiting,
            "knowledge/email/event_cancelled",
            context(webinar, waiting, "uz", reason=reason),
            "uz",
        ),
    ]
    assert search(key="events", q="Exporting").count == 0


def test_a_reason_of_five_hundred_characters_is_kept_whole(events_manager, webinar, clock):
    services.event_cancel(actor=events_manager, event=webinar, reason="r" * 500)
    assert trail(webinar)[0][2] == {"reason": "r" * 500}


def test_cancelling_twice_does_nothing_more(events_manager, webinar, clock, told):
    RegistrationFactory(event=webinar)
    services.event_cancel(actor=events_manager, event=webinar)
    told.clear()
    clock["now"] = NOW + timedelta(days=1)
    again = services.event_cancel(actor=events_manager, event=webinar, reason="Again")
    assert again.status == EventStatus.CANCELLED
    assert stored(webinar).updated_at == NOW
    assert trail(webinar) == [("knowledge.event_cancel", events_manager, {"reason": ""})]
    assert told == []


# --- registering ----------------------------------------------------------------------------


def test_the_e_mails_say_what_when_and_where_in_the_persons_language_and_zone(clock, told):
    hall = EventFactory(
        kind="workshop",
        title_ru="Мастерская",
        title_en="Workshop",
        starts_at=START,
        ends_at=START + timedelta(hours=2),
        online=False,
        venue="Ташкент, IT Park",
        slug="workshop-2026-06-04",
    )
    person = UserFactory(language="en", timezone="Europe/Moscow")
    register(hall, person)
    site = settings.SITE_URL.rstrip("/")
    assert told == [
        (
            person,
            "knowledge/email/registration_confirmed",
            {
                "title": "Workshop",
                "kind": "Workshop",
                "when": "June 4, 2026, 14:30–16:30 (Tashkent, UTC+5)",
                "when_yours": "June 4, 2026, 12:30–14:30 (Moscow, UTC+3)",
                "where": "Ташкент, IT Park",
                "url": f"{site}/knowledge/events/workshop-2026-06-04/",
                "ics": f"{site}/knowledge/events/workshop-2026-06-04/event.ics",
                "position": "",
                "join_url": "",
            },
            "en",
        )
    ]


def test_places_are_confirmed_up_to_the_capacity_then_people_wait_in_line(webinar, clock, told):
    people = [UserFactory(language="en") for _ in range(4)]
    taken = [register(webinar, person) for person in people]
    assert [(r.status, r.event, r.user) for r in taken] == [
        (CONFIRMED, webinar, people[0]),
        (CONFIRMED, webinar, people[1]),
        (WAITLISTED, webinar, people[2]),
        (WAITLISTED, webinar, people[3]),
    ]
    first = Registration.objects.get(pk=taken[0].pk)
    assert (first.created_at, first.promoted_at, first.cancelled_at) == (NOW, None, None)
    assert trail(webinar) == [
        ("knowledge.registration_create", person, {"status": status})
        for person, status in zip(
            people, ["confirmed", "confirmed", "waitlisted", "waitlisted"], strict=True
        )
    ]
    link = "https://meet.example/room"
    assert told == [
        (
            people[0],
            "knowledge/email/registration_confirmed",
            context(webinar, people[0], position="", join_url=link),
            "en",
        ),
        (
            people[1],
            "knowledge/email/registration_confirmed",
            context(webinar, people[1], position="", join_url=link),
            "en",
        ),
        (
            people[2],
            "knowledge/email/registration_waitlisted",
            context(webinar, people[2], position="1", join_url=link),
            "en",
        ),
        (
            people[3],
            "knowledge/email/registration_waitlisted",
            context(webinar, people[3], position="2", join_url=link),
            "en",
        ),
    ]


def test_waiting_and_cancelled_registrations_take_no_place(webinar, clock):
    RegistrationFactory(event=webinar, status=CONFIRMED)
    RegistrationFactory(event=webinar, status=CANCELLED)
    RegistrationFactory(event=webinar, status=CANCELLED)
    assert register(webinar, UserFactory()).status == CONFIRMED
    assert register(webinar, UserFactory()).status == WAITLISTED


def test_an_offline_place_comes_without_a_link(clock, told):
    hall = EventFactory(online=False, venue="Hall", join_url="https://meet.example/x")
    register(hall, UserFactory())
    assert told[0][2]["join_url"] == ""


def test_an_anonymous_visitor_cannot_register(webinar, clock, told):
    with pytest.raises(PermissionDenied):
        register(webinar, AnonymousUser())
    assert not Registration.objects.exists()
    assert told == []


@pytest.mark.parametrize("status", [EventStatus.DRAFT, EventStatus.CANCELLED])
def test_only_a_published_event_takes_registrations(clock, told, status):
    event = EventFactory(status=status)
    with pytest.raises(ValidationError) as excinfo:
        register(event, UserFactory())
    assert (excinfo.value.messages, excinfo.value.code) == (
        ["This event is not open for registration."],
        "closed",
    )
    assert not Registration.objects.exists()
    assert not AuditEntry.objects.exists()
    assert told == []


def test_registration_closes_at_the_moment_the_event_starts(webinar, clock, told):
    clock["now"] = webinar.starts_at
    with pytest.raises(ValidationError) as excinfo:
        register(webinar, UserFactory())
    assert (excinfo.value.messages, excinfo.value.code) == (
        ["Registration has closed: the event has started."],
        "closed",
    )
    assert not Registration.objects.exists()
    clock["now"] = webinar.starts_at - MICROSECOND
    assert register(webinar, UserFactory()).status == CONFIRMED


@pytest.mark.parametrize("first", [CONFIRMED, WAITLISTED])
def test_a_person_holds_one_live_registration_and_may_register_again_after_cancelling(
    webinar, clock, told, first
):
    person = UserFactory()
    RegistrationFactory(event=webinar, user=person, status=CANCELLED)
    RegistrationFactory(event=webinar, user=person, status=first)
    told.clear()
    with pytest.raises(ValidationError) as excinfo:
        register(webinar, person)
    assert (excinfo.value.messages, excinfo.value.code) == (
        ["You are already registered for this event."],
        "duplicate",
    )
    assert webinar.registrations.count() == 2
    assert told == []
    other = EventFactory()
    assert register(other, person).status == CONFIRMED  # another event is another place


def test_a_race_lost_at_the_database_is_told_as_a_duplicate(webinar, clock, told, monkeypatch):
    def lose(**kwargs):
        raise IntegrityError("registration_one_live")

    monkeypatch.setattr(Registration.objects, "create", lose)
    with pytest.raises(ValidationError) as excinfo:
        register(webinar, UserFactory())
    assert (excinfo.value.messages, excinfo.value.code) == (
        ["You are already registered for this event."],
        "duplicate",
    )
    assert not AuditEntry.objects.exists()
    assert told == []


# --- cancelling a registration ----------------------------------------------------------------


def test_cancelling_a_place_gives_it_to_the_first_in_line(webinar, clock, told):
    people = [UserFactory(language="en") for _ in range(4)]
    taken = [register(webinar, person) for person in people]
    told.clear()
    clock["now"] = NOW + timedelta(hours=3)

    cancelled = services.registration_cancel(actor=people[0], registration=taken[0])

    assert (cancelled.status, cancelled.cancelled_at) == (CANCELLED, NOW + timedelta(hours=3))
    rows = {r.pk: r for r in Registration.objects.all()}
    assert [(rows[r.pk].status, rows[r.pk].promoted_at) for r in taken] == [
        (CANCELLED, None),
        (CONFIRMED, None),
        (CONFIRMED, NOW + timedelta(hours=3)),
        (WAITLISTED, None),
    ]
    assert rows[taken[0].pk].cancelled_at == NOW + timedelta(hours=3)
    assert trail(webinar)[-2:] == [
        ("knowledge.registration_cancel", people[0], {"user": people[0].pk}),
        ("knowledge.registration_promote", None, {"user": people[2].pk}),
    ]
    assert told == [
        (
            people[2],
            "knowledge/email/registration_promoted",
            context(webinar, people[2], join_url="https://meet.example/room"),
            "en",
        )
    ]


def test_a_programme_manager_may_cancel_anyones_place(webinar, events_manager, clock, told):
    person = UserFactory()
    registration = register(webinar, person)
    cancelled = services.registration_cancel(actor=events_manager, registration=registration)
    assert cancelled.status == CANCELLED
    assert trail(webinar)[-1] == (
        "knowledge.registration_cancel",
        events_manager,
        {"user": person.pk},
    )


@pytest.mark.parametrize("who", ["someone else", "staff", "anonymous"])
def test_nobody_else_cancels_a_place_and_a_refusal_changes_nothing(webinar, clock, told, who):
    actor = {
        "someone else": UserFactory,
        "staff": lambda: UserFactory(is_staff=True),
        "anonymous": AnonymousUser,
    }[who]()
    registration = RegistrationFactory(event=webinar, status=CONFIRMED)
    waiting = RegistrationFactory(event=webinar, status=WAITLISTED)
    with pytest.raises(PermissionDenied):
        services.registration_cancel(actor=actor, registration=registration)
    registration.refresh_from_db()
    assert (registration.status, registration.cancelled_at) == (CONFIRMED, None)
    assert Registration.objects.get(pk=waiting.pk).status == WAITLISTED
    assert not AuditEntry.objects.exists()
    assert told == []


def test_cancelling_a_cancelled_place_again_changes_nothing(webinar, clock, told):
    person = UserFactory()
    registration = register(webinar, person)
    services.registration_cancel(actor=person, registration=registration)
    clock["now"] = NOW + timedelta(days=1)
    again = services.registration_cancel(actor=person, registration=registration)
    assert (again.status, again.cancelled_at) == (CANCELLED, NOW)
    assert Registration.objects.get(pk=registration.pk).cancelled_at == NOW
    assert [action for action, _a, _d in trail(webinar)] == [
        "knowledge.registration_create",
        "knowledge.registration_cancel",
    ]


def test_giving_up_a_place_on_the_waitlist_moves_nobody_up(webinar, clock, told):
    people = [UserFactory() for _ in range(4)]
    taken = [register(webinar, person) for person in people]
    told.clear()
    services.registration_cancel(actor=people[2], registration=taken[2])
    assert statuses(webinar) == [CONFIRMED, CONFIRMED, CANCELLED, WAITLISTED]
    assert told == []


@pytest.mark.parametrize(
    ("status", "after_start", "moved"),
    [
        (EventStatus.PUBLISHED, -MICROSECOND, True),
        (EventStatus.PUBLISHED, timedelta(0), False),
        (EventStatus.CANCELLED, -timedelta(days=1), False),
    ],
)
def test_nobody_moves_up_into_a_started_or_cancelled_event(
    webinar, clock, told, status, after_start, moved
):
    confirmed = RegistrationFactory(event=webinar, status=CONFIRMED)
    RegistrationFactory(event=webinar, status=CONFIRMED)
    waiting = RegistrationFactory(event=webinar, status=WAITLISTED)
    Event.objects.filter(pk=webinar.pk).update(status=status)
    clock["now"] = webinar.starts_at + after_start
    services.registration_cancel(actor=confirmed.user, registration=confirmed)
    waiting.refresh_from_db()
    assert waiting.status == (CONFIRMED if moved else WAITLISTED)
    assert len(told) == int(moved)
