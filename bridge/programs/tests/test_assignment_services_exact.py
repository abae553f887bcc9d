"""Assignment services, to the exact value a manager sees: which reviewer the planner gives each
application (scarcest application first, least-loaded reviewer first, ties to the lower id), how
many reviewers each still lacks, the loads it leaves, who is skipped for language, conflict or a
review already held, the rows and statuses a run or a manual step writes, the words and codes of
each refusal (which changes nothing), and the audit rows. Written for the mutation score of
issue 18."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.core.audit import audit_backdate
from bridge.core.models import AuditEntry
from bridge.core.tests.exact_support import NOW, trail
from bridge.programs.models import Application, Assignment, Review
from bridge.programs.services import assignment as services
from bridge.programs.services.assignment import Plan, language_code, plan
from bridge.programs.tests.factories import (
    AssignmentFactory,
    CallFactory,
    ConflictOfInterestFactory,
    ReviewerFactory,
    ReviewFactory,
    SubmittedApplicationFactory,
)

CANNOT = "This application cannot be assigned to this reviewer."
NOT_ACCEPTED = "The reviewer has not accepted the invitation yet."
CONFLICT = "The reviewer has a conflict of interest with this application."
DUPLICATE = "This reviewer already reviews this application."
SUBMITTED = "This reviewer has already submitted a review; it cannot be removed."


def ru(*ids):
    return [(rid, {"ru"}) for rid in ids]


def anywhere(*ids):
    return [(app, "") for app in ids]


# --- the planner (no database) -----------------------------------------------------------------


@pytest.mark.unit
@pytest.mark.parametrize(
    ("value", "code"), [("ru", "ru"), ("RU-ru", "ru"), ("Uzbek", "uz"), ("e", "e"), ("", "")]
)
def test_a_language_is_known_by_its_first_two_letters_in_lower_case(value, code):
    assert language_code(value) == code


@pytest.mark.unit
def test_no_language_at_all_is_the_empty_code():
    assert language_code(None) == ""


@pytest.mark.unit
def test_each_application_takes_the_least_loaded_reviewers_ties_to_the_lower_id():
    result = plan(applications=anywhere(1, 2, 3), reviewers=ru(1, 2, 3), k=2)
    assert result.pairs == [(1, 1), (1, 2), (2, 3), (2, 1), (3, 2), (3, 3)]
    assert result.short == {}
    assert result.loads == {1: 2, 2: 2, 3: 2}


@pytest.mark.unit
def test_the_order_given_does_not_change_the_plan():
    forward = plan(applications=anywhere(1, 2, 3), reviewers=ru(1, 2, 3), k=2)
    backward = plan(applications=anywhere(3, 2, 1), reviewers=ru(3, 2, 1), k=2)
    assert backward.pairs == forward.pairs


@pytest.mark.unit
def test_loads_end_level_when_the_work_divides_evenly():
    result = plan(applications=anywhere(*range(1, 11)), reviewers=ru(1, 2, 3, 4), k=2)
    assert len(result.pairs) == 20
    assert result.loads == {1: 5, 2: 5, 3: 5, 4: 5}
    assert all(
        len({r for a, r in result.pairs if a == app}) == 2 for app in range(1, 11)
    )  # two different reviewers each


@pytest.mark.unit
def test_the_application_with_fewest_possible_reviewers_is_served_first():
    # Only reviewer 1 reads Uzbek: served in id order application 1 would take them first and
    # leave application 2 the same, now busier, reviewer.
    result = plan(
        applications=[(1, ""), (2, "uz")], reviewers=[(1, {"uz", "ru"}), (2, {"ru"})], k=1
    )
    assert result.pairs == [(2, 1), (1, 2)]
    assert result.loads == {1: 1, 2: 1}


@pytest.mark.unit
def test_applications_with_as_many_possible_reviewers_go_in_id_order():
    result = plan(applications=[(5, "ru"), (4, "ru")], reviewers=ru(1, 2), k=1)
    assert result.pairs == [(4, 1), (5, 2)]


@pytest.mark.unit
def test_languages_are_compared_by_their_codes_whatever_the_case():
    result = plan(
        applications=[(1, "RU-ru"), (2, "uz"), (3, "EN")],
        reviewers=[(1, {"Ru"}), (2, {"UZ"}), (3, {"en-GB"})],
        k=1,
    )
    assert sorted(result.pairs) == [(1, 1), (2, 2), (3, 3)]
    assert result.short == {}


@pytest.mark.unit
def test_an_application_nobody_reads_lacks_all_its_reviewers():
    result = plan(applications=[(1, "kk"), (2, "")], reviewers=ru(1, 2, 3), k=2)
    assert result.pairs == [(2, 1), (2, 2)]
    assert result.short == {1: 2}
    assert result.loads == {1: 1, 2: 1, 3: 0}


@pytest.mark.unit
def test_too_few_readers_leave_the_application_short_by_the_difference():
    result = plan(applications=[(1, "uz")], reviewers=[(1, {"uz"}), (2, {"ru"})], k=3)
    assert result.pairs == [(1, 1)]
    assert result.short == {1: 2}


@pytest.mark.unit
def test_exactly_enough_readers_leave_nobody_short():
    result = plan(applications=[(1, "uz")], reviewers=[(1, {"uz"}), (2, {"uz"})], k=2)
    assert result.pairs == [(1, 1), (1, 2)]
    assert result.short == {}


@pytest.mark.unit
def test_no_reviewers_leave_every_application_short():
    result = plan(applications=anywhere(1, 2), reviewers=[], k=2)
    assert (result.pairs, result.short, result.loads) == ([], {1: 2, 2: 2}, {})


@pytest.mark.unit
def test_a_conflicted_reviewer_is_passed_over_and_kept_for_the_next_application():
    result = plan(applications=anywhere(1, 2), reviewers=ru(1, 2, 3), k=2, conflicts={1: {1}})
    assert result.pairs == [(1, 2), (1, 3), (2, 1), (2, 2)]
    assert result.short == {}
    assert result.loads == {1: 1, 2: 2, 3: 1}


@pytest.mark.unit
def test_conflicts_can_leave_an_application_short():
    result = plan(
        applications=anywhere(1), reviewers=ru(1, 2, 3), k=2, conflicts={1: {1}, 3: {1, 2}}
    )
    assert result.pairs == [(1, 2)]
    assert result.short == {1: 1}


@pytest.mark.unit
def test_existing_assignments_count_towards_k_and_the_reviewers_load():
    result = plan(
        applications=anywhere(1, 2), reviewers=ru(1, 2, 3), k=2, existing=[(1, 1), (2, 1)]
    )
    assert result.pairs == [(1, 2), (2, 3)]
    assert result.loads == {1: 2, 2: 1, 3: 1}


@pytest.mark.unit
def test_a_reviewer_is_never_given_an_application_twice():
    # Reviewer 1 is the least loaded, but reviews application 1 already.
    result = plan(
        applications=anywhere(1),
        reviewers=ru(1, 2, 3),
        k=2,
        existing=[(1, 1), (9, 2), (9, 3)],
    )
    assert result.pairs == [(1, 2)]
    assert result.loads == {1: 1, 2: 2, 3: 1}


@pytest.mark.unit
def test_an_application_with_k_reviewers_already_takes_none_and_is_not_short():
    result = plan(
        applications=anywhere(1, 2), reviewers=ru(1, 2, 3), k=2, existing=[(1, 2), (1, 3)]
    )
    assert result.pairs == [(2, 1), (2, 2)]
    assert result.short == {}


@pytest.mark.unit
def test_an_application_with_more_than_k_reviewers_takes_none():
    result = plan(applications=anywhere(1), reviewers=ru(1, 2, 3), k=1, existing=[(1, 2), (1, 3)])
    assert (result.pairs, result.short) == ([], {})


@pytest.mark.unit
def test_a_former_reviewer_counts_towards_k_but_has_no_load():
    result = plan(applications=anywhere(1), reviewers=ru(1, 2), k=2, existing=[(1, 99)])
    assert result.pairs == [(1, 1)]
    assert result.loads == {1: 1, 2: 0}


@pytest.mark.unit
def test_a_plan_of_nothing_is_empty():
    assert plan(applications=[], reviewers=ru(1), k=3) == Plan(pairs=[], short={}, loads={1: 0})


# --- running it on a call ----------------------------------------------------------------------


@pytest.fixture
def call(db):
    return CallFactory(reviews_per_application=2)


def status(application) -> str:
    return Application.objects.get(pk=application.pk).status


def pairs_of(call) -> set[tuple]:
    return set(
        Assignment.objects.filter(reviewer__call=call).values_list("application_id", "reviewer_id")
    )


def as_ids(*pairs) -> set[tuple]:
    return {(app.pk, reviewer.pk) for app, reviewer in pairs}


@pytest.mark.integration
@pytest.mark.usefixtures("in_english", "clock")
def test_a_run_gives_each_application_the_calls_number_of_reviewers(call, programme_manager):
    a1, a2, a3 = (SubmittedApplicationFactory(call=call, language="ru") for _ in range(3))
    r1, r2, r3 = (ReviewerFactory(call=call, languages=["ru"]) for _ in range(3))

    result = services.assignment_run(actor=programme_manager, call=call)

    expected = [(a1, r1), (a1, r2), (a2, r3), (a2, r1), (a3, r2), (a3, r3)]
    assert result.pairs == [(a.pk, r.pk) for a, r in expected]
    assert (result.short, result.loads) == ({}, {r1.pk: 2, r2.pk: 2, r3.pk: 2})
    rows = Assignment.objects.filter(reviewer__call=call)
    assert set(rows.values_list("application_id", "reviewer_id")) == as_ids(*expected)
    assert set(rows.values_list("method", "created_by", "created_at")) == {
        ("automatic", programme_manager.pk, NOW)
    }
    assert [status(a) for a in (a1, a2, a3)] == ["under-review"] * 3
    assert trail(call) == [
        ("assignment.run", programme_manager, {"k": 2, "created": 6, "short": 0})
    ]


@pytest.mark.integration
@pytest.mark.usefixtures("in_english")
@pytest.mark.parametrize(("k", "per_application"), [(1, 1), (3, 3), (None, 2), (0, 2)])
def test_a_run_takes_k_when_given_and_the_calls_number_otherwise(
    call, programme_manager, k, per_application
):
    application = SubmittedApplicationFactory(call=call)
    ReviewerFactory.create_batch(4, call=call)
    services.assignment_run(actor=programme_manager, call=call, k=k)
    assert application.assignments.count() == per_application
    assert trail(call)[0][2]["k"] == per_application


@pytest.mark.integration
@pytest.mark.usefixtures("in_english")
def test_a_run_uses_only_accepted_reviewers_and_open_applications_of_this_call(
    call, programme_manager
):
    ReviewerFactory(call=call, status="invited", accepted_at=None)
    ReviewerFactory(call=call, status="declined", accepted_at=None)
    ReviewerFactory(call=CallFactory())
    accepted = ReviewerFactory(call=call)
    submitted = SubmittedApplicationFactory(call=call)
    under_review = SubmittedApplicationFactory(call=call, status="under-review")
    closed = {
        state: SubmittedApplicationFactory(call=call, status=state)
        for state in ("draft", "withdrawn", "shortlisted", "accepted", "waitlisted", "rejected")
    }
    SubmittedApplicationFactory(call=CallFactory())

    result = services.assignment_run(actor=programme_manager, call=call)

    assert pairs_of(call) == as_ids((submitted, accepted), (under_review, accepted))
    assert Assignment.objects.count() == 2
    assert result.short == {submitted.pk: 1, under_review.pk: 1}
    assert {state: status(a) for state, a in closed.items()} == {s: s for s in closed}
    assert (status(submitted), status(under_review)) == ("under-review", "under-review")
    assert trail(call)[0][2] == {"k": 2, "created": 2, "short": 2}


@pytest.mark.integration
@pytest.mark.usefixtures("in_english")
def test_a_run_tops_up_and_leaves_a_full_application_as_it_was(call, programme_manager):
    r1, r2, r3 = ReviewerFactory.create_batch(3, call=call)
    full = SubmittedApplicationFactory(call=call)
    half = SubmittedApplicationFactory(call=call, status="under-review")
    AssignmentFactory(reviewer=r1, application=full, method="manual")
    AssignmentFactory(reviewer=r2, application=full, method="manual")
    AssignmentFactory(reviewer=r3, application=half, method="manual")

    result = services.assignment_run(actor=programme_manager, call=call)

    # Each reviewer holds one: the tie goes to the lowest id, r1 (r3 reviews it already).
    assert result.pairs == [(half.pk, r1.pk)]
    assert result.loads == {r1.pk: 2, r2.pk: 1, r3.pk: 1}
    assert status(full) == "submitted"  # nothing new: its status is not touched
    assert status(half) == "under-review"
    assert set(Assignment.objects.values_list("application_id", "reviewer_id", "method")) == {
        (full.pk, r1.pk, "manual"),
        (full.pk, r2.pk, "manual"),
        (half.pk, r3.pk, "manual"),
        (half.pk, r1.pk, "automatic"),
    }
    assert trail(call)[0][2] == {"k": 2, "created": 1, "short": 0}


@pytest.mark.integration
@pytest.mark.usefixtures("in_english")
def test_a_reviewer_who_withdrew_still_counts_for_the_applications_they_hold(
    call, programme_manager
):
    gone = ReviewerFactory(call=call)
    application = SubmittedApplicationFactory(call=call)
    AssignmentFactory(reviewer=gone, application=application)
    gone.status = "declined"
    gone.save()
    r2, r3 = ReviewerFactory.create_batch(2, call=call)
    result = services.assignment_run(actor=programme_manager, call=call)
    assert result.pairs == [(application.pk, r2.pk)]
    assert result.loads == {r2.pk: 1, r3.pk: 0}


@pytest.mark.integration
@pytest.mark.usefixtures("in_english")
def test_a_run_skips_reviewers_conflicted_by_declaration_or_membership(call, programme_manager):
    studio = OrganisationFactory()
    application = SubmittedApplicationFactory(call=call, organisation=studio)
    declared = ReviewerFactory(call=call)
    ConflictOfInterestFactory(reviewer=declared, application=application)
    insider = ReviewerFactory(call=call)
    Membership.objects.create(organisation=studio, user=insider.user, role=Role.MEMBER)
    left = ReviewerFactory(call=call)
    entry = AuditEntry.objects.create(
        actor=left.user,
        action="membership.leave",
        target_type="accounts.organisation",
        target_id=str(studio.pk),
        target_repr=studio.name,
    )
    audit_backdate(AuditEntry.objects.filter(pk=entry.pk), when=timezone.now() - timedelta(days=30))
    free = ReviewerFactory(call=call)

    result = services.assignment_run(actor=programme_manager, call=call)

    assert pairs_of(call) == as_ids((application, free))
    assert result.short == {application.pk: 1}
    assert trail(call)[0][2] == {"k": 2, "created": 1, "short": 1}


@pytest.mark.integration
@pytest.mark.usefixtures("in_english")
def test_the_audit_row_counts_the_applications_left_short_not_the_missing_reviewers(
    call, programme_manager
):
    unread = SubmittedApplicationFactory.create_batch(2, call=call, language="uz")
    read = SubmittedApplicationFactory(call=call, language="ru")
    reader = ReviewerFactory(call=call, languages=["ru"])
    result = services.assignment_run(actor=programme_manager, call=call)
    assert result.pairs == [(read.pk, reader.pk)]
    assert result.short == {unread[0].pk: 2, unread[1].pk: 2, read.pk: 1}
    assert trail(call)[0][2] == {"k": 2, "created": 1, "short": 3}
    assert [status(a) for a in unread] == ["submitted", "submitted"]
    assert status(read) == "under-review"


@pytest.mark.integration
@pytest.mark.usefixtures("in_english")
def test_a_second_run_with_nothing_to_do_writes_nothing_but_its_audit_row(call, programme_manager):
    SubmittedApplicationFactory(call=call)
    ReviewerFactory.create_batch(2, call=call)
    services.assignment_run(actor=programme_manager, call=call)
    again = services.assignment_run(actor=programme_manager, call=call)
    assert (again.pairs, again.short) == ([], {})
    assert Assignment.objects.count() == 2
    assert [data for _a, _who, data in trail(call)] == [
        {"k": 2, "created": 2, "short": 0},
        {"k": 2, "created": 0, "short": 0},
    ]


@pytest.mark.integration
@pytest.mark.usefixtures("in_english")
def test_a_run_on_a_call_without_applications_is_empty(call, programme_manager):
    ReviewerFactory(call=call)
    result = services.assignment_run(actor=programme_manager, call=call)
    assert (result.pairs, result.short) == ([], {})
    assert trail(call) == [
        ("assignment.run", programme_manager, {"k": 2, "created": 0, "short": 0})
    ]


@pytest.mark.integration
@pytest.mark.usefixtures("in_english")
def test_people_who_do_not_run_calls_assign_and_remove_nothing(call, analyst, moderator, member):
    reviewer = ReviewerFactory(call=call)
    application = SubmittedApplicationFactory(call=call)
    held = AssignmentFactory(reviewer=ReviewerFactory(call=call), application=application)
    for person in (analyst, moderator, member, reviewer.user, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            services.assignment_run(actor=person, call=call)
        with pytest.raises(PermissionDenied):
            services.assignment_add(actor=person, reviewer=reviewer, application=application)
        with pytest.raises(PermissionDenied):
            services.assignment_remove(actor=person, assignment=held)
    assert list(Assignment.objects.values_list("pk", flat=True)) == [held.pk]
    assert status(application) == "submitted"
    assert not AuditEntry.objects.exists()


# --- manual assignment -------------------------------------------------------------------------


@pytest.mark.integration
@pytest.mark.usefixtures("in_english", "clock")
def test_a_manual_assignment_is_stored_audited_and_puts_the_application_under_review(
    call, programme_manager
):
    application = SubmittedApplicationFactory(call=call)
    reviewer = ReviewerFactory(call=call, user=UserFactory(email="rustam@example.org"))

    assignment = services.assignment_add(
        actor=programme_manager, reviewer=reviewer, application=application
    )

    saved = Assignment.objects.get(pk=assignment.pk)
    assert (saved.reviewer, saved.application, saved.method) == (reviewer, application, "manual")
    assert (saved.created_by, saved.created_at) == (programme_manager, NOW)
    assert status(application) == "under-review"
    assert trail(application) == [
        ("assignment.add", programme_manager, {"reviewer": "rustam@example.org"})
    ]


@pytest.mark.integration
@pytest.mark.usefixtures("in_english")
@pytest.mark.parametrize(
    "state", ["under-review", "shortlisted", "accepted", "waitlisted", "rejected"]
)
def test_a_manual_assignment_after_submission_keeps_the_status(call, programme_manager, state):
    application = SubmittedApplicationFactory(call=call, status=state)
    services.assignment_add(
        actor=programme_manager, reviewer=ReviewerFactory(call=call), application=application
    )
    assert status(application) == state
    assert application.assignments.count() == 1


def _refused(programme_manager, reviewer, application):
    with pytest.raises(ValidationError) as caught:
        services.assignment_add(actor=programme_manager, reviewer=reviewer, application=application)
    return caught.value


@pytest.mark.integration
@pytest.mark.usefixtures("in_english")
@pytest.mark.parametrize("state", ["draft", "withdrawn"])
def test_an_application_not_submitted_is_not_assigned(call, programme_manager, state):
    application = SubmittedApplicationFactory(call=call, status=state)
    error = _refused(programme_manager, ReviewerFactory(call=call), application)
    assert (error.messages, error.code) == ([CANNOT], None)
    assert not Assignment.objects.exists()
    assert status(application) == state
    assert trail(application) == []


@pytest.mark.integration
@pytest.mark.usefixtures("in_english")
def test_an_application_withdrawn_since_the_page_was_read_is_not_assigned(call, programme_manager):
    """The manager's copy still says "submitted"; the row says "withdrawn" and stays so."""
    application = SubmittedApplicationFactory(call=call)
    type(application).objects.filter(pk=application.pk).update(status="withdrawn")
    error = _refused(programme_manager, ReviewerFactory(call=call), application)
    assert (error.messages, error.code) == ([CANNOT], None)
    assert not Assignment.objects.exists()
    assert status(application) == "withdrawn"
    assert trail(application) == []


@pytest.mark.integration
@pytest.mark.usefixtures("in_english")
def test_a_reviewer_of_another_call_is_not_assigned_whatever_else_is_wrong(call, programme_manager):
    application = SubmittedApplicationFactory(call=call)
    stranger = ReviewerFactory(call=CallFactory(), status="invited", accepted_at=None)
    error = _refused(programme_manager, stranger, application)
    assert (error.messages, error.code) == ([CANNOT], None)
    assert not Assignment.objects.exists()
    assert status(application) == "submitted"


@pytest.mark.integration
@pytest.mark.usefixtures("in_english")
@pytest.mark.parametrize("state", ["invited", "declined"])
def test_a_reviewer_who_has_not_accepted_is_not_assigned_before_conflicts_are_checked(
    call, programme_manager, state
):
    application = SubmittedApplicationFactory(call=call)
    reviewer = ReviewerFactory(call=call, status=state, accepted_at=None)
    ConflictOfInterestFactory(reviewer=reviewer, application=application)
    error = _refused(programme_manager, reviewer, application)
    assert error.messages == [NOT_ACCEPTED]
    assert not Assignment.objects.exists()
    assert trail(application) == []


@pytest.mark.integration
@pytest.mark.usefixtures("in_english")
def test_a_reviewer_conflicted_with_the_application_is_not_assigned(call, programme_manager):
    application = SubmittedApplicationFactory(call=call)
    reviewer = ReviewerFactory(call=call)
    ConflictOfInterestFactory(reviewer=reviewer, application=application)
    error = _refused(programme_manager, reviewer, application)
    assert (error.messages, error.code) == ([CONFLICT], "conflict")
    assert not Assignment.objects.exists()
    assert status(application) == "submitted"
    assert trail(application) == []


@pytest.mark.integration
@pytest.mark.usefixtures("in_english")
def test_a_member_of_the_applicant_studio_is_not_assigned(call, programme_manager):
    application = SubmittedApplicationFactory(call=call)
    reviewer = ReviewerFactory(call=call)
    Membership.objects.create(
        organisation=application.organisation, user=reviewer.user, role=Role.MEMBER
    )
    assert _refused(programme_manager, reviewer, application).code == "conflict"
    assert not Assignment.objects.exists()


@pytest.mark.integration
@pytest.mark.usefixtures("in_english")
def test_a_reviewer_is_not_assigned_the_same_application_twice(call, programme_manager):
    application = SubmittedApplicationFactory(call=call, status="under-review")
    reviewer = ReviewerFactory(call=call)
    held = AssignmentFactory(reviewer=reviewer, application=application)
    error = _refused(programme_manager, reviewer, application)
    assert (error.messages, error.code) == ([DUPLICATE], "duplicate")
    assert list(Assignment.objects.values_list("pk", "method")) == [(held.pk, "automatic")]
    assert trail(application) == []


# --- removing an assignment --------------------------------------------------------------------


@pytest.mark.integration
@pytest.mark.usefixtures("in_english")
def test_removing_an_assignment_deletes_it_and_audits_the_reviewer(call, programme_manager):
    reviewer = ReviewerFactory(call=call, user=UserFactory(email="dilnoza@example.org"))
    application = SubmittedApplicationFactory(call=call, status="under-review")
    assignment = AssignmentFactory(reviewer=reviewer, application=application)
    kept = AssignmentFactory(reviewer=ReviewerFactory(call=call), application=application)

    assert services.assignment_remove(actor=programme_manager, assignment=assignment) is None

    assert list(Assignment.objects.values_list("pk", flat=True)) == [kept.pk]
    assert status(application) == "under-review"
    assert trail(application) == [
        ("assignment.remove", programme_manager, {"reviewer": "dilnoza@example.org"})
    ]


@pytest.mark.integration
@pytest.mark.usefixtures("in_english")
def test_removing_an_assignment_takes_its_unsent_draft_review_with_it(call, programme_manager):
    draft = ReviewFactory(
        assignment=AssignmentFactory(reviewer=ReviewerFactory(call=call)), submitted_at=None
    )
    services.assignment_remove(actor=programme_manager, assignment=draft.assignment)
    assert not Assignment.objects.exists()
    assert not Review.objects.exists()


@pytest.mark.integration
@pytest.mark.usefixtures("in_english")
def test_an_assignment_with_a_submitted_review_is_not_removed(call, programme_manager):
    done = ReviewFactory(assignment=AssignmentFactory(reviewer=ReviewerFactory(call=call)))
    with pytest.raises(ValidationError) as caught:
        services.assignment_remove(actor=programme_manager, assignment=done.assignment)
    assert (caught.value.messages, caught.value.code) == ([SUBMITTED], "submitted")
    assert Assignment.objects.filter(pk=done.assignment_id).exists()
    assert Review.objects.filter(pk=done.pk).exists()
    assert trail(done.assignment.application) == []
