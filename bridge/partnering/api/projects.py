"""API of joint projects: the public registry, one project, create (by hand or from an accepted
expression of interest), update, confirm, consent, status steps and milestones. Writes go
through the same services as the pages; a private project is a 404 to those who may not see it."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from bridge.accounts.api.auth import PUBLIC, PUBLIC_OPENAPI, SIGNED_IN
from bridge.accounts.models import Organisation
from bridge.core.api.pagination import PageParams
from bridge.core.api.schemas import ErrorOut, RefusalOut, ValidationErrorOut
from bridge.partnering import rules
from bridge.partnering.api.listings import MAX_ID, refusal
from bridge.partnering.api.project_schemas import (
    AnswerIn,
    ConsentIn,
    MilestoneIn,
    MilestoneOut,
    ProjectDetailOut,
    ProjectFieldsIn,
    ProjectIn,
    ProjectPage,
    StatusIn,
)
from bridge.partnering.models import Interest, JointProject, Meeting
from bridge.partnering.selectors import projects as selectors
from bridge.partnering.services import project_status as course
from bridge.partnering.services import projects as services

router = Router(tags=["partnering"])
WRITE = {200: ProjectDetailOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: RefusalOut}


def project_out(request, project: JointProject, *, detail: bool = False) -> dict:
    partners = list(project.partners.all())
    out = {
        "id": project.pk,
        "title": project.title,
        "type": project.type,
        "sector": project.sector,
        "heritage": list(project.heritage),
        "status": project.status,
        "public": project.is_public,
        "descriptions": dict(project.descriptions),
        "partners": [
            {
                "id": p.pk,
                "organisation": p.organisation_id,
                "name": p.organisation.name,
                "country": str(p.organisation.country),
                "language": p.language,
                "confirmed": p.confirmed,
                "consented": p.consented,
            }
            for p in partners
        ],
        "created_at": project.created_at,
        "published_at": project.published_at,
        "url": request.build_absolute_uri(reverse("partnering:project", args=[project.pk])),
    }
    if detail:
        out["meeting"] = project.meeting_id
        out["history"] = [
            {
                "status": s.status,
                "recognition": s.recognition,
                "happened_on": s.happened_on,
                "evidence_url": s.evidence_url,
                "note": s.note,
            }
            for s in project.history.all()
        ]
        out["milestones"] = [
            {"id": m.pk, "title": m.title, "due_on": m.due_on, "done_on": m.done_on}
            for m in project.milestones.all()
        ]
        out["problems"] = [] if project.is_public else services.publication_problems(project)
    return out


def _visible(request, project_id: int) -> JointProject:
    if not 0 < project_id <= MAX_ID:
        raise Http404
    return selectors.project_for(request.auth, project_id)


def _detail(request, project_id: int) -> dict:
    return project_out(request, _visible(request, project_id), detail=True)


def _forbidden():
    return Status(403, {"detail": _("Only members of a confirmed partner may change the project.")})


class ProjectFilters(Schema):
    q: str | None = Field(None, max_length=200, description="Words in any language or script.")
    status: str | None = Field(None, max_length=20)
    sector: str | None = Field(None, max_length=16)
    country: str | None = Field(None, max_length=2, description="A partner's country.")
    heritage: str | None = Field(None, max_length=100, description="A heritage concept id.")
    type: str | None = Field(None, max_length=32)


@router.get(
    "/projects",
    response={200: ProjectPage, 401: ErrorOut, 422: ValidationErrorOut},
    auth=PUBLIC,
    openapi_extra=PUBLIC_OPENAPI,
    summary="Published joint projects",
)
def list_projects(request, paging: Query[PageParams], filters: Query[ProjectFilters]):
    """Projects every partner agreed to publish: newest first, or best first with `q`."""
    facets = {
        name: [value.upper() if name == "country" else value]
        for name, value in filters.dict(exclude={"q"}).items()
        if value
    }
    found = selectors.registry(
        q=filters.q or "", filters=facets, page=paging.page, page_size=paging.page_size
    )
    return {"count": found.count, "items": [project_out(request, p) for p in found.projects]}


@router.get(
    "/projects/{project_id}",
    response={200: ProjectDetailOut, 401: ErrorOut, 404: ErrorOut},
    auth=PUBLIC,
    openapi_extra=PUBLIC_OPENAPI,
    summary="One joint project",
)
def get_project(request, project_id: int):
    """A private project is visible only to its partners' members and staff (404 for others)."""
    return _detail(request, project_id)


def _organisation(payload_id: int, user) -> Organisation | None:
    organisation = Organisation.objects.filter(pk=payload_id).first()
    if organisation is None or not rules.can_write_for(user, organisation):
        return None
    return organisation


@router.post(
    "/projects",
    response={201: ProjectDetailOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: RefusalOut},
    auth=SIGNED_IN,
    summary="Create a joint project",
)
def create_project(request, payload: ProjectIn):
    """By hand (your organisation and the `partners` to invite, optionally from a held `meeting`
    whose other side is invited too), or from an accepted expression of interest (`interest`;
    fields left out come from its listing)."""
    fields = payload.dict(include={"title", "type", "sector", "heritage", "descriptions"})
    fields = {k: v for k, v in fields.items() if v is not None}
    try:
        if payload.interest is not None:
            interest = Interest.objects.filter(pk=payload.interest).first()
            if interest is None:
                raise Http404
            project = services.project_create_from_interest(
                actor=request.auth, interest=interest, started_on=payload.started_on, **fields
            )
        else:
            organisation = _organisation(payload.organisation, request.auth)
            if organisation is None:
                return Status(
                    403, {"detail": _("You cannot write on behalf of this organisation.")}
                )
            partners = list(Organisation.objects.filter(pk__in=payload.partners[:12]))
            meeting = None
            if payload.meeting is not None:
                meeting = Meeting.objects.filter(pk=payload.meeting).first()
                if meeting is None:
                    raise Http404
            project = services.project_create(
                actor=request.auth,
                organisation=organisation,
                partners=partners,
                language=payload.language,
                started_on=payload.started_on,
                meeting=meeting,
                **fields,
            )
    except PermissionDenied:
        return Status(403, {"detail": _("Only either side of the interest may start a project.")})
    except DjangoValidationError as exc:
        return refusal(exc, _("Some fields are not valid."))
    return Status(201, _detail(request, project.pk))


@router.patch("/projects/{project_id}", response=WRITE, auth=SIGNED_IN, summary="Change a project")
def update_project(request, project_id: int, payload: ProjectFieldsIn):
    project = _visible(request, project_id)
    try:
        services.project_update(
            actor=request.auth,
            project=project,
            **payload.dict(exclude_unset=True, exclude_none=True),
        )
    except PermissionDenied:
        return _forbidden()
    except DjangoValidationError as exc:
        return refusal(exc, _("Some fields are not valid."))
    return Status(200, _detail(request, project_id))


def _place(project: JointProject, organisation_id: int):
    place = next((p for p in project.partners.all() if p.organisation_id == organisation_id), None)
    if place is None:
        raise Http404
    return place


@router.post(
    "/projects/{project_id}/confirm",
    response=WRITE,
    auth=SIGNED_IN,
    summary="Confirm your organisation's part in a project",
)
def confirm_project(request, project_id: int, payload: AnswerIn):
    project = _visible(request, project_id)
    try:
        services.project_partner_confirm(
            actor=request.auth, partner=_place(project, payload.organisation)
        )
    except PermissionDenied:
        return Status(403, {"detail": _("Only the organisation's members may answer for it.")})
    except DjangoValidationError as exc:
        return refusal(exc, _("The part cannot be confirmed."))
    return Status(200, _detail(request, project_id))


@router.post(
    "/projects/{project_id}/consent",
    response=WRITE,
    auth=SIGNED_IN,
    summary="Agree to publish a project (or withdraw)",
)
def consent_project(request, project_id: int, payload: ConsentIn):
    """Refused (422 `not_ready`) until every partner has confirmed its part and the project is
    described in every partner's language. Public once every partner agrees."""
    project = _visible(request, project_id)
    try:
        services.project_consent(
            actor=request.auth,
            partner=_place(project, payload.organisation),
            consent=payload.consent,
        )
    except PermissionDenied:
        return Status(403, {"detail": _("Only the organisation's members may answer for it.")})
    except DjangoValidationError as exc:
        return refusal(exc, _("The project cannot be published yet."))
    return Status(200, _detail(request, project_id))


@router.post(
    "/projects/{project_id}/status",
    response=WRITE,
    auth=SIGNED_IN,
    summary="Record a status step with its date and evidence",
)
def advance_project(request, project_id: int, payload: StatusIn):
    project = _visible(request, project_id)
    try:
        course.project_status_advance(actor=request.auth, project=project, **payload.dict())
    except PermissionDenied:
        return _forbidden()
    except DjangoValidationError as exc:
        return refusal(exc, _("The step cannot be recorded."))
    return Status(200, _detail(request, project_id))


@router.post(
    "/projects/{project_id}/milestones",
    response={201: MilestoneOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: RefusalOut},
    auth=SIGNED_IN,
    summary="Add a milestone",
)
def add_milestone(request, project_id: int, payload: MilestoneIn):
    project = _visible(request, project_id)
    try:
        milestone = course.milestone_add(actor=request.auth, project=project, **payload.dict())
    except PermissionDenied:
        return _forbidden()
    except DjangoValidationError as exc:
        return refusal(exc, _("Some fields are not valid."))
    out = {"id": milestone.pk, "title": milestone.title, "due_on": milestone.due_on}
    return Status(201, {**out, "done_on": milestone.done_on})
