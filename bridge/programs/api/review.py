"""API for the review: a reviewer's assigned applications (blind when the call says so) and the
staff's ranking of a call. Same selectors as the pages, so the two cannot drift apart."""

from datetime import datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import StrictBool

from bridge.accounts.api.auth import SIGNED_IN
from bridge.core.api.errors import invalid, service_refusal
from bridge.core.api.pagination import PageParams
from bridge.core.api.schemas import ErrorOut, TranslatedText, ValidationErrorOut
from bridge.programs import rules
from bridge.programs.ids import id_or_404
from bridge.programs.models import Call
from bridge.programs.selectors import review as selectors
from bridge.programs.services import review as services

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


# --- the reviewer's own review: rubric, scores, conflict --------------------------------------


def _tr(obj, field: str) -> dict:
    return {lang: getattr(obj, f"{field}_{lang}", "") for lang in ("ru", "uz", "en")}


class LevelOut(Schema):
    value: int
    description: TranslatedText


class CriterionOut(Schema):
    id: int
    name: TranslatedText
    description: TranslatedText
    weight: Decimal
    levels: list[LevelOut]


class ScoreIO(Schema):
    criterion: int = Field(..., ge=1, le=2**63 - 1, description="A criterion's `id`.")
    value: int = Field(..., ge=-32768, le=32767, description="One of the criterion's levels.")


class OwnReviewOut(Schema):
    application: int
    criteria: list[CriterionOut]
    scores: list[ScoreIO]
    comment: str
    submitted: bool
    submitted_at: datetime | None
    review_deadline: datetime | None


class ReviewIn(Schema):
    scores: list[ScoreIO] = Field(default_factory=list, max_length=100)
    comment: str = Field("", max_length=10000)
    submit: StrictBool = Field(
        False, description="false saves a draft (any scores so far); true submits."
    )


class ConflictIn(Schema):
    reason: str = Field(
        ..., min_length=1, max_length=services.MAX_REASON, description="Why, briefly."
    )


def _own_review_out(assignment) -> dict:
    call = assignment.reviewer.call
    review = selectors.own_review(assignment)
    return {
        "application": assignment.application_id,
        "criteria": [
            {
                "id": c.pk,
                "name": _tr(c, "name"),
                "description": _tr(c, "description"),
                "weight": c.weight,
                "levels": [
                    {"value": level.value, "description": _tr(level, "description")}
                    for level in c.levels.all()
                ],
            }
            for c in selectors.criteria_for(call)
        ],
        "scores": [{"criterion": s.criterion_id, "value": s.value} for s in review.scores.all()]
        if review
        else [],
        "comment": review.comment if review else "",
        "submitted": bool(review and review.submitted_at),
        "submitted_at": review.submitted_at if review else None,
        "review_deadline": call.review_deadline,
    }


def _assignment(request, application_id: int):
    """Only the caller's own, unconflicted assignment: anything else is 404, as on the page."""
    return selectors.assignment_get_for_reviewer(request.auth, id_or_404(application_id))


@router.get(
    "/programmes/reviews/{application_id}/review",
    response={200: OwnReviewOut, 401: ErrorOut, 404: ErrorOut},
    auth=SIGNED_IN,
    summary="The rubric and the caller's own scores for an assigned application",
)
def own_review(request, application_id: int) -> dict:
    """404 unless the application is assigned to the caller and they have no conflict."""
    return _own_review_out(_assignment(request, application_id))


@router.put(
    "/programmes/reviews/{application_id}/review",
    response={
        200: OwnReviewOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ValidationErrorOut,
    },
    auth=SIGNED_IN,
    summary="Save or submit the caller's scores per criterion",
    description="`scores` names each criterion once, with one of its levels' values. A draft "
    "(`submit: false`) may leave criteria unscored; submitting needs every criterion. A "
    "submitted review may be corrected (send it again) until the call's review deadline; after "
    "it, 422. Errors name the field `criterion-<id>` for a score, `scores` for an unknown or "
    "repeated criterion. Nothing is saved when anything is refused.",
)
def save_review(request, application_id: int, payload: ReviewIn):
    assignment = _assignment(request, application_id)
    known = {c.pk for c in selectors.criteria_for(assignment.reviewer.call)}
    named = [score.criterion for score in payload.scores]
    if len(set(named)) != len(named) or not set(named) <= known:
        raise invalid(
            field="scores",
            message=gettext("Score each of this call's criteria at most once."),
            location="body",
            # Well formed ids, refused for what they name (another call's criterion, or twice).
            code="refused",
        )
    try:
        services.review_save(
            actor=request.auth,
            assignment=assignment,
            scores={score.criterion: score.value for score in payload.scores},
            comment=payload.comment,
            submit=payload.submit,
        )
    except DjangoValidationError as exc:
        return service_refusal(exc)
    return Status(200, _own_review_out(assignment))


@router.post(
    "/programmes/reviews/{application_id}/conflict",
    response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
    auth=SIGNED_IN,
    summary="Declare a conflict of interest with an assigned application",
    description="The assignment goes away and the application disappears from the caller's "
    "list (later calls about it answer 404). Refused (422) once the review was submitted: "
    "write to the staff then.",
)
def declare_conflict(request, application_id: int, payload: ConflictIn):
    assignment = _assignment(request, application_id)
    try:
        services.conflict_declare(
            actor=request.auth,
            reviewer=assignment.reviewer,
            application=assignment.application,
            reason=payload.reason,
        )
    except DjangoValidationError as exc:
        return service_refusal(exc)
    return Status(204, None)
