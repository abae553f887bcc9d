"""API router for the programme managers' decisions: shortlist, decide, and the outbox of
decision letters (send, send all, withdraw). The same services as the ranking and outbox pages."""

from datetime import datetime
from typing import Literal

from django.http import Http404
from ninja import Field, Query, Router, Schema, Status
from pydantic import StrictBool

from bridge.accounts.api.auth import SIGNED_IN
from bridge.core.api.errors import run_service
from bridge.core.api.pagination import PageParams
from bridge.core.api.schemas import CodeLabel
from bridge.programs.api.staff import ERRORS, WRITE_ERRORS, ProgrammeCountOut, managed_call
from bridge.programs.ids import id_or_404
from bridge.programs.models import Application, Decision
from bridge.programs.models.decisions import Outcome
from bridge.programs.selectors import review as selectors
from bridge.programs.services import decisions as decision_services

router = Router(tags=["staff: programme decisions"])

# --- shortlist, decisions, outbox ----------------------------------------------------------


class ShortlistIn(Schema):
    shortlisted: StrictBool = True


class ApplicationDecisionIn(Schema):
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
    call = managed_call(request, slug)
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
def decide(request, slug: str, application_id: int, payload: ApplicationDecisionIn):
    call = managed_call(request, slug)
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
    call = managed_call(request, slug)
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
    call = managed_call(request, slug)
    decision = _decision(call, decision_id)
    _sent, refused = run_service(
        decision_services.decision_send, actor=request.auth, decision=decision
    )
    return refused or Status(200, _decision_out(_decision(call, decision.pk)))


@router.post(
    "/programmes/calls/{slug}/outbox/send-all",
    response={200: ProgrammeCountOut, **ERRORS},
    auth=SIGNED_IN,
    summary="Send every waiting decision letter (managers allowed to send decisions)",
)
def send_all_decisions(request, slug: str):
    call = managed_call(request, slug)
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
    call = managed_call(request, slug)
    decision = _decision(call, decision_id)
    _done, refused = run_service(
        decision_services.decision_withdraw, actor=request.auth, decision=decision
    )
    return refused or Status(204, None)
