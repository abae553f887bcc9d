"""Sample requests in figures: the funnel, how fast suppliers answer, where requests come from."""

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
    hours_text,
    label_for_code,
    register,
    share_text,
)
from bridge.insights.datasets.draw import monthly, stacked
from bridge.insights.histogram import quantile, total
from bridge.insights.privacy import THRESHOLD, hide_small, merge_small_2d, share

FUNNEL = ("requested", "answered", "accepted", "shipped", "received")
OUTSIDE = ("declined", "expired", "cancelled")


def answer_median(ctx: Context) -> tuple[float | None, int]:
    """The median hours to a first answer over the period, and how many answers it rests on
    (None when fewer than five)."""
    buckets = list(ctx.figures.by("samples.answer_hours", "segment").items())
    answered = total(buckets)
    if answered < THRESHOLD:
        return None, answered
    return quantile(buckets, 0.5), answered


def _note(hidden: int) -> list[str]:
    if not hidden:
        return []
    return [
        _("Groups of fewer than 5 are merged into “other” or left out: %(count)s here.")
        % {"count": format_number(hidden)}
    ]


@register
class SampleFunnel(Dataset):
    key = "sample-requests-funnel"
    section = "samples"
    title = gettext_lazy("Sample requests: from request to delivery")
    description = gettext_lazy(
        "Sample requests made in the period and how far they have got: answered by the "
        "supplier, accepted, shipped, received; and those declined, expired or cancelled."
    )
    columns = (
        Column("stage", gettext_lazy("How far the requests got."), "", "stage"),
        Column(
            "requests",
            gettext_lazy("Requests made in the period that got this far."),
            gettext_lazy("requests"),
        ),
        Column("share", gettext_lazy("Share of the requests made in the period."), "%", "share"),
    )

    def table(self, ctx: Context) -> Table:
        requested = ctx.figures.total("samples.requested")
        stages = ctx.figures.by("samples.stage", "segment")
        rows = []
        hidden = 0
        for stage in (*FUNNEL, *OUTSIDE):
            raw = requested if stage == "requested" else stages.get(stage, 0)
            value = hide_small(raw)
            hidden += value is None
            rows.append({"stage": stage, "requests": value, "share": share(value, requested)})
        notes = []
        if hidden:
            notes.append(
                _("Steps with fewer than 5 requests are hidden: %(count)s here.")
                % {"count": format_number(hidden)}
            )
        return Table(list(self.columns), rows, notes, hidden)

    def draw(self, table: Table, ctx: Context, uid: str) -> Drawing:
        by_stage = {row["stage"]: row for row in table.rows}
        items = []
        for stage in FUNNEL:
            row = by_stage[stage]
            label = label_for_code("stage", stage, ctx.labels)
            text = count_text(row["requests"])
            if row["share"] is not None and stage != "requested":
                text = _("%(count)s (%(share)s)") % {
                    "count": text,
                    "share": share_text(row["share"]),
                }
            items.append(Bar(label, [("step", row["requests"])], text, f"{label}: {text}"))
        summary = _(
            "Of %(requested)s requests made in the period, %(answered)s were answered, "
            "%(accepted)s accepted and %(received)s received."
        ) % {
            stage: count_text(by_stage[stage]["requests"])
            for stage in ("requested", "answered", "accepted", "received")
        }
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
class AnswerTime(Dataset):
    key = "sample-answer-time"
    section = "samples"
    title = gettext_lazy("How fast suppliers answer")
    description = gettext_lazy(
        "The median time from a sample request to the supplier's first answer (accepting or "
        "declining), by the month the request was made."
    )
    columns = (
        Column("month", gettext_lazy("The month the requests were made (YYYY-MM)."), "", "month"),
        Column(
            "answered",
            gettext_lazy("Requests of that month the supplier has answered."),
            gettext_lazy("requests"),
        ),
        Column(
            "median_hours",
            gettext_lazy("Median time to the first answer."),
            gettext_lazy("hours"),
            "hours",
        ),
    )

    def table(self, ctx: Context) -> Table:
        series = ctx.figures.series.get("samples.answer_hours", {})
        rows, hidden = [], 0
        for month in ctx.figures.months:
            buckets = list(series.get(month, {}).items())
            answered = total(buckets)
            shown = hide_small(answered)
            hidden += shown is None
            median = quantile(buckets, 0.5) if shown else None
            rows.append(
                {
                    "month": month.strftime("%Y-%m"),
                    "answered": shown,
                    "median_hours": round(median, 1) if median is not None else None,
                }
            )
        notes = []
        if hidden:
            notes.append(
                _("Months with fewer than 5 answers show no median: %(count)s here.")
                % {"count": format_number(hidden)}
            )
        return Table(list(self.columns), rows, notes, hidden)

    def draw(self, table: Table, ctx: Context, uid: str) -> Drawing:
        from datetime import date

        median, answered = answer_median(ctx)
        if median is None:
            summary = _("Too few requests have been answered in the period to give a median.")
        else:
            summary = _(
                "Suppliers answered in %(median)s at the median (%(answered)s answers); the line "
                "shows the median of each month."
            ) % {"median": hours_text(median), "answered": format_number(answered)}
        points = [(date.fromisoformat(r["month"] + "-01"), r["median_hours"]) for r in table.rows]
        svg = monthly(
            points,
            uid,
            title=str(self.title),
            desc=summary,
            kind="line",
            value_text=hours_text,
            colour="#d55e00",
        )
        return Drawing(svg, summary)


@register
class RequestsByOrigin(Dataset):
    key = "sample-requests-by-origin"
    section = "samples"
    title = gettext_lazy("Who asks whom for samples")
    description = gettext_lazy(
        "Sample requests made in the period, by the requesting organisation's country and the "
        "supplier's country."
    )
    columns = (
        Column(
            "from_country",
            gettext_lazy(
                "ISO 3166-1 alpha-2 code of the requesting organisation's country; “other” for "
                "merged small groups."
            ),
            "",
            "country",
        ),
        Column(
            "to_country",
            gettext_lazy(
                "ISO 3166-1 alpha-2 code of the supplier's country; “other” for merged small "
                "groups."
            ),
            "",
            "country",
        ),
        Column("requests", gettext_lazy("Requests made in the period."), gettext_lazy("requests")),
    )

    def table(self, ctx: Context) -> Table:
        cells = {}
        for (country, _cat, _sector, origin), value in ctx.figures.flow(
            "samples.requested"
        ).items():
            cells[(origin, country)] = cells.get((origin, country), 0) + value
        merged, hidden = merge_small_2d(cells)
        totals: dict[str, int] = {}
        for (origin, _to), value in merged.items():
            totals[origin] = totals.get(origin, 0) + value
        order = sorted(totals, key=lambda c: (c == "other", -totals[c], c))
        rows = [
            {"from_country": origin, "to_country": to, "requests": value}
            for origin in order
            for (o, to), value in sorted(
                merged.items(), key=lambda kv: (kv[0][1] == "other", -kv[1])
            )
            if o == origin
        ]
        return Table(list(self.columns), rows, _note(hidden), hidden)

    def draw(self, table: Table, ctx: Context, uid: str) -> Drawing:
        totals: dict[str, int] = {}
        for row in table.rows:
            totals[row["from_country"]] = totals.get(row["from_country"], 0) + row["requests"]
        if totals:
            top = max(totals, key=totals.get)
            summary = _("Most requests came from %(country)s: %(count)s of %(total)s.") % {
                "country": label_for_code("country", top, ctx.labels),
                "count": format_number(totals[top]),
                "total": format_number(sum(totals.values())),
            }
        else:
            summary = _("There are too few sample requests in the period to show.")
        svg = stacked(
            table,
            ctx,
            uid,
            title=str(self.title),
            desc=summary,
            row_key="from_country",
            row_kind="country",
            part_key="to_country",
            part_kind="country",
            value_key="requests",
        )
        return Drawing(svg, summary)
