"""API router of insights: the summary of the public figures (the contract in DESIGN.md).

Read from the rollups: `materials.published` equals the catalog API's count as of the last
rollup run (`generated_at`); groups of fewer than 5 are merged into "other" in every breakdown.
"""

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from bridge.accounts.api.auth import PUBLIC, PUBLIC_OPENAPI, SIGNED_IN
from bridge.core.api.schemas import ErrorOut
from bridge.insights import rules
from bridge.insights.datasets.base import LICENCE, LICENCE_URL, Context
from bridge.insights.datasets.labels import in_language
from bridge.insights.datasets.partnering import interest_stages
from bridge.insights.datasets.samples import answer_median
from bridge.insights.privacy import hide_small, merge_small, share
from bridge.insights.rollups.registry import source_keys
from bridge.insights.selectors.figures import Coverage, Figures, figures, latest_run
from bridge.insights.selectors.filters import Filters, Period
from bridge.insights.services.rollup import rollup_request
from bridge.partnering.models.projects import ProjectStatus

router = Router(tags=["insights"])


class MaterialsSummary(Schema):
    published: int = Field(description="Materials in the public catalog (= GET /materials count).")
    by_country: dict[str, int] = Field(
        description='Supplier country (ISO alpha-2) → published materials; "other" merges the '
        "countries with fewer than 5."
    )
    by_category: dict[str, int] = Field(
        description="Top-level category code → published materials."
    )
    suppliers: int = Field(description="Suppliers with at least one published material.")


class OrganisationsSummary(Schema):
    registered: int
    verified: int
    by_country: dict[str, int]


class SampleRequestsSummary(Schema):
    requested: int | None = Field(description="All sample requests made; null when fewer than 5.")
    answered: int | None
    received: int | None
    median_answer_hours: float | None = Field(
        description="Median hours from a request to the supplier's first answer (≥ 5 answers)."
    )
    by_supplier_country: dict[str, int]


class SeasonSummary(Schema):
    call: str
    title: str
    submitted: int | None
    accepted: int | None
    acceptance_rate: float | None = Field(
        description="0..1; null when a count behind it is hidden."
    )


class ProgrammesSummary(Schema):
    applications: int | None
    accepted: int | None
    by_country: dict[str, int]
    seasons: list[SeasonSummary]


class PartneringSummary(Schema):
    in_use: bool = Field(description="False until partnering figures are collected; then numbers.")
    listings: int | None = Field(None, description="Offers and requests open to the public.")
    listings_by_type: dict[str, int] = Field(
        {}, description='Type of cooperation → open listings; "other" merges those under 5.'
    )
    listings_by_sector: dict[str, int] = Field(
        {}, description="Sector → open listings (a listing of several sectors counts in each)."
    )
    expressions_of_interest: int | None = Field(None, description="Sent; null when fewer than 5.")
    interest_funnel: dict[str, int | None] = Field(
        {},
        description="sent, answered, accepted, project (became a joint project), declined, "
        "expired, waiting; null when fewer than 5.",
    )
    meetings: int | None = Field(
        None, description="Meetings held at B2B days in the period; null below 5."
    )
    joint_projects: int | None = Field(None, description="Null when fewer than 5.")
    joint_projects_by_status: dict[str, int | None] = Field(
        {}, description="Status → joint projects; null when fewer than 5."
    )


class SummaryOut(Schema):
    generated_at: str | None = Field(description="When the figures were computed (ISO 8601).")
    materials: MaterialsSummary
    organisations: OrganisationsSummary
    sample_requests: SampleRequestsSummary
    programmes: ProgrammesSummary
    partnering: PartneringSummary
    licence: str
    licence_url: str


def _merged(values: dict[str, int]) -> dict[str, int]:
    return merge_small(values)[0]


@router.get(
    "/summary",
    response={200: SummaryOut, 401: ErrorOut},
    auth=PUBLIC,
    openapi_extra=PUBLIC_OPENAPI,
    summary="Headline figures",
    url_name="insights_summary",
)
def summary(request) -> dict:
    """The platform's headline figures, all time, as of the last rollup run. Free to reuse under
    CC BY 4.0. Breakdowns never show a group of fewer than 5."""
    run = latest_run()
    coverage = Coverage.of(run)
    figs = figures(Filters(period=Period("all", coverage.first, coverage.last)), run)
    labels = run.labels if run else {}
    return {
        "generated_at": run.as_of.isoformat() if run else None,
        "materials": {
            "published": figs.total("materials.published"),
            "by_country": _merged(figs.by("materials.published", "country")),
            "by_category": _merged(figs.by("materials.published", "category")),
            "suppliers": figs.total("suppliers.active"),
        },
        "organisations": {
            "registered": figs.total("organisations.total"),
            "verified": figs.total("organisations.verified"),
            "by_country": _merged(figs.by("organisations.total", "country")),
        },
        "sample_requests": _samples(figs),
        "programmes": _programmes(figs, labels),
        "partnering": _partnering(figs),
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
    }


def _partnering(figs: Figures) -> dict:
    if "partnering" not in source_keys():
        return {"in_use": False}
    stages = interest_stages(Context(figures=figs, filters=None, labels={}))
    by_status = figs.by("projects.by_status", "segment")
    return {
        "in_use": True,
        "listings": figs.total("listings.live"),
        "listings_by_type": _merged(figs.by("listings.live", "segment")),
        "listings_by_sector": _merged(figs.by("listings.by_sector", "sector")),
        "expressions_of_interest": hide_small(stages["sent"]),
        "interest_funnel": {stage: hide_small(value) for stage, value in stages.items()},
        "meetings": hide_small(figs.total("meetings.held")),
        "joint_projects": hide_small(figs.total("projects.by_status")),
        "joint_projects_by_status": {
            status: hide_small(by_status.get(status, 0)) for status in ProjectStatus.values
        },
    }


def _samples(figs: Figures) -> dict:
    stages = figs.by("samples.stage", "segment")
    median, _answered = answer_median(Context(figures=figs, filters=None, labels={}))
    return {
        "requested": hide_small(figs.total("samples.requested")),
        "answered": hide_small(stages.get("answered", 0)),
        "received": hide_small(stages.get("received", 0)),
        "median_answer_hours": round(median, 1) if median is not None else None,
        "by_supplier_country": _merged(figs.by("samples.requested", "country")),
    }


def _programmes(figs: Figures, labels: dict) -> dict:
    submitted = figs.by("applications.submitted", "segment")
    accepted = figs.by("applications.accepted", "segment")
    waitlisted = figs.by("applications.waitlisted", "segment")
    rejected = figs.by("applications.rejected", "segment")
    decided = {
        season: accepted.get(season, 0) + waitlisted.get(season, 0) + rejected.get(season, 0)
        for season in submitted
    }
    calls = labels.get("calls", {})
    seasons = []
    for slug in sorted(submitted, key=lambda s: (calls.get(s, {}).get("position", 10_000), s)):
        count = hide_small(submitted[slug])
        taken = hide_small(accepted.get(slug, 0)) if count is not None else None
        seasons.append(
            {
                "call": slug,
                "title": in_language(calls[slug]["title"]) if slug in calls else slug,
                "submitted": count,
                "accepted": taken,
                "acceptance_rate": share(taken, count) if decided.get(slug) else None,
            }
        )
    return {
        "applications": hide_small(figs.total("applications.submitted")),
        "accepted": hide_small(figs.total("applications.accepted")),
        "by_country": _merged(figs.by("applications.submitted", "country")),
        "seasons": seasons,
    }


class QueuedOut(Schema):
    detail: str


@router.post(
    "/rollups",
    response={202: QueuedOut, 401: ErrorOut, 403: ErrorOut},
    auth=SIGNED_IN,
    tags=["staff: insights"],
    summary="Recompute the figures now (staff allowed to run the rollup)",
    description="Queues a run, as the button on the staff figures page does; `generated_at` of "
    "`GET /insights/summary` moves once it has run.",
)
def request_rollup(request):
    if not rules.can_run_rollup(request.auth):
        raise HttpError(403, _("Only staff allowed to recompute the figures may do this."))
    rollup_request(actor=request.auth)
    return Status(202, {"detail": _("The figures are being recomputed.")})
