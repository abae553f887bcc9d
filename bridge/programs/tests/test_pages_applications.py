"""The public call page, its eligibility panel, and the applicant's pages (draft, autosave,
submit, withdraw, status)."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.programs.models import Application, ApplicationStatus, DecisionStatus, QuestionKind
from bridge.programs.tests.factories import (
    ApplicationFactory,
    CallFactory,
    DecisionFactory,
    QuestionFactory,
    SubmittedApplicationFactory,
    pdf_bytes,
)

pytestmark = pytest.mark.integration


def form_data(application, **overrides):
    data = {
        "title": application.title,
        "summary": application.summary,
        "genre": application.genre,
        "platforms": application.platforms,
        "engine": application.engine,
        "project_stage": application.project_stage,
        "budget": str(application.budget or ""),
        "amount_asked": str(application.amount_asked or ""),
        "currency": application.currency,
        "release_target": "",
        "build_url": application.build_url,
        "video_url": application.video_url,
        "company_founded_on": "",
        "team-TOTAL_FORMS": "2",
        "team-INITIAL_FORMS": "0",
        "team-MIN_NUM_FORMS": "0",
        "team-MAX_NUM_FORMS": "100",
        "team-0-name": "Aziza",
        "team-0-role": "Lead",
        "team-1-name": "",
        "team-1-role": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def uz_studio(db):
    owner = UserFactory()
    organisation = OrganisationFactory(
        country="UZ", legal_form="uz-mchj", registration_number="306284157"
    )
    Membership.objects.create(organisation=organisation, user=owner, role=Role.OWNER)
    return organisation, owner


def test_call_page_tells_each_organisation_whether_it_may_apply(
    client, owner, organisation, uz_studio
):
    call = CallFactory(eligibility={"countries": ["RU"]})
    uz_org, _uz_owner = uz_studio
    Membership.objects.create(organisation=uz_org, user=owner, role=Role.MEMBER)
    client.force_login(owner)
    page = client.get(reverse("programs:call_detail", args=[call.slug])).content.decode()
    assert "Eligible" in page
    assert "Not eligible" in page
    assert (
        "This call is open to organisations from Russia; yours is registered in Uzbekistan." in page
    )
    assert f"Apply as {organisation.name}" in page
    assert f"Apply as {uz_org.name}" not in page


def test_call_page_shows_times_in_the_call_zone_and_the_viewers(client, uz_studio):
    call = CallFactory()
    _org, uz_owner = uz_studio
    uz_owner.timezone = "Asia/Tashkent"
    uz_owner.save()
    client.force_login(uz_owner)
    page = client.get(reverse("programs:call_detail", args=[call.slug])).content.decode()
    assert "Europe/Moscow" in page
    assert "in your time zone (Asia/Tashkent)" in page


def test_anonymous_visitor_is_asked_to_sign_in_on_the_call_page(client, db):
    call = CallFactory(description_ru="Описание", description_en="About the season")
    response = client.get(reverse("programs:call_detail", args=[call.slug]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sign in to see whether your organisation can apply." in page
    assert "About the season" in page


def test_call_description_falls_back_when_the_readers_language_is_missing(client, db):
    call = CallFactory(description_ru="Только по-русски", description_en="")
    page = client.get(reverse("programs:call_detail", args=[call.slug])).content.decode()
    assert "Только по-русски" in page


def test_unpublished_call_is_not_found_for_applicants(client, owner):
    call = CallFactory(is_published=False)
    client.force_login(owner)
    assert client.get(reverse("programs:call_detail", args=[call.slug])).status_code == 404


def test_starting_an_application_creates_a_draft(client, owner, organisation):
    call = CallFactory()
    client.force_login(owner)
    response = client.post(
        reverse("programs:application_start", args=[call.slug]), {"organisation": organisation.pk}
    )
    application = Application.objects.get(call=call, organisation=organisation)
    assert response.status_code == 302
    assert response["Location"] == reverse("programs:application_edit", args=[application.pk])
    assert application.status == ApplicationStatus.DRAFT


def test_an_ineligible_organisation_cannot_start_and_is_told_why(client, uz_studio):
    call = CallFactory(eligibility={"countries": ["RU"]})
    organisation, owner = uz_studio
    client.force_login(owner)
    response = client.post(
        reverse("programs:application_start", args=[call.slug]), {"organisation": organisation.pk}
    )
    assert response.status_code == 400
    assert "yours is registered in Uzbekistan" in response.content.decode()
    assert not Application.objects.exists()


def test_save_draft_button_saves_without_javascript(client, owner, organisation):
    application = ApplicationFactory(organisation=organisation, title="", team=[])
    client.force_login(owner)
    response = client.post(
        reverse("programs:application_edit", args=[application.pk]),
        form_data(application, title="Caravan", then="save"),
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.title == "Caravan"
    assert [(m.name, m.role) for m in application.team.all()] == [("Aziza", "Lead")]


def test_autosave_saves_the_draft_and_answers_the_time(client, owner, organisation):
    application = ApplicationFactory(organisation=organisation, title="Old")
    client.force_login(owner)
    response = client.post(
        reverse("programs:application_autosave", args=[application.pk]),
        form_data(application, title="Typed so far"),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Saved at" in response.content.decode()
    application.refresh_from_db()
    assert application.title == "Typed so far"


def test_autosave_keeps_good_fields_and_reports_bad_ones(client, owner, organisation):
    application = ApplicationFactory(organisation=organisation, title="Old")
    client.force_login(owner)
    response = client.post(
        reverse("programs:application_autosave", args=[application.pk]),
        form_data(application, title="New title", budget="lots"),
    )
    text = response.content.decode()
    assert "Not everything could be saved" in text
    assert "Total budget" in text
    application.refresh_from_db()
    assert application.title == "New title"
    assert application.budget == Decimal("5000000")


def test_custom_questions_are_saved_per_kind(client, owner, organisation):
    call = CallFactory()
    text = QuestionFactory(call=call, kind=QuestionKind.TEXT, label_en="Why you?")
    yes_no = QuestionFactory(call=call, kind=QuestionKind.YES_NO, label_en="Have a publisher?")
    multi = QuestionFactory(
        call=call,
        kind=QuestionKind.MULTI_CHOICE,
        label_en="Markets",
        choices=[{"value": "ru", "en": "Russia"}, {"value": "uz", "en": "Uzbekistan"}],
    )
    application = ApplicationFactory(call=call, organisation=organisation)
    client.force_login(owner)
    client.post(
        reverse("programs:application_autosave", args=[application.pk]),
        form_data(
            application,
            **{f"q-{text.pk}": "Because", f"q-{yes_no.pk}": "no", f"q-{multi.pk}": ["uz", "ru"]},
        ),
    )
    answers = {a.question_id: a.value for a in application.answers.all()}
    assert answers == {text.pk: "Because", yes_no.pk: False, multi.pk: ["ru", "uz"]}
    page = client.get(reverse("programs:application_edit", args=[application.pk])).content.decode()
    assert "Why you?" in page and "Markets" in page


def test_pitch_deck_must_be_a_pdf(client, owner, organisation):
    application = ApplicationFactory(organisation=organisation, pitch_deck=None)
    client.force_login(owner)
    fake = SimpleUploadedFile("deck.pdf", b"MZ not a pdf at all", content_type="application/pdf")
    response = client.post(
        reverse("programs:application_edit", args=[application.pk]),
        {**form_data(application), "pitch_deck": fake},
    )
    assert response.status_code == 400
    application.refresh_from_db()
    assert not application.pitch_deck
    good = SimpleUploadedFile("deck.pdf", pdf_bytes(), content_type="application/pdf")
    response = client.post(
        reverse("programs:application_edit", args=[application.pk]),
        {**form_data(application), "pitch_deck": good},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.pitch_deck.name.endswith(".pdf")
    assert "deck" not in application.pitch_deck.name.rsplit("/", 1)[-1]


def test_submit_page_lists_what_is_missing(client, owner, organisation):
    application = ApplicationFactory(organisation=organisation, title="", team=[])
    client.force_login(owner)
    page = client.get(
        reverse("programs:application_submit", args=[application.pk])
    ).content.decode()
    assert "Still missing" in page
    assert "Game title" in page
    assert "List at least one team member." in page
    response = client.post(reverse("programs:application_submit", args=[application.pk]))
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_submitting_a_complete_application(
    client, owner, organisation, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(organisation=organisation)
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("programs:application_submit", args=[application.pk]))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert len(mail.outbox) == 1
    page = client.get(
        reverse("programs:application_detail", args=[application.pk])
    ).content.decode()
    assert "Submitted" in page


def test_withdraw_until_the_deadline(client, owner, organisation):
    application = SubmittedApplicationFactory(organisation=organisation)
    client.force_login(owner)
    response = client.post(reverse("programs:application_withdraw", args=[application.pk]))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


def test_after_the_deadline_the_form_is_read_only(client, owner, organisation):
    from datetime import timedelta

    from django.utils import timezone

    call = CallFactory(
        opens_at=timezone.now() - timedelta(days=10),
        closes_at=timezone.now() - timedelta(seconds=1),
    )
    application = ApplicationFactory(call=call, organisation=organisation, title="Frozen")
    client.force_login(owner)
    response = client.post(
        reverse("programs:application_autosave", args=[application.pk]),
        form_data(application, title="Late"),
    )
    assert response.status_code == 409
    application.refresh_from_db()
    assert application.title == "Frozen"
    edit = client.get(reverse("programs:application_edit", args=[application.pk]))
    assert edit.status_code == 302


def test_an_unsent_decision_stays_hidden_from_the_applicant(client, owner, organisation):
    application = SubmittedApplicationFactory(
        organisation=organisation, status=ApplicationStatus.ACCEPTED
    )
    decision = DecisionFactory(application=application, outcome="accept", message="Welcome!")
    client.force_login(owner)
    page = client.get(
        reverse("programs:application_detail", args=[application.pk])
    ).content.decode()
    assert "Under review" in page
    assert "Welcome!" not in page
    decision.status = DecisionStatus.SENT
    decision.save()
    page = client.get(
        reverse("programs:application_detail", args=[application.pk])
    ).content.decode()
    assert "Welcome!" in page
    assert "Accepted" in page


@pytest.mark.parametrize(
    "name", ["application_detail", "application_edit", "application_submit", "application_withdraw"]
)
def test_an_applicant_cannot_open_anothers_application(client, outsider, name):
    application = ApplicationFactory()
    client.force_login(outsider)
    assert client.get(reverse(f"programs:{name}", args=[application.pk])).status_code == 404


def test_an_applicant_cannot_autosave_anothers_application(client, outsider):
    application = ApplicationFactory(title="Theirs")
    client.force_login(outsider)
    response = client.post(
        reverse("programs:application_autosave", args=[application.pk]),
        form_data(application, title="Mine now"),
    )
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.title == "Theirs"


@pytest.mark.parametrize(
    "path",
    [
        "/programmes/applications/abc/",
        "/programmes/applications/0/",
        "/programmes/applications/99999999999999999999/",
        "/programmes/applications/-1/edit/",
        "/programmes/calls/no-such-call/",
        "/programmes/calls/no-such-call/apply/",
    ],
)
def test_odd_addresses_are_not_found(client, owner, path):
    client.force_login(owner)
    assert client.get(path).status_code == 404


def test_start_with_garbage_organisation_is_a_form_error(client, owner):
    call = CallFactory()
    client.force_login(owner)
    response = client.post(
        reverse("programs:application_start", args=[call.slug]), {"organisation": "'; drop"}
    )
    assert response.status_code == 400
    assert "Choose one of your organisations." in response.content.decode()


def _my_list_queries(client, user):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("programs:my_applications")).status_code == 200
    return len(ctx)


def test_my_applications_has_no_n_plus_one(client, owner, organisation):
    client.force_login(owner)
    for _ in range(2):
        ApplicationFactory(organisation=organisation, call=CallFactory())
    few = _my_list_queries(client, owner)
    for _ in range(4):
        ApplicationFactory(organisation=organisation, call=CallFactory())
    assert _my_list_queries(client, owner) == few


def test_programme_list_has_no_n_plus_one(client, db):
    CallFactory()
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("programs:programme_list"))
    for _ in range(3):
        CallFactory()
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("programs:programme_list")).content.decode()
    assert len(many) == len(few)
    assert page.count("/programmes/calls/") == 4
