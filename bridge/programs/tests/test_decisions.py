"""Shortlist, decide, and send from the outbox: letters in each applicant's language."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from bridge.accounts.tests.factories import UserFactory
from bridge.core.models import AuditEntry
from bridge.programs.models import ApplicationStatus, Decision, DecisionStatus
from bridge.programs.services.decisions import (
    application_shortlist,
    decision_make,
    decision_send,
    decisions_send_all,
)
from bridge.programs.tests.factories import CallFactory, SubmittedApplicationFactory


@pytest.fixture
def call(db):
    return CallFactory(title_ru="Сезон CIS", title_uz="MDH mavsumi", title_en="CIS season")


@pytest.fixture
def uzbek(call):
    return SubmittedApplicationFactory(
        call=call, title="Silk Road Racer", created_by=UserFactory(language="uz"), language="uz"
    )


@pytest.fixture
def russian(call):
    return SubmittedApplicationFactory(
        call=call, title="Taiga Tales", created_by=UserFactory(language="ru"), language="ru"
    )


@pytest.mark.integration
def test_decision_waits_pending_then_is_sent_in_the_applicants_language(
    call, uzbek, programme_manager, django_capture_on_commit_callbacks
):
    application_shortlist(actor=programme_manager, application=uzbek)
    uzbek.refresh_from_db()
    assert uzbek.status == ApplicationStatus.SHORTLISTED

    decision = decision_make(actor=programme_manager, application=uzbek, outcome="accept")
    assert decision.status == DecisionStatus.PENDING and decision.language == "uz"
    uzbek.refresh_from_db()
    assert uzbek.status == ApplicationStatus.SHORTLISTED  # nothing visible before sending
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        decision_send(actor=programme_manager, decision=decision)
    uzbek.refresh_from_db()
    decision.refresh_from_db()
    assert uzbek.status == ApplicationStatus.ACCEPTED
    assert decision.status == DecisionStatus.SENT and decision.sent_at is not None
    assert len(mail.outbox) == 1
    letter = mail.outbox[0]
    assert letter.to == [uzbek.created_by.email]
    assert "MDH mavsumi" in letter.subject  # the call's Uzbek title
    assert "Silk Road Racer" in letter.body
    assert reverse("programs:application_detail", args=[uzbek.pk]) in letter.body
    assert set(
        AuditEntry.objects.filter(target_id=str(uzbek.pk)).values_list("action", flat=True)
    ) >= {"application.shortlist", "decision.make", "decision.send"}

    with pytest.raises(ValidationError):
        decision_send(actor=programme_manager, decision=decision)
    with pytest.raises(ValidationError):
        decision_make(actor=programme_manager, application=uzbek, outcome="reject")


@pytest.mark.integration
def test_send_all_sends_every_pending_decision_once(
    call, uzbek, russian, programme_manager, django_capture_on_commit_callbacks
):
    decision_make(actor=programme_manager, application=uzbek, outcome="waitlist")
    decision_make(
        actor=programme_manager, application=russian, outcome="reject", message="Apply again!"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert decisions_send_all(actor=programme_manager, call=call) == 2
    uzbek.refresh_from_db()
    russian.refresh_from_db()
    assert uzbek.status == ApplicationStatus.WAITLISTED
    assert russian.status == ApplicationStatus.REJECTED
    letters = {m.to[0]: m for m in mail.outbox}
    assert "Сезон CIS" in letters[russian.created_by.email].subject
    assert "Apply again!" in letters[russian.created_by.email].body
    with django_capture_on_commit_callbacks(execute=True):
        assert decisions_send_all(actor=programme_manager, call=call) == 0
    assert len(mail.outbox) == 2


@pytest.mark.integration
def test_a_pending_decision_can_be_changed(uzbek, programme_manager):
    decision_make(actor=programme_manager, application=uzbek, outcome="reject")
    decision_make(actor=programme_manager, application=uzbek, outcome="accept")
    assert Decision.objects.get(application=uzbek).outcome == "accept"
    with pytest.raises(ValidationError) as exc:
        decision_make(actor=programme_manager, application=uzbek, outcome="maybe")
    assert "outcome" in exc.value.error_dict


@pytest.mark.integration
def test_only_programme_managers_decide_and_send(uzbek, analyst, moderator, programme_manager):
    for user in (analyst, moderator, uzbek.created_by):
        with pytest.raises(PermissionDenied):
            decision_make(actor=user, application=uzbek, outcome="accept")
        with pytest.raises(PermissionDenied):
            application_shortlist(actor=user, application=uzbek)
    decision = decision_make(actor=programme_manager, application=uzbek, outcome="accept")
    for user in (analyst, moderator, uzbek.created_by):
        with pytest.raises(PermissionDenied):
            decision_send(actor=user, decision=decision)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PENDING


@pytest.mark.integration
def test_outbox_pages_send_one_and_all(
    client, call, uzbek, russian, programme_manager, django_capture_on_commit_callbacks
):
    client.force_login(programme_manager)
    ranking = reverse("programs_review:staff_ranking", args=[call.slug])
    client.post(
        reverse("programs_review:staff_decide", args=[call.slug, uzbek.pk]), {"outcome": "accept"}
    )
    client.post(
        reverse("programs_review:staff_decide", args=[call.slug, russian.pk]), {"outcome": "reject"}
    )
    assert "2 decisions wait in the outbox" in client.get(ranking).content.decode()
    outbox = reverse("programs_review:staff_outbox", args=[call.slug])
    html = client.get(outbox).content.decode()
    assert "Silk Road Racer" in html and "Taiga Tales" in html
    one = Decision.objects.get(application=uzbek)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("programs_review:staff_send", args=[call.slug, one.pk]))
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("programs_review:staff_send_all", args=[call.slug]))
    assert len(mail.outbox) == 2
    assert not Decision.objects.filter(status=DecisionStatus.PENDING).exists()
    # GET never sends.
    assert (
        client.get(reverse("programs_review:staff_send_all", args=[call.slug])).status_code == 405
    )
