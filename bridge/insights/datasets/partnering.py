"""Partnering in figures: live offers and requests by type and by sector, the funnel of
expressions of interest, and joint projects by status."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bridge.core.money import format_number
from bridge.insights.charts.svg import Bar, BarChart, bar_chart
from bridge.insights.datasets.base import (
    Column,
    Context,
    Dataset,
    Drawing,
    Table,
    count_text,
    hidden_text,
    label_for_code,
    register,
    share_text,
)
from bridge.insights.datasets.draw import stacked
from bridge.insights.privacy import hide_small, merge_small_2d, share
from bridge.partnering.models.projects import ProjectStatus

FUNNEL = ("sent", "answered", "accepted", "project")
OUTSIDE = ("declined", "expired", "waiting")

COUNTRY = Column(
    "country",
    gettext_lazy(
        "ISO 3166-1 alpha-2 code of the owner's country; “other” for the countries with fewer "
        "than 5, merged."
    ),
    "",
    "country",
)
LISTINGS = Column(
    "listings",
    gettext_lazy("Offers and requests open to the public at the end of the period."),
    gettext_lazy("listings"),
)


def _note(hidden: int) -> list[str]:
    if not hidden:
        return []
    return [
        _("Groups of fewer than 5 are merged into “other” or left out: %(count)s here.")
        % {"count": format_number(hidden)}
    ]


def _two_way(cells: dict, row_key: str) -> tuple[list[dict], int]:
    merged, hidden = merge_small_2d(cells)
    totals: dict[str, int] = {}
    for (row, _country), value in merged.items():
        totals[row] = totals.get(row, 0) + value
    order = sorted(totals, key=lambda c: (c == "other", -totals[c], c))
    rows = [
        {row_key: row, "country": country, "listings": value}
        for row in order
        for (r, country), value in sorted(
            merged.items(), key=lambda kv: (kv[0][1] == "other", -kv[1])
        )
        if r == row
    ]
    return rows, hidden


def _stacked_drawing(dataset, table: Table, ctx: Context, uid: str, row_key: str, kind: str):
    totals: dict[str, int] = {}
    for row in table.rows:
        totals[row[row_key]] = totals.get(row[row_key], 0) + row["listings"]
    if totals:
        top = max(totals, key=totals.get)
        summary = _("Most offers and requests are in %(name)s: %(count)s of %(total)s.") % {
            "name": label_for_code(kind, top, ctx.labels),
            "count": format_number(totals[top]),
            "total": format_number(sum(totals.values())),
        }
    else:
        summary = _("There are too few offers and requests to show yet.")
    svg = stacked(
        table,
        ctx,
        uid,
        title=str(dataset.title),
        desc=summary,
        row_key=row_key,
        row_kind=kind,
        part_key="country",
        part_kind="country",
        value_key="listings",
    )
    return Drawing(svg, summary)


@register
class ListingsByType(Dataset):
    key = "partnering-listings-by-type"
    section = "partnering"
    title = gettext_lazy("Offers and requests by type")
    description = gettext_lazy(
        "Partnering offers and requests open to the public at the end of the period, by type of "
        "cooperation and the owner's country."
    )
    columns = (
        Column(
            "type",
            gettext_lazy("Code of the type of cooperation (co-production, licensing, …)."),
            "",
            "listing_type",
        ),
        COUNTRY,
        LISTINGS,
    )

    def table(self, ctx: Context) -> Table:
        cells: dict = {}
        for (country, _c, _s, kind), value in ctx.figures.stock("listings.live").items():
            cells[(kind, country)] = cells.get((kind, country), 0) + value
        rows, hidden = _two_way(cells, "type")
        return Table(list(self.columns), rows, _note(hidden), hidden)

    def draw(self, table: Table, ctx: Context, uid: str) -> Drawing:
        return _stacked_drawing(self, table, ctx, uid, "type", "listing_type")


@register
class ListingsBySector(Dataset):
    key = "partnering-listings-by-sector"
    section = "partnering"
    title = gettext_lazy("Offers and requests by sector")
    description = gettext_lazy(
        "Partnering offers and requests open to the public at the end of the period, by sector "
        "and the owner's country. A listing of several sectors counts in each."
    )
    columns = (
        Column(
            "sector", gettext_lazy("Code of the creative sector (games, film, …)."), "", "sector"
        ),
        COUNTRY,
        LISTINGS,
    )

    def table(self, ctx: Context) -> Table:
        cells: dict = {}
        for (country, _c, sector, _s), value in ctx.figures.stock("listings.by_sector").items():
            cells[(sector, country)] = cells.get((sector, country), 0) + value
        rows, hidden = _two_way(cells, "sector")
        return Table(list(self.columns), rows, _note(hidden), hidden)

    def draw(self, table: Table, ctx: Context, uid: str) -> Drawing:
        return _stacked_drawing(self, table, ctx, uid, "sector", "sector")


def interest_stages(ctx: Context) -> dict[str, int]:
    """Expressions of interest sent in the period, by how far they got (before hiding)."""
    by_status = ctx.figures.by("interests.sent", "segment")
    accepted, declined = by_status.get("accepted", 0), by_status.get("declined", 0)
    return {
        "sent": sum(by_status.values()),
        "answered": accepted + declined,
        "accepted": accepted,
        "project": ctx.figures.total("interests.to_project"),
        "declined": declined,
        "expired": by_status.get("expired", 0),
        "waiting": by_status.get("sent", 0),
    }


@register
class InterestFunnel(Dataset):
    key = "partnering-interest-funnel"
    section = "partnering"
    title = gettext_lazy("Expressions of interest: from first contact to a joint project")
    description = gettext_lazy(
        "Expressions of interest sent in the period and how far they have got: answered, "
        "accepted, turned into a joint project; and those declined, expired or still waiting."
    )
    columns = (
        Column("stage", gettext_lazy("How far the expressions of interest got."), "", "stage"),
        Column(
            "interests",
            gettext_lazy("Expressions of interest sent in the period that got this far."),
            gettext_lazy("expressions of interest"),
        ),
        Column("share", gettext_lazy("Share of those sent in the period."), "%", "share"),
    )

    def table(self, ctx: Context) -> Table:
        stages = interest_stages(ctx)
        sent = stages["sent"]
        rows, hidden = [], 0
        for stage in (*FUNNEL, *OUTSIDE):
            value = hide_small(stages[stage])
            hidden += value is None
            rows.append({"stage": stage, "interests": value, "share": share(value, sent)})
        notes = []
        if hidden:
            notes.append(
                _("Steps with fewer than 5 expressions of interest are hidden: %(count)s here.")
                % {"count": format_number(hidden)}
            )
        return Table(list(self.columns), rows, notes, hidden)

    def draw(self, table: Table, ctx: Context, uid: str) -> Drawing:
        by_stage = {row["stage"]: row for row in table.rows}
        items = []
        for stage in FUNNEL:
            row = by_stage[stage]
            label = label_for_code("stage", stage, ctx.labels)
            text = count_text(row["interests"])
            if row["share"] is not None and stage != "sent":
                text = _("%(count)s (%(share)s)") % {
                    "count": text,
                    "share": share_text(row["share"]),
                }
            items.append(Bar(label, [("step", row["interests"])], text, f"{label}: {text}"))
        summary = _(
            "Of %(sent)s expressions of interest sent in the period, %(answered)s were answered, "
            "%(accepted)s accepted and %(project)s became a joint project."
        ) % {stage: count_text(by_stage[stage]["interests"]) for stage in FUNNEL}
        svg = bar_chart(
            BarChart(
                uid=uid,
                title=str(self.title),
                desc=summary,
                bars=items,
                value_text=format_number,
                hidden_text=hidden_text(),
            )
        )
        return Drawing(svg, summary)


@register
class ProjectsByStatus(Dataset):
    key = "joint-projects-by-status"
    section = "meetings"
    title = gettext_lazy("Joint projects by status")
    description = gettext_lazy(
        "Joint projects of partners who met on the platform at the end of the period, by how "
        "far they have got: in talks, agreement signed, in production, released, international."
    )
    columns = (
        Column("status", gettext_lazy("Code of the project's status."), "", "project_status"),
        Column(
            "projects",
            gettext_lazy("Joint projects at this status."),
            gettext_lazy("projects"),
        ),
    )

    def table(self, ctx: Context) -> Table:
        counts = ctx.figures.by("projects.by_status", "segment")
        rows, hidden = [], 0
        for status in ProjectStatus.values:
            value = hide_small(counts.get(status, 0))
            hidden += value is None
            rows.append({"status": status, "projects": value})
        notes = []
        if hidden:
            notes.append(
                _("Statuses with fewer than 5 projects are hidden: %(count)s here.")
                % {"count": format_number(hidden)}
            )
        return Table(list(self.columns), rows, notes, hidden)

    def draw(self, table: Table, ctx: Context, uid: str) -> Drawing:
        total = ctx.figures.total("projects.by_status")
        shown = hide_small(total)
        if shown is None:
            summary = _("There are fewer than 5 joint projects yet; they are not shown one by one.")
        else:
            summary = _(
                "%(total)s joint projects; %(international)s reached the international level."
            ) % {
                "total": format_number(shown),
                "international": count_text(
                    next(r["projects"] for r in table.rows if r["status"] == "international")
                ),
            }
        items = []
        for row in table.rows:
            label = label_for_code("project_status", row["status"], ctx.labels)
            text = count_text(row["projects"])
            items.append(Bar(label, [("step", row["projects"])], text, f"{label}: {text}"))
        svg = bar_chart(
            BarChart(
                uid=uid,
                title=str(self.title),
                desc=summary,
                bars=items,
                value_text=format_number,
                hidden_text=hidden_text(),
            )
        )
        return Drawing(svg, summary)
