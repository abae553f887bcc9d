"""Decision services, to the exact value an applicant or a manager sees: which statuses can be
shortlisted and decided, the field an error is shown at and its words, the 5,000-character edge of
the message, who receives the letter and in which language, the letter's context key by key, the
statuses and dates that sending stamps, the audit rows, and refusal of anyone else with nothing
changed. Written for the mutation score of issue 18."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import UserFactory
from bridge.core.tests.exact_support import trail
from bridge.programs.models import Application, Decision, DecisionStatus
from bridge.programs.services import decisions as services
from bridge.programs.tests.factories import (
    CallFactory,
    DecisionFactory,
    SubmittedApplicationFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

NOW = datetime(2026, 6, 1, 9, 30, tzinfo=UTC)
SITE = "https://bridge.example"
TITLES = {"title_ru": "Сезон CIS", "title_uz": "MDH mavsumi", "title_en": "CIS season"}
SENT_ALREADY = "A decision on this application has already been sent."


@pytest.fixture(autouse=True)
def _english(settings, in_english):
    settings.SITE_URL = SITE


@pytest.fixture
def clock(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture
def mails(monkeypatch):
    calls = []
    monkeypatch.setattr(services, "notify", lambda **kwargs: calls.append(kwargs))
    return calls


@pytest.fixture
def manager(programme_manager):
    return programme_manager


@pytest.fixture
def call(db):
    return CallFactory(**TITLES)


@pytest.fixture
def applicant(db):
    return UserFactory(language="uz")


@pytest.fixture
def application(call, applicant):
    return SubmittedApplicationFactory(
        call=call, title="Silk Road Racer", created_by=applicant, language="ru"
    )


def status(application) -> str:
    return Application.objects.get(pk=application.pk).status


def url(application) -> str:
    return SITE + reverse("programs:application_detail", kwargs={"pk": application.pk})


# ---- shortlist --------------------------------------------------------------------------------


@pytest.mark.parametrize("start", ["submitted", "under-review", "shortlisted"])
def test_a_decidable_application_is_shortlisted_and_taken_off_again(application, manager, start):
    Application.objects.filter(pk=application.pk).update(status=start)
    services.application_shortlist(actor=manager, application=application)
    assert status(application) == "shortlisted"
    services.application_shortlist(actor=manager, application=application, shortlisted=False)
    assert status(application) == "under-review"
    assert trail(application) == [
        ("application.shortlist", manager, {}),
        ("application.unshortlist", manager, {}),
    ]


@pytest.mark.parametrize("start", ["draft", "withdrawn", "accepted", "waitlisted", "rejected"])
def test_an_application_out_of_selection_is_not_shortlisted(application, manager, start):
    Application.objects.filter(pk=application.pk).update(status=start)
    with pytest.raises(ValidationError) as caught:
        services.application_shortlist(actor=manager, application=application)
    assert caught.value.code == "status"
    assert caught.value.messages == ["This application can no longer be shortlisted."]
    assert status(application) == start
    assert trail(application) == []


def test_the_shortlist_reads_the_status_afresh(application, manager):
    stale = Application.objects.get(pk=application.pk)
    Application.objects.filter(pk=application.pk).update(status="withdrawn", title="Renamed")
    with pytest.raises(ValidationError):
        services.application_shortlist(actor=manager, application=stale)
    Application.objects.filter(pk=application.pk).update(status="submitted")
    services.application_shortlist(actor=manager, application=stale)
    saved = Application.objects.get(pk=application.pk)
    assert (saved.status, saved.title) == ("shortlisted", "Renamed")


# ---- who may ----------------------------------------------------------------------------------


def test_people_who_do_not_run_calls_decide_nothing(application, analyst, moderator, mails):
    decision = DecisionFactory(application=application, status=DecisionStatus.PENDING)
    for person in (analyst, moderator, application.created_by):
        attempts = [
            lambda p=person: services.application_shortlist(actor=p, application=application),
            lambda p=person: services.decision_make(
                actor=p, application=application, outcome="reject"
            ),
            lambda p=person: services.decision_withdraw(actor=p, decision=decision),
            lambda p=person: services.decision_send(actor=p, decision=decision),
            lambda p=person: services.decisions_send_all(actor=p, call=application.call),
        ]
        for attempt in attempts:
            with pytest.raises(PermissionDenied):
                attempt()
    saved = Decision.objects.get(pk=decision.pk)
    assert (saved.outcome, saved.status) == ("accept", "pending")
    assert status(application) == "submitted"
    assert mails == []
    assert trail(application) == []


def test_sending_needs_the_send_permission_not_only_running_calls(application, mails):
    runner = UserFactory(is_staff=True)
    runner.user_permissions.add(*_permissions("manage_call"))
    sender = UserFactory(is_staff=True)
    sender.user_permissions.add(*_permissions("send_decision"))
    decision = services.decision_make(actor=runner, application=application, outcome="accept")
    with pytest.raises(PermissionDenied):
        services.decision_send(actor=runner, decision=decision)
    with pytest.raises(PermissionDenied):
        services.decisions_send_all(actor=runner, call=application.call)
    with pytest.raises(PermissionDenied):
        services.decision_make(actor=sender, application=application, outcome="reject")
    services.decision_send(actor=sender, decision=decision)
    assert status(application) == "accepted"


def _permissions(codename):
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="programs", codename=codename)


# ---- making a decision ------------------------------------------------------------------------


def test_a_decision_waits_pending_with_its_author_language_and_audit_row(
    application, manager, mails
):
    decision = services.decision_make(
        actor=manager, application=application, outcome="waitlist", message="  Close call.  "
    )
    saved = Decision.objects.get(pk=decision.pk)
    assert (saved.application, saved.outcome, saved.message) == (
        application,
        "waitlist",
        "Close call.",
    )
    assert (saved.status, saved.decided_by, saved.language, saved.sent_at) == (
        "pending",
        manager,
        "uz",
        None,
    )
    assert status(application) == "submitted"
    assert trail(application) == [("decision.make", manager, {"outcome": "waitlist"})]
    assert mails == []


def test_a_pending_decision_is_changed_in_place(application, manager):
    first = services.decision_make(actor=manager, application=application, outcome="accept")
    other = UserFactory(is_staff=True, groups=["programme manager"])
    second = services.decision_make(
        actor=other, application=application, outcome="reject", message=None
    )
    assert second.pk == first.pk
    saved = Decision.objects.get(application=application)
    assert (saved.outcome, saved.message, saved.decided_by) == ("reject", "", other)


def test_an_unknown_outcome_is_refused_at_its_field(application, manager):
    with pytest.raises(ValidationError) as caught:
        services.decision_make(actor=manager, application=application, outcome="maybe")
    assert caught.value.message_dict == {"outcome": ["Choose accept, waiting list or reject."]}
    assert not Decision.objects.exists()


def test_the_message_may_have_5000_characters_not_5001(application, manager):
    with pytest.raises(ValidationError) as caught:
        services.decision_make(
            actor=manager, application=application, outcome="accept", message="x" * 5001
        )
    assert caught.value.message_dict == {"message": ["Keep the message under 5000 characters."]}
    assert not Decision.objects.exists()
    decision = services.decision_make(
        actor=manager, application=application, outcome="accept", message=" " + "x" * 5000 + " "
    )
    assert len(Decision.objects.get(pk=decision.pk).message) == 5000


@pytest.mark.parametrize("start", ["draft", "withdrawn", "accepted", "rejected"])
def test_an_application_out_of_selection_takes_no_decision(application, manager, start):
    Application.objects.filter(pk=application.pk).update(status=start)
    with pytest.raises(ValidationError) as caught:
        services.decision_make(actor=manager, application=application, outcome="accept")
    assert caught.value.code == "status"
    assert caught.value.messages == [SENT_ALREADY]
    assert not Decision.objects.exists()


@pytest.mark.parametrize("start", ["submitted", "under-review", "shortlisted"])
def test_an_application_in_selection_takes_a_decision(application, manager, start):
    Application.objects.filter(pk=application.pk).update(status=start)
    services.decision_make(actor=manager, application=application, outcome="accept")
    assert Decision.objects.get().status == "pending"


def test_a_sent_decision_is_not_changed(application, manager):
    decision = DecisionFactory(application=application, status=DecisionStatus.SENT)
    with pytest.raises(ValidationError) as caught:
        services.decision_make(actor=manager, application=application, outcome="reject")
    assert caught.value.code == "sent"
    assert caught.value.messages == [SENT_ALREADY]
    saved = Decision.objects.get(pk=decision.pk)
    assert (saved.outcome, saved.status) == ("accept", "sent")


# ---- who hears, in which language -------------------------------------------------------------


def test_the_letter_is_in_the_applicants_language_else_the_applications(application, manager):
    assert (
        services.decision_make(actor=manager, application=application, outcome="accept").language
        == "uz"
    )
    application.created_by.language = ""
    application.created_by.save()
    assert (
        services.decision_make(actor=manager, application=application, outcome="accept").language
        == "ru"
    )


def test_with_no_language_at_all_the_letter_is_in_the_sites(application, manager, settings):
    settings.LANGUAGE_CODE = "ru"
    application.created_by.language = ""
    application.created_by.save()
    Application.objects.filter(pk=application.pk).update(language="")
    decision = services.decision_make(actor=manager, application=application, outcome="accept")
    assert decision.language == "ru"


def _owned(application, language="ru"):
    owner = UserFactory(language=language)
    Membership.objects.create(organisation=application.organisation, user=owner, role=Role.OWNER)
    Membership.objects.create(
        organisation=application.organisation, user=UserFactory(language="en"), role=Role.MEMBER
    )
    return owner


def test_an_inactive_applicant_is_replaced_by_the_organisations_owner(
    application, manager, mails, run_on_commit
):
    owner = _owned(application, language="en")
    application.created_by.is_active = False
    application.created_by.save()
    decision = services.decision_make(actor=manager, application=application, outcome="reject")
    assert decision.language == "en"
    with run_on_commit():
        services.decision_send(actor=manager, decision=decision)
    assert [m["to"] for m in mails] == [owner]


def test_without_an_applicant_the_owner_hears(application, manager, mails, run_on_commit):
    owner = _owned(application)
    Application.objects.filter(pk=application.pk).update(created_by=None)
    decision = services.decision_make(actor=manager, application=application, outcome="reject")
    with run_on_commit():
        services.decision_send(actor=manager, decision=decision)
    assert [(m["to"], m["language"]) for m in mails] == [(owner, "ru")]


def test_without_anyone_to_tell_the_decision_is_still_recorded_as_sent(
    application, manager, mails, run_on_commit, clock
):
    Application.objects.filter(pk=application.pk).update(created_by=None)
    decision = services.decision_make(actor=manager, application=application, outcome="reject")
    assert decision.language == "ru"
    with run_on_commit():
        services.decision_send(actor=manager, decision=decision)
    assert mails == []
    assert status(application) == "rejected"
    assert Decision.objects.get(pk=decision.pk).sent_at == NOW


# ---- sending ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "final"),
    [("accept", "accepted"), ("waitlist", "waitlisted"), ("reject", "rejected")],
)
def test_sending_tells_the_applicant_and_sets_the_status(
    application, manager, mails, run_on_commit, clock, outcome, final
):
    decision = services.decision_make(
        actor=manager, application=application, outcome=outcome, message="Well done."
    )
    with run_on_commit():
        result = services.decision_send(actor=manager, decision=decision)
    assert (result.status, result.sent_at) == ("sent", NOW)
    saved = Decision.objects.get(pk=decision.pk)
    assert (saved.status, saved.sent_at) == ("sent", NOW)
    assert status(application) == final
    assert mails == [
        {
            "to": application.created_by,
            "template": "programs/email/decision",
            "context": {
                "outcome": outcome,
                "title": "Silk Road Racer",
                "call": "MDH mavsumi",
                "organisation": application.organisation.name,
                "message": "Well done.",
                "url": url(application),
            },
            "language": "uz",
        }
    ]
    assert trail(application) == [
        ("decision.make", manager, {"outcome": outcome}),
        ("decision.send", manager, {"outcome": outcome}),
    ]


def test_the_letter_follows_the_decisions_language_when_the_person_has_none(
    application, manager, mails, run_on_commit
):
    decision = DecisionFactory(application=application, status="pending", language="ru")
    application.created_by.language = ""
    application.created_by.save()
    with run_on_commit():
        services.decision_send(actor=manager, decision=decision)
    assert (mails[0]["language"], mails[0]["context"]["call"]) == ("ru", "Сезон CIS")


def test_with_no_language_at_all_the_letter_goes_in_the_sites(
    application, manager, mails, run_on_commit, settings
):
    settings.LANGUAGE_CODE = "en"
    decision = DecisionFactory(application=application, status="pending", language="")
    application.created_by.language = ""
    application.created_by.save()
    with run_on_commit():
        services.decision_send(actor=manager, decision=decision)
    assert (mails[0]["language"], mails[0]["context"]["call"]) == ("en", "CIS season")


def test_a_sent_decision_is_not_sent_again(application, manager, mails, run_on_commit):
    decision = services.decision_make(actor=manager, application=application, outcome="accept")
    with run_on_commit():
        services.decision_send(actor=manager, decision=decision)
        with pytest.raises(ValidationError) as caught:
            services.decision_send(actor=manager, decision=decision)
    assert caught.value.code == "sent"
    assert caught.value.messages == ["This decision has already been sent."]
    assert len(mails) == 1


def test_send_all_sends_the_calls_pending_decisions_once_and_counts_them(
    call, application, manager, mails, run_on_commit, clock
):
    second = SubmittedApplicationFactory(call=call, created_by=UserFactory(language="en"))
    already = SubmittedApplicationFactory(call=call, status="accepted")
    DecisionFactory(application=already, status="sent", outcome="accept")
    elsewhere = SubmittedApplicationFactory(call=CallFactory())
    services.decision_make(actor=manager, application=application, outcome="accept")
    services.decision_make(actor=manager, application=second, outcome="reject")
    services.decision_make(actor=manager, application=elsewhere, outcome="reject")
    with run_on_commit():
        assert services.decisions_send_all(actor=manager, call=call) == 2
    assert [(m["to"], m["context"]["outcome"]) for m in mails] == [
        (application.created_by, "accept"),
        (second.created_by, "reject"),
    ]
    assert (status(application), status(second), status(elsewhere)) == (
        "accepted",
        "rejected",
        "submitted",
    )
    assert Decision.objects.get(application=elsewhere).status == "pending"
    with run_on_commit():
        assert services.decisions_send_all(actor=manager, call=call) == 0
    assert len(mails) == 2


# ---- withdrawing a decision -------------------------------------------------------------------


def test_a_pending_decision_is_withdrawn_with_an_audit_row(application, manager):
    decision = services.decision_make(actor=manager, application=application, outcome="accept")
    services.decision_withdraw(actor=manager, decision=decision)
    assert not Decision.objects.exists()
    assert status(application) == "submitted"
    assert trail(application)[-1] == ("decision.withdraw", manager, {})


def test_a_sent_decision_is_not_withdrawn(application, manager):
    decision = DecisionFactory(application=application, status=DecisionStatus.SENT)
    with pytest.raises(ValidationError) as caught:
        services.decision_withdraw(actor=manager, decision=decision)
    assert caught.value.code == "sent"
    assert caught.value.messages == [SENT_ALREADY]
    assert Decision.objects.filter(pk=decision.pk).exists()
    assert trail(application) == []
