"""API router for the programme staff's management of a call: reviewers, assignment, conflicts,
eligibility rules. Each operation calls the service its staff page calls, which checks the
permission again. Decisions are in `decisions`, the cohort in `cohort`."""

from typing import Literal

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import StrictBool

from bridge.accounts.api.auth import SIGNED_IN
from bridge.core.api.errors import run_service
from bridge.core.api.schemas import ErrorOut, ValidationErrorOut
from bridge.programs import rules
from bridge.programs.api.applications import EligibilityOut
from bridge.programs.ids import MAX_ID, id_or_404
from bridge.programs.models import Application, Assignment, Reviewer
from bridge.programs.models.applications import ProjectStage
from bridge.programs.selectors import review as selectors
from bridge.programs.services import assignment as assignment_services
from bridge.programs.services import calls as call_services
from bridge.programs.services import review as review_services

router = Router(tags=["staff: programmes"])

Language = Literal["ru", "uz", "en"]
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {**ERRORS, 422: ValidationErrorOut}
Id = Field(..., ge=1, le=MAX_ID)


def managed_call(request, slug: str):
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


class ProgrammeCountOut(Schema):
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
    call = managed_call(request, slug)
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
    call = managed_call(request, slug)
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
    call = managed_call(request, slug)
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
    call = managed_call(request, slug)
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
    response={200: ProgrammeCountOut, **ERRORS},
    auth=SIGNED_IN,
    summary="Find conflicts of interest from memberships (programme managers)",
    description="Records each new one and drops the unsubmitted assignments it forbids; "
    "`count` is how many were new.",
)
def detect_conflicts(request, slug: str):
    call = managed_call(request, slug)
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
    verified_required: StrictBool = Field(None)
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
    call = managed_call(request, slug)
    fields = payload.dict(exclude_unset=True)
    note = fields.pop("note", "")
    eligibility, refused = run_service(
        call_services.eligibility_update, actor=request.auth, call=call, note=note, **fields
    )
    return refused or Status(200, eligibility.as_rules())
