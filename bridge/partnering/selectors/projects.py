"""Reads of joint projects: the public registry (through the search engine, so it is searched
across languages and filtered by facets), one project for a reader, an organisation's own, and
what the partners still have to do before publication."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from bridge.partnering import rules, rules_projects
from bridge.partnering.models import (
    Interest,
    JointProject,
    Meeting,
    Milestone,
    ProjectPartner,
    ProjectStatusChange,
)
from bridge.partnering.search_index_projects import PROJECTS_INDEX, published_projects
from bridge.partnering.vocabulary import InterestStatus
from bridge.search.selectors import search

FACETS = ("status", "sector", "country", "heritage", "type")


@dataclass
class Registry:
    count: int
    projects: list[JointProject]
    facets: dict[str, list[tuple[str, int]]]
    suggestion: str | None
    approximate: bool


def clean_filters(filters: dict | None) -> dict[str, list[str]]:
    return {
        name: [str(v)[:100] for v in values if str(v)][:20]
        for name, values in (filters or {}).items()
        if name in FACETS and values
    }


def registry(*, q: str = "", filters: dict | None = None, page: int = 1, page_size: int = 20):
    """Published projects for anyone: relevance with words, newest first without; the page of
    projects costs two queries whatever its size."""
    result = search(
        key=PROJECTS_INDEX,
        q=q,
        filters=clean_filters(filters),
        facets=FACETS,
        page=page,
        page_size=page_size,
        sort="relevance" if (q or "").strip() else "-created",
    )
    rows = published_projects().in_bulk(result.ids)
    projects = [rows[pk] for pk in result.ids if pk in rows]
    return Registry(result.count, projects, result.facets, result.suggestion, result.approximate)


def _partners() -> Prefetch:
    return Prefetch(
        "partners",
        queryset=ProjectPartner.objects.select_related("organisation").order_by("invited_at", "id"),
    )


def project_for(user, pk: int) -> JointProject:
    """One project with its partners, history and milestones, or 404 when the reader may not
    see it (a private project is not admitted to exist)."""
    project = (
        JointProject.objects.filter(pk=pk)
        .select_related("interest", "interest__listing")
        .prefetch_related(
            _partners(),
            Prefetch("history", queryset=ProjectStatusChange.objects.order_by("happened_on", "id")),
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "id")),
        )
        .first()
    )
    if project is None or not rules_projects.can_view_project(user, project):
        raise Http404
    return project


def projects_of(organisation_ids) -> QuerySet:
    """Every project the organisations take part in (invited or confirmed), newest first."""
    return (
        JointProject.objects.filter(partners__organisation_id__in=list(organisation_ids))
        .distinct()
        .prefetch_related(_partners())
        .order_by("-created_at", "-id")
    )


def mine(user) -> list[JointProject]:
    return list(projects_of(rules.user_organisation_ids(user))[:200])


def waiting_for(user, project: JointProject) -> list[ProjectPartner]:
    """The reader's organisations' places that still need an answer (confirm or consent)."""
    return [
        p for p in rules_projects.partners_of(user, project) if not (p.confirmed and p.consented)
    ]


def project_from_interest(interest: Interest) -> JointProject | None:
    return JointProject.objects.filter(interest=interest).first()


def can_start_from(user, interest: Interest) -> bool:
    """An accepted interest without a project yet, seen by a member of either side."""
    mine_ids = set(rules.user_organisation_ids(user))
    return (
        interest.status == InterestStatus.ACCEPTED
        and bool(mine_ids & {interest.organisation_id, interest.listing.organisation_id})
        and not JointProject.objects.filter(interest=interest).exists()
    )


def meeting_for(user, pk: int) -> Meeting:
    """A meeting one of the user's organisations sat at (404 for anyone else's)."""
    mine = rules.user_organisation_ids(user)
    meeting = (
        Meeting.objects.filter(
            Q(request__sender__organisation__in=mine) | Q(request__recipient__organisation__in=mine)
        )
        .select_related("slot", "request__sender", "request__recipient")
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting
