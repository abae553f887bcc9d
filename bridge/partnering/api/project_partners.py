"""API of what partners do on a joint project besides what projects.py offers (issue 16 item 1):
invite another organisation, decline an invitation, tick or delete a milestone. The same
services and rules as the project's page; a private project is a 404 to those who may not see
it."""

from typing import Literal

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from bridge.accounts.api.auth import SIGNED_IN
from bridge.accounts.models import Organisation
from bridge.core.api.schemas import DateIn, ErrorOut, RefusalOut
from bridge.partnering.api.listings import MAX_ID, refusal
from bridge.partnering.api.project_schemas import AnswerIn, MilestoneOut
from bridge.partnering.models import JointProject
from bridge.partnering.selectors import projects as selectors
from bridge.partnering.services import project_status as course
from bridge.partnering.services import projects as services

router = Router(tags=["partnering"])


def _project(request, project_id: int) -> JointProject:
    if not 0 < project_id <= MAX_ID:
        raise Http404
    return selectors.project_for(request.auth, project_id)


def _milestone(project: JointProject, milestone_id: int):
    milestone = next((m for m in project.milestones.all() if m.pk == milestone_id), None)
    if milestone is None:
        raise Http404
    return milestone


def _not_a_partner() -> Status:
    return Status(403, {"detail": _("Only members of a confirmed partner may change the project.")})


class InviteIn(Schema):
    organisation: int = Field(..., ge=1, le=MAX_ID, description="The organisation to invite.")
    language: Literal["", "ru", "uz", "uz-Cyrl", "en"] = Field(
        "", description="The language it writes in; empty: guessed from its country."
    )


class InvitedPartnerOut(Schema):
    id: int
    organisation: int
    name: str
    language: str
    confirmed: bool


@router.post(
    "/projects/{project_id}/partners",
    response={201: InvitedPartnerOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: RefusalOut},
    auth=SIGNED_IN,
    summary="Invite another organisation into a project",
)
def invite_partner(request, project_id: int, payload: InviteIn):
    """For members of a confirmed partner. The invited organisation confirms its part itself; a
    public project is private again until it consents. 422 at `organisation` for an unknown
    organisation, one already a partner, or past the most partners."""
    project = _project(request, project_id)
    organisation = Organisation.objects.filter(pk=payload.organisation).first()
    if organisation is None:
        return Status(
            422,
            {
                "detail": _("Some fields are not valid."),
                "code": "unknown",
                "errors": {"organisation": [_("There is no such organisation.")]},
            },
        )
    try:
        partner = services.project_partner_invite(
            actor=request.auth,
            project=project,
            organisation=organisation,
            language=payload.language,
        )
    except PermissionDenied:
        return _not_a_partner()
    except DjangoValidationError as exc:
        return refusal(exc, _("Some fields are not valid."))
    return Status(
        201,
        {
            "id": partner.pk,
            "organisation": organisation.pk,
            "name": organisation.name,
            "language": partner.language,
            "confirmed": partner.confirmed,
        },
    )


@router.post(
    "/projects/{project_id}/decline",
    response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: RefusalOut},
    auth=SIGNED_IN,
    summary="Decline your organisation's invitation into a project",
)
def decline_project(request, project_id: int, payload: AnswerIn):
    """The organisation's place goes (204); once confirmed it cannot decline (422). A private
    project is then no longer visible to its members."""
    project = _project(request, project_id)
    partner = next(
        (p for p in project.partners.all() if p.organisation_id == payload.organisation), None
    )
    if partner is None:
        raise Http404
    try:
        services.project_partner_decline(actor=request.auth, partner=partner)
    except PermissionDenied:
        return Status(403, {"detail": _("Only the organisation's members may answer for it.")})
    except DjangoValidationError as exc:
        return refusal(exc, _("The invitation cannot be declined."))
    return Status(204, None)


class MilestoneDoneIn(Schema):
    done_on: DateIn | None = Field(
        ..., description="The day it was done (not in the future); `null`: not done after all."
    )


@router.post(
    "/projects/{project_id}/milestones/{milestone_id}/done",
    response={200: MilestoneOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: RefusalOut},
    auth=SIGNED_IN,
    summary="Mark a milestone done on a day, or not done",
)
def milestone_done(request, project_id: int, milestone_id: int, payload: MilestoneDoneIn):
    project = _project(request, project_id)
    milestone = _milestone(project, milestone_id)
    try:
        milestone = course.milestone_done(
            actor=request.auth, milestone=milestone, done_on=payload.done_on
        )
    except PermissionDenied:
        return _not_a_partner()
    except DjangoValidationError as exc:
        return refusal(exc, _("Some fields are not valid."))
    return Status(
        200,
        {
            "id": milestone.pk,
            "title": milestone.title,
            "due_on": milestone.due_on,
            "done_on": milestone.done_on,
        },
    )


@router.delete(
    "/projects/{project_id}/milestones/{milestone_id}",
    response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=SIGNED_IN,
    summary="Delete a milestone",
)
def delete_milestone(request, project_id: int, milestone_id: int):
    project = _project(request, project_id)
    milestone = _milestone(project, milestone_id)
    try:
        course.milestone_delete(actor=request.auth, milestone=milestone)
    except PermissionDenied:
        return _not_a_partner()
    return Status(204, None)
