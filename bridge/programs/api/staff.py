"""API router for the programme staff: reviewers and assignment, shortlist and decisions, the
outbox of decision letters, the cohort's milestones, reports, notes and deals. Each operation
calls the service its staff page calls, which checks the permission again."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from bridge.accounts.api.auth import SIGNED_IN
from bridge.core.api.errors import run_service
from bridge.core.api.pagination import PageParams
from bridge.core.api.schemas import CodeLabel, ErrorOut, ValidationErrorOut
from bridge.programs import rules
from bridge.programs.api.applications import EligibilityOut
from bridge.programs.ids import MAX_ID, id_or_404
from bridge.programs.models import Application, Assignment, Decision, Milestone, Reviewer
from bridge.programs.models.applications import ProjectStage
from bridge.programs.models.base import CURRENCIES
from bridge.programs.models.cohort import DealKind, MilestoneKind, ProgressStatus
from bridge.programs.models.decisions import Outcome
from bridge.programs.selectors import applications as application_selectors
from bridge.programs.selectors import review as selectors
from bridge.programs.services import assignment as assignment_services
from bridge.programs.services import calls as call_services
from bridge.programs.services import cohort as cohort_services
from bridge.programs.services import decisions as decision_services
from bridge.programs.services import review as review_services

router = Router(tags=["staff: programmes"])

Language = Literal["ru", "uz", "en"]
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {**ERRORS, 422: ValidationErrorOut}
Id = Field(..., ge=1, le=MAX_ID)


def _managed_call(request, slug: str):
    """A call for programme managers: 403 for anyone else (before the call is looked up, so
    nothing is learnt about drafts), 404 for an unknown call."""
    if not rules.can_manage_calls(request.auth):
        raise HttpError(403, _("Only programme managers may do this."))
    return selectors.call_for_staff(request.auth, slug[:80])


# --- reviewers and assignment ------------------------------------------------------------


class ReviewerInviteIn(Schema):
    email: str = Field(..., min_length=3, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    languages: list[Language] = Field(..., min_length=1, max_length=3)


class InvitedOut(Schema):
    email: str
    status: str = Field(description="`invited` (has an account) or `e-mailed` (no account yet).")


class AssignmentIn(Schema):
    reviewer: int = Id
    application: int = Id


class AssignmentOut(Schema):
    id: int
    reviewer: int
    application: int


class RunOut(Schema):
    created: int
    short: dict[str, int] = Field(description="Application id → reviewers still missing.")


class CountOut(Schema):
    count: int


@router.post(
    "/programmes/calls/{slug}/reviewers",
    response={201: InvitedOut, **WRITE_ERRORS},
    auth=SIGNED_IN,
    summary="Invite a reviewer by e-mail (programme managers)",
    description="`languages`: those the reviewer reads (at least one). An address with an "
    "account becomes an invited reviewer at once; any other gets a sign-up link.",
)
def invite_reviewer(request, slug: str, payload: ReviewerInviteIn):
    call = _managed_call(request, slug)
    invited, refused = run_service(
        review_services.reviewer_invite,
        actor=request.auth, call=call, email=payload.email, languages=payload.languages,
    )  # fmt: skip
    if refused:
        return refused
    status = "invited" if isinstance(invited, Reviewer) else "e-mailed"
    return Status(201, {"email": payload.email.strip().lower(), "status": status})


@router.post(
    "/programmes/calls/{slug}/assignments/run",
    response={200: RunOut, **ERRORS},
    auth=SIGNED_IN,
    summary="Assign reviewers automatically (programme managers)",
    description="Balances load, respects languages and conflicts; `short` lists the "
    "applications that still lack reviewers.",
)
def run_assignment(request, slug: str):
    call = _managed_call(request, slug)
    result, _refused = run_service(
        assignment_services.assignment_run, actor=request.auth, call=call
    )
    return {"created": len(result.pairs), "short": {str(k): v for k, v in result.short.items()}}


@router.post(
    "/programmes/calls/{slug}/assignments",
    response={201: AssignmentOut, **WRITE_ERRORS},
    auth=SIGNED_IN,
    summary="Assign one reviewer to one application (programme managers)",
    description="Both must belong to the call (404 otherwise). Refused (422) when the reviewer "
    "has not accepted, has a conflict, or is already assigned.",
)
def add_assignment(request, slug: str, payload: AssignmentIn):
    call = _managed_call(request, slug)
    reviewer = Reviewer.objects.filter(pk=payload.reviewer, call=call).first()
    application = Application.objects.filter(pk=payload.application, call=call).first()
    if reviewer is None or application is None:
        raise Http404
    assignment, refused = run_service(
        assignment_services.assignment_add,
        actor=request.auth, reviewer=reviewer, application=application,
    )  # fmt: skip
    if refused:
        return refused
    return Status(
        201,
        {"id": assignment.pk, "reviewer": reviewer.pk, "application": application.pk},
    )


@router.delete(
    "/programmes/calls/{slug}/assignments/{assignment_id}",
    response={204: None, **WRITE_ERRORS},
    auth=SIGNED_IN,
    summary="Take a reviewer off an application (programme managers)",
    description="Refused (422) once the review was submitted.",
)
def remove_assignment(request, slug: str, assignment_id: int):
    call = _managed_call(request, slug)
    assignment = (
        Assignment.objects.select_related("reviewer__user", "application")
        .filter(reviewer__call=call, pk=id_or_404(assignment_id))
        .first()
    )
    if assignment is None:
        raise Http404
    _done, refused = run_service(
        assignment_services.assignment_remove, actor=request.auth, assignment=assignment
    )
    return refused or Status(204, None)


@router.post(
    "/programmes/calls/{slug}/conflicts/detect",
    response={200: CountOut, **ERRORS},
    auth=SIGNED_IN,
    summary="Find conflicts of interest from memberships (programme managers)",
    description="Records each new one and drops the unsubmitted assignments it forbids; "
    "`count` is how many were new.",
)
def detect_conflicts(request, slug: str):
    call = _managed_call(request, slug)
    found, _refused = run_service(review_services.conflicts_detect, actor=request.auth, call=call)
    return {"count": found}


# --- eligibility rules ---------------------------------------------------------------------

Months = Field(None, ge=0, le=1200)
TeamSize = Field(None, ge=0, le=1000)


class EligibilityIn(Schema):
    """Only the rules sent change; `null` for a number means no limit."""

    countries: list[str] = Field(
        None, max_length=250, description="ISO alpha-2 codes; empty: any country."
    )
    legal_forms: dict[str, list[str]] = Field(
        None, description="Country code → the legal forms admitted there (none: any)."
    )
    verified_required: bool = Field(None)
    min_age_months: int | None = Months
    max_age_months: int | None = Months
    team_min: int | None = TeamSize
    team_max: int | None = TeamSize
    project_stages: list[Literal[tuple(ProjectStage.values)]] = Field(None)  # type: ignore[valid-type]
    note: str = Field("", max_length=500, description="Why; kept in the change history.")


@router.patch(
    "/programmes/calls/{slug}/eligibility",
    response={200: EligibilityOut, **WRITE_ERRORS},
    auth=SIGNED_IN,
    summary="Change who may apply (programme managers)",
    description="Each change is a new `version`, logged with `note`; applications already "
    "started keep the rules they started under. Cross-field rules (422 at the field): "
    "`max_age_months` ≥ `min_age_months`, `team_max` ≥ `team_min`; every country code known; "
    "every legal form one of its country's.",
)
def update_eligibility(request, slug: str, payload: EligibilityIn):
    call = _managed_call(request, slug)
    fields = payload.dict(exclude_unset=True)
    note = fields.pop("note", "")
    eligibility, refused = run_service(
        call_services.eligibility_update, actor=request.auth, call=call, note=note, **fields
    )
    return refused or Status(200, eligibility.as_rules())


# --- shortlist, decisions, outbox ----------------------------------------------------------


class ShortlistIn(Schema):
    shortlisted: bool = True


class DecisionIn(Schema):
    outcome: Literal["accept", "waitlist", "reject"]
    message: str = Field("", max_length=5000, description="Added to the letter.")


class DecisionOut(Schema):
    id: int
    application: int
    title: str
    organisation: str
    outcome: CodeLabel
    message: str
    status: Literal["pending", "sent"]
    language: str
    created_at: datetime
    sent_at: datetime | None


class OutboxOut(Schema):
    count: int
    items: list[DecisionOut]


def _decision_out(decision: Decision) -> dict:
    application = decision.application
    return {
        "id": decision.pk,
        "application": application.pk,
        "title": application.title,
        "organisation": application.organisation.name,
        "outcome": {"code": decision.outcome, "label": str(Outcome(decision.outcome).label)},
        "message": decision.message,
        "status": decision.status,
        "language": decision.language,
        "created_at": decision.created_at,
        "sent_at": decision.sent_at,
    }


def _application(call, application_id: int) -> Application:
    application = (
        Application.objects.select_related("organisation")
        .filter(call=call, pk=id_or_404(application_id))
        .first()
    )
    if application is None:
        raise Http404
    return application


def _decision(call, decision_id: int) -> Decision:
    decision = (
        Decision.objects.select_related("application__organisation")
        .filter(application__call=call, pk=id_or_404(decision_id))
        .first()
    )
    if decision is None:
        raise Http404
    return decision


@router.post(
    "/programmes/calls/{slug}/applications/{application_id}/shortlist",
    response={204: None, **WRITE_ERRORS},
    auth=SIGNED_IN,
    summary="Put an application on the shortlist, or take it off (programme managers)",
    description="Refused (422) once the application was decided or withdrawn.",
)
def shortlist(request, slug: str, application_id: int, payload: ShortlistIn):
    call = _managed_call(request, slug)
    application = _application(call, application_id)
    _done, refused = run_service(
        decision_services.application_shortlist,
        actor=request.auth, application=application, shortlisted=payload.shortlisted,
    )  # fmt: skip
    return refused or Status(204, None)


@router.put(
    "/programmes/calls/{slug}/applications/{application_id}/decision",
    response={200: DecisionOut, **WRITE_ERRORS},
    auth=SIGNED_IN,
    summary="Decide an application (programme managers)",
    description="The decision waits in the outbox until sent; deciding again replaces a "
    "pending one. Refused (422) for a draft or withdrawn application, or once the letter "
    "was sent.",
)
def decide(request, slug: str, application_id: int, payload: DecisionIn):
    call = _managed_call(request, slug)
    application = _application(call, application_id)
    decision, refused = run_service(
        decision_services.decision_make,
        actor=request.auth, application=application,
        outcome=payload.outcome, message=payload.message,
    )  # fmt: skip
    return refused or Status(200, _decision_out(_decision(call, decision.pk)))


@router.get(
    "/programmes/calls/{slug}/outbox",
    response={200: OutboxOut, **WRITE_ERRORS},
    auth=SIGNED_IN,
    summary="Decisions of the call, waiting or sent (programme managers)",
)
def outbox(request, slug: str, paging: Query[PageParams]) -> dict:
    call = _managed_call(request, slug)
    decisions = selectors.outbox(call)
    start = (paging.page - 1) * paging.page_size
    page = decisions[start : start + paging.page_size]
    return {"count": len(decisions), "items": [_decision_out(d) for d in page]}


@router.post(
    "/programmes/calls/{slug}/outbox/{decision_id}/send",
    response={200: DecisionOut, **WRITE_ERRORS},
    auth=SIGNED_IN,
    summary="Send one decision letter (managers allowed to send decisions)",
    description="403 without the permission to send decisions; 422 when already sent.",
)
def send_decision(request, slug: str, decision_id: int):
    call = _managed_call(request, slug)
    decision = _decision(call, decision_id)
    _sent, refused = run_service(
        decision_services.decision_send, actor=request.auth, decision=decision
    )
    return refused or Status(200, _decision_out(_decision(call, decision.pk)))


@router.post(
    "/programmes/calls/{slug}/outbox/send-all",
    response={200: CountOut, **ERRORS},
    auth=SIGNED_IN,
    summary="Send every waiting decision letter (managers allowed to send decisions)",
)
def send_all_decisions(request, slug: str):
    call = _managed_call(request, slug)
    count, _refused = run_service(
        decision_services.decisions_send_all, actor=request.auth, call=call
    )
    return {"count": count}


@router.delete(
    "/programmes/calls/{slug}/outbox/{decision_id}",
    response={204: None, **WRITE_ERRORS},
    auth=SIGNED_IN,
    summary="Withdraw a decision from the outbox before it is sent (programme managers)",
    description="Refused (422) once sent.",
)
def withdraw_decision(request, slug: str, decision_id: int):
    call = _managed_call(request, slug)
    decision = _decision(call, decision_id)
    _done, refused = run_service(
        decision_services.decision_withdraw, actor=request.auth, decision=decision
    )
    return refused or Status(204, None)


# --- cohort: milestones, progress reports, mentor notes, deals -------------------------------

Currency = Literal[tuple(code for code, _label in CURRENCIES)]  # type: ignore[valid-type]


class MilestoneIn(Schema):
    kind: Literal[tuple(MilestoneKind.values)]  # type: ignore[valid-type]
    due_on: date
    title_ru: str = Field("", max_length=200)
    title_uz: str = Field("", max_length=200)
    title_en: str = Field("", max_length=200)


class MilestoneOut(Schema):
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
    shared_with_team: bool = False


class DealIn(Schema):
    investor: str = Field(..., min_length=1, max_length=200)
    amount: Decimal = Field(..., ge=0, lt=Decimal("1e12"), max_digits=14, decimal_places=2)
    currency: Currency
    kind: Literal[tuple(DealKind.values)]  # type: ignore[valid-type]
    signed_on: date
    note: str = Field("", max_length=cohort_services.MAX_TEXT)


class CreatedOut(Schema):
    id: int


@router.post(
    "/programmes/calls/{slug}/milestones",
    response={201: MilestoneOut, **WRITE_ERRORS},
    auth=SIGNED_IN,
    summary="Add a cohort milestone (programme managers)",
)
def create_milestone(request, slug: str, payload: MilestoneIn):
    call = _managed_call(request, slug)
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
