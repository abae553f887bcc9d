"""API router for the cohort of a call: milestones (programme managers), progress reports (the
team), mentor notes and deals (staff with those permissions). The same services as the cohort
pages; an application not in the cohort is a 404."""

from datetime import date
from typing import Literal

from django.http import Http404
from ninja import Field, Router, Schema, Status
from pydantic import StrictBool

from bridge.accounts.api.auth import SIGNED_IN
from bridge.core.api.errors import run_service
from bridge.core.api.schemas import DateIn, decimal_in
from bridge.programs.api.staff import WRITE_ERRORS, Id, managed_call
from bridge.programs.ids import id_or_404
from bridge.programs.models import Application, Milestone
from bridge.programs.models.base import CURRENCIES
from bridge.programs.models.cohort import DealKind, MilestoneKind, ProgressStatus
from bridge.programs.selectors import applications as application_selectors
from bridge.programs.services import cohort as cohort_services

router = Router(tags=["staff: programme cohort"])

# --- cohort: milestones, progress reports, mentor notes, deals -------------------------------

Currency = Literal[tuple(code for code, _label in CURRENCIES)]  # type: ignore[valid-type]


class CohortMilestoneIn(Schema):
    kind: Literal[tuple(MilestoneKind.values)]  # type: ignore[valid-type]
    due_on: DateIn
    title_ru: str = Field("", max_length=200)
    title_uz: str = Field("", max_length=200)
    title_en: str = Field("", max_length=200)


class CohortMilestoneOut(Schema):
    id: int
    kind: str
    due_on: date
    title_ru: str
    title_uz: str
    title_en: str


class ProgressIn(Schema):
    milestone: int = Id
    status: Literal[tuple(ProgressStatus.values)]  # type: ignore[valid-type]
    report: str = Field("", max_length=cohort_services.MAX_TEXT)


class NoteIn(Schema):
    text: str = Field(..., min_length=1, max_length=cohort_services.MAX_TEXT)
    shared_with_team: StrictBool = False


class DealIn(Schema):
    investor: str = Field(..., min_length=1, max_length=200)
    # Its digits and places in the schema (up to 999,999,999,999.99; see decimal_in).
    amount: decimal_in(max_digits=14, decimal_places=2)
    currency: Currency
    kind: Literal[tuple(DealKind.values)]  # type: ignore[valid-type]
    signed_on: DateIn
    note: str = Field("", max_length=cohort_services.MAX_TEXT)


class CreatedOut(Schema):
    id: int


@router.post(
    "/programmes/calls/{slug}/milestones",
    response={201: CohortMilestoneOut, **WRITE_ERRORS},
    auth=SIGNED_IN,
    summary="Add a cohort milestone (programme managers)",
)
def create_milestone(request, slug: str, payload: CohortMilestoneIn):
    call = managed_call(request, slug)
    milestone, refused = run_service(
        cohort_services.milestone_create, actor=request.auth, call=call, **payload.dict()
    )
    if refused:
        return refused
    fields = ("id", "kind", "due_on", "title_ru", "title_uz", "title_en")
    return Status(201, {name: getattr(milestone, name) for name in fields})


def _cohort_application(request, application_id: int) -> Application:
    """An accepted team's application the caller may see (404 otherwise, as on its page)."""
    application = application_selectors.application_get_for_user(
        request.auth, id_or_404(application_id)
    )
    if not cohort_services.in_cohort(application):
        raise Http404
    return application


@router.post(
    "/programmes/cohort/{application_id}/progress",
    response={201: CreatedOut, **WRITE_ERRORS},
    auth=SIGNED_IN,
    summary="Report progress on a milestone (the team, programme managers)",
    description="`milestone` must be one of the application's call (404 otherwise); "
    "reporting again replaces the report.",
)
def report_progress(request, application_id: int, payload: ProgressIn):
    application = _cohort_application(request, application_id)
    milestone = Milestone.objects.filter(pk=payload.milestone, call_id=application.call_id).first()
    if milestone is None:
        raise Http404
    progress, refused = run_service(
        cohort_services.progress_report,
        actor=request.auth, milestone=milestone, application=application,
        status=payload.status, report=payload.report,
    )  # fmt: skip
    return refused or Status(201, {"id": progress.pk})


@router.post(
    "/programmes/cohort/{application_id}/notes",
    response={201: CreatedOut, **WRITE_ERRORS},
    auth=SIGNED_IN,
    summary="Add a mentor note to an accepted team (mentors, programme managers)",
)
def add_mentor_note(request, application_id: int, payload: NoteIn):
    application = _cohort_application(request, application_id)
    note, refused = run_service(
        cohort_services.mentor_note_add,
        actor=request.auth, application=application, **payload.dict(),
    )  # fmt: skip
    return refused or Status(201, {"id": note.pk})


@router.post(
    "/programmes/cohort/{application_id}/deals",
    response={201: CreatedOut, **WRITE_ERRORS},
    auth=SIGNED_IN,
    summary="Record a deal an accepted team signed (staff allowed to record deals)",
)
def record_deal(request, application_id: int, payload: DealIn):
    application = _cohort_application(request, application_id)
    deal, refused = run_service(
        cohort_services.deal_record,
        actor=request.auth, application=application, **payload.dict(),
    )  # fmt: skip
    return refused or Status(201, {"id": deal.pk})
