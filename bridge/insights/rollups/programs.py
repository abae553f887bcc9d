"""Programmes: applications to each season (call) by the studio's country, counted by the day
they were submitted, with how many were accepted, waitlisted or not selected once decisions were
sent; the seasons' titles for the pages; and the staff reports on review and cohorts."""

from collections import Counter, defaultdict
from statistics import mean, pstdev

from django.db.models import Count, F, Min, Q, Sum

from bridge.insights.rollups.dates import as_day, day_start, local_day
from bridge.insights.rollups.registry import FLOW, Output, Row, Source, Stat, Window
from bridge.programs.models import (
    Application,
    ApplicationStatus,
    Call,
    MilestoneProgress,
    Reviewer,
    Score,
)

COUNTRY_CALL = ("country", "segment")
OUTCOMES = {
    "applications.accepted": ApplicationStatus.ACCEPTED,
    "applications.waitlisted": ApplicationStatus.WAITLISTED,
    "applications.rejected": ApplicationStatus.REJECTED,
}


class ProgramsSource(Source):
    key = "programs"
    # segment: the call's slug (a season of a programme); its titles are in the run's labels.
    stats = (
        Stat("applications.submitted", FLOW, COUNTRY_CALL),
        *(Stat(key, FLOW, COUNTRY_CALL) for key in OUTCOMES),
    )

    def compute(self, window: Window) -> Output:
        start = window.start
        if window.changed_since is not None:
            oldest = Application.objects.filter(
                updated_at__gte=window.changed_since, submitted_at__isnull=False
            ).aggregate(first=Min("submitted_at"))["first"]
            if oldest is not None:
                start = min(start, as_day(oldest))
        # Submitted and not withdrawn since: drafts and withdrawals are the studio's own business.
        applications = Application.objects.filter(submitted_at__gte=day_start(start)).exclude(
            status__in=(ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN)
        )
        grouped = (
            applications.annotate(day=local_day("submitted_at"))
            .values("day", "organisation__country", "call__slug")
            .annotate(
                n=Count("id"),
                **{key: Count("id", filter=Q(status=status)) for key, status in OUTCOMES.items()},
            )
        )
        rows = []
        for row in grouped:
            dims = {"country": str(row["organisation__country"]), "segment": row["call__slug"]}
            rows.append(Row("applications.submitted", row["day"], row["n"], **dims))
            rows += [Row(key, row["day"], row[key], **dims) for key in OUTCOMES if row[key]]
        return Output(
            start=start,
            rows=rows,
            labels={"calls": call_labels()},
            staff={"reviewer_load": reviewer_load(), "cohort": cohorts()},
        )

    def first_day(self):
        first = Application.objects.aggregate(first=Min("submitted_at"))["first"]
        return as_day(first) if first else None


def call_labels() -> dict[str, dict]:
    """Every published call: its titles in three languages, programme, dates and places."""
    labels = {}
    calls = Call.objects.filter(is_published=True).select_related("programme").order_by("opens_at")
    for position, call in enumerate(calls):
        labels[call.slug] = {
            "position": position,
            "title": {code: call.title(code) for code in ("ru", "uz", "en")},
            "programme": {code: call.programme.name(code) for code in ("ru", "uz", "en")},
            "opens": call.opens_at.date().isoformat(),
            "closes": call.closes_at.date().isoformat(),
            "places": call.places,
        }
    return labels


def _call_titles(call) -> dict:
    return {code: call.title(code) for code in ("ru", "uz", "en")}


def reviewer_load() -> list[dict]:
    """Per call and reviewer: reviews assigned and submitted, and the spread of the weighted
    totals they gave (staff only; names are shown to staff, never in public figures)."""
    totals = (
        Score.objects.filter(review__submitted_at__isnull=False)
        .values("review_id", reviewer_id=F("review__assignment__reviewer_id"))
        .annotate(
            weighted=Sum(F("value") * F("criterion__weight")), weights=Sum("criterion__weight")
        )
    )
    given: dict[int, list[float]] = defaultdict(list)
    for row in totals.iterator(chunk_size=5000):
        if row["weights"]:
            given[row["reviewer_id"]].append(float(row["weighted"]) / float(row["weights"]))
    reviewers = (
        Reviewer.objects.select_related("call", "user")
        .annotate(
            assigned=Count("assignments", distinct=True),
            submitted=Count(
                "assignments",
                filter=Q(assignments__review__submitted_at__isnull=False),
                distinct=True,
            ),
        )
        .order_by("-call__opens_at", "user__full_name", "pk")
    )
    result = []
    for reviewer in reviewers:
        scores = given.get(reviewer.pk, [])
        result.append(
            {
                "call": reviewer.call.slug,
                "call_title": _call_titles(reviewer.call),
                "reviewer": reviewer.user.full_name or reviewer.user.email,
                "email": reviewer.user.email,
                "status": reviewer.status,
                "assigned": reviewer.assigned,
                "submitted": reviewer.submitted,
                "mean": round(mean(scores), 2) if scores else None,
                "spread": round(pstdev(scores), 2) if len(scores) > 1 else None,
                "lowest": round(min(scores), 2) if scores else None,
                "highest": round(max(scores), 2) if scores else None,
            }
        )
    return result


def cohorts() -> list[dict]:
    """Per accepted team of each call with milestones: the status of every milestone."""
    progress = (
        MilestoneProgress.objects.filter(application__status=ApplicationStatus.ACCEPTED)
        .select_related("milestone", "application__organisation", "application__call")
        .order_by("-application__call__opens_at", "application__title", "milestone__due_on")
    )
    teams: dict[int, dict] = {}
    for item in progress:
        application = item.application
        team = teams.setdefault(
            application.pk,
            {
                "call": application.call.slug,
                "call_title": _call_titles(application.call),
                "team": application.organisation.name,
                "title": application.title,
                "milestones": [],
                "counts": Counter(),
            },
        )
        team["milestones"].append(
            {
                "kind": item.milestone.kind,
                "title": {code: item.milestone.title(code) for code in ("ru", "uz", "en")},
                "due_on": item.milestone.due_on.isoformat(),
                "status": item.status,
            }
        )
        team["counts"][item.status] += 1
    result = []
    for team in teams.values():
        team["counts"] = dict(team["counts"])
        result.append(team)
    return result


SOURCE = ProgramsSource()
