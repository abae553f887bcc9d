"""API router for programmes: published calls (public) and the caller's own applications.

Writes go through the same services as the pages, so eligibility, deadlines and required answers
are enforced identically: an ineligible organisation gets a 422 with the failing rules."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import StrictBool

from bridge.accounts.api.auth import PUBLIC, PUBLIC_OPENAPI, SIGNED_IN
from bridge.accounts.models import Organisation
from bridge.core.api.pagination import PageParams, paginate
from bridge.core.api.schemas import (
    CodeLabel,
    DateIn,
    ErrorOut,
    RefusalOut,
    TranslatedText,
    ValidationErrorOut,
    decimal_in,
)
from bridge.programs import rules
from bridge.programs.ids import MAX_ID, id_or_404
from bridge.programs.models import ApplicationStatus, Call
from bridge.programs.selectors import applications as selectors
from bridge.programs.services import applications as services

router = Router(tags=["programmes"])


class EligibilityOut(Schema):
    version: int
    countries: list[str]
    legal_forms: dict[str, list[str]]
    verified_required: bool
    min_age_months: int | None
    max_age_months: int | None
    team_min: int | None
    team_max: int | None
    project_stages: list[str]


class StageOut(Schema):
    position: int
    name: TranslatedText
    deadline: datetime


class CallOut(Schema):
    slug: str
    programme: TranslatedText
    title: TranslatedText
    description: TranslatedText
    support: TranslatedText
    status: CodeLabel
    places: int
    opens_at: datetime
    closes_at: datetime
    timezone: str = Field(description="The zone the call announces its times in.")
    stages: list[StageOut]
    eligibility: EligibilityOut
    url: str


class CallPage(Schema):
    count: int
    items: list[CallOut]


def _tr(obj, field: str) -> dict:
    return {lang: getattr(obj, f"{field}_{lang}", "") for lang in ("ru", "uz", "en")}


def call_out(request, call: Call) -> dict:
    from django.urls import reverse

    rules_dict = call.eligibility.as_rules()
    return {
        "slug": call.slug,
        "programme": _tr(call.programme, "name"),
        "title": _tr(call, "title"),
        "description": _tr(call, "description"),
        "support": _tr(call, "support"),
        "status": {"code": call.status, "label": call.get_status_display()},
        "places": call.places,
        "opens_at": call.opens_at,
        "closes_at": call.closes_at,
        "timezone": call.timezone,
        "stages": [
            {
                "position": s.position,
                "name": _tr(s, "name"),
                "deadline": s.closes_at or call.closes_at,
            }
            for s in call.stages.all()
        ],
        "eligibility": rules_dict,
        "url": request.build_absolute_uri(reverse("programs:call_detail", args=[call.slug])),
    }


class TeamMemberIO(Schema):
    name: str = Field(..., max_length=150)
    role: str = Field(..., max_length=100)


class ApplicationOut(Schema):
    id: int
    call: str
    organisation: int
    status: CodeLabel
    title: str
    summary: str
    genre: str
    platforms: list[str]
    engine: str
    project_stage: str
    budget: Decimal | None
    amount_asked: Decimal | None
    currency: str
    release_target: date | None
    build_url: str
    video_url: str
    company_founded_on: date | None
    show_on_heritage_pages: bool = Field(
        description="The applicant's choice to show the title and summary on heritage theme pages."
    )
    team: list[TeamMemberIO]
    has_pitch_deck: bool
    submitted_at: datetime | None
    missing: dict[str, str] = Field(
        description="What still blocks submission of a draft, by field (empty in lists)."
    )
    decision: CodeLabel | None = Field(description="Shown once staff have sent the decision.")
    url: str


class ApplicationPage(Schema):
    count: int
    items: list[ApplicationOut]


class ApplicationCreateIn(Schema):
    call: str = Field(..., max_length=80, description="The call's slug.")
    organisation: int = Field(..., ge=1, le=MAX_ID, description="Your organisation's id.")


class ApplicationUpdateIn(Schema):
    title: str | None = Field(None, max_length=200)
    summary: str | None = Field(None, max_length=5000)
    genre: str | None = Field(None, max_length=16)
    platforms: list[str] | None = None
    engine: str | None = Field(None, max_length=16)
    project_stage: str | None = Field(None, max_length=16)
    budget: decimal_in(max_digits=14, decimal_places=2) | None = None
    amount_asked: decimal_in(max_digits=14, decimal_places=2) | None = None
    currency: str | None = Field(None, max_length=3)
    release_target: DateIn | None = None
    build_url: str | None = Field(None, max_length=200)
    video_url: str | None = Field(None, max_length=200)
    company_founded_on: DateIn | None = None
    show_on_heritage_pages: StrictBool | None = None
    team: list[TeamMemberIO] | None = Field(None, max_length=100)


def application_out(request, application, *, with_missing: bool = True) -> dict:
    from django.urls import reverse

    shown = selectors.application_status_for_applicant(application)
    decision = shown["decision"]
    return {
        "id": application.pk,
        "call": application.call.slug,
        "organisation": application.organisation_id,
        "status": {"code": shown["code"], "label": str(shown["label"])},
        "title": application.title,
        "summary": application.summary,
        "genre": application.genre,
        "platforms": list(application.platforms or []),
        "engine": application.engine,
        "project_stage": application.project_stage,
        "budget": application.budget,
        "amount_asked": application.amount_asked,
        "currency": application.currency,
        "release_target": application.release_target,
        "build_url": application.build_url,
        "video_url": application.video_url,
        "company_founded_on": application.company_founded_on,
        "show_on_heritage_pages": application.show_on_heritage_pages,
        "team": [{"name": m.name, "role": m.role} for m in application.team.all()],
        "has_pitch_deck": bool(application.pitch_deck),
        "submitted_at": application.submitted_at,
        "missing": selectors.application_missing(application)
        if with_missing and application.status == ApplicationStatus.DRAFT
        else {},
        "decision": {"code": decision.outcome, "label": decision.get_outcome_display()}
        if decision
        else None,
        "url": request.build_absolute_uri(
            reverse("programs:application_detail", args=[application.pk])
        ),
    }


def refusal(
    exc: DjangoValidationError, default: str, *, rename: tuple[str, str] = ("", "")
) -> Status:
    """422 (409 for a duplicate or a second submission) with the messages by field and one
    code: the exception's own, else "ineligible" when an eligibility rule fails, else "invalid".
    `rename` gives a field the service names its own way (an answer's `question-<id>`) the name
    the client sent."""
    if hasattr(exc, "error_dict"):
        errors = {
            rename[1] if key == rename[0] else key: [str(m) for e in value for m in e.messages]
            for key, value in exc.error_dict.items()
        }
        codes = {e.code for v in exc.error_dict.values() for e in v}
        general = errors.get("__all__")
        detail = " ".join(general) if general else default
    else:
        errors = {"__all__": [str(m) for m in exc.messages]}
        codes = {e.code for e in exc.error_list}
        detail = " ".join(errors["__all__"])
    code = getattr(exc, "code", None) or ("ineligible" if "ineligible" in codes else "invalid")
    status = 409 if code in ("duplicate", "already_submitted") else 422
    return Status(status, {"detail": detail, "code": code, "errors": errors})


def own_application(request, application_id: int):
    application = selectors.application_get_for_user(request.auth, id_or_404(application_id))
    # Staff who see every application read them elsewhere; this endpoint is the applicant's own.
    if not rules.can_edit_application(request.auth, application):
        raise Http404
    return application


@router.get(
    "/calls",
    response={200: CallPage, 401: ErrorOut, 422: ValidationErrorOut},
    auth=PUBLIC,
    openapi_extra=PUBLIC_OPENAPI,
    summary="List published calls",
)
def list_calls(
    request,
    paging: Query[PageParams],
    status: Literal["open", "upcoming", "closed"] | None = None,
) -> dict:
    """Published calls, newest first; `status=open` keeps those accepting applications now."""
    queryset = selectors.calls_open() if status == "open" else selectors.calls_public()
    queryset = queryset.prefetch_related("stages")
    if status in ("upcoming", "closed"):
        from django.utils import timezone

        now = timezone.now()
        queryset = (
            queryset.filter(opens_at__gt=now)
            if status == "upcoming"
            else queryset.filter(closes_at__lte=now)
        )
    count, page = paginate(queryset, paging)
    return {"count": count, "items": [call_out(request, c) for c in page]}


@router.get(
    "/calls/{slug}",
    response={200: CallOut, 401: ErrorOut, 404: ErrorOut},
    auth=PUBLIC,
    openapi_extra=PUBLIC_OPENAPI,
    summary="One published call",
)
def get_call(request, slug: str = Path(..., max_length=80)) -> dict:
    return call_out(request, selectors.call_get_public(slug))


@router.get(
    "/applications",
    response={200: ApplicationPage, 401: ErrorOut, 422: ValidationErrorOut},
    auth=SIGNED_IN,
    summary="Your organisations' applications",
)
def list_applications(request, paging: Query[PageParams]) -> dict:
    queryset = (
        selectors.applications_for_user(request.auth)
        .select_related("decision")
        .prefetch_related("team", "answers")
        .distinct()
    )
    count, page = paginate(queryset, paging)
    return {
        "count": count,
        "items": [application_out(request, a, with_missing=False) for a in page],
    }


@router.get(
    "/applications/{application_id}",
    response={200: ApplicationOut, 401: ErrorOut, 404: ErrorOut},
    auth=SIGNED_IN,
    summary="One of your applications",
)
def get_application(request, application_id: int) -> dict:
    return application_out(request, own_application(request, application_id))


@router.post(
    "/applications",
    response={
        201: ApplicationOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: RefusalOut,
        422: RefusalOut,
    },
    auth=SIGNED_IN,
    summary="Start a draft application",
)
def create_application(request, payload: ApplicationCreateIn):
    """Checks the call's current eligibility rules first: an ineligible organisation gets 422
    with `code: "ineligible"` and the reasons."""
    call = selectors.call_get_public(payload.call)
    organisation = Organisation.objects.filter(pk=payload.organisation).first()
    if organisation is None or not rules.can_apply_for(request.auth, organisation):
        return Status(403, {"detail": _("You cannot apply on behalf of this organisation.")})
    try:
        application = services.application_create(
            actor=request.auth, call=call, organisation=organisation
        )
    except DjangoValidationError as exc:
        return refusal(exc, _("The application could not be started."))
    return Status(201, application_out(request, application))


@router.patch(
    "/applications/{application_id}",
    response={200: ApplicationOut, 401: ErrorOut, 404: ErrorOut, 422: RefusalOut},
    auth=SIGNED_IN,
    summary="Save fields of a draft (or of a submitted application before the deadline)",
)
def update_application(request, application_id: int, payload: ApplicationUpdateIn):
    application = own_application(request, application_id)
    fields = payload.dict(exclude_unset=True)
    team = fields.pop("team", None)
    try:
        if fields:
            services.application_update(actor=request.auth, application=application, **fields)
        if team is not None:
            services.application_set_team(actor=request.auth, application=application, members=team)
    except DjangoValidationError as exc:
        return refusal(exc, _("Some fields are not valid."))
    return Status(200, application_out(request, own_application(request, application_id)))


@router.post(
    "/applications/{application_id}/submit",
    response={200: ApplicationOut, 401: ErrorOut, 404: ErrorOut, 409: RefusalOut, 422: RefusalOut},
    auth=SIGNED_IN,
    summary="Submit an application",
)
def submit_application(request, application_id: int):
    """Refused with 422 when something required is missing, the organisation is not eligible
    (`code: "ineligible"`) or the deadline has passed; 409 when already submitted."""
    application = own_application(request, application_id)
    try:
        services.application_submit(actor=request.auth, application=application)
    except PermissionDenied:
        raise Http404 from None
    except DjangoValidationError as exc:
        return refusal(exc, _("The application is not complete."))
    return Status(200, application_out(request, own_application(request, application_id)))
