"""Meetings held at the B2B meeting days, month by month: what the matchmaking turned into
conversations (the joint projects that followed are in partnering.py)."""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bridge.core.money import format_number
from bridge.insights.datasets.base import (
    Column,
    Context,
    Dataset,
    Drawing,
    Table,
    count_text,
    register,
)
from bridge.insights.datasets.draw import monthly
from bridge.insights.privacy import hide_small

STAT = "meetings.held"


@register
class MeetingsHeldByMonth(Dataset):
    key = "meetings-held-by-month"
    section = "meetings"
    title = gettext_lazy("Meetings held at B2B days, by month")
    description = gettext_lazy(
        "Meetings between partners that took place at the platform's B2B meeting days, on site "
        "or online, in the month of the meeting (as staff marked them held)."
    )
    columns = (
        Column("month", gettext_lazy("The month (YYYY-MM)."), "", "month"),
        Column(
            "meetings",
            gettext_lazy("Meetings held in the month."),
            gettext_lazy("meetings"),
        ),
    )

    def table(self, ctx: Context) -> Table:
        series = ctx.figures.series.get(STAT, {})
        rows, hidden = [], 0
        for month in ctx.figures.months:
            value = hide_small(sum(series.get(month, {}).values()))
            hidden += value is None
            rows.append({"month": month.strftime("%Y-%m"), "meetings": value})
        notes = []
        if hidden:
            notes.append(
                _("Months with fewer than 5 are hidden: %(count)s figures here.")
                % {"count": format_number(hidden)}
            )
        return Table(list(self.columns), rows, notes, hidden)

    def draw(self, table: Table, ctx: Context, uid: str) -> Drawing:
        total = count_text(hide_small(ctx.figures.total(STAT)))
        summary = _("%(count)s meetings were held at B2B days in the period.") % {"count": total}
        months = [date.fromisoformat(row["month"] + "-01") for row in table.rows]
        values = [row["meetings"] for row in table.rows]
        svg = monthly(
            list(zip(months, values, strict=True)),
            uid,
            title=str(self.title),
            desc=summary,
            colour="#56b4e9",
        )
        return Drawing(svg, summary)
