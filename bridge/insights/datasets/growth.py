"""Growth month by month: the catalog's size and what was added each month."""

from datetime import date

from django.utils.html import format_html, format_html_join
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

# (column, figure, colour): the monthly flows, each drawn as its own small chart.
FLOWS = (
    ("new_materials", "materials.new", "#0072b2"),
    ("new_organisations", "organisations.registered", "#009e73"),
    ("sample_requests", "samples.requested", "#e69f00"),
    ("applications", "applications.submitted", "#cc79a7"),
)


def period_total(ctx: Context, column: str) -> str:
    stat = {c: s for c, s, _colour in FLOWS}[column]
    return count_text(hide_small(ctx.figures.total(stat)))


@register
class MonthlyGrowth(Dataset):
    key = "monthly-growth"
    section = "growth"
    title = gettext_lazy("Growth month by month")
    description = gettext_lazy(
        "The size of the catalog at the end of each month, and what each month added: "
        "materials published, organisations registered, sample requests, applications."
    )
    columns = (
        Column("month", gettext_lazy("The month (YYYY-MM)."), "", "month"),
        Column(
            "materials_published",
            gettext_lazy("Materials in the public catalog at the end of the month."),
            gettext_lazy("materials"),
        ),
        Column(
            "new_materials",
            gettext_lazy("Materials published in the month."),
            gettext_lazy("materials"),
        ),
        Column(
            "new_organisations",
            gettext_lazy("Organisations registered in the month."),
            gettext_lazy("organisations"),
        ),
        Column(
            "sample_requests",
            gettext_lazy("Sample requests made in the month."),
            gettext_lazy("requests"),
        ),
        Column(
            "applications",
            gettext_lazy("Applications submitted in the month."),
            gettext_lazy("applications"),
        ),
    )

    def table(self, ctx: Context) -> Table:
        series = ctx.figures.series
        rows, hidden = [], 0
        for month in ctx.figures.months:
            row = {
                "month": month.strftime("%Y-%m"),
                "materials_published": sum(
                    series.get("materials.published", {}).get(month, {}).values()
                ),
            }
            for column, stat, _colour in FLOWS:
                value = hide_small(sum(series.get(stat, {}).get(month, {}).values()))
                hidden += value is None
                row[column] = value
            rows.append(row)
        notes = []
        if hidden:
            notes.append(
                _("Months with fewer than 5 are hidden: %(count)s figures here.")
                % {"count": format_number(hidden)}
            )
        return Table(list(self.columns), rows, notes, hidden)

    def draw(self, table: Table, ctx: Context, uid: str) -> Drawing:
        titles = {
            "materials_published": _("Materials in the catalog"),
            "new_materials": _("Materials published"),
            "new_organisations": _("Organisations registered"),
            "sample_requests": _("Sample requests"),
            "applications": _("Applications"),
        }
        months = [date.fromisoformat(row["month"] + "-01") for row in table.rows]
        panels = []
        for column, colour in (
            ("materials_published", "#332288"),
            *((c, colour) for c, _s, colour in FLOWS),
        ):
            values = [row[column] for row in table.rows]
            if column == "materials_published":
                text = _("%(title)s at the end of the period: %(count)s.") % {
                    "title": titles[column],
                    "count": count_text(values[-1] if values else 0),
                }
            else:
                text = _("%(title)s in the period: %(count)s.") % {
                    "title": titles[column],
                    "count": period_total(ctx, column),
                }
            svg = monthly(
                list(zip(months, values, strict=True)),
                f"{uid}-{column}",
                title=titles[column],
                desc=text,
                colour=colour,
            )
            panels.append((titles[column], svg))
        last = table.rows[-1] if table.rows else None
        summary = _(
            "At the end of the period the catalog held %(published)s materials; in the period "
            "%(materials)s were published, %(organisations)s organisations registered, "
            "%(requests)s sample requests and %(applications)s applications were made."
        ) % {
            "published": format_number(last["materials_published"] if last else 0),
            "materials": period_total(ctx, "new_materials"),
            "organisations": period_total(ctx, "new_organisations"),
            "requests": period_total(ctx, "sample_requests"),
            "applications": period_total(ctx, "applications"),
        }
        html = format_html(
            '<div class="small-multiples">{}</div>',
            format_html_join("", '<div class="panel"><h4>{}</h4>{}</div>', panels),
        )
        return Drawing(html, summary)
