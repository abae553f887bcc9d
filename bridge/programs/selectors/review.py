"""Reads of the expert review: what a reviewer may see, and the staff's ranking and outbox."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, ExpressionWrapper, F, FloatField, Q, QuerySet, Sum
from django.db.models.functions import Cast
from django.http import Http404

from bridge.programs import rules
from bridge.programs.conflicts import conflicts_for_call, is_conflicted
from bridge.programs.models import (
    ASSIGNABLE_STATUSES,
    SUBMITTED_STATUSES,
    Application,
    Assignment,
    Call,
    Criterion,
    Decision,
    DecisionStatus,
    Review,
    Reviewer,
    ReviewerInvitation,
    ReviewerStatus,
    Score,
)
from bridge.programs.ranking import DISAGREEMENT_THRESHOLD, RankRow, rank


def reviewer_roles(user) -> QuerySet[Reviewer]:
    if not user.is_authenticated:
        return Reviewer.objects.none()
    return Reviewer.objects.filter(user=user).select_related("call", "call__programme")


def reviewer_get_by_token(user, token: str) -> Reviewer:
    if not token or len(token) > 64 or "\x00" in token:
        raise Http404
    reviewer = reviewer_roles(user).filter(token=token).first()
    if reviewer is None:
        raise Http404
    return reviewer


def reviewer_invitation_open(token: str) -> ReviewerInvitation | None:
    """An e-mail invitation not yet claimed by an account (None: no such open invitation)."""
    if not token or len(token) > 64 or "\x00" in token:
        return None
    return (
        ReviewerInvitation.objects.select_related("call")
        .filter(token=token, claimed_at__isnull=True)
        .first()
    )


def reviewer_invitations_pending(call: Call) -> list[ReviewerInvitation]:
    return list(
        ReviewerInvitation.objects.filter(call=call, claimed_at__isnull=True).order_by("email")
    )


def assignments_for_reviewer(user) -> list[Assignment]:
    """The person's assignments in calls they accepted, without any they are conflicted with."""
    if not user.is_authenticated:
        return []
    assignments = list(
        Assignment.objects.filter(reviewer__user=user, reviewer__status=ReviewerStatus.ACCEPTED)
        .select_related(
            "application", "application__organisation", "reviewer", "reviewer__call", "review"
        )
        .prefetch_related("application__team")
        .order_by("reviewer__call__closes_at", "application_id")
    )
    by_call = defaultdict(list)
    for assignment in assignments:
        by_call[assignment.reviewer.call_id].append(assignment)
    visible = []
    for group in by_call.values():
        reviewer = group[0].reviewer
        conflicted = conflicts_for_call(reviewer.call, [reviewer]).get(reviewer.pk, set())
        visible += [a for a in group if a.application_id not in conflicted]
    return visible


def assignment_get_for_reviewer(user, application_pk) -> Assignment:
    """The reviewer's assignment for one application: 404 for an unassigned or conflicted one,
    so that it looks the same as an application that does not exist."""
    if not user.is_authenticated:
        raise Http404
    assignment = (
        Assignment.objects.filter(
            reviewer__user=user,
            reviewer__status=ReviewerStatus.ACCEPTED,
            application_id=application_pk,
        )
        .select_related("application", "application__call", "reviewer", "reviewer__call")
        .first()
    )
    if assignment is None or not assignment.application.is_submitted:
        raise Http404
    if is_conflicted(assignment.reviewer, assignment.application):
        raise Http404
    return assignment


def criteria_for(call: Call) -> list[Criterion]:
    return list(
        Criterion.objects.filter(call=call).prefetch_related("levels").order_by("position", "pk")
    )


def own_review(assignment: Assignment) -> Review | None:
    return Review.objects.filter(assignment=assignment).prefetch_related("scores").first()


def other_reviews(assignment: Assignment) -> list[Review]:
    """Other reviewers' submitted reviews — only once this reviewer has submitted their own."""
    mine = Review.objects.filter(assignment=assignment, submitted_at__isnull=False).exists()
    if not mine:
        return []
    return list(
        Review.objects.filter(
            assignment__application_id=assignment.application_id, submitted_at__isnull=False
        )
        .exclude(assignment=assignment)
        .prefetch_related("scores")
        .order_by("submitted_at")
    )


@dataclass
class RankedApplication:
    application: Application
    row: RankRow | None


def review_totals(call: Call) -> list[tuple[int, int, float]]:
    """(application, reviewer, weighted total) of every submitted review, summed by the
    database: one query, one row per review. Σ weight × score / Σ weight, as
    `ranking.weighted_total` computes it; reviews whose criteria all weigh 0 are left out."""
    weight = Cast("criterion__weight", FloatField())
    weighted = ExpressionWrapper(Cast("value", FloatField()) * weight, output_field=FloatField())
    rows = (
        Score.objects.filter(
            review__assignment__reviewer__call=call, review__submitted_at__isnull=False
        )
        .values("review_id")
        .annotate(
            app=F("review__assignment__application_id"),
            reviewer=F("review__assignment__reviewer_id"),
            total=Sum(weighted),
            weight=Sum(weight),
        )
        .values_list("app", "reviewer", "total", "weight")
    )
    return [(app, reviewer, total / weight) for app, reviewer, total, weight in rows if weight]


SORTS = {
    "normalised": lambda r: (r.row is None, -(r.row.normalised if r.row else 0)),
    "raw": lambda r: (r.row is None, -(r.row.raw if r.row else 0)),
    "disagreement": lambda r: (
        r.row is None or r.row.disagreement is None,
        -((r.row.disagreement or 0) if r.row else 0),
    ),
    "reviews": lambda r: (-(r.row.count if r.row else 0),),
    "title": lambda r: (r.application.title.lower(),),
}


def ranking(call: Call, sort: str = "normalised", threshold: float = DISAGREEMENT_THRESHOLD):
    """Every submitted application of the call with its ranking row (None: no review yet).
    A fixed number of queries whatever the number of applications."""
    rows = {row.application: row for row in rank(review_totals(call), threshold)}
    applications = (
        Application.objects.filter(call=call, status__in=SUBMITTED_STATUSES)
        .select_related("organisation", "decision")
        .annotate(assigned=Count("assignments"))
    )
    ranked = [RankedApplication(a, rows.get(a.pk)) for a in applications]
    ranked.sort(key=lambda r: (*SORTS.get(sort, SORTS["normalised"])(r), r.application.pk))
    return ranked


def outbox(call: Call) -> list[Decision]:
    return list(
        Decision.objects.filter(application__call=call)
        .select_related("application", "application__organisation", "decided_by")
        .order_by("status", "outcome", "application__title")
    )


def outbox_pending_count(call: Call) -> int:
    return Decision.objects.filter(application__call=call, status=DecisionStatus.PENDING).count()


def reviewers_overview(call: Call) -> list[Reviewer]:
    """The call's reviewers with their load and submitted count."""
    return list(
        Reviewer.objects.filter(call=call)
        .select_related("user")
        .annotate(
            load=Count("assignments", distinct=True),
            done=Count(
                "assignments",
                filter=Q(assignments__review__submitted_at__isnull=False),
                distinct=True,
            ),
        )
        .order_by("user__full_name", "user__email")
    )


def assignments_by_application(call: Call) -> dict[int, list[Assignment]]:
    result = defaultdict(list)
    for assignment in (
        Assignment.objects.filter(reviewer__call=call)
        .select_related("reviewer__user", "review")
        .order_by("reviewer__user__email")
    ):
        result[assignment.application_id].append(assignment)
    return result


def call_for_staff(user, slug: str) -> Call:
    if not rules.can_view_all_applications(user):
        raise Http404
    call = Call.objects.select_related("programme").filter(slug=slug).first()
    if call is None:
        raise Http404
    return call


def applications_to_assign(call: Call) -> list[Application]:
    """The call's applications that take reviewers, by title."""
    return list(
        Application.objects.filter(call=call, status__in=ASSIGNABLE_STATUSES)
        .select_related("organisation")
        .order_by("title", "pk")
    )
