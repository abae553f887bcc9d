"""Organisations in figures: the platform's members by sector and by country."""

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
        "ISO 3166-1 alpha-2 code of the organisation's country; “other” for the countries "
        "with fewer than 5, merged."
    ),
    "",
    "country",
)


def _note(hidden: int) -> list[str]:
    if not hidden:
        return []
    return [
        _("Groups of fewer than 5 are merged into “other” or left out: %(count)s here.")
        % {"count": format_number(hidden)}
    ]


@register
class OrganisationsBySector(Dataset):
    key = "organisations-by-sector"
    section = "organisations"
    title = gettext_lazy("Organisations by sector")
    description = gettext_lazy(
        "Organisations registered on the platform at the end of the period, by the sectors "
        "they work in and their country. An organisation of several sectors counts in each."
    )
    columns = (
        Column(
            "sector",
            gettext_lazy("Code of the creative sector (games, film, fashion, …)."),
            "",
            "sector",
        ),
        COUNTRY,
        Column(
            "organisations",
            gettext_lazy("Organisations working in the sector."),
            gettext_lazy("organisations"),
        ),
    )

    def table(self, ctx: Context) -> Table:
        cells = {}
        for (country, _c, sector, _s), value in ctx.figures.stock(
            "organisations.by_sector"
        ).items():
            cells[(sector, country)] = cells.get((sector, country), 0) + value
        merged, hidden = merge_small_2d(cells)
        totals: dict[str, int] = {}
        for (sector, _country), value in merged.items():
            totals[sector] = totals.get(sector, 0) + value
        order = sorted(totals, key=lambda c: (c == "other", -totals[c], c))
        rows = [
            {"sector": sector, "country": country, "organisations": value}
            for sector in order
            for (s, country), value in sorted(
                merged.items(), key=lambda kv: (kv[0][1] == "other", -kv[1])
            )
            if s == sector
        ]
        return Table(list(self.columns), rows, _note(hidden), hidden)

    def draw(self, table: Table, ctx: Context, uid: str) -> Drawing:
        totals: dict[str, int] = {}
        for row in table.rows:
            totals[row["sector"]] = totals.get(row["sector"], 0) + row["organisations"]
        if totals:
            top = max(totals, key=totals.get)
            summary = _(
                "%(sector)s is the most common sector: %(count)s organisations work in it."
            ) % {
                "sector": label_for_code("sector", top, ctx.labels),
                "count": format_number(totals[top]),
            }
        else:
            summary = _("There are too few organisations to show yet.")
        svg = stacked(
            table,
            ctx,
            uid,
            title=str(self.title),
            desc=summary,
            row_key="sector",
            row_kind="sector",
            part_key="country",
            part_kind="country",
            value_key="organisations",
        )
        return Drawing(svg, summary)


@register
class OrganisationsByCountry(Dataset):
    key = "organisations-by-country"
    section = "organisations"
    title = gettext_lazy("Organisations by country")
    description = gettext_lazy(
        "Organisations registered on the platform at the end of the period, and how many of "
        "them the agencies have verified."
    )
    columns = (
        COUNTRY,
        Column(
            "organisations",
            gettext_lazy("Organisations registered."),
            gettext_lazy("organisations"),
        ),
        Column(
            "verified",
            gettext_lazy("Of them, verified by the agencies."),
            gettext_lazy("organisations"),
        ),
    )

    def table(self, ctx: Context) -> Table:
        cells, hidden = merge_small(ctx.figures.by("organisations.total", "country"))
        verified = ctx.figures.by("organisations.verified", "country")
        rows = []
        for country, count in cells.items():
            if country == "other":
                value = sum(v for c, v in verified.items() if c not in cells)
            else:
                value = verified.get(country, 0)
            rows.append(
                {
                    "country": country,
                    "organisations": count,
                    "verified": value if value == 0 or value >= 5 else None,
                }
            )
        return Table(list(self.columns), rows, _note(hidden), hidden)

    def draw(self, table: Table, ctx: Context, uid: str) -> Drawing:
        total = sum(row["organisations"] for row in table.rows)
        if table.rows:
            summary = _("%(country)s has the most organisations: %(count)s of %(total)s.") % {
                "country": label_for_code("country", table.rows[0]["country"], ctx.labels),
                "count": format_number(table.rows[0]["organisations"]),
                "total": format_number(total),
            }
        else:
            summary = _("There are too few organisations to show yet.")
        svg = bars(
            table,
            ctx,
            uid,
            title=str(self.title),
            desc=summary,
            label_key="country",
            label_kind="country",
            value_key="organisations",
        )
        return Drawing(svg, summary)
