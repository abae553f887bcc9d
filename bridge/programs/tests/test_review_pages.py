"""The reviewer's side: invitation, the blind review form, hidden scores, neutral file names,
conflicts (404 everywhere), reminders."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.core.models import AuditEntry
from bridge.programs.models import Assignment, ConflictOfInterest, Review, ReviewerStatus
from bridge.programs.services.review import reviewer_invite
from bridge.programs.tests.factories import (
    AssignmentFactory,
    CallFactory,
    ConflictOfInterestFactory,
    CriterionFactory,
    ReviewerFactory,
    ReviewFactory,
    ScoreFactory,
    SubmittedApplicationFactory,
)

STUDIO = "Samarkand Pixel Forge"
LEAD = "Dilnoza Karimova"


@pytest.fixture
def scene(db):
    call = CallFactory(blind_review=True, review_deadline=timezone.now() + timedelta(days=10))
    gameplay = CriterionFactory(call=call, name_en="Gameplay", weight=Decimal("2"))
    art = CriterionFactory(call=call, name_en="Art", weight=Decimal("1"))
    org = OrganisationFactory(name=STUDIO)
    application = SubmittedApplicationFactory(
        call=call, organisation=org, title="Caravan of Stars", team=[(LEAD, "Producer")]
    )
    reviewer = ReviewerFactory(call=call)
    assignment = AssignmentFactory(reviewer=reviewer, application=application)
    other = ReviewerFactory(call=call)
    other_review = ReviewFactory(
        assignment=AssignmentFactory(reviewer=other, application=application),
        comment="Stunning art direction",
    )
    ScoreFactory(review=other_review, criterion=gameplay, value=2)
    ScoreFactory(review=other_review, criterion=art, value=5)
    conflicted = ReviewerFactory(call=call)
    AssignmentFactory(reviewer=conflicted, application=application)
    ConflictOfInterestFactory(reviewer=conflicted, application=application)
    unassigned = ReviewerFactory(call=call)
    return {
        "call": call,
        "criteria": (gameplay, art),
        "application": application,
        "org": org,
        "reviewer": reviewer,
        "assignment": assignment,
        "other": other,
        "conflicted": conflicted,
        "unassigned": unassigned,
    }


def _page(pk):
    return reverse("programs_review:application", args=[pk])


@pytest.mark.integration
def test_blind_review_page_hides_the_applicant_everywhere(client, scene):
    application = scene["application"]
    client.force_login(scene["reviewer"].user)
    response = client.get(_page(application.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Caravan of Stars" in html and "Producer" in html
    assert STUDIO not in html and LEAD not in html

    deck = client.get(reverse("programs_review:pitch_deck", args=[application.pk]))
    assert deck.status_code == 200
    disposition = deck["Content-Disposition"]
    assert f'filename="application-{application.pk}-pitch-deck.pdf"' in disposition
    assert "Samarkand" not in disposition
    assert b"".join(deck.streaming_content).startswith(b"%PDF")

    api = client.get(f"/api/v1/programmes/reviews/{application.pk}").json()
    assert api["organisation"] is None and api["team_names"] is None and api["blind"] is True
    assert STUDIO not in str(api) and LEAD not in str(api)
    listing = client.get("/api/v1/programmes/reviews").json()
    assert listing["count"] == 1 and STUDIO not in str(listing)


@pytest.mark.integration
def test_open_review_shows_the_studio(client, scene):
    scene["call"].blind_review = False
    scene["call"].save()
    client.force_login(scene["reviewer"].user)
    html = client.get(_page(scene["application"].pk)).content.decode()
    assert STUDIO in html and LEAD in html


@pytest.mark.integration
def test_rubric_shows_weights_and_level_descriptions(client, scene):
    client.force_login(scene["reviewer"].user)
    html = client.get(_page(scene["application"].pk)).content.decode()
    assert "Gameplay" in html and "weight 2" in html
    assert "Level 1" in html and "Level 5" in html


@pytest.mark.integration
def test_other_scores_stay_hidden_until_the_reviewer_submits(client, scene):
    gameplay, art = scene["criteria"]
    url = _page(scene["application"].pk)
    client.force_login(scene["reviewer"].user)
    assert "Stunning art direction" not in client.get(url).content.decode()

    # A draft does not unlock them.
    client.post(url, {f"criterion-{gameplay.pk}": "4", "comment": "Draft", "draft": "1"})
    review = Review.objects.get(assignment=scene["assignment"])
    assert review.submitted_at is None
    assert "Stunning art direction" not in client.get(url).content.decode()

    # Submitting without every criterion is refused with a message on the criterion.
    response = client.post(url, {f"criterion-{gameplay.pk}": "4", "submit": "1"})
    assert response.status_code == 200
    assert "Score this criterion." in response.content.decode()
    # A score outside the levels is refused.
    response = client.post(
        url, {f"criterion-{gameplay.pk}": "9", f"criterion-{art.pk}": "3", "submit": "1"}
    )
    assert "Choose one of the scores offered." in response.content.decode()

    client.post(url, {f"criterion-{gameplay.pk}": "4", f"criterion-{art.pk}": "3", "submit": "1"})
    review.refresh_from_db()
    assert review.submitted_at is not None
    assert {s.criterion_id: s.value for s in review.scores.all()} == {gameplay.pk: 4, art.pk: 3}
    assert "Stunning art direction" in client.get(url).content.decode()


@pytest.mark.integration
@pytest.mark.parametrize("who", ["conflicted", "unassigned"])
def test_conflicted_or_unassigned_reviewer_gets_404_on_page_file_and_api(client, scene, who):
    application = scene["application"]
    client.force_login(scene[who].user)
    assert client.get(_page(application.pk)).status_code == 404
    assert client.post(_page(application.pk), {"comment": "x"}).status_code == 404
    assert (
        client.get(reverse("programs_review:pitch_deck", args=[application.pk])).status_code == 404
    )
    assert client.get(f"/api/v1/programmes/reviews/{application.pk}").status_code == 404
    assert client.get("/api/v1/programmes/reviews").json()["count"] == 0
    assert "Caravan" not in client.get(reverse("programs_review:home")).content.decode()


@pytest.mark.integration
def test_joining_the_applicant_organisation_hides_an_assigned_application(client, scene):
    """A conflict found after assignment still hides it: conflicts are checked on every read."""
    reviewer = scene["reviewer"]
    Membership.objects.create(organisation=scene["org"], user=reviewer.user, role=Role.MEMBER)
    client.force_login(reviewer.user)
    assert client.get(_page(scene["application"].pk)).status_code == 404


@pytest.mark.integration
def test_declaring_a_conflict_removes_the_assignment(client, scene):
    application = scene["application"]
    client.force_login(scene["reviewer"].user)
    url = reverse("programs_review:conflict", args=[application.pk])
    response = client.post(url, {"reason": ""})
    assert Assignment.objects.filter(pk=scene["assignment"].pk).exists()  # reason required
    response = client.post(url, {"reason": "I advised this studio last year."})
    assert response.status_code == 302
    assert not Assignment.objects.filter(pk=scene["assignment"].pk).exists()
    conflict = ConflictOfInterest.objects.get(reviewer=scene["reviewer"], application=application)
    assert conflict.source == "declared" and "advised" in conflict.reason
    assert client.get(_page(application.pk)).status_code == 404
    assert client.get(url).status_code == 405


@pytest.mark.integration
def test_invitation_by_email_then_accept_with_languages(
    client, programme_manager, django_capture_on_commit_callbacks
):
    call = CallFactory()
    expert = UserFactory(language="uz")
    with django_capture_on_commit_callbacks(execute=True):
        reviewer = reviewer_invite(
            actor=programme_manager, call=call, email=expert.email.upper(), languages=["uz", "ru"]
        )
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [expert.email]
    link = reverse("programs_review:invitation", args=[reviewer.token])
    assert link in mail.outbox[0].body

    # Someone else holding the link sees nothing.
    client.force_login(UserFactory())
    assert client.get(link).status_code == 404

    client.force_login(expert)
    assert client.get(link).status_code == 200
    client.post(link, {"answer": "accept", "languages": ["uz"]})
    reviewer.refresh_from_db()
    assert reviewer.status == ReviewerStatus.ACCEPTED and reviewer.languages == ["uz"]
    assert reviewer.accepted_at is not None

    # Without a language the acceptance is refused with a message.
    other = ReviewerFactory(call=CallFactory(), user=expert, status="invited", accepted_at=None)
    response = client.post(
        reverse("programs_review:invitation", args=[other.token]), {"answer": "accept"}
    )
    # The expert reads Uzbek: the message comes in Uzbek.
    with translation.override("uz"):
        expected = gettext("Choose at least one language the reviewer reads.")
    assert expected in response.content.decode()


@pytest.mark.integration
def test_reminders_go_once_to_reviewers_with_unfinished_reviews(
    scene, capsys, django_capture_on_commit_callbacks
):
    call = scene["call"]
    call.review_deadline = timezone.now() + timedelta(days=2)
    call.save()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("review_reminders")
    # The reviewer and the conflicted one have open assignments; `other` has submitted.
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert scene["reviewer"].user.email in recipients
    assert scene["other"].user.email not in recipients
    assert scene["unassigned"].user.email not in recipients
    assert "reminded: " in capsys.readouterr().out
    count = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("review_reminders")
    assert len(mail.outbox) == count  # not twice for the same deadline
    assert AuditEntry.objects.filter(action="review.reminder").count() == count


@pytest.mark.integration
def test_no_reminder_long_before_the_deadline(scene):
    call_command("review_reminders")
    assert mail.outbox == []
