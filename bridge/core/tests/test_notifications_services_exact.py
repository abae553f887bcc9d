"""Notification-centre services, to the exact value a person sees: the line `notify` records (kind,
template, kept context, delivery) and the e-mail it queues (address, language, unsubscribe link)
for each preference and for a bare address; marking lines read (one, those about a page, all),
never someone else's and never moving the time of a line already read; the choices per kind
(what is ignored, what is stored, the audit row); the one-click unsubscribe; and the daily digest
(who gets one, the lines in order and in the reader's language, the marks, a second run).
Written for the mutation score of issue 18. The e-mail task is replaced by a recorder of what is
queued, so each argument is compared exactly."""

import itertools
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model

from bridge.core.models import AuditEntry, Delivery, Notification, NotificationPreference
from bridge.core.notifications import services
from bridge.core.notifications.tokens import read_token
from bridge.core.tests.exact_support import NOW, trail

_PEOPLE = itertools.count(1)


def UserFactory(**fields):
    """A person with an address of their own (core's tests may not import the accounts app's
    factories: the layers contract)."""
    number = next(_PEOPLE)
    email = fields.pop("email", f"core-person-{number}@example.org")
    fields.setdefault("full_name", f"Person {number}")
    person = get_user_model().objects.create_user(email or f"core-person-{number}@x.org", **fields)
    if not email:  # an account without an address (the manager refuses to make one)
        person.email = ""
        person.save(update_fields=["email"])
    return person


pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

VERIFIED = "organisations/email/verified"
CONFIRM = "accounts/email/confirm"
SITE = "http://bridge.test"
HOUR = timedelta(hours=1)


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE + "/"


@pytest.fixture
def queued(monkeypatch):
    """Each e-mail the services queue, as the keyword arguments of `enqueue`."""
    calls = []

    class Recorder:
        def enqueue(self, **kwargs):
            calls.append(kwargs)

    monkeypatch.setattr(services, "send_templated_email", Recorder())
    return calls


@pytest.fixture
def person(db):
    return UserFactory(email="dilnoza@example.org", language="")


def choose(user, kind, delivery):
    NotificationPreference.objects.create(user=user, kind=kind, delivery=delivery)


def line(user, *, url="/organisations/rishton/", read_at=None, delivery=Delivery.INSTANT, **extra):
    return Notification.objects.create(
        recipient=user,
        kind="organisation",
        template=VERIFIED,
        context={"organisation": "Rishton", "url": url},
        delivery=delivery,
        read_at=read_at,
        **extra,
    )


def read_at(*lines):
    return [Notification.objects.get(pk=n.pk).read_at for n in lines]


# --- notification_deliver --------------------------------------------------------------------


def test_a_bare_address_is_emailed_at_once_in_the_site_language_and_nothing_is_kept(
    queued, settings
):
    settings.LANGUAGE_CODE = "uz"
    context = {"organisation": "Rishton"}
    result = services.notification_deliver(
        to="newcomer@example.org", template="organisations/email/invitation", context=context
    )
    assert result is None
    assert queued == [
        {
            "to": ["newcomer@example.org"],
            "template": "organisations/email/invitation",
            "context": context,
            "language": "uz",
        }
    ]
    assert not Notification.objects.exists()


def test_a_bare_address_gets_the_language_asked_for(queued):
    services.notification_deliver(
        to="newcomer@example.org", template=VERIFIED, context={}, language="ru"
    )
    assert [q["language"] for q in queued] == ["ru"]


def test_by_default_a_person_gets_a_line_and_the_email_at_once_with_an_unsubscribe_link(
    queued, person, clock, settings
):
    settings.LANGUAGE_CODE = "uz"
    context = {"organisation": "Rishton", "url": "/organisations/rishton/", "on": date(2026, 5, 4)}
    result = services.notification_deliver(to=person, template=VERIFIED, context=context)
    stored = Notification.objects.get()
    assert result == stored
    assert (
        stored.recipient,
        stored.kind,
        stored.template,
        stored.context,
        stored.delivery,
        stored.created_at,
        stored.read_at,
        stored.digest_sent_at,
    ) == (
        person,
        "organisation",
        VERIFIED,
        # Kept as JSON: a date becomes its ISO text.
        {"organisation": "Rishton", "url": "/organisations/rishton/", "on": "2026-05-04"},
        Delivery.INSTANT,
        NOW,
        None,
        None,
    )
    unsubscribe = queued[0].pop("unsubscribe")
    assert queued == [
        {
            "to": ["dilnoza@example.org"],
            "template": VERIFIED,
            "context": context,
            "language": "uz",
            "kind": "organisation",
        }
    ]
    prefix = SITE + "/notifications/unsubscribe/"
    assert unsubscribe.startswith(prefix)
    assert read_token(unsubscribe[len(prefix) : -1]) == (person.pk, "organisation")


@pytest.mark.parametrize(
    "change", [{"is_active": False}, {"email": ""}], ids=["switched-off", "no-address"]
)
def test_a_closed_account_keeps_the_line_but_gets_no_email(queued, change):
    closed = UserFactory(**change)
    context = {"organisation": "Rishton", "url": "/organisations/rishton/"}
    result = services.notification_deliver(to=closed, template=VERIFIED, context=context)
    assert result == Notification.objects.get(recipient=closed)
    assert queued == []


def test_the_email_is_in_the_person_s_language_unless_another_is_asked_for(queued, person):
    person.language = "ru"
    person.save(update_fields=["language"])
    services.notification_deliver(to=person, template=VERIFIED, context={})
    services.notification_deliver(to=person, template=VERIFIED, context={}, language="en")
    assert [q["language"] for q in queued] == ["ru", "en"]


def test_essential_mail_goes_at_once_whatever_was_chosen_keeps_no_context_and_no_link(
    queued, person
):
    choose(person, "account", Delivery.IN_APP)
    context = {"url": "https://bridge.test/confirm/t0ken/"}
    services.notification_deliver(to=person, template=CONFIRM, context=context)
    stored = Notification.objects.get()
    assert (stored.kind, stored.context, stored.delivery) == ("account", {}, Delivery.INSTANT)
    assert queued == [
        {
            "to": ["dilnoza@example.org"],
            "template": CONFIRM,
            "context": context,
            "language": "en",
            "unsubscribe": "",
            "kind": "account",
        }
    ]


@pytest.mark.parametrize("delivery", [Delivery.DIGEST, Delivery.IN_APP])
def test_a_held_or_in_app_kind_keeps_the_line_and_sends_nothing_now(queued, person, delivery):
    choose(person, "organisation", delivery)
    result = services.notification_deliver(
        to=person, template=VERIFIED, context={"organisation": "Rishton"}
    )
    assert queued == []
    stored = Notification.objects.get()
    assert result == stored
    assert (stored.delivery, stored.context) == (delivery, {"organisation": "Rishton"})


def test_a_choice_for_another_kind_or_by_another_person_does_not_hold_the_email(queued, person):
    choose(person, "meetings", Delivery.IN_APP)
    choose(UserFactory(), "organisation", Delivery.IN_APP)
    services.notification_deliver(to=person, template=VERIFIED, context={})
    assert Notification.objects.get().delivery == Delivery.INSTANT
    assert len(queued) == 1


def test_an_unknown_template_is_refused_and_nothing_is_kept(queued, person):
    with pytest.raises(KeyError):
        services.notification_deliver(to=person, template="nowhere/email/nothing", context={})
    assert queued == []
    assert not Notification.objects.exists()


# --- marking read ----------------------------------------------------------------------------


def test_marking_a_line_read_stamps_it_now(person, clock):
    mine = line(person)
    result = services.notification_mark_read(user=person, notification=mine)
    assert result is mine
    assert mine.read_at == NOW
    assert read_at(mine) == [NOW]


def test_a_line_read_before_keeps_its_time(person, clock):
    earlier = NOW - HOUR
    mine = line(person, read_at=earlier)
    result = services.notification_mark_read(user=person, notification=mine)
    assert result.read_at == earlier
    assert read_at(mine) == [earlier]


def test_no_one_marks_someone_else_s_line(person, clock):
    mine = line(person)
    with pytest.raises(PermissionError, match=r"^not the recipient$"):
        services.notification_mark_read(user=UserFactory(), notification=mine)
    assert read_at(mine) == [None]


def test_opening_a_page_marks_the_person_s_unread_lines_about_it(person, clock):
    by_path = line(person, url="/organisations/rishton/")
    by_address = line(person, url=SITE + "/organisations/rishton/")
    elsewhere = line(person, url="/organisations/atlas/")
    other_site = line(person, url="https://elsewhere.test/organisations/rishton/")
    read_before = line(person, read_at=NOW - HOUR)
    someone_else_s = line(UserFactory())
    count = services.notifications_mark_read_about(user=person, path="/organisations/rishton/")
    assert count == 2
    assert read_at(by_path, by_address, elsewhere, other_site, read_before, someone_else_s) == [
        NOW,
        NOW,
        None,
        None,
        NOW - HOUR,
        None,
    ]


def test_opening_a_page_no_line_leads_to_marks_nothing(person, clock):
    mine = line(person)
    assert services.notifications_mark_read_about(user=person, path="/materials/") == 0
    assert read_at(mine) == [None]


def test_mark_all_read_marks_only_the_person_s_unread_lines(person, clock):
    first, second = line(person), line(person, url="/elsewhere/")
    read_before = line(person, read_at=NOW - HOUR)
    someone_else_s = line(UserFactory())
    assert services.notifications_mark_all_read(user=person) == 2
    assert read_at(first, second, read_before, someone_else_s) == [NOW, NOW, NOW - HOUR, None]
    assert services.notifications_mark_all_read(user=person) == 0


# --- preferences -----------------------------------------------------------------------------


def chosen(user) -> dict:
    return dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))


def test_choices_are_stored_per_kind_and_audited(person):
    staff = UserFactory(is_staff=True)
    changed = services.preferences_set(
        user=person,
        choices={
            "account": "in_app",  # essential: never held
            "meetings": "digest",
            "nonsense": "digest",  # no such kind
            "reviews": "weekly",  # no such delivery
            "samples": "in_app",
        },
        actor=staff,
    )
    assert changed == {"meetings": "digest", "samples": "in_app"}
    assert chosen(person) == {"meetings": "digest", "samples": "in_app"}
    assert trail(person) == [
        (
            "notifications.preferences",
            staff,
            {"changes": {"meetings": "digest", "samples": "in_app"}, "via": "settings"},
        )
    ]


def test_a_new_choice_replaces_the_old_one(person):
    choose(person, "meetings", Delivery.DIGEST)
    changed = services.preferences_set(
        user=person, choices={"meetings": "instant"}, actor=person, via="profile"
    )
    assert changed == {"meetings": "instant"}
    assert chosen(person) == {"meetings": "instant"}
    assert trail(person) == [
        (
            "notifications.preferences",
            person,
            {"changes": {"meetings": "instant"}, "via": "profile"},
        )
    ]


def test_choices_of_one_person_leave_another_s_alone(person):
    other = UserFactory()
    choose(other, "meetings", Delivery.IN_APP)
    services.preferences_set(user=person, choices={"meetings": "digest"})
    assert chosen(other) == {"meetings": "in_app"}
    assert chosen(person) == {"meetings": "digest"}


def test_nothing_valid_chosen_stores_and_audits_nothing(person):
    changed = services.preferences_set(
        user=person, choices={"account": "digest", "meetings": "never"}, actor=person
    )
    assert changed == {}
    assert chosen(person) == {}
    assert not AuditEntry.objects.exists()


def test_the_one_click_link_makes_a_kind_in_app_only(person):
    choose(person, "meetings", Delivery.DIGEST)
    assert services.preference_unsubscribe(user=person, kind="meetings") is True
    assert chosen(person) == {"meetings": "in_app"}
    assert trail(person) == [
        (
            "notifications.preferences",
            None,
            {"changes": {"meetings": "in_app"}, "via": "unsubscribe link"},
        )
    ]


@pytest.mark.parametrize("kind", ["account", "nonsense"])
def test_the_one_click_link_refuses_an_essential_or_unknown_kind(person, kind):
    assert services.preference_unsubscribe(user=person, kind=kind) is False
    assert chosen(person) == {}
    assert not AuditEntry.objects.exists()


# --- the daily digest ------------------------------------------------------------------------


def held(user, organisation, url="/organisations/x/", **extra):
    return Notification.objects.create(
        recipient=user,
        kind="organisation",
        template=VERIFIED,
        context={"organisation": organisation, "url": url},
        delivery=Delivery.DIGEST,
        **extra,
    )


def sent_at(*lines):
    return [Notification.objects.get(pk=n.pk).digest_sent_at for n in lines]


def test_one_email_per_person_lists_the_held_lines_oldest_first(queued, person, clock):
    clock["now"] = NOW - HOUR
    later = held(person, "Atlas", url=SITE + "/organisations/atlas/")
    clock["now"] = NOW - 2 * HOUR
    earlier = held(person, "Rishton", url=SITE + "/organisations/rishton/")
    clock["now"] = NOW
    assert services.digests_send() == 1
    assert queued == [
        {
            "to": ["dilnoza@example.org"],
            "template": "core/email/notifications_digest",
            "context": {
                "lines": [
                    {"subject": "Rishton is verified", "url": SITE + "/organisations/rishton/"},
                    {"subject": "Atlas is verified", "url": SITE + "/organisations/atlas/"},
                ],
                "count": 2,
                "settings_url": SITE + "/notifications/settings/",
            },
            "language": "en",
        }
    ]
    assert sent_at(later, earlier) == [NOW, NOW]


def test_a_line_stored_with_a_path_gets_the_site_s_address_in_the_digest(queued, person, clock):
    """An e-mail is read away from the site: a bare path could not be clicked."""
    held(person, "Rishton", url="/organisations/rishton/")
    held(person, "Elsewhere", url="//evil.example/organisations/")
    assert services.digests_send() == 1
    assert [line["url"] for line in queued[0]["context"]["lines"]] == [
        SITE + "/organisations/rishton/",
        "",
    ]


def test_the_digest_is_in_the_reader_s_language(queued, clock, settings):
    settings.LANGUAGE_CODE = "uz"
    russian = UserFactory(language="ru")
    held(russian, "Atlas")
    default = UserFactory(language="")
    held(default, "Rishton")
    assert services.digests_send() == 2
    by_address = {q["to"][0]: q for q in queued}
    assert by_address[russian.email]["language"] == "ru"
    assert by_address[russian.email]["context"]["lines"][0]["subject"] == (
        "Организация Atlas проверена"
    )
    assert by_address[default.email]["language"] == "uz"
    assert by_address[default.email]["context"]["lines"][0]["subject"] == "Rishton tasdiqlandi"


def test_only_held_lines_not_yet_sent_go_into_a_digest(queued, person, clock):
    waiting = held(person, "Rishton")
    already = held(person, "Old", digest_sent_at=NOW - HOUR)
    instant = line(person)
    in_app = line(person, delivery=Delivery.IN_APP)
    someone_else_s = held(UserFactory(), "Atlas")
    # A person whose only held line went out before gets nothing.
    done = UserFactory()
    held(done, "Old", digest_sent_at=NOW - HOUR)
    assert services.digests_send() == 2
    mine = next(q for q in queued if q["to"] == [person.email])
    assert [(x["subject"]) for x in mine["context"]["lines"]] == ["Rishton is verified"]
    assert mine["context"]["count"] == 1
    assert sorted(q["to"][0] for q in queued) == sorted(
        [person.email, someone_else_s.recipient.email]
    )
    assert sent_at(waiting, already, instant, in_app, someone_else_s) == [
        NOW,
        NOW - HOUR,
        None,
        None,
        NOW,
    ]


def test_a_second_run_sends_nothing_more(queued, person, clock):
    held(person, "Rishton")
    assert services.digests_send() == 1
    assert services.digests_send() == 0
    assert len(queued) == 1


def test_nothing_held_sends_nothing(queued, person):
    line(person)
    assert services.digests_send() == 0
    assert queued == []


@pytest.mark.parametrize("change", [{"is_active": False}, {"email": ""}])
def test_an_inactive_person_or_one_without_an_address_gets_no_digest_but_lines_are_marked(
    queued, person, clock, change
):
    for field, value in change.items():
        setattr(person, field, value)
    person.save()
    waiting = held(person, "Rishton")
    assert services.digests_send() == 0
    assert queued == []
    assert sent_at(waiting) == [NOW]


def test_the_digest_settings_link_uses_the_site_address_without_a_doubled_slash(
    queued, person, settings
):
    settings.SITE_URL = "https://bridge.example"
    held(person, "Rishton")
    services.digests_send()
    assert queued[0]["context"]["settings_url"] == "https://bridge.example/notifications/settings/"
