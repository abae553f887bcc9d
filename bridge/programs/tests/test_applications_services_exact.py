"""Applicant services, to the exact value an applicant sees: the field an error is shown at and
its words, the deadline as the call announces it, both sides of each limit, what a draft starts
with (rules copy, language, currency), the audit rows, the confirmation's context, and that a
refused change leaves nothing changed. Written for the mutation score of issue 18."""

import zoneinfo
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.core.tests.exact_support import NOW, trail
from bridge.core.tests.files import has_metadata, jpeg_with_gps
from bridge.programs.models import (
    Answer,
    Application,
    ApplicationStatus,
    QuestionKind,
    StageInvitation,
    TeamMember,
)
from bridge.programs.services import applications as services
from bridge.programs.tests.factories import (
    ApplicationFactory,
    CallFactory,
    QuestionFactory,
    StageFactory,
    SubmittedApplicationFactory,
    pdf_bytes,
)
from bridge.programs.tests.test_api_application_edits import signed_pdf

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

# 23:59:59 on 10 June in Moscow (UTC+3).
CLOSES = datetime(2026, 6, 10, 20, 59, 59, tzinfo=UTC)
DEADLINE = "June 10, 2026, 11:59 p.m. (Europe/Moscow)"
TOO_LATE = f"The deadline has passed ({DEADLINE}); the application can no longer be changed."
NOT_PDF = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100


@pytest.fixture
def mails(monkeypatch):
    """What the services ask `notify` to send."""
    calls = []
    monkeypatch.setattr(services, "notify", lambda **kwargs: calls.append(kwargs))
    return calls


@pytest.fixture
def call(clock):
    return CallFactory(
        opens_at=NOW - timedelta(days=5), closes_at=CLOSES, title_en="Season of caravans"
    )


@pytest.fixture
def draft(call, organisation, owner):
    return ApplicationFactory(
        call=call, organisation=organisation, created_by=owner, title="Caravan"
    )


@pytest.fixture
def submitted(call, organisation, owner):
    return SubmittedApplicationFactory(
        call=call, organisation=organisation, created_by=owner, title="Caravan"
    )


def errors(caught) -> dict:
    return caught.value.message_dict


def pdf(name="deck.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


# ---- ineligible -------------------------------------------------------------------------------


def test_ineligible_error_carries_its_code_on_itself_and_on_every_message():
    exc = services.IneligibleError(["Too young.", "Too big."])
    assert exc.code == "ineligible"
    assert exc.messages == ["Too young.", "Too big."]
    assert [(e.message, e.code) for e in exc.error_list] == [
        ("Too young.", "ineligible"),
        ("Too big.", "ineligible"),
    ]


# ---- create -----------------------------------------------------------------------------------


def test_a_draft_starts_with_the_rules_in_force_the_actors_language_and_the_audit_row(
    call, organisation, owner
):
    owner.language = "uz"
    owner.save()
    call.eligibility.version = 3
    call.eligibility.save()
    application = services.application_create(actor=owner, call=call, organisation=organisation)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
    assert application.created_by == owner
    assert (application.call, application.organisation) == (call, organisation)
    assert application.eligibility_snapshot == {
        **call.eligibility.as_rules(),
        "version": 3,
    }
    assert application.eligibility_version == 3
    assert application.language == "uz"
    assert application.currency == "RUB"
    assert trail(application) == [("application.create", owner, {"call": call.pk})]


def test_without_a_language_of_their_own_the_draft_takes_the_pages_language(
    call, organisation, owner
):
    owner.language = ""
    owner.save()
    with translation.override("ru"):
        application = services.application_create(actor=owner, call=call, organisation=organisation)
    assert Application.objects.get(pk=application.pk).language == "ru"


def test_with_no_language_anywhere_the_draft_has_none(call, organisation, owner):
    owner.language = ""
    owner.save()
    with translation.override(None):
        application = services.application_create(actor=owner, call=call, organisation=organisation)
    assert Application.objects.get(pk=application.pk).language == ""


@pytest.mark.parametrize(("country", "currency"), [("UZ", "UZS"), ("KZ", "KZT"), ("RU", "RUB")])
def test_the_currency_starts_as_the_organisations_own(call, owner, country, currency):
    call.eligibility.countries = []
    call.eligibility.save()
    organisation = OrganisationFactory(country=country)
    organisation.memberships.create(user=owner, role="owner")
    application = services.application_create(actor=owner, call=call, organisation=organisation)
    assert Application.objects.get(pk=application.pk).currency == currency


def test_an_ineligible_organisation_is_told_which_rule_and_nothing_is_created(call, owner):
    organisation = OrganisationFactory(country="UZ")
    organisation.memberships.create(user=owner, role="owner")
    with pytest.raises(services.IneligibleError) as caught:
        services.application_create(actor=owner, call=call, organisation=organisation)
    assert caught.value.code == "ineligible"
    assert caught.value.messages == [
        "This call is open to organisations from Russia; yours is registered in Uzbekistan."
    ]
    assert not Application.objects.exists()


def test_a_closed_call_refuses_a_new_draft_with_its_words(call, organisation, owner, clock):
    clock["now"] = CLOSES
    with pytest.raises(ValidationError) as caught:
        services.application_create(actor=owner, call=call, organisation=organisation)
    assert caught.value.code == "closed"
    assert caught.value.messages == ["This call is not accepting applications."]
    assert not Application.objects.exists()


def test_one_second_before_the_close_a_draft_may_start(call, organisation, owner, clock):
    clock["now"] = CLOSES - timedelta(seconds=1)
    services.application_create(actor=owner, call=call, organisation=organisation)
    assert Application.objects.count() == 1


def test_an_outsider_starts_nothing(call, organisation, outsider):
    with pytest.raises(PermissionDenied):
        services.application_create(actor=outsider, call=call, organisation=organisation)
    assert not Application.objects.exists()


def test_a_live_application_blocks_a_second_one_but_a_withdrawn_one_does_not(
    call, organisation, owner
):
    first = services.application_create(actor=owner, call=call, organisation=organisation)
    with pytest.raises(ValidationError) as caught:
        services.application_create(actor=owner, call=call, organisation=organisation)
    assert caught.value.code == "duplicate"
    assert caught.value.messages == ["Your organisation already has an application to this call."]
    Application.objects.filter(pk=first.pk).update(status=ApplicationStatus.WITHDRAWN)
    second = services.application_create(actor=owner, call=call, organisation=organisation)
    assert second.pk != first.pk


def test_only_this_organisations_application_to_this_call_blocks_a_new_one(
    call, organisation, owner
):
    ApplicationFactory(call=call)
    ApplicationFactory(organisation=organisation, call=CallFactory(opens_at=NOW, closes_at=CLOSES))
    application = services.application_create(actor=owner, call=call, organisation=organisation)
    assert Application.objects.get(pk=application.pk).created_by == owner


def test_a_draft_started_at_the_same_moment_elsewhere_is_refused_as_a_duplicate(
    call, organisation, owner
):
    with (
        mock.patch.object(Application, "save", side_effect=IntegrityError("unique")),
        pytest.raises(ValidationError) as caught,
    ):
        services.application_create(actor=owner, call=call, organisation=organisation)
    assert caught.value.code == "duplicate"
    assert caught.value.messages == ["Your organisation already has an application to this call."]


# ---- the autosave guard -----------------------------------------------------------------------


def test_the_snapshot_claim_must_run_inside_a_transaction(draft):
    # The test itself runs in a transaction; the guard is asked about one that is not.
    outside = mock.patch.object(transaction.get_connection(), "in_atomic_block", False)
    with outside, pytest.raises(RuntimeError) as caught:
        services.application_claim_snapshot(application=draft, snapshot_at=5, explicit=False)
    assert str(caught.value) == "application_claim_snapshot must run inside transaction.atomic()"


def _claim(application, snapshot_at, explicit=False):
    with transaction.atomic():
        result = services.application_claim_snapshot(
            application=application, snapshot_at=snapshot_at, explicit=explicit
        )
    stamp = Application.objects.get(pk=application.pk).form_snapshot_at
    return result, stamp


def test_snapshots_newer_or_equal_are_claimed_older_ones_only_when_explicit(draft):
    assert _claim(draft, None) == (True, None)
    assert _claim(draft, 1000) == (True, 1000)
    assert _claim(draft, 1000) == (True, 1000)
    assert _claim(draft, 999) == (False, 1000)
    assert _claim(draft, 999, explicit=True) == (True, 1000)
    assert _claim(draft, 1001) == (True, 1001)
    assert _claim(draft, None, explicit=False) == (True, 1001)


# ---- update -----------------------------------------------------------------------------------


def test_unknown_fields_are_a_programming_error_named_in_order(draft, owner):
    with pytest.raises(TypeError) as caught:
        services.application_update(actor=owner, application=draft, zeta=1, alpha=2, title="x")
    assert str(caught.value) == "unexpected fields: ['alpha', 'zeta']"


def test_platforms_are_kept_in_the_lists_order_and_an_unknown_one_is_refused_at_its_field(
    draft, owner
):
    services.application_update(actor=owner, application=draft, platforms=["vr", "pc", "web"])
    assert Application.objects.get(pk=draft.pk).platforms == ["pc", "web", "vr"]
    with pytest.raises(ValidationError) as caught:
        services.application_update(actor=owner, application=draft, platforms=["pc", "amiga"])
    assert errors(caught) == {"platforms": ["Choose platforms from the list."]}
    assert Application.objects.get(pk=draft.pk).platforms == ["pc", "web", "vr"]
    services.application_update(actor=owner, application=draft, platforms=None)
    assert Application.objects.get(pk=draft.pk).platforms == []


def test_emptied_fields_become_blank_text_or_no_number(draft, owner):
    services.application_update(
        actor=owner,
        application=draft,
        summary=None,
        build_url=None,
        budget=None,
        amount_asked=None,
        release_target=None,
        company_founded_on=None,
    )
    saved = Application.objects.get(pk=draft.pk)
    assert (saved.summary, saved.build_url) == ("", "")
    assert (saved.budget, saved.amount_asked, saved.release_target) == (None, None, None)
    assert saved.company_founded_on is None


def test_a_field_given_is_validated_and_shown_at_its_field(draft, owner):
    with pytest.raises(ValidationError) as caught:
        services.application_update(actor=owner, application=draft, build_url="not a link")
    assert errors(caught) == {"build_url": ["Enter a valid URL."]}
    assert Application.objects.get(pk=draft.pk).build_url == "https://example.org/build"


def test_fields_not_given_are_not_validated(draft, owner):
    # An older invalid value elsewhere must not block saving what the applicant types now.
    Application.objects.filter(pk=draft.pk).update(video_url="not a link")
    services.application_update(actor=owner, application=draft, title="Caravan II")
    assert Application.objects.get(pk=draft.pk).title == "Caravan II"


def test_an_update_is_audited_with_the_fields_it_changed_in_order(draft, owner):
    services.application_update(actor=owner, application=draft, title="B", genre="casual")
    assert trail(draft) == [("application.update", owner, {"fields": ["genre", "title"]})]


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (ApplicationStatus.WITHDRAWN, "withdrawn"),
        (ApplicationStatus.UNDER_REVIEW, "under review"),
        (ApplicationStatus.REJECTED, "not selected"),
    ],
)
def test_an_application_out_of_the_applicants_hands_is_not_changed(
    draft, owner, status, words, mails
):
    Application.objects.filter(pk=draft.pk).update(status=status)
    attempts = [
        lambda: services.application_update(actor=owner, application=draft, title="New"),
        lambda: services.application_set_team(
            actor=owner, application=draft, members=[{"name": "A", "role": "B"}]
        ),
        lambda: services.application_set_pitch_deck(actor=owner, application=draft, upload=pdf()),
        lambda: services.application_withdraw(actor=owner, application=draft),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as caught:
            attempt()
        assert caught.value.code == "status"
        assert caught.value.messages == [
            f"This application is {words} and can no longer be changed."
        ]
    saved = Application.objects.get(pk=draft.pk)
    assert (saved.title, saved.status, saved.team.count()) == ("Caravan", status, 2)
    assert trail(draft) == []


def test_every_change_is_refused_at_the_deadline_with_the_calls_own_time(
    draft, owner, clock, mails
):
    question = QuestionFactory(call=draft.call, kind=QuestionKind.TEXT)
    clock["now"] = CLOSES
    # The applicant's own zone (Tashkent) does not change how the call announces its deadline.
    with timezone.override(zoneinfo.ZoneInfo("Asia/Tashkent")):
        _all_refused_at_the_deadline(draft, owner, question)
    saved = Application.objects.get(pk=draft.pk)
    assert (saved.title, saved.status, saved.team.count()) == ("Caravan", "draft", 2)
    assert not Answer.objects.exists()
    assert mails == []


def _all_refused_at_the_deadline(draft, owner, question):
    attempts = [
        lambda: services.application_update(actor=owner, application=draft, title="New"),
        lambda: services.application_set_team(
            actor=owner, application=draft, members=[{"name": "A", "role": "B"}]
        ),
        lambda: services.application_set_pitch_deck(actor=owner, application=draft, upload=pdf()),
        lambda: services.answer_save(actor=owner, application=draft, question=question, value="x"),
        lambda: services.application_withdraw(actor=owner, application=draft),
        lambda: services.application_submit(actor=owner, application=draft),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as caught:
            attempt()
        assert caught.value.code == "deadline"
        assert caught.value.messages == [TOO_LATE]


def test_one_second_before_the_deadline_every_change_goes_through(draft, owner, clock, mails):
    clock["now"] = CLOSES - timedelta(seconds=1)
    services.application_update(actor=owner, application=draft, title="New")
    services.application_set_team(
        actor=owner, application=draft, members=[{"name": "A", "role": "B"}]
    )
    services.application_submit(actor=owner, application=draft)
    saved = Application.objects.get(pk=draft.pk)
    assert (saved.title, saved.status, saved.team.count()) == ("New", "submitted", 1)


def test_another_organisations_member_changes_nothing(draft, outsider, mails):
    question = QuestionFactory(call=draft.call)
    attempts = [
        lambda: services.application_update(actor=outsider, application=draft, title="Mine"),
        lambda: services.application_set_team(actor=outsider, application=draft, members=[]),
        lambda: services.application_set_pitch_deck(
            actor=outsider, application=draft, upload=pdf()
        ),
        lambda: services.answer_save(
            actor=outsider, application=draft, question=question, value="x"
        ),
        lambda: services.application_submit(actor=outsider, application=draft),
        lambda: services.application_withdraw(actor=outsider, application=draft),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    saved = Application.objects.get(pk=draft.pk)
    assert (saved.title, saved.status, saved.team.count()) == ("Caravan", "draft", 2)
    assert not Answer.objects.exists()
    assert trail(draft) == []


# ---- a submitted application stays complete and eligible --------------------------------------


def test_an_edit_that_empties_a_required_field_of_a_submitted_application_is_refused(
    submitted, owner
):
    with pytest.raises(ValidationError) as caught:
        services.application_update(actor=owner, application=submitted, summary="")
    assert errors(caught) == {"summary": ["This field is required."]}
    assert Application.objects.get(pk=submitted.pk).summary
    assert trail(submitted) == []


def test_the_same_edit_of_a_draft_is_saved(draft, owner):
    services.application_update(actor=owner, application=draft, summary="")
    assert Application.objects.get(pk=draft.pk).summary == ""


def test_an_edit_that_makes_a_submitted_application_ineligible_is_refused_at_the_form(
    call, organisation, owner
):
    call.eligibility.project_stages = ["prototype"]
    call.eligibility.save()
    application = SubmittedApplicationFactory(
        call=call, organisation=organisation, created_by=owner
    )
    with pytest.raises(ValidationError) as caught:
        services.application_update(actor=owner, application=application, project_stage="concept")
    failures = caught.value.error_dict["__all__"]
    assert [e.code for e in failures] == ["ineligible"]
    assert len(errors(caught)) == 1
    assert Application.objects.get(pk=application.pk).project_stage == "prototype"


def test_a_submitted_application_is_judged_on_its_own_facts(call, organisation, owner):
    call.eligibility.project_stages = ["prototype"]
    call.eligibility.save()
    application = SubmittedApplicationFactory(
        call=call, organisation=organisation, created_by=owner
    )
    services.application_update(actor=owner, application=application, title="Caravan II")
    assert Application.objects.get(pk=application.pk).title == "Caravan II"
    # A fact the rules need, once emptied, fails its rule as at submission (not "pending").
    with pytest.raises(ValidationError) as caught:
        services.application_update(actor=owner, application=application, project_stage="")
    assert set(errors(caught)) == {"project_stage", "__all__"}
    assert [e.code for e in caught.value.error_dict["__all__"]] == ["ineligible"]


def test_a_submitted_application_cannot_drop_its_team(submitted, owner):
    with pytest.raises(ValidationError) as caught:
        services.application_set_team(actor=owner, application=submitted, members=[])
    assert errors(caught) == {"team": ["List at least one team member."]}
    assert list(submitted.team.values_list("name", flat=True)) == ["Aziza", "Ivan"]


def test_a_submitted_application_cannot_empty_a_required_answer(submitted, owner):
    question = QuestionFactory(call=submitted.call, required=True, label_en="Why you?")
    Answer.objects.create(application=submitted, question=question, value="Because.")
    with pytest.raises(ValidationError) as caught:
        services.answer_save(actor=owner, application=submitted, question=question, value="")
    assert errors(caught) == {f"question-{question.pk}": ["Answer this question: Why you?"]}
    assert Answer.objects.get(question=question).value == "Because."


# ---- team -------------------------------------------------------------------------------------


def test_the_team_replaces_the_old_one_trimmed_in_the_order_given(draft, owner):
    rows = services.application_set_team(
        actor=owner,
        application=draft,
        members=[{"name": "  Dilnoza ", "role": " Producer "}, {"name": "Oleg", "role": "Coder"}],
    )
    assert [(r.name, r.role, r.position) for r in rows] == [
        ("Dilnoza", "Producer", 0),
        ("Oleg", "Coder", 1),
    ]
    assert list(
        TeamMember.objects.filter(application=draft)
        .order_by("position")
        .values_list("name", "role", "position")
    ) == [("Dilnoza", "Producer", 0), ("Oleg", "Coder", 1)]
    assert trail(draft) == [("application.team", owner, {"size": 2})]


@pytest.mark.parametrize(
    "member", [{"name": "Oleg"}, {"role": "Coder"}, {"name": " ", "role": "Coder"}, {}]
)
def test_each_member_needs_a_name_and_a_role(draft, owner, member):
    with pytest.raises(ValidationError) as caught:
        services.application_set_team(
            actor=owner, application=draft, members=[{"name": "A", "role": "B"}, member]
        )
    assert errors(caught) == {"team": ["Give each team member a name and a role."]}
    assert draft.team.count() == 2


def test_a_team_of_100_is_kept_and_of_101_refused(draft, owner):
    members = [{"name": f"P{i}", "role": "Dev"} for i in range(101)]
    with pytest.raises(ValidationError) as caught:
        services.application_set_team(actor=owner, application=draft, members=members)
    assert errors(caught) == {"team": ["List at most 100 people."]}
    assert draft.team.count() == 2
    rows = services.application_set_team(actor=owner, application=draft, members=members[:100])
    assert len(rows) == 100
    assert draft.team.count() == 100


def test_a_member_too_long_for_the_list_is_refused(draft, owner):
    with pytest.raises(ValidationError) as caught:
        services.application_set_team(
            actor=owner, application=draft, members=[{"name": "N" * 201, "role": "Dev"}]
        )
    assert "name" in errors(caught)
    assert draft.team.count() == 2


# ---- pitch deck -------------------------------------------------------------------------------


def test_a_new_pitch_deck_replaces_the_old_file_after_commit(draft, owner, run_on_commit):
    old = Application.objects.get(pk=draft.pk).pitch_deck
    storage, old_name = old.storage, old.name
    assert storage.exists(old_name)
    with run_on_commit():
        services.application_set_pitch_deck(
            actor=owner, application=draft, upload=pdf("Our studio.pdf")
        )
    saved = Application.objects.get(pk=draft.pk)
    assert saved.pitch_deck.name != old_name
    assert saved.pitch_deck.name.startswith("programs/pitch-decks/")
    assert saved.pitch_deck.name.endswith(".pdf")
    assert storage.exists(saved.pitch_deck.name)
    assert not storage.exists(old_name)
    assert trail(draft) == [("application.pitch_deck", owner, {})]


def test_a_first_pitch_deck_deletes_nothing(call, organisation, owner, run_on_commit):
    application = ApplicationFactory(
        call=call, organisation=organisation, created_by=owner, pitch_deck=""
    )
    storage = Application._meta.get_field("pitch_deck").storage
    with mock.patch.object(type(storage), "delete") as delete, run_on_commit():
        services.application_set_pitch_deck(actor=owner, application=application, upload=pdf())
    delete.assert_not_called()
    assert Application.objects.get(pk=application.pk).pitch_deck


def test_the_pitch_deck_is_stored_without_the_name_of_its_author(draft, owner):
    upload = SimpleUploadedFile("deck.pdf", signed_pdf(), content_type="application/pdf")
    services.application_set_pitch_deck(actor=owner, application=draft, upload=upload)
    with Application.objects.get(pk=draft.pk).pitch_deck.open("rb") as stored:
        content = stored.read()
    assert content.startswith(b"%PDF-")
    assert b"Jane Secret" not in content


def test_a_pitch_deck_that_is_not_a_pdf_is_refused_at_its_field(draft, owner):
    old = Application.objects.get(pk=draft.pk).pitch_deck.name
    with pytest.raises(ValidationError) as caught:
        services.application_set_pitch_deck(
            actor=owner, application=draft, upload=SimpleUploadedFile("d.pdf", NOT_PDF)
        )
    assert errors(caught) == {
        "pitch_deck": ["This file is not a PDF document, or it is damaged. Please upload a PDF."]
    }
    assert Application.objects.get(pk=draft.pk).pitch_deck.name == old
    assert trail(draft) == []


def test_the_pitch_deck_save_does_not_undo_a_title_saved_meanwhile(draft, owner):
    stale = Application.objects.get(pk=draft.pk)
    Application.objects.filter(pk=draft.pk).update(title="Renamed elsewhere")
    services.application_set_pitch_deck(actor=owner, application=stale, upload=pdf())
    assert Application.objects.get(pk=draft.pk).title == "Renamed elsewhere"


# ---- answers ----------------------------------------------------------------------------------


def test_a_question_of_another_call_is_refused(draft, owner):
    question = QuestionFactory()
    with pytest.raises(PermissionDenied):
        services.answer_save(actor=owner, application=draft, question=question, value="x")
    assert not Answer.objects.exists()


def test_a_wrong_answer_is_shown_at_its_question(draft, owner):
    question = QuestionFactory(call=draft.call, kind=QuestionKind.NUMBER)
    with pytest.raises(ValidationError) as caught:
        services.answer_save(actor=owner, application=draft, question=question, value="many")
    assert errors(caught) == {f"question-{question.pk}": ["Enter a number."]}


def test_a_text_answer_is_saved_and_replaced(draft, owner):
    question = QuestionFactory(call=draft.call)
    services.answer_save(actor=owner, application=draft, question=question, value=" First ")
    answer = services.answer_save(actor=owner, application=draft, question=question, value="Two")
    assert answer.value == "Two"
    assert list(Answer.objects.values_list("question", "value")) == [(question.pk, "Two")]


def test_a_file_answer_is_named_by_its_content_and_the_old_file_goes_after_commit(
    draft, owner, run_on_commit
):
    question = QuestionFactory(call=draft.call, kind=QuestionKind.FILE)
    with run_on_commit():
        first = services.answer_save(
            actor=owner, application=draft, question=question, file=pdf("Studio secrets.png")
        )
    first_name = Answer.objects.get(pk=first.pk).file.name
    assert first_name.startswith("programs/answers/")
    assert first_name.endswith(".pdf")
    storage = first.file.storage
    assert storage.exists(first_name)
    with run_on_commit():
        services.answer_save(
            actor=owner,
            application=draft,
            question=question,
            file=SimpleUploadedFile("x.pdf", jpeg_with_gps()),
        )
    second = Answer.objects.get(pk=first.pk).file
    second_name = second.name
    assert second_name.endswith(".jpg")
    # Stored without the photo's GPS position (the applicant's address).
    with second.open("rb") as stored:
        assert not has_metadata(stored.read())
    assert storage.exists(second_name)
    assert not storage.exists(first_name)


def test_a_first_file_answer_deletes_nothing(draft, owner, run_on_commit):
    question = QuestionFactory(call=draft.call, kind=QuestionKind.FILE)
    storage = Answer._meta.get_field("file").storage
    with mock.patch.object(type(storage), "delete") as delete, run_on_commit():
        services.answer_save(actor=owner, application=draft, question=question, file=pdf())
    delete.assert_not_called()


def test_a_file_question_without_a_file_keeps_what_it_had(draft, owner, run_on_commit):
    question = QuestionFactory(call=draft.call, kind=QuestionKind.FILE)
    with run_on_commit():
        answer = services.answer_save(actor=owner, application=draft, question=question, file=pdf())
    name = Answer.objects.get(pk=answer.pk).file.name
    with mock.patch.object(type(answer.file.storage), "delete") as delete, run_on_commit():
        services.answer_save(actor=owner, application=draft, question=question, file=None)
    delete.assert_not_called()
    assert Answer.objects.get(pk=answer.pk).file.name == name


# ---- submit -----------------------------------------------------------------------------------


def test_submission_stamps_the_moment_keeps_the_language_and_confirms(
    draft, owner, clock, mails, run_on_commit
):
    owner.language = "ru"
    owner.save()
    with run_on_commit():
        services.application_submit(actor=owner, application=draft)
    saved = Application.objects.get(pk=draft.pk)
    assert (saved.status, saved.submitted_at, saved.language) == ("submitted", NOW, "ru")
    assert trail(draft) == [("application.submit", owner, {})]
    assert mails == [
        {
            "to": owner,
            "template": "programs/email/application_submitted",
            "context": {
                "title": "Caravan",
                "organisation": draft.organisation.name,
                "call": draft.call.title_ru,
                "deadline": "10 июня 2026 г. 23:59 (Europe/Moscow)",
                "application_id": draft.pk,
            },
            "language": "ru",
        }
    ]


def test_without_a_language_of_their_own_the_application_keeps_its_own(
    draft, owner, mails, run_on_commit
):
    owner.language = ""
    owner.save()
    with run_on_commit():
        services.application_submit(actor=owner, application=draft)
    assert Application.objects.get(pk=draft.pk).language == "en"
    assert mails[0]["language"] == "en"
    assert mails[0]["context"]["call"] == "Season of caravans"
    assert mails[0]["context"]["deadline"] == DEADLINE


def test_without_any_language_the_pages_one_is_kept(draft, owner, mails, run_on_commit):
    owner.language = ""
    owner.save()
    Application.objects.filter(pk=draft.pk).update(language="")
    with translation.override("uz"), run_on_commit():
        services.application_submit(actor=owner, application=draft)
    assert Application.objects.get(pk=draft.pk).language == "uz"


def test_the_submission_save_does_not_undo_a_title_saved_meanwhile(draft, owner, mails):
    stale = Application.objects.get(pk=draft.pk)
    Application.objects.filter(pk=draft.pk).update(title="Renamed elsewhere")
    services.application_submit(actor=owner, application=stale)
    assert Application.objects.get(pk=draft.pk).title == "Renamed elsewhere"


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ("withdrawn", "This application was withdrawn; start a new one to apply again."),
        ("submitted", "This application has already been submitted."),
        ("under-review", "This application has already been submitted."),
    ],
)
def test_only_a_draft_is_submitted(draft, owner, status, message, mails):
    Application.objects.filter(pk=draft.pk).update(status=status)
    with pytest.raises(ValidationError) as caught:
        services.application_submit(actor=owner, application=draft)
    assert caught.value.code == "already_submitted"
    assert caught.value.messages == [message]
    assert Application.objects.get(pk=draft.pk).submitted_at is None
    assert mails == []


def test_an_unpublished_call_takes_no_submission(draft, owner, mails):
    draft.call.is_published = False
    draft.call.save()
    with pytest.raises(ValidationError) as caught:
        services.application_submit(actor=owner, application=draft)
    assert caught.value.code == "closed"
    assert caught.value.messages == ["This call is not accepting applications."]
    assert Application.objects.get(pk=draft.pk).status == "draft"


def test_a_call_opens_at_its_moment_not_a_second_before(draft, owner, clock, mails):
    draft.call.opens_at = NOW + timedelta(seconds=1)
    draft.call.save()
    with pytest.raises(ValidationError) as caught:
        services.application_submit(actor=owner, application=draft)
    assert caught.value.code == "closed"
    draft.call.opens_at = NOW
    draft.call.save()
    services.application_submit(actor=owner, application=draft)
    assert Application.objects.get(pk=draft.pk).status == "submitted"


def test_an_incomplete_and_ineligible_draft_hears_both_at_their_fields(
    call, organisation, owner, mails
):
    call.eligibility.project_stages = ["beta"]
    call.eligibility.save()
    application = ApplicationFactory(
        call=call,
        organisation=organisation,
        created_by=owner,
        summary="",
        eligibility_snapshot=call.eligibility.as_rules(),
    )
    with pytest.raises(ValidationError) as caught:
        services.application_submit(actor=owner, application=application)
    assert set(errors(caught)) == {"summary", "__all__"}
    assert errors(caught)["summary"] == ["This field is required."]
    assert [e.code for e in caught.value.error_dict["__all__"]] == ["ineligible"]
    assert Application.objects.get(pk=application.pk).status == "draft"
    assert mails == []


def test_a_draft_is_judged_on_its_own_facts_and_a_missing_one_fails_its_rule(
    call, organisation, owner, mails
):
    call.eligibility.project_stages = ["prototype"]
    call.eligibility.save()
    application = ApplicationFactory(
        call=call, organisation=organisation, created_by=owner, project_stage=""
    )
    with pytest.raises(ValidationError) as caught:
        services.application_submit(actor=owner, application=application)
    assert set(errors(caught)) == {"project_stage", "__all__"}
    assert [e.code for e in caught.value.error_dict["__all__"]] == ["ineligible"]
    Application.objects.filter(pk=application.pk).update(project_stage="prototype")
    services.application_submit(actor=owner, application=application)
    assert Application.objects.get(pk=application.pk).status == "submitted"


def test_with_no_language_anywhere_the_submission_keeps_none(draft, owner, mails):
    owner.language = ""
    owner.save()
    Application.objects.filter(pk=draft.pk).update(language="")
    with translation.override(None):
        services.application_submit(actor=owner, application=draft)
    assert Application.objects.get(pk=draft.pk).language == ""


def test_an_ineligible_complete_draft_is_refused(call, organisation, owner, mails):
    call.eligibility.project_stages = ["beta"]
    call.eligibility.save()
    application = ApplicationFactory(
        call=call,
        organisation=organisation,
        created_by=owner,
        eligibility_snapshot=call.eligibility.as_rules(),
    )
    with pytest.raises(ValidationError) as caught:
        services.application_submit(actor=owner, application=application)
    assert list(errors(caught)) == ["__all__"]
    assert Application.objects.get(pk=application.pk).status == "draft"


# ---- later stages -----------------------------------------------------------------------------


@pytest.fixture
def stage(call):
    return StageFactory(call=call, position=1, closes_at=CLOSES + timedelta(days=10))


@pytest.fixture
def invited(submitted, stage):
    Application.objects.filter(pk=submitted.pk).update(
        current_stage=stage, status=ApplicationStatus.SHORTLISTED
    )
    StageInvitation.objects.create(stage=stage, application=submitted)
    return Application.objects.get(pk=submitted.pk)


def test_a_later_stage_is_submitted_once_by_its_invitation(
    invited, stage, owner, clock, mails, run_on_commit
):
    clock["now"] = CLOSES + timedelta(days=1)
    with run_on_commit():
        services.application_submit(actor=owner, application=invited)
    invitation = StageInvitation.objects.get(stage=stage)
    assert invitation.submitted_at == CLOSES + timedelta(days=1)
    saved = Application.objects.get(pk=invited.pk)
    assert saved.status == "shortlisted"
    assert trail(invited) == [("application.submit_stage", owner, {"stage": stage.pk})]
    assert [m["to"] for m in mails] == [owner]
    assert mails[0]["context"]["deadline"] == "June 20, 2026, 11:59 p.m. (Europe/Moscow)"
    with pytest.raises(ValidationError) as caught:
        services.application_submit(actor=owner, application=invited)
    assert caught.value.code == "already_submitted"
    assert caught.value.messages == ["This stage has already been submitted."]
    assert StageInvitation.objects.get(stage=stage).submitted_at == CLOSES + timedelta(days=1)
    assert len(mails) == 1


def test_the_invitation_submitted_is_this_applications_to_its_current_stage(
    invited, stage, call, owner, mails
):
    # Older invitations come first in the table: one of this application to an earlier stage,
    # already submitted, and one of another application to this stage.
    StageInvitation.objects.all().delete()
    later = StageFactory(call=call, position=2, closes_at=stage.closes_at)
    other = SubmittedApplicationFactory(call=call)
    StageInvitation.objects.create(stage=later, application=other)
    StageInvitation.objects.create(stage=stage, application=invited, submitted_at=NOW)
    StageInvitation.objects.create(stage=later, application=invited)
    Application.objects.filter(pk=invited.pk).update(current_stage=later)
    services.application_submit(actor=owner, application=invited)
    stamped = StageInvitation.objects.filter(submitted_at=NOW).values_list("stage", "application")
    assert sorted(stamped) == sorted([(stage.pk, invited.pk), (later.pk, invited.pk)])
    assert StageInvitation.objects.get(application=other).submitted_at is None


def test_a_later_stage_of_an_application_without_a_language_confirms_without_one(
    invited, stage, owner, mails, run_on_commit
):
    Application.objects.filter(pk=invited.pk).update(language="")
    with run_on_commit():
        services.application_submit(actor=owner, application=invited)
    assert mails[0]["language"] == ""


def test_a_later_stage_without_an_invitation_is_refused(invited, stage, owner, mails):
    StageInvitation.objects.all().delete()
    with pytest.raises(PermissionDenied):
        services.application_submit(actor=owner, application=invited)
    assert mails == []


def test_a_later_stage_closes_at_its_own_deadline(invited, stage, owner, clock, mails):
    clock["now"] = stage.closes_at
    with pytest.raises(ValidationError) as caught:
        services.application_submit(actor=owner, application=invited)
    assert caught.value.code == "deadline"
    assert caught.value.messages == [
        "The deadline has passed (June 20, 2026, 11:59 p.m. (Europe/Moscow)); "
        "the application can no longer be changed."
    ]
    assert StageInvitation.objects.get(stage=stage).submitted_at is None


def test_a_later_stage_needs_its_required_answers(invited, stage, owner, mails):
    question = QuestionFactory(call=invited.call, required=True, label_en="Your budget plan?")
    question.stage = stage
    question.save()
    with pytest.raises(ValidationError) as caught:
        services.application_submit(actor=owner, application=invited)
    assert errors(caught) == {
        f"question-{question.pk}": ["Answer this question: Your budget plan?"]
    }
    assert StageInvitation.objects.get(stage=stage).submitted_at is None
    assert mails == []


def test_a_stage_at_position_zero_is_submitted_as_the_first(submitted, call, owner, mails):
    first = call.stages.get(position=0)
    Application.objects.filter(pk=submitted.pk).update(current_stage=first)
    with pytest.raises(ValidationError) as caught:
        services.application_submit(actor=owner, application=submitted)
    assert caught.value.messages == ["This application has already been submitted."]


# ---- withdraw ---------------------------------------------------------------------------------


def test_withdrawal_stamps_the_moment_and_is_audited(submitted, owner, clock):
    clock["now"] = CLOSES - timedelta(seconds=1)
    services.application_withdraw(actor=owner, application=submitted)
    saved = Application.objects.get(pk=submitted.pk)
    assert (saved.status, saved.withdrawn_at) == ("withdrawn", CLOSES - timedelta(seconds=1))
    assert trail(submitted) == [("application.withdraw", owner, {})]


def test_withdrawal_does_not_undo_a_title_saved_meanwhile(submitted, owner):
    stale = Application.objects.get(pk=submitted.pk)
    Application.objects.filter(pk=submitted.pk).update(title="Renamed elsewhere")
    services.application_withdraw(actor=owner, application=stale)
    saved = Application.objects.get(pk=submitted.pk)
    assert (saved.title, saved.status) == ("Renamed elsewhere", "withdrawn")


def test_amounts_are_kept_to_the_kopeck(draft, owner):
    services.application_update(actor=owner, application=draft, budget=Decimal("1234.56"))
    assert Application.objects.get(pk=draft.pk).budget == Decimal("1234.56")
