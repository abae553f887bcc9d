"""The dashboard and the report: headline figures and sections of charts, from the rollups.

A section whose source app is not installed yet (partnering, meetings) shows what it will show
and the line "figures appear here once … is in use"; it fills in once its rollup source lands
(bridge/insights/rollups/registry.py).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bridge.core.money import format_number
from bridge.insights.datasets.base import (
    Context,
    Dataset,
    Drawing,
    Table,
    datasets,
    display,
    header,
    hours_text,
)
from bridge.insights.datasets.samples import answer_median
from bridge.insights.privacy import hide_small
from bridge.insights.rollups.registry import source_keys
from bridge.insights.selectors.figures import Figures
from bridge.insights.selectors.filters import Filters


@dataclass
class SectionSpec:
    key: str
    title: object
    source: str
    datasets: tuple[str, ...] = ()
    # For a section whose source is missing: what it will show.
    coming: tuple[object, ...] = ()


SECTIONS = (
    SectionSpec(
        "materials",
        gettext_lazy("Materials Center"),
        "materials",
        ("materials-by-category", "materials-by-country", "suppliers-by-country"),
    ),
    SectionSpec(
        "samples",
        gettext_lazy("Sample requests"),
        "samples",
        ("sample-requests-funnel", "sample-answer-time", "sample-requests-by-origin"),
    ),
    SectionSpec(
        "programmes",
        gettext_lazy("Programmes"),
        "programs",
        ("applications-by-season", "acceptance-rates"),
    ),
    SectionSpec(
        "partnering",
        gettext_lazy("Partnering"),
        "partnering",
        (
            "partnering-listings-by-type",
            "partnering-listings-by-sector",
            "partnering-interest-funnel",
        ),
    ),
    SectionSpec(
        "meetings",
        gettext_lazy("Meetings and joint projects"),
        "partnering",
        ("meetings-held-by-month", "joint-projects-by-status"),
    ),
    SectionSpec(
        "organisations",
        gettext_lazy("Organisations"),
        "accounts",
        ("organisations-by-sector", "organisations-by-country"),
    ),
    SectionSpec("growth", gettext_lazy("Growth"), "materials", ("monthly-growth",)),
)


@dataclass
class Chart:
    dataset: Dataset
    table: Table
    drawing: Drawing
    uid: str
    headers: list[str] = field(default_factory=list)
    cells: list[list[str]] = field(default_factory=list)


@dataclass
class Headline:
    label: str
    value: str
    note: str = ""


@dataclass
class Section:
    key: str
    title: str
    charts: list[Chart] = field(default_factory=list)
    coming: list[str] = field(default_factory=list)
    available: bool = True


def chart_for(dataset: Dataset, ctx: Context, prefix: str = "c") -> Chart:
    table = dataset.table(ctx)
    uid = f"{prefix}-{dataset.key}"
    return Chart(
        dataset=dataset,
        table=table,
        drawing=dataset.draw(table, ctx, uid),
        uid=uid,
        headers=[header(column) for column in table.columns],
        cells=[
            [display(column, row[column.key], ctx.labels) for column in table.columns]
            for row in table.rows
        ],
    )


def sections(ctx: Context, *, prefix: str = "c") -> list[Section]:
    installed = source_keys()
    registry = datasets()
    result = []
    for spec in SECTIONS:
        section = Section(key=spec.key, title=str(spec.title))
        if spec.source not in installed:
            section.available = False
            section.coming = [str(text) for text in spec.coming]
        else:
            section.charts = [chart_for(registry[key], ctx, prefix) for key in spec.datasets]
        result.append(section)
    return result


def headlines(figures: Figures) -> list[Headline]:
    median, answered = answer_median(Context(figures=figures, filters=None, labels={}))
    requests = hide_small(figures.total("samples.requested"))
    applications = hide_small(figures.total("applications.submitted"))
    projects = hide_small(figures.total("projects.by_status"))
    international = hide_small(figures.by("projects.by_status", "segment").get("international", 0))
    accepted = hide_small(figures.total("applications.accepted"))

    def count(value) -> str:
        return _("fewer than 5") if value is None else format_number(value)

    return [
        Headline(
            _("materials in the catalog"), format_number(figures.total("materials.published"))
        ),
        Headline(
            _("suppliers with published materials"),
            format_number(figures.total("suppliers.active")),
        ),
        Headline(
            _("organisations"),
            format_number(figures.total("organisations.total")),
            _("%(count)s verified")
            % {"count": format_number(figures.total("organisations.verified"))},
        ),
        Headline(_("sample requests"), count(requests)),
        Headline(
            _("median time to answer a sample request"),
            hours_text(median) if median is not None else "—",
            _("from %(count)s answers") % {"count": format_number(answered)}
            if median is not None
            else "",
        ),
        Headline(
            _("applications to programmes"),
            count(applications),
            _("%(count)s accepted") % {"count": count(accepted)}
            if applications is not None
            else "",
        ),
        Headline(
            _("partnering offers and requests open"),
            format_number(figures.total("listings.live")),
        ),
        Headline(
            _("joint projects"),
            count(projects),
            _("%(count)s at the international level") % {"count": count(international)}
            if projects is not None
            else "",
        ),
    ]


def context_for(figures: Figures, filters: Filters, run) -> Context:
    return Context(figures=figures, filters=filters, labels=(run.labels if run else {}))
