"""Who reviews what: automatic balanced assignment and the staff's manual override.

The planner is pure (`plan`) so it can be tested and benchmarked without a database. It is a
greedy least-loaded assignment with one heap per language: applications are served scarcest
first (fewest eligible reviewers), each takes the k least-loaded reviewers who read its language,
are not conflicted and do not review it already; ties go to the lower reviewer id. Without
constraints that keeps every reviewer's load within one of every other's, and the result is the
same for the same input.
"""

import heapq
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bridge.core.audit import audit_log
from bridge.programs import rules
from bridge.programs.conflicts import conflicts_for_call, is_conflicted
from bridge.programs.models import (
    ASSIGNABLE_STATUSES,
    Application,
    ApplicationStatus,
    Assignment,
    AssignmentMethod,
    Call,
    Reviewer,
    ReviewerStatus,
)

ANY = "*"
# Applications that still take reviewers.


def language_code(value: str) -> str:
    return (value or "")[:2].lower()


@dataclass
class Plan:
    pairs: list[tuple[int, int]] = field(default_factory=list)  # (application, reviewer)
    short: dict[int, int] = field(default_factory=dict)  # application → reviewers missing
    loads: dict[int, int] = field(default_factory=dict)  # reviewer → load after the plan


def plan(
    *,
    applications: list[tuple[int, str]],
    reviewers: list[tuple[int, set[str]]],
    k: int,
    conflicts: dict[int, set[int]] | None = None,
    existing: list[tuple[int, int]] | None = None,
) -> Plan:
    """applications: (id, language or ""); reviewers: (id, languages read); existing: pairs
    already assigned (they count towards k and towards the reviewer's load)."""
    conflicts = conflicts or {}
    load = {rid: 0 for rid, _langs in reviewers}
    assigned: dict[int, set[int]] = defaultdict(set)
    for app, rid in existing or ():
        assigned[app].add(rid)
        if rid in load:
            load[rid] += 1
    reads = {rid: {language_code(x) for x in langs} for rid, langs in reviewers}
    readers: dict[str, list[int]] = defaultdict(list)
    for rid, langs in reads.items():
        readers[ANY].append(rid)
        for lang in langs:
            readers[lang].append(rid)
    heaps = {lang: [(load[r], r) for r in rids] for lang, rids in readers.items()}
    for heap in heaps.values():
        heapq.heapify(heap)

    def eligible_count(app_lang: tuple[int, str]) -> int:
        lang = app_lang[1]
        return len(readers.get(language_code(lang) or ANY, ()))

    result = Plan()
    for app, lang in sorted(applications, key=lambda a: (eligible_count(a), a[0])):
        need = k - len(assigned[app])
        if need <= 0:
            continue
        lang = language_code(lang) or ANY
        heap = heaps.get(lang, [])
        banned = conflicts.get
        skipped = []
        chosen = []
        while heap and len(chosen) < need:
            entry_load, rid = heapq.heappop(heap)
            if entry_load != load[rid]:
                continue  # stale: the reviewer's load changed since this entry was pushed
            if rid in assigned[app] or app in (banned(rid) or ()):
                skipped.append((entry_load, rid))
                continue
            chosen.append(rid)
        for entry in skipped:
            heapq.heappush(heap, entry)
        for rid in chosen:
            load[rid] += 1
            assigned[app].add(rid)
            result.pairs.append((app, rid))
            for other in reads[rid] | {ANY}:
                if other in heaps:
                    heapq.heappush(heaps[other], (load[rid], rid))
        if len(chosen) < need:
            result.short[app] = need - len(chosen)
    result.loads = load
    return result


def _require_manager(actor) -> None:
    if not rules.can_manage_calls(actor):
        raise PermissionDenied


@transaction.atomic
def assignment_run(*, actor, call: Call, k: int | None = None) -> Plan:
    """Top up every open application of the call to k reviewers (the call's setting)."""
    _require_manager(actor)
    k = k or call.reviews_per_application
    reviewers = list(
        Reviewer.objects.filter(call=call, status=ReviewerStatus.ACCEPTED).select_related("user")
    )
    applications = list(
        Application.objects.filter(call=call, status__in=ASSIGNABLE_STATUSES).values_list(
            "pk", "language"
        )
    )
    existing = list(
        Assignment.objects.filter(reviewer__call=call).values_list("application_id", "reviewer_id")
    )
    result = plan(
        applications=applications,
        reviewers=[(r.pk, set(r.languages or [])) for r in reviewers],
        k=k,
        conflicts=conflicts_for_call(call, reviewers),
        existing=existing,
    )
    Assignment.objects.bulk_create(
        [
            Assignment(
                application_id=app,
                reviewer_id=rid,
                method=AssignmentMethod.AUTOMATIC,
                created_by=actor,
            )
            for app, rid in result.pairs
        ]
    )
    Application.objects.filter(
        pk__in={app for app, _rid in result.pairs}, status=ApplicationStatus.SUBMITTED
    ).update(status=ApplicationStatus.UNDER_REVIEW)
    audit_log(
        actor=actor,
        action="assignment.run",
        target=call,
        k=k,
        created=len(result.pairs),
        short=len(result.short),
    )
    return result


@transaction.atomic
def assignment_add(*, actor, reviewer: Reviewer, application: Application) -> Assignment:
    """A manual assignment; never to a conflicted reviewer."""
    _require_manager(actor)
    # The status as it is now, under the row lock: the caller's copy may predate a withdrawal,
    # which must not be turned back into "under review".
    application.status = (
        Application.objects.select_for_update()
        .filter(pk=application.pk)
        .values_list("status", flat=True)
        .get()
    )
    if reviewer.call_id != application.call_id or not application.is_submitted:
        raise ValidationError(_("This application cannot be assigned to this reviewer."))
    if reviewer.status != ReviewerStatus.ACCEPTED:
        raise ValidationError(_("The reviewer has not accepted the invitation yet."))
    if is_conflicted(reviewer, application):
        raise ValidationError(
            _("The reviewer has a conflict of interest with this application."), code="conflict"
        )
    assignment, created = Assignment.objects.get_or_create(
        reviewer=reviewer,
        application=application,
        defaults={"method": AssignmentMethod.MANUAL, "created_by": actor},
    )
    if not created:
        raise ValidationError(
            _("This reviewer already reviews this application."), code="duplicate"
        )
    if application.status == ApplicationStatus.SUBMITTED:
        Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.UNDER_REVIEW)
    audit_log(
        actor=actor,
        action="assignment.add",
        target=application,
        reviewer=reviewer.user.email,
    )
    return assignment


@transaction.atomic
def assignment_remove(*, actor, assignment: Assignment) -> None:
    """Take an application away from a reviewer; a submitted review stays (remove refused)."""
    _require_manager(actor)
    review = getattr(assignment, "review", None)
    if review is not None and review.submitted_at is not None:
        raise ValidationError(
            _("This reviewer has already submitted a review; it cannot be removed."),
            code="submitted",
        )
    application = assignment.application
    email = assignment.reviewer.user.email
    assignment.delete()
    audit_log(actor=actor, action="assignment.remove", target=application, reviewer=email)
