"""The Materials Center in figures: published materials by country and category, suppliers."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bridge.core.money import format_number
from bridge.insights.datasets.base import (
    Column,
    Context,
    Dataset,
    Drawing,
    Table,
    label_for_code,
    register,
)
from bridge.insights.datasets.draw import bars, stacked
from bridge.insights.privacy import merge_small, merge_small_2d

COUNTRY = Column(
    "country",
    gettext_lazy(
        "ISO 3166-1 alpha-2 code of the supplier's country; “other” for the countries with "
        "fewer than 5, merged."
    ),
    "",
    "country",
)
CATEGORY = Column(
    "category",
    gettext_lazy(
        "Code of the top-level category of the Materials Center (textiles, ceramics, …); "
        "“other” for categories merged because they are small."
    ),
    "",
    "category",
)
COUNT = Column(
    "count",
    gettext_lazy("Materials published in the catalog at the end of the period."),
    gettext_lazy("materials"),
)


def _note(hidden: int) -> list[str]:
    if not hidden:
        return []
    return [
        _("Groups of fewer than 5 are merged into “other” or left out: %(count)s here.")
        % {"count": format_number(hidden)}
    ]


@register
class MaterialsByCountry(Dataset):
    key = "materials-by-country"
    section = "materials"
    title = gettext_lazy("Published materials by country")
    description = gettext_lazy(
        "Materials in the public catalog at the end of the period, by the supplier's country."
    )
    columns = (COUNTRY, COUNT)

    def table(self, ctx: Context) -> Table:
        cells, hidden = merge_small(ctx.figures.by("materials.published", "country"))
        rows = [{"country": k, "count": v} for k, v in cells.items()]
        return Table(list(self.columns), rows, _note(hidden), hidden)

    def draw(self, table: Table, ctx: Context, uid: str) -> Drawing:
        total = sum(row["count"] for row in table.rows)
        if table.rows:
            top = table.rows[0]
            summary = _("%(country)s has the most published materials: %(count)s of %(total)s.") % {
                "country": label_for_code("country", top["country"], ctx.labels),
                "count": format_number(top["count"]),
                "total": format_number(total),
            }
        else:
            summary = _("There are no published materials to show yet.")
        svg = bars(
            table,
            ctx,
            uid,
            title=str(self.title),
            desc=summary,
            label_key="country",
            label_kind="country",
            value_key="count",
        )
        return Drawing(svg, summary)


@register
class MaterialsByCategory(Dataset):
    key = "materials-by-category"
    section = "materials"
    title = gettext_lazy("Published materials by category and country")
    description = gettext_lazy(
        "Materials in the public catalog at the end of the period, by top-level category and "
        "the supplier's country."
    )
    columns = (CATEGORY, COUNTRY, COUNT)

    def table(self, ctx: Context) -> Table:
        cells = {
            (key[1], key[0]): value
            for key, value in ctx.figures.stock("materials.published").items()
        }
        merged, hidden = merge_small_2d(cells)
        totals: dict[str, int] = {}
        for (category, _country), value in merged.items():
            totals[category] = totals.get(category, 0) + value
        order = sorted(totals, key=lambda c: (c == "other", -totals[c], c))
        rows = [
            {"category": category, "country": country, "count": value}
            for category in order
            for (cat, country), value in sorted(
                merged.items(), key=lambda kv: (kv[0][1] == "other", -kv[1])
            )
            if cat == category
        ]
        return Table(list(self.columns), rows, _note(hidden), hidden)

    def draw(self, table: Table, ctx: Context, uid: str) -> Drawing:
        totals: dict[str, int] = {}
        for row in table.rows:
            totals[row["category"]] = totals.get(row["category"], 0) + row["count"]
        if totals:
            top = max(totals, key=totals.get)
            summary = _("%(category)s is the largest category: %(count)s of %(total)s.") % {
                "category": label_for_code("category", top, ctx.labels),
                "count": format_number(totals[top]),
                "total": format_number(sum(totals.values())),
            }
        else:
            summary = _("There are no published materials to show yet.")
        svg = stacked(
            table,
            ctx,
            uid,
            title=str(self.title),
            desc=summary,
            row_key="category",
            row_kind="category",
            part_key="country",
            part_kind="country",
            value_key="count",
        )
        return Drawing(svg, summary)


@register
class SuppliersByCountry(Dataset):
    key = "suppliers-by-country"
    section = "materials"
    title = gettext_lazy("Suppliers by country")
    description = gettext_lazy(
        "Suppliers with at least one material in the public catalog at the end of the period."
    )
    columns = (
        COUNTRY,
        Column(
            "suppliers",
            gettext_lazy("Suppliers with at least one published material."),
            gettext_lazy("organisations"),
        ),
    )

    def table(self, ctx: Context) -> Table:
        cells, hidden = merge_small(ctx.figures.by("suppliers.active", "country"))
        rows = [{"country": k, "suppliers": v} for k, v in cells.items()]
        return Table(list(self.columns), rows, _note(hidden), hidden)

    def draw(self, table: Table, ctx: Context, uid: str) -> Drawing:
        total = sum(row["suppliers"] for row in table.rows)
        if table.rows:
            summary = _("%(country)s has the most suppliers: %(count)s of %(total)s.") % {
                "country": label_for_code("country", table.rows[0]["country"], ctx.labels),
                "count": format_number(table.rows[0]["suppliers"]),
                "total": format_number(total),
            }
        else:
            summary = _("There are too few suppliers to show yet.")
        svg = bars(
            table,
            ctx,
            uid,
            title=str(self.title),
            desc=summary,
            label_key="country",
            label_kind="country",
            value_key="suppliers",
        )
        return Drawing(svg, summary)
