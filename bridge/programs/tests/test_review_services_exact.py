"""Review services, to the exact value a person sees: who is invited with which languages, the
link and the deadline their e-mail carries (in the call's time zone), which field an error is
shown at and what it says, the scores a review keeps, the dates each step stamps, which
assignments a conflict takes away, the audit rows, and who is reminded of what. Written for the
mutation score of issue 18."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.core.audit import audit_log
from bridge.core.tests.exact_support import NOW, trail
from bridge.programs.models import (
    Assignment,
    ConflictOfInterest,
    ConflictSource,
    Review,
    Reviewer,
    ReviewerInvitation,
    ReviewerStatus,
    Score,
)
from bridge.programs.services import review as services
from bridge.programs.tests.factories import (
    AssignmentFactory,
    CallFactory,
    CriterionFactory,
    ReviewerFactory,
    ReviewFactory,
    SubmittedApplicationFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SITE = "https://bridge.example"
INVITATION = "programs/email/reviewer_invitation"
REMINDER = "programs/review/email/reminder"
TITLES = {
    "title_ru": "Сезон отбора",
    "title_uz": "Saralash mavsumi",
    "title_en": "Selection season",
}


@pytest.fixture(autouse=True)
def _english(settings, in_english):
    settings.SITE_URL = SITE


@pytest.fixture
def mails(monkeypatch):
    """What the services ask `notify` to send: recipient, template, context (and language)."""
    calls = []
    monkeypatch.setattr(services, "notify", lambda **kwargs: calls.append(kwargs))
    return calls


def _call(**kwargs):
    kwargs = {
        **TITLES,
        "timezone": "Asia/Tashkent",  # UTC+5, so the e-mail's deadline is not Moscow's (+3)
        "review_deadline": datetime(2026, 6, 10, 13, 0, tzinfo=UTC),
        **kwargs,
    }
    return CallFactory(**kwargs)


def _invitation_url(token: str) -> str:
    return f"{SITE}/programmes/review/invitations/{token}/"


# --- inviting someone with an account ---------------------------------------------------------


def test_invite_an_account_makes_an_invited_reviewer_and_mails_the_link_and_local_deadline(
    programme_manager, mails, run_on_commit
):
    call = _call()
    person = UserFactory(email="aziza@example.org", language="en")
    with run_on_commit():
        reviewer = services.reviewer_invite(
            actor=programme_manager,
            call=call,
            email="  AZIZA@Example.org ",
            languages=["en", "fr", "ru", "en"],
        )

    stored = Reviewer.objects.get(call=call, user=person)
    assert reviewer == stored
    # The languages come back in the site's order (ru, uz, en), unknown codes dropped.
    assert (stored.status, stored.languages, stored.invited_by) == (
        ReviewerStatus.INVITED,
        ["ru", "en"],
        programme_manager,
    )
    assert mails == [
        {
            "to": person,
            "template": INVITATION,
            "context": {
                "title": "Selection season",
                "url": _invitation_url(stored.token),
                "deadline": "2026-06-10 18:00",
            },
        }
    ]
    assert trail(call) == [
        ("reviewer.invite", programme_manager, {"reviewer": "aziza@example.org"})
    ]
    assert not ReviewerInvitation.objects.exists()


def test_invite_writes_the_title_in_the_site_language_for_a_person_without_one(
    programme_manager, mails, run_on_commit, settings
):
    settings.LANGUAGE_CODE = "uz"  # not the language the page is being read in (en)
    call = _call(review_deadline=None)
    person = UserFactory(language="")
    with run_on_commit():
        services.reviewer_invite(
            actor=programme_manager, call=call, email=person.email, languages=["uz"]
        )
    reviewer = Reviewer.objects.get(call=call, user=person)
    assert reviewer.languages == ["uz"]
    # No review deadline yet: the e-mail says none rather than a date.
    assert mails == [
        {
            "to": person,
            "template": INVITATION,
            "context": {
                "title": "Saralash mavsumi",
                "url": _invitation_url(reviewer.token),
                "deadline": "",
            },
        }
    ]


def test_invite_again_after_a_decline_invites_anew_with_the_new_languages(
    programme_manager, mails, run_on_commit
):
    call = _call()
    first = UserFactory()
    declined = ReviewerFactory(
        call=call, status=ReviewerStatus.DECLINED, languages=["ru"], invited_by=first
    )
    with run_on_commit():
        reviewer = services.reviewer_invite(
            actor=programme_manager, call=call, email=declined.user.email, languages=["en"]
        )
    declined.refresh_from_db()
    assert reviewer.pk == declined.pk
    assert (declined.status, declined.languages, declined.invited_by) == (
        ReviewerStatus.INVITED,
        ["en"],
        first,
    )
    assert Reviewer.objects.filter(call=call).count() == 1
    assert [m["to"] for m in mails] == [declined.user]
    assert trail(call) == [
        ("reviewer.invite", programme_manager, {"reviewer": declined.user.email})
    ]


def test_invite_refuses_a_person_who_already_reviews_the_call(
    programme_manager, mails, run_on_commit
):
    call = _call()
    accepted = ReviewerFactory(call=call, languages=["ru"])
    with run_on_commit(), pytest.raises(ValidationError) as exc:
        services.reviewer_invite(
            actor=programme_manager, call=call, email=accepted.user.email, languages=["en"]
        )
    assert exc.value.message_dict == {"email": ["This person already reviews this call."]}
    accepted.refresh_from_db()
    assert (accepted.status, accepted.languages) == (ReviewerStatus.ACCEPTED, ["ru"])
    assert mails == [] and trail(call) == []


@pytest.mark.parametrize("email", ["", "   ", None, "aziza@", "not an address"])
def test_invite_refuses_an_address_that_is_not_one(programme_manager, mails, email):
    call = _call()
    with pytest.raises(ValidationError) as exc:
        services.reviewer_invite(actor=programme_manager, call=call, email=email, languages=["ru"])
    assert exc.value.message_dict == {"email": ["Enter a valid e-mail address."]}
    assert not ReviewerInvitation.objects.exists() and not Reviewer.objects.exists()


@pytest.mark.parametrize("languages", [None, [], ["fr", "de"]])
def test_invite_needs_a_language_the_site_knows_before_anything_else(programme_manager, languages):
    with pytest.raises(ValidationError) as exc:
        services.reviewer_invite(
            actor=programme_manager, call=_call(), email="not an address", languages=languages
        )
    assert exc.value.message_dict == {
        "languages": ["Choose at least one language the reviewer reads."]
    }


def test_only_a_programme_manager_invites(mails):
    call = _call()
    staff_reviewer = ReviewerFactory(call=call)
    for actor in (UserFactory(), staff_reviewer.user, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            services.reviewer_invite(
                actor=actor, call=call, email="new@example.org", languages=["ru"]
            )
    assert not ReviewerInvitation.objects.exists() and trail(call) == []


# --- inviting an address without an account ---------------------------------------------------


def test_invite_an_address_sends_a_signup_link_in_the_first_language_they_read(
    programme_manager, mails, run_on_commit
):
    call = _call()
    with run_on_commit():
        invitation = services.reviewer_invite(
            actor=programme_manager,
            call=call,
            email=" New.Person@Example.org ",
            languages=["en", "uz"],
        )
    stored = ReviewerInvitation.objects.get()
    assert invitation == stored
    assert (stored.call, stored.email, stored.languages, stored.invited_by) == (
        call,
        "new.person@example.org",
        ["uz", "en"],
        programme_manager,
    )
    assert (stored.claimed_by, stored.claimed_at) == (None, None)
    assert mails == [
        {
            "to": "new.person@example.org",
            "template": INVITATION,
            "context": {
                "title": "Saralash mavsumi",
                "url": f"{SITE}/accounts/signup/?next=%2Fprogrammes%2Freview%2Finvitations%2F"
                f"{stored.token}%2F",
                "deadline": "2026-06-10 18:00",
                "signup": True,
            },
            "language": "uz",
        }
    ]
    assert trail(call) == [
        ("reviewer.invite", programme_manager, {"reviewer": "new.person@example.org"})
    ]
    assert not Reviewer.objects.exists()


def test_invite_the_same_address_again_updates_the_open_invitation(
    programme_manager, mails, run_on_commit
):
    call = _call()
    with run_on_commit():
        first = services.reviewer_invite(
            actor=programme_manager, call=call, email="new@example.org", languages=["ru"]
        )
    with run_on_commit():
        again = services.reviewer_invite(
            actor=programme_manager, call=call, email="NEW@example.org", languages=["en"]
        )
    assert again.pk == first.pk
    stored = ReviewerInvitation.objects.get()
    assert (stored.languages, stored.invited_by) == (["en"], programme_manager)
    assert [(m["to"], m["language"], m["context"]["title"]) for m in mails] == [
        ("new@example.org", "ru", "Сезон отбора"),
        ("new@example.org", "en", "Selection season"),
    ]
    assert len(trail(call)) == 2


def test_invite_again_updates_only_that_address_open_invitation(programme_manager, mails):
    call = _call()
    services.reviewer_invite(
        actor=programme_manager, call=call, email="first@example.org", languages=["ru"]
    )
    services.reviewer_invite(
        actor=programme_manager, call=call, email="second@example.org", languages=["uz"]
    )
    services.reviewer_invite(
        actor=programme_manager, call=call, email="second@example.org", languages=["en"]
    )
    assert sorted(ReviewerInvitation.objects.values_list("email", "languages")) == [
        ("first@example.org", ["ru"]),
        ("second@example.org", ["en"]),
    ]


def test_invite_an_address_whose_invitation_was_claimed_opens_a_new_one(programme_manager, mails):
    call = _call()
    elsewhere = _call()
    claimed = ReviewerInvitation.objects.create(
        call=call, email="new@example.org", languages=["ru"], claimed_at=NOW
    )
    open_elsewhere = ReviewerInvitation.objects.create(
        call=elsewhere, email="new@example.org", languages=["ru"]
    )
    invitation = services.reviewer_invite(
        actor=programme_manager, call=call, email="new@example.org", languages=["en"]
    )
    assert invitation.pk not in (claimed.pk, open_elsewhere.pk)
    assert (invitation.call, invitation.languages) == (call, ["en"])
    claimed.refresh_from_db()
    open_elsewhere.refresh_from_db()
    assert claimed.languages == ["ru"] and open_elsewhere.languages == ["ru"]


# --- claiming an e-mail invitation ------------------------------------------------------------


def _open_invitation(call, inviter, languages=("uz",)):
    return ReviewerInvitation.objects.create(
        call=call, email="new@example.org", languages=list(languages), invited_by=inviter
    )


def test_claim_makes_an_invited_reviewer_with_the_invitation_languages(programme_manager, clock):
    call = _call()
    invitation = _open_invitation(call, programme_manager)
    person = UserFactory(email="new@example.org")
    reviewer = services.reviewer_invitation_claim(user=person, invitation=invitation)

    assert reviewer == Reviewer.objects.get(call=call, user=person)
    reviewer.refresh_from_db()
    assert (reviewer.status, reviewer.languages, reviewer.invited_by) == (
        ReviewerStatus.INVITED,
        ["uz"],
        programme_manager,
    )
    invitation.refresh_from_db()
    assert (invitation.claimed_by, invitation.claimed_at) == (reviewer, NOW)
    assert trail(call) == [("reviewer.invitation_claim", person, {"email": "new@example.org"})]


def test_claim_again_by_the_same_person_returns_their_reviewer(programme_manager, clock):
    call = _call()
    invitation = _open_invitation(call, programme_manager)
    person = UserFactory()
    first = services.reviewer_invitation_claim(user=person, invitation=invitation)
    clock["now"] = NOW + timedelta(hours=1)
    again = services.reviewer_invitation_claim(user=person, invitation=invitation)
    assert again == first
    invitation.refresh_from_db()
    assert invitation.claimed_at == NOW
    assert len(trail(call)) == 1


def test_a_claimed_invitation_cannot_serve_anyone_else(programme_manager):
    call = _call()
    invitation = _open_invitation(call, programme_manager)
    services.reviewer_invitation_claim(user=UserFactory(), invitation=invitation)
    with pytest.raises(PermissionDenied):
        services.reviewer_invitation_claim(user=UserFactory(), invitation=invitation)
    assert Reviewer.objects.filter(call=call).count() == 1


def test_a_claimed_invitation_whose_reviewer_was_removed_cannot_be_claimed_again(
    programme_manager,
):
    call = _call()
    invitation = _open_invitation(call, programme_manager)
    person = UserFactory()
    services.reviewer_invitation_claim(user=person, invitation=invitation).delete()
    with pytest.raises(PermissionDenied):
        services.reviewer_invitation_claim(user=person, invitation=invitation)
    assert not Reviewer.objects.exists()


def test_claim_needs_a_signed_in_person(programme_manager):
    invitation = _open_invitation(_call(), programme_manager)
    with pytest.raises(PermissionDenied):
        services.reviewer_invitation_claim(user=AnonymousUser(), invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.claimed_at is None


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (ReviewerStatus.DECLINED, ReviewerStatus.INVITED),
        (ReviewerStatus.ACCEPTED, ReviewerStatus.ACCEPTED),
        (ReviewerStatus.INVITED, ReviewerStatus.INVITED),
    ],
)
def test_claim_by_someone_already_a_reviewer_keeps_them_unless_they_declined(
    programme_manager, before, after
):
    call = _call()
    existing = ReviewerFactory(call=call, status=before, languages=["ru"])
    invitation = _open_invitation(call, programme_manager, languages=("en",))
    reviewer = services.reviewer_invitation_claim(user=existing.user, invitation=invitation)
    assert reviewer.pk == existing.pk
    existing.refresh_from_db()
    assert (existing.status, existing.languages) == (after, ["ru"])
    invitation.refresh_from_db()
    assert invitation.claimed_by == existing


# --- accepting or declining -------------------------------------------------------------------


def _invited(call, **kwargs):
    return ReviewerFactory(
        call=call, status=ReviewerStatus.INVITED, accepted_at=None, languages=["ru", "en"], **kwargs
    )


def test_accept_with_languages_stamps_the_time_and_keeps_those_languages(clock):
    call = _call()
    reviewer = _invited(call)
    returned = services.reviewer_respond(
        user=reviewer.user, reviewer=reviewer, accept=True, languages=["en", "uz"]
    )
    assert returned is reviewer
    reviewer.refresh_from_db()
    assert (reviewer.status, reviewer.languages, reviewer.accepted_at) == (
        ReviewerStatus.ACCEPTED,
        ["uz", "en"],
        NOW,
    )
    assert trail(call) == [("reviewer.accept", reviewer.user, {})]


def test_accept_without_languages_keeps_the_invited_ones(clock):
    reviewer = _invited(_call())
    services.reviewer_respond(user=reviewer.user, reviewer=reviewer, accept=True)
    reviewer.refresh_from_db()
    assert (reviewer.status, reviewer.languages) == (ReviewerStatus.ACCEPTED, ["ru", "en"])


def test_accept_with_no_language_it_knows_is_refused_at_languages():
    reviewer = _invited(_call())
    with pytest.raises(ValidationError) as exc:
        services.reviewer_respond(
            user=reviewer.user, reviewer=reviewer, accept=True, languages=["fr"]
        )
    assert exc.value.message_dict == {
        "languages": ["Choose at least one language the reviewer reads."]
    }
    reviewer.refresh_from_db()
    assert reviewer.status == ReviewerStatus.INVITED


def test_decline_removes_the_assignments_even_with_a_draft(clock):
    call = _call()
    reviewer = _invited(call)
    AssignmentFactory(reviewer=reviewer)
    ReviewFactory(assignment=AssignmentFactory(reviewer=reviewer), submitted_at=None)
    keeps = AssignmentFactory(reviewer=ReviewerFactory(call=call))
    services.reviewer_respond(user=reviewer.user, reviewer=reviewer, accept=False)
    reviewer.refresh_from_db()
    assert (reviewer.status, reviewer.accepted_at) == (ReviewerStatus.DECLINED, None)
    assert list(Assignment.objects.all()) == [keeps]
    assert trail(call) == [("reviewer.decline", reviewer.user, {})]


def test_decline_after_a_submitted_review_is_refused():
    call = _call()
    reviewer = ReviewerFactory(call=call)
    ReviewFactory(assignment=AssignmentFactory(reviewer=reviewer))
    AssignmentFactory(reviewer=reviewer)
    with pytest.raises(ValidationError) as exc:
        services.reviewer_respond(user=reviewer.user, reviewer=reviewer, accept=False)
    assert exc.value.messages == ["You have already submitted reviews for this call."]
    reviewer.refresh_from_db()
    assert reviewer.status == ReviewerStatus.ACCEPTED
    assert Assignment.objects.filter(reviewer=reviewer).count() == 2
    assert trail(call) == []


@pytest.mark.parametrize("accept", [True, False])
def test_only_the_invited_person_responds(programme_manager, accept):
    reviewer = _invited(_call())
    AssignmentFactory(reviewer=reviewer)
    with pytest.raises(PermissionDenied):
        services.reviewer_respond(user=programme_manager, reviewer=reviewer, accept=accept)
    reviewer.refresh_from_db()
    assert reviewer.status == ReviewerStatus.INVITED
    assert reviewer.assignments.count() == 1


# --- declaring a conflict ---------------------------------------------------------------------


@pytest.fixture
def panel(db):
    call = _call()
    # One application per organisation and call.
    first, second, third = (SubmittedApplicationFactory(call=call) for _ in range(3))
    studio = first.organisation
    reviewer = ReviewerFactory(call=call)
    for application in (first, second, third):
        AssignmentFactory(reviewer=reviewer, application=application)
    colleague = ReviewerFactory(call=call)
    AssignmentFactory(reviewer=colleague, application=first)
    return {
        "call": call,
        "studio": studio,
        "apps": (first, second, third),
        "reviewer": reviewer,
        "colleague": colleague,
    }


def _assigned(reviewer) -> set[int]:
    return set(Assignment.objects.filter(reviewer=reviewer).values_list("application", flat=True))


def test_declare_on_an_application_takes_that_assignment_only(panel):
    first, second, third = panel["apps"]
    reviewer = panel["reviewer"]
    conflict = services.conflict_declare(
        actor=reviewer.user, reviewer=reviewer, reason="  I mentor this team.  ", application=first
    )
    stored = ConflictOfInterest.objects.get()
    assert conflict == stored
    assert (stored.reviewer, stored.application, stored.organisation, stored.source) == (
        reviewer,
        first,
        None,
        ConflictSource.DECLARED,
    )
    assert stored.reason == "I mentor this team."
    assert _assigned(reviewer) == {second.pk, third.pk}
    assert _assigned(panel["colleague"]) == {first.pk}
    assert trail(panel["call"]) == [
        (
            "conflict.declare",
            reviewer.user,
            {
                "reviewer": reviewer.user.email,
                "application": first.pk,
                "organisation": None,
                "removed": 1,
            },
        )
    ]


def test_declare_on_an_organisation_takes_its_application(panel):
    first, second, third = panel["apps"]
    reviewer = panel["reviewer"]
    services.conflict_declare(
        actor=reviewer.user, reviewer=reviewer, reason="My brother", organisation=panel["studio"]
    )
    stored = ConflictOfInterest.objects.get()
    assert (stored.application, stored.organisation, stored.source) == (
        None,
        panel["studio"],
        ConflictSource.DECLARED,
    )
    assert _assigned(reviewer) == {second.pk, third.pk}
    assert _assigned(panel["colleague"]) == {first.pk}
    assert trail(panel["call"])[0][2] == {
        "reviewer": reviewer.user.email,
        "application": None,
        "organisation": panel["studio"].pk,
        "removed": 1,
    }


def test_a_manager_records_a_conflict_for_a_reviewer_as_automatic(panel, programme_manager):
    _first, second, _third = panel["apps"]
    reviewer = panel["reviewer"]
    services.conflict_declare(
        actor=programme_manager, reviewer=reviewer, reason="Former employee", application=second
    )
    assert ConflictOfInterest.objects.get().source == ConflictSource.AUTOMATIC
    assert trail(panel["call"])[0][:2] == ("conflict.declare", programme_manager)
    assert second.pk not in _assigned(reviewer)


def test_another_reviewer_cannot_declare_for_someone(panel):
    with pytest.raises(PermissionDenied):
        services.conflict_declare(
            actor=panel["colleague"].user,
            reviewer=panel["reviewer"],
            reason="Spite",
            application=panel["apps"][0],
        )
    assert not ConflictOfInterest.objects.exists()
    assert len(_assigned(panel["reviewer"])) == 3


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", "Say briefly why you cannot review it impartially."),
        ("   ", "Say briefly why you cannot review it impartially."),
        (None, "Say briefly why you cannot review it impartially."),
        ("x" * 2001, "Keep the reason under 2000 characters."),
    ],
    ids=["empty", "blank", "none", "2001"],
)
def test_declare_needs_a_short_reason(panel, reason, message):
    reviewer = panel["reviewer"]
    with pytest.raises(ValidationError) as exc:
        services.conflict_declare(
            actor=reviewer.user, reviewer=reviewer, reason=reason, application=panel["apps"][0]
        )
    assert exc.value.message_dict == {"reason": [message]}
    assert not ConflictOfInterest.objects.exists()


def test_a_reason_of_exactly_2000_characters_is_kept_after_trimming(panel):
    reviewer = panel["reviewer"]
    services.conflict_declare(
        actor=reviewer.user,
        reviewer=reviewer,
        reason=" " + "x" * 2000 + " ",
        application=panel["apps"][0],
    )
    assert ConflictOfInterest.objects.get().reason == "x" * 2000


def test_declare_needs_an_application_or_an_organisation(panel):
    reviewer = panel["reviewer"]
    with pytest.raises(ValidationError) as exc:
        services.conflict_declare(actor=reviewer.user, reviewer=reviewer, reason="Friends")
    assert exc.value.messages == ["Choose the application or the organisation."]
    assert not hasattr(exc.value, "error_dict")


def test_declare_on_an_application_of_another_call_is_refused(panel):
    reviewer = panel["reviewer"]
    elsewhere = SubmittedApplicationFactory(call=_call())
    with pytest.raises(PermissionDenied):
        services.conflict_declare(
            actor=reviewer.user, reviewer=reviewer, reason="Friends", application=elsewhere
        )
    assert not ConflictOfInterest.objects.exists()


@pytest.mark.parametrize("target", ["application", "organisation"])
def test_declare_after_submitting_the_review_is_refused(panel, target):
    first = panel["apps"][0]
    reviewer = panel["reviewer"]
    ReviewFactory(assignment=Assignment.objects.get(reviewer=reviewer, application=first))
    kwargs = (
        {"application": first} if target == "application" else {"organisation": panel["studio"]}
    )
    with pytest.raises(ValidationError) as exc:
        services.conflict_declare(actor=reviewer.user, reviewer=reviewer, reason="Late", **kwargs)
    assert exc.value.messages == ["You have already submitted your review; write to the staff."]
    assert not ConflictOfInterest.objects.exists()
    assert len(_assigned(reviewer)) == 3


def test_declare_over_a_draft_takes_the_assignment_and_the_draft(panel):
    first, _second, _third = panel["apps"]
    reviewer = panel["reviewer"]
    assignment = Assignment.objects.get(reviewer=reviewer, application=first)
    ReviewFactory(assignment=assignment, submitted_at=None)
    services.conflict_declare(
        actor=reviewer.user, reviewer=reviewer, reason="Old friends", application=first
    )
    assert first.pk not in _assigned(reviewer)
    assert not Review.objects.filter(assignment__reviewer=reviewer).exists()


# --- detecting conflicts from memberships -----------------------------------------------------


def test_detect_writes_new_membership_conflicts_and_drops_unsubmitted_assignments(
    panel, programme_manager
):
    first, second, third = panel["apps"]
    reviewer, colleague = panel["reviewer"], panel["colleague"]
    fourth = SubmittedApplicationFactory(call=panel["call"])
    for application in (first, second, fourth):
        Membership.objects.create(
            organisation=application.organisation, user=reviewer.user, role=Role.MEMBER
        )
    ReviewFactory(assignment=AssignmentFactory(reviewer=reviewer, application=fourth))
    ReviewFactory(
        assignment=Assignment.objects.get(reviewer=reviewer, application=second),
        submitted_at=None,
    )
    # Already known: declared by the reviewer, it is not written twice.
    known = ConflictOfInterest.objects.create(
        reviewer=reviewer, application=first, source=ConflictSource.DECLARED, reason="Mine"
    )
    # An organisation-wide conflict of someone else is no application pair.
    ConflictOfInterest.objects.create(
        reviewer=colleague,
        organisation=OrganisationFactory(),
        source=ConflictSource.DECLARED,
        reason="Cousin",
    )

    found = services.conflicts_detect(actor=programme_manager, call=panel["call"])

    assert found == 2
    written = ConflictOfInterest.objects.exclude(pk=known.pk).filter(reviewer=reviewer)
    assert [(c.application_id, c.source, c.reason) for c in written.order_by("pk")] == [
        (
            second.pk,
            ConflictSource.AUTOMATIC,
            "Member of the applicant organisation now or in the last 24 months.",
        ),
        (
            fourth.pk,
            ConflictSource.AUTOMATIC,
            "Member of the applicant organisation now or in the last 24 months.",
        ),
    ]
    known.refresh_from_db()
    assert (known.source, known.reason) == (ConflictSource.DECLARED, "Mine")
    # The submitted review stays (staff decide); the draft and the untouched one go.
    assert _assigned(reviewer) == {third.pk, fourth.pk}
    assert _assigned(colleague) == {first.pk}
    assert trail(panel["call"]) == [("conflict.detect", programme_manager, {"found": 2})]

    assert services.conflicts_detect(actor=programme_manager, call=panel["call"]) == 0
    assert ConflictOfInterest.objects.filter(reviewer=reviewer).count() == 3


def test_detect_is_for_programme_managers_only(panel):
    with pytest.raises(PermissionDenied):
        services.conflicts_detect(actor=panel["reviewer"].user, call=panel["call"])
    assert trail(panel["call"]) == []


# --- saving and submitting a review -----------------------------------------------------------


@pytest.fixture
def desk(db, clock):
    call = _call(review_deadline=NOW + timedelta(days=5))
    gameplay = CriterionFactory(call=call, position=1)
    art = CriterionFactory(call=call, position=2, levels=[1, 2, 3])
    assignment = AssignmentFactory(
        reviewer=ReviewerFactory(call=call),
        application=SubmittedApplicationFactory(call=call),
    )
    return {"call": call, "criteria": (gameplay, art), "assignment": assignment}


def _scores(review) -> dict[int, int]:
    return dict(Score.objects.filter(review=review).values_list("criterion_id", "value"))


def _save(desk, scores, **kwargs):
    assignment = desk["assignment"]
    actor = kwargs.pop("actor", assignment.reviewer.user)
    return services.review_save(actor=actor, assignment=assignment, scores=scores, **kwargs)


def test_a_draft_keeps_the_scores_given_so_far_and_stamps_nothing(desk, clock):
    gameplay, art = desk["criteria"]
    review = _save(desk, {gameplay.pk: "4", str(art.pk): ""}, comment="  Good start  ")
    stored = Review.objects.get(assignment=desk["assignment"])
    assert review == stored
    assert (stored.comment, stored.submitted_at) == ("Good start", None)
    assert _scores(stored) == {gameplay.pk: 4}
    assert trail(desk["assignment"].application) == []


def test_scores_are_read_under_string_keys_as_the_form_sends_them(desk, clock):
    gameplay, art = desk["criteria"]
    review = _save(desk, {str(gameplay.pk): 2, str(art.pk): "3"})
    assert _scores(review) == {gameplay.pk: 2, art.pk: 3}


def test_save_without_options_is_an_empty_draft(desk, clock):
    gameplay, _art = desk["criteria"]
    review = services.review_save(
        actor=desk["assignment"].reviewer.user, assignment=desk["assignment"], scores={}
    )
    review.refresh_from_db()
    assert (review.comment, review.submitted_at, _scores(review)) == ("", None, {})
    review = _save(desk, {gameplay.pk: 1}, comment=None)
    assert (review.comment, _scores(review)) == ("", {gameplay.pk: 1})


def test_submit_stamps_the_time_and_leaves_an_audit_row(desk, clock):
    gameplay, art = desk["criteria"]
    user = desk["assignment"].reviewer.user
    review = _save(desk, {gameplay.pk: 5, art.pk: 1}, comment="Ship it", submit=True)
    review.refresh_from_db()
    assert (review.submitted_at, review.comment) == (NOW, "Ship it")
    assert _scores(review) == {gameplay.pk: 5, art.pk: 1}
    assert trail(desk["assignment"].application) == [
        ("review.submit", user, {"reviewer": user.email})
    ]


def test_a_corrected_review_keeps_its_first_submission_time(desk, clock):
    gameplay, art = desk["criteria"]
    _save(desk, {gameplay.pk: 5, art.pk: 1}, submit=True)
    clock["now"] = NOW + timedelta(hours=2)
    review = _save(desk, {gameplay.pk: 3, art.pk: 1}, comment="On reflection", submit=True)
    review.refresh_from_db()
    assert (review.submitted_at, review.comment) == (NOW, "On reflection")
    assert _scores(review) == {gameplay.pk: 3, art.pk: 1}
    assert Score.objects.count() == 2
    # A draft save afterwards keeps it submitted and the scores it was not given.
    review = _save(desk, {art.pk: 2})
    review.refresh_from_db()
    assert review.submitted_at == NOW
    assert _scores(review) == {gameplay.pk: 3, art.pk: 2}
    assert [e[0] for e in trail(desk["assignment"].application)] == ["review.submit"] * 2


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        # first criterion offered 1-5, second 1-3
        (("9", None), ("Choose one of the scores offered.", "Score this criterion.")),
        ((None, "abc"), ("Score this criterion.", "Choose one of the scores offered.")),
        (("0", "4"), ("Choose one of the scores offered.", "Choose one of the scores offered.")),
        (("", ["2"]), ("Score this criterion.", "Choose one of the scores offered.")),
    ],
)
def test_submit_shows_an_error_at_each_criterion_and_saves_nothing(desk, given, expected):
    criteria = desk["criteria"]
    scores = {c.pk: raw for c, raw in zip(criteria, given, strict=True) if raw is not None}
    with pytest.raises(ValidationError) as exc:
        _save(desk, scores, submit=True)
    assert exc.value.message_dict == {
        f"criterion-{c.pk}": [message] for c, message in zip(criteria, expected, strict=True)
    }
    assert not Review.objects.exists() and not Score.objects.exists()


def test_a_draft_refuses_a_score_not_offered_but_not_a_missing_one(desk):
    gameplay, art = desk["criteria"]
    with pytest.raises(ValidationError) as exc:
        _save(desk, {gameplay.pk: "6"})
    assert exc.value.message_dict == {
        f"criterion-{gameplay.pk}": ["Choose one of the scores offered."]
    }
    review = _save(desk, {gameplay.pk: "1", art.pk: "3"})
    assert _scores(review) == {gameplay.pk: 1, art.pk: 3}


def test_the_review_deadline_closes_the_form_at_the_minute(desk, clock):
    gameplay, _art = desk["criteria"]
    deadline = desk["call"].review_deadline
    clock["now"] = deadline - timedelta(seconds=1)
    _save(desk, {gameplay.pk: 2})
    clock["now"] = deadline
    with pytest.raises(ValidationError) as exc:
        _save(desk, {gameplay.pk: 3}, submit=False)
    assert exc.value.messages == ["The review deadline has passed."]
    assert exc.value.code == "deadline"
    assert _scores(Review.objects.get()) == {gameplay.pk: 2}


def test_a_call_without_a_review_deadline_stays_open(desk, clock):
    gameplay, art = desk["criteria"]
    call = desk["call"]
    call.review_deadline = None
    call.save(update_fields=["review_deadline"])
    desk["assignment"].reviewer.call.review_deadline = None
    review = _save(desk, {gameplay.pk: 2, art.pk: 2}, submit=True)
    assert review.submitted_at == NOW


def test_only_the_assigned_reviewer_saves(desk, programme_manager):
    gameplay, _art = desk["criteria"]
    with pytest.raises(PermissionDenied):
        _save(desk, {gameplay.pk: 2}, actor=programme_manager)
    assert not Review.objects.exists()


# --- reminders --------------------------------------------------------------------------------


def _open_assignments(reviewer, count, *, submitted=0, drafts=0):
    for _ in range(count - drafts):
        AssignmentFactory(reviewer=reviewer)
    for _ in range(drafts):
        ReviewFactory(assignment=AssignmentFactory(reviewer=reviewer), submitted_at=None)
    for _ in range(submitted):
        ReviewFactory(assignment=AssignmentFactory(reviewer=reviewer))


def test_reminders_go_to_accepted_reviewers_with_open_reviews_once_per_deadline(
    mails, run_on_commit, settings
):
    settings.LANGUAGE_CODE = "uz"  # for the reviewer who chose no language
    deadline = NOW + timedelta(days=2)
    call = _call(review_deadline=deadline)
    late = ReviewerFactory(call=call, user=UserFactory(language=""))
    _open_assignments(late, 2, drafts=1, submitted=1)
    english = ReviewerFactory(call=call, user=UserFactory(language="en"))
    _open_assignments(english, 1)
    done = ReviewerFactory(call=call)
    _open_assignments(done, 0, submitted=2)
    invited = _invited(call)
    _open_assignments(invited, 1)
    ReviewerFactory(call=call)  # nothing assigned

    with run_on_commit():
        assert services.review_reminders(now=NOW) == 2

    url = f"{SITE}/programmes/review/"
    local = "2026-06-03 14:30"  # 09:30 UTC two days on, in Tashkent
    assert sorted((m["to"].pk, m["template"], m["context"]) for m in mails) == [
        (
            late.user.pk,
            REMINDER,
            {"title": "Saralash mavsumi", "url": url, "deadline": local, "open": 2},
        ),
        (
            english.user.pk,
            REMINDER,
            {"title": "Selection season", "url": url, "deadline": local, "open": 1},
        ),
    ]
    assert trail(late) == [("review.reminder", None, {"deadline": deadline.isoformat(), "open": 2})]
    assert trail(english) == [
        ("review.reminder", None, {"deadline": deadline.isoformat(), "open": 1})
    ]
    assert trail(done) == [] and trail(invited) == []

    # Once per deadline: a second run the next hour sends nothing...
    mails.clear()
    with run_on_commit():
        assert services.review_reminders(now=NOW + timedelta(hours=1)) == 0
    assert mails == []
    # ...until the deadline moves.
    call.review_deadline = deadline + timedelta(hours=12)
    call.save(update_fields=["review_deadline"])
    with run_on_commit():
        assert services.review_reminders(now=NOW) == 2
    assert {m["context"]["deadline"] for m in mails} == {"2026-06-04 02:30"}


@pytest.mark.parametrize(
    ("ahead", "reminded"),
    [
        (timedelta(0), 0),
        (timedelta(seconds=1), 1),
        (timedelta(days=3), 1),
        (timedelta(days=3, seconds=1), 0),
        (-timedelta(days=1), 0),
    ],
)
def test_reminders_start_three_days_before_the_deadline(mails, ahead, reminded):
    reviewer = ReviewerFactory(call=_call(review_deadline=NOW + ahead))
    _open_assignments(reviewer, 1)
    assert services.review_reminders(now=NOW) == reminded
    assert len(trail(reviewer)) == reminded


def test_reminders_skip_whoever_was_reminded_and_go_on_to_the_others(mails, run_on_commit, clock):
    deadline = NOW + timedelta(days=1)
    call = _call(review_deadline=deadline)
    first, second = ReviewerFactory(call=call), ReviewerFactory(call=call)
    _open_assignments(first, 1)
    _open_assignments(second, 1)
    # The first was reminded of this deadline by an earlier run.
    audit_log(
        actor=None,
        action="review.reminder",
        target=first,
        deadline=deadline.isoformat(),
        open=1,
    )
    # A reminder of another deadline, or another action on the reviewer, does not count.
    audit_log(actor=None, action="review.reminder", target=second, deadline="2026-01-01", open=1)
    audit_log(actor=None, action="reviewer.accept", target=second, deadline=deadline.isoformat())
    with run_on_commit():
        assert services.review_reminders() == 1
    assert [m["to"] for m in mails] == [second.user]


def test_reminders_count_only_the_reviewers_of_the_call_whose_deadline_is_near(
    mails, run_on_commit
):
    near = ReviewerFactory(call=_call(review_deadline=NOW + timedelta(days=1)))
    _open_assignments(near, 1)
    far = ReviewerFactory(call=_call(review_deadline=NOW + timedelta(days=30)))
    _open_assignments(far, 1)
    with run_on_commit():
        assert services.review_reminders(now=NOW) == 1
    assert [m["to"].pk for m in mails] == [near.user.pk]
    assert trail(far) == []
