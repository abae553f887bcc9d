"""Automatic balanced assignment (pure planner and the service) and the manual override."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.core.audit import audit_backdate
from bridge.core.models import AuditEntry
from bridge.programs.models import ApplicationStatus, Assignment, AssignmentMethod
from bridge.programs.services.assignment import (
    assignment_add,
    assignment_remove,
    assignment_run,
    plan,
)
from bridge.programs.tests.factories import (
    AssignmentFactory,
    CallFactory,
    ConflictOfInterestFactory,
    ReviewerFactory,
    ReviewFactory,
    SubmittedApplicationFactory,
)


def _loads(pairs):
    loads = {}
    for _app, reviewer in pairs:
        loads[reviewer] = loads.get(reviewer, 0) + 1
    return loads


@pytest.mark.unit
def test_plan_gives_k_distinct_reviewers_and_balances_loads_within_one():
    result = plan(
        applications=[(a, "") for a in range(1, 101)],
        reviewers=[(r, {"ru"}) for r in range(1, 31)],
        k=4,
    )
    assert len(result.pairs) == 400 and not result.short
    per_app = {}
    for app, reviewer in result.pairs:
        per_app.setdefault(app, set()).add(reviewer)
    assert all(len(v) == 4 for v in per_app.values())
    loads = _loads(result.pairs)
    assert max(loads.values()) - min(loads.values()) <= 1


@pytest.mark.unit
def test_plan_respects_conflicts_and_languages():
    applications = [(a, "uz" if a % 3 == 0 else "ru") for a in range(1, 61)]
    reviewers = [(r, {"uz", "ru"} if r <= 5 else {"ru"}) for r in range(1, 16)]
    conflicts = {1: {3, 6}, 7: {1, 2}}
    result = plan(applications=applications, reviewers=reviewers, k=3, conflicts=conflicts)
    langs = dict(reviewers)
    for app, reviewer in result.pairs:
        assert app not in conflicts.get(reviewer, set())
        if app % 3 == 0:
            assert "uz" in langs[reviewer]
    assert not result.short
    # Balanced among the reviewers who share the same constraints.
    loads = _loads(result.pairs)
    ru_only = [loads.get(r, 0) for r in range(8, 16)]
    assert max(ru_only) - min(ru_only) <= 1


@pytest.mark.unit
def test_plan_is_deterministic_and_reports_shortfall():
    kwargs = {
        "applications": [(1, "uz"), (2, "ru"), (3, "kk")],
        "reviewers": [(1, {"uz"}), (2, {"ru"}), (3, {"ru", "uz"})],
        "k": 2,
    }
    assert plan(**kwargs).pairs == plan(**kwargs).pairs
    result = plan(**kwargs)
    assert result.short == {3: 2}  # nobody reads Kazakh


@pytest.mark.unit
def test_plan_tops_up_existing_assignments_counting_their_load():
    result = plan(
        applications=[(1, ""), (2, "")],
        reviewers=[(1, {"ru"}), (2, {"ru"}), (3, {"ru"})],
        k=2,
        existing=[(1, 1), (2, 1)],
    )
    assert sorted(result.pairs) == [(1, 2), (2, 3)]


@pytest.fixture
def call(db):
    return CallFactory(reviews_per_application=2)


@pytest.mark.integration
def test_assignment_run_skips_current_and_recent_members_and_declared_conflicts(
    call, programme_manager
):
    org = OrganisationFactory()
    application = SubmittedApplicationFactory(call=call, organisation=org, language="ru")
    member = ReviewerFactory(call=call)
    Membership.objects.create(organisation=org, user=member.user, role=Role.MEMBER)
    former = ReviewerFactory(call=call)
    # Left the organisation a year ago: still conflicted (24 months).
    entry = AuditEntry.objects.create(
        actor=former.user, action="membership.leave", target_type="accounts.organisation",
        target_id=str(org.pk), target_repr=org.name,
    )  # fmt: skip
    audit_backdate(
        AuditEntry.objects.filter(pk=entry.pk), when=timezone.now() - timedelta(days=365)
    )
    long_ago = ReviewerFactory(call=call)
    entry = AuditEntry.objects.create(
        actor=None, action="membership.remove", target_type="accounts.organisation",
        target_id=str(org.pk), target_repr=org.name, data={"member": long_ago.user.email},
    )  # fmt: skip
    audit_backdate(
        AuditEntry.objects.filter(pk=entry.pk), when=timezone.now() - timedelta(days=1000)
    )
    declared = ReviewerFactory(call=call)
    ConflictOfInterestFactory(reviewer=declared, application=None, organisation=org)
    free = ReviewerFactory(call=call)

    result = assignment_run(actor=programme_manager, call=call)

    assigned = set(
        Assignment.objects.filter(application=application).values_list("reviewer_id", flat=True)
    )
    assert assigned == {long_ago.pk, free.pk}
    assert not result.short
    application.refresh_from_db()
    assert application.status == ApplicationStatus.UNDER_REVIEW
    assert AuditEntry.objects.filter(action="assignment.run", data__created=2).exists()


@pytest.mark.integration
def test_assignment_run_ignores_reviewers_who_did_not_accept_and_other_languages(
    call, programme_manager
):
    uz = SubmittedApplicationFactory(call=call, language="uz")
    ReviewerFactory(call=call, languages=["uz"], status="invited", accepted_at=None)
    reader = ReviewerFactory(call=call, languages=["uz", "ru"])
    ReviewerFactory(call=call, languages=["ru"])
    result = assignment_run(actor=programme_manager, call=call)
    assert list(uz.assignments.values_list("reviewer_id", flat=True)) == [reader.pk]
    assert result.short == {uz.pk: 1}


@pytest.mark.integration
def test_only_programme_managers_run_or_override(call, analyst, moderator):
    reviewer = ReviewerFactory(call=call)
    application = SubmittedApplicationFactory(call=call)
    for user in (analyst, moderator, reviewer.user):
        with pytest.raises(PermissionDenied):
            assignment_run(actor=user, call=call)
        with pytest.raises(PermissionDenied):
            assignment_add(actor=user, reviewer=reviewer, application=application)
    assert not Assignment.objects.exists()


@pytest.mark.integration
def test_manual_add_is_audited_and_refused_for_a_conflicted_reviewer(call, programme_manager):
    application = SubmittedApplicationFactory(call=call)
    reviewer = ReviewerFactory(call=call)
    assignment = assignment_add(actor=programme_manager, reviewer=reviewer, application=application)
    assert assignment.method == AssignmentMethod.MANUAL
    assert AuditEntry.objects.filter(
        action="assignment.add", data__reviewer=reviewer.user.email
    ).exists()
    with pytest.raises(ValidationError):
        assignment_add(actor=programme_manager, reviewer=reviewer, application=application)

    conflicted = ReviewerFactory(call=call)
    ConflictOfInterestFactory(reviewer=conflicted, application=application)
    with pytest.raises(ValidationError) as exc:
        assignment_add(actor=programme_manager, reviewer=conflicted, application=application)
    assert exc.value.code == "conflict"


@pytest.mark.integration
def test_manual_remove_is_audited_but_keeps_a_submitted_review(call, programme_manager):
    assignment = AssignmentFactory(reviewer=ReviewerFactory(call=call))
    assignment_remove(actor=programme_manager, assignment=assignment)
    assert not Assignment.objects.filter(pk=assignment.pk).exists()
    assert AuditEntry.objects.filter(action="assignment.remove").exists()

    done = ReviewFactory(assignment=AssignmentFactory(reviewer=ReviewerFactory(call=call)))
    with pytest.raises(ValidationError):
        assignment_remove(actor=programme_manager, assignment=done.assignment)
    assert Assignment.objects.filter(pk=done.assignment_id).exists()


@pytest.mark.integration
def test_rerun_tops_up_without_duplicates(call, programme_manager):
    applications = SubmittedApplicationFactory.create_batch(3, call=call)
    ReviewerFactory.create_batch(3, call=call)
    assignment_run(actor=programme_manager, call=call)
    assert Assignment.objects.count() == 6
    newcomer = ReviewerFactory(call=call, user=UserFactory())
    assignment_run(actor=programme_manager, call=call, k=3)
    assert Assignment.objects.count() == 9
    assert all(a.assignments.count() == 3 for a in applications)
    # The newcomer takes the extra work until loads are level again (2, 2, 2 → 3, 2, 2, 2).
    assert newcomer.assignments.count() == 2
    loads = sorted(r.assignments.count() for r in call.reviewers.all())
    assert loads == [2, 2, 2, 3]
