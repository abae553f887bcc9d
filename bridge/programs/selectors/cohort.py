"""Reads about the cohort (accepted applications after selection) and the figures of a call."""

from collections import Counter

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _
from django_countries import countries as country_names

from bridge.programs.models import (
    SUBMITTED_STATUSES,
    Application,
    ApplicationStatus,
    Assignment,
    Call,
    Deal,
    Decision,
    DecisionStatus,
    Genre,
    MentorNote,
    Milestone,
    MilestoneProgress,
    Outcome,
    ProjectStage,
    Review,
)


def cohort_applications(call: Call) -> QuerySet[Application]:
    return (
        Application.objects.filter(call=call, status=ApplicationStatus.ACCEPTED)
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "milestone_progress",
                queryset=MilestoneProgress.objects.select_related("milestone"),
            ),
            "deals",
        )
        .order_by("title", "id")
    )


def cohort_board(call: Call) -> dict:
    """Milestones as columns, accepted applications as rows, each cell the progress row (or None)."""
    milestones = list(call.milestones.all())
    rows = []
    for application in cohort_applications(call):
        progress = {p.milestone_id: p for p in application.milestone_progress.all()}
        deals = list(application.deals.all())
        rows.append(
            {
                "application": application,
                "cells": [progress.get(m.pk) for m in milestones],
                "deals": deals,
            }
        )
    return {"milestones": milestones, "rows": rows}


def cohort_deals(call: Call) -> QuerySet[Deal]:
    return (
        Deal.objects.filter(application__call=call)
        .select_related("application", "application__organisation")
        .order_by("-signed_on", "-id")
    )


def deal_totals(deals) -> list[tuple[str, object]]:
    totals: dict[str, object] = {}
    for deal in deals:
        totals[deal.currency] = totals.get(deal.currency, 0) + deal.amount
    return sorted(totals.items())


def milestones_for_team(application: Application) -> list[dict]:
    progress = {p.milestone_id: p for p in application.milestone_progress.all()}
    return [
        {"milestone": m, "progress": progress.get(m.pk)}
        for m in Milestone.objects.filter(call_id=application.call_id)
    ]


def mentor_notes_for(user, application: Application) -> QuerySet[MentorNote]:
    """Staff who read mentor notes see all of them; the team only those shared with it."""
    notes = application.mentor_notes.select_related("author")
    if user.is_authenticated and user.has_perm("programs.view_mentornote"):
        return notes
    return notes.filter(shared_with_team=True)


def _labelled(counter: Counter, labels: dict) -> list[dict]:
    total = sum(counter.values())
    return [
        {
            "code": code,
            "label": str(labels.get(code, code)) if code else _("Not stated"),
            "count": n,
            "share": round(100 * n / total) if total else 0,
        }
        for code, n in counter.most_common()
    ]


def call_figures(call: Call) -> dict:
    """Counts for the figures page: a constant number of queries whatever the call's size."""
    submitted = Application.objects.filter(call=call, status__in=SUBMITTED_STATUSES)
    rows = list(submitted.values_list("organisation__country", "project_stage", "genre"))
    by_status = dict(
        Application.objects.filter(call=call)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    countries = Counter(str(row[0] or "") for row in rows)
    country_labels = {code: country_names.name(code) or code for code in countries if code}
    assigned = Assignment.objects.filter(application__call=call).count()
    reviews = Review.objects.filter(assignment__application__call=call).aggregate(
        submitted=Count("id", filter=Q(submitted_at__isnull=False)),
        drafts=Count("id", filter=Q(submitted_at__isnull=True)),
    )
    decisions = Decision.objects.filter(application__call=call).aggregate(
        total=Count("id"),
        accepted=Count("id", filter=Q(outcome=Outcome.ACCEPT)),
        waitlisted=Count("id", filter=Q(outcome=Outcome.WAITLIST)),
        rejected=Count("id", filter=Q(outcome=Outcome.REJECT)),
        sent=Count("id", filter=Q(status=DecisionStatus.SENT)),
    )
    total_submitted = len(rows)
    return {
        "submitted": total_submitted,
        "drafts": by_status.get(ApplicationStatus.DRAFT, 0),
        "withdrawn": by_status.get(ApplicationStatus.WITHDRAWN, 0),
        "by_country": _labelled(countries, country_labels),
        "by_stage": _labelled(Counter(row[1] or "" for row in rows), dict(ProjectStage.choices)),
        "by_genre": _labelled(Counter(row[2] or "" for row in rows), dict(Genre.choices)),
        "reviews_assigned": assigned,
        "reviews_submitted": reviews["submitted"],
        "reviews_drafts": reviews["drafts"],
        "review_progress": round(100 * reviews["submitted"] / assigned) if assigned else 0,
        "decisions": decisions,
        "acceptance_rate": (
            round(100 * decisions["accepted"] / total_submitted, 1) if total_submitted else None
        ),
        "places": call.places,
    }
