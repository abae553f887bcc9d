"""API for the review: a reviewer's assigned applications (blind when the call says so) and the
staff's ranking of a call. Same selectors as the pages, so the two cannot drift apart."""

from datetime import datetime
from decimal import Decimal
from typing import Literal

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from bridge.accounts.api.auth import SIGNED_IN
from bridge.core.api.pagination import PageParams
from bridge.core.api.schemas import ErrorOut
from bridge.programs import rules
from bridge.programs.ids import id_or_404
from bridge.programs.models import Call
from bridge.programs.selectors import review as selectors

router = Router(tags=["programme review"])


class AssignedApplicationOut(Schema):
    id: int
    call: str
    title: str
    summary: str
    genre: str
    platforms: list[str]
    engine: str
    project_stage: str
    language: str
    budget: Decimal | None
    amount_asked: Decimal | None
    currency: str
    build_url: str
    video_url: str
    pitch_deck_url: str | None
    team_roles: list[str]
    # Null when the call's review is blind.
    organisation: str | None
    team_names: list[str] | None
    blind: bool
    review_submitted_at: datetime | None
    url: str


class AssignedPage(Schema):
    count: int
    items: list[AssignedApplicationOut]


def _assigned_out(request, assignment) -> dict:
    application = assignment.application
    call = assignment.reviewer.call
    blind = call.blind_review
    team = list(application.team.all())
    review = getattr(assignment, "review", None)
    deck = (
        request.build_absolute_uri(reverse("programs_review:pitch_deck", args=[application.pk]))
        if application.pitch_deck
        else None
    )
    return {
        "id": application.pk,
        "call": call.slug,
        "title": application.title,
        "summary": application.summary,
        "genre": application.genre,
        "platforms": list(application.platforms or []),
        "engine": application.engine,
        "project_stage": application.project_stage,
        "language": application.language,
        "budget": application.budget,
        "amount_asked": application.amount_asked,
        "currency": application.currency,
        "build_url": application.build_url,
        "video_url": application.video_url,
        "pitch_deck_url": deck,
        "team_roles": [m.role for m in team],
        "organisation": None if blind else application.organisation.name,
        "team_names": None if blind else [m.name for m in team],
        "blind": blind,
        "review_submitted_at": review.submitted_at if review else None,
        "url": request.build_absolute_uri(
            reverse("programs_review:application", args=[application.pk])
        ),
    }


@router.get(
    "/programmes/reviews",
    response={200: AssignedPage, 401: ErrorOut},
    auth=SIGNED_IN,
    summary="Applications assigned to the caller for review",
)
def assigned_reviews(request, params: Query[PageParams]) -> dict:
    assignments = selectors.assignments_for_reviewer(request.auth)
    count = len(assignments)
    start = (params.page - 1) * params.page_size
    page = assignments[start : start + params.page_size]
    return {"count": count, "items": [_assigned_out(request, a) for a in page]}


@router.get(
    "/programmes/reviews/{application_id}",
    response={200: AssignedApplicationOut, 401: ErrorOut, 404: ErrorOut},
    auth=SIGNED_IN,
    summary="One application assigned to the caller (404 if unassigned or conflicted)",
)
def assigned_review(request, application_id: int) -> dict:
    assignment = selectors.assignment_get_for_reviewer(request.auth, id_or_404(application_id))
    return _assigned_out(request, assignment)


class RankingRowOut(Schema):
    application: int
    title: str
    organisation: str
    status: str
    raw: float | None
    normalised: float | None
    disagreement: float | None
    flagged: bool
    reviews: int
    assigned: int
    decision: str | None


class RankingOut(Schema):
    call: str
    count: int
    items: list[RankingRowOut]


Sort = Literal["normalised", "raw", "disagreement", "reviews", "title"]


@router.get(
    "/programmes/calls/{slug}/ranking",
    response={200: RankingOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=SIGNED_IN,
    summary="The call's ranking: raw and normalised scores, disagreement (staff)",
)
def call_ranking(request, slug: str, sort: Sort = "normalised") -> dict:
    if not rules.can_view_all_applications(request.auth):
        raise HttpError(403, gettext("Only programme staff can see the ranking."))
    call = Call.objects.filter(slug=slug).first()
    if call is None:
        raise Http404
    ranked = selectors.ranking(call, sort=sort)
    items = []
    for item in ranked:
        app, row = item.application, item.row
        decision = getattr(app, "decision", None)
        items.append(
            {
                "application": app.pk,
                "title": app.title,
                "organisation": app.organisation.name,
                "status": app.status,
                "raw": round(row.raw, 4) if row else None,
                "normalised": round(row.normalised, 4) if row else None,
                "disagreement": round(row.disagreement, 4)
                if row and row.disagreement is not None
                else None,
                "flagged": bool(row and row.flagged),
                "reviews": row.count if row else 0,
                "assigned": app.assigned,
                "decision": decision.outcome if decision else None,
            }
        )
    return {"call": call.slug, "count": len(items), "items": items}
