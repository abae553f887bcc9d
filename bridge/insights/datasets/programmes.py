"""Programmes in figures: applications to each season by country, and who got in."""

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
from bridge.insights.privacy import hide_small, merge_small, share

SEASON = Column(
    "season",
    gettext_lazy("Code of the programme's season (call), e.g. vgf-season-6."),
    "",
    "season",
)


def _season_order(ctx: Context, seasons) -> list[str]:
    calls = ctx.labels.get("calls", {})
    return sorted(seasons, key=lambda s: (calls.get(s, {}).get("position", 10_000), s))


@register
class ApplicationsBySeason(Dataset):
    key = "applications-by-season"
    section = "programmes"
    title = gettext_lazy("Applications to each season by country")
    description = gettext_lazy(
        "Applications submitted in the period (withdrawn ones left out), by season and the "
        "studio's country."
    )
    columns = (
        SEASON,
        Column(
            "country",
            gettext_lazy(
                "ISO 3166-1 alpha-2 code of the studio's country; “other” for the countries with "
                "fewer than 5, merged."
            ),
            "",
            "country",
        ),
        Column(
            "applications", gettext_lazy("Applications submitted."), gettext_lazy("applications")
        ),
    )

    def table(self, ctx: Context) -> Table:
        per_season: dict[str, dict[str, int]] = {}
        for (country, _c, _s, season), value in ctx.figures.flow("applications.submitted").items():
            per_season.setdefault(season, {})
            per_season[season][country] = per_season[season].get(country, 0) + value
        rows, hidden = [], 0
        for season in _season_order(ctx, per_season):
            cells, merged = merge_small(per_season[season])
            hidden += merged
            rows += [{"season": season, "country": k, "applications": v} for k, v in cells.items()]
        notes = []
        if hidden:
            notes.append(
                _(
                    "Countries with fewer than 5 applications to a season are merged into “other countries” or left out: %(count)s here."
                )
                % {"count": format_number(hidden)}
            )
        return Table(list(self.columns), rows, notes, hidden)

    def draw(self, table: Table, ctx: Context, uid: str) -> Drawing:
        totals: dict[str, int] = {}
        for row in table.rows:
            totals[row["season"]] = totals.get(row["season"], 0) + row["applications"]
        if totals:
            top = max(totals, key=totals.get)
            summary = _("%(season)s received the most applications: %(count)s.") % {
                "season": label_for_code("season", top, ctx.labels),
                "count": format_number(totals[top]),
            }
        else:
            summary = _("There are too few applications in the period to show.")
        svg = stacked(
            table,
            ctx,
            uid,
            title=str(self.title),
            desc=summary,
            row_key="season",
            row_kind="season",
            part_key="country",
            part_kind="country",
            value_key="applications",
        )
        return Drawing(svg, summary)


@register
class AcceptanceRates(Dataset):
    key = "acceptance-rates"
    section = "programmes"
    title = gettext_lazy("Acceptance by season")
    description = gettext_lazy(
        "Of the applications submitted in the period, how many each season accepted, put on "
        "its waiting list or did not select, once the decisions were sent."
    )
    columns = (
        SEASON,
        Column("submitted", gettext_lazy("Applications submitted."), gettext_lazy("applications")),
        Column(
            "accepted", gettext_lazy("Accepted into the programme."), gettext_lazy("applications")
        ),
        Column("waitlisted", gettext_lazy("On the waiting list."), gettext_lazy("applications")),
        Column("not_selected", gettext_lazy("Not selected."), gettext_lazy("applications")),
        Column("acceptance_rate", gettext_lazy("Accepted ÷ submitted."), "%", "share"),
    )

    def table(self, ctx: Context) -> Table:
        def per_season(stat):
            return ctx.figures.by(stat, "segment")

        submitted = per_season("applications.submitted")
        outcomes = {
            "accepted": per_season("applications.accepted"),
            "waitlisted": per_season("applications.waitlisted"),
            "not_selected": per_season("applications.rejected"),
        }
        rows, hidden = [], 0
        for season in _season_order(ctx, submitted):
            shown = hide_small(submitted[season])
            row = {"season": season, "submitted": shown}
            for key, values in outcomes.items():
                row[key] = hide_small(values.get(season, 0)) if shown is not None else None
            decided = sum(values.get(season, 0) for values in outcomes.values())
            # Before the decisions are sent a season has accepted no one yet: no rate, not 0%.
            row["acceptance_rate"] = share(row["accepted"], shown) if decided else None
            row["decided"] = bool(decided)
            hidden += sum(1 for k in ("submitted", *outcomes) if row[k] is None)
            rows.append(row)
        notes = []
        if hidden:
            notes.append(
                _(
                    "Figures below 5 are hidden, and so are the rates they would give away: %(count)s here."
                )
                % {"count": format_number(hidden)}
            )
        return Table(list(self.columns), rows, notes, hidden)

    def draw(self, table: Table, ctx: Context, uid: str) -> Drawing:
        items = []
        for row in table.rows:
            label = label_for_code("season", row["season"], ctx.labels)
            rate = row["acceptance_rate"]
            if rate is None and row["submitted"] and not row["decided"]:
                text = _("no decisions sent yet")
            else:
                text = _("%(share)s: %(accepted)s of %(submitted)s") % {
                    "share": share_text(rate),
                    "accepted": count_text(row["accepted"]),
                    "submitted": count_text(row["submitted"]),
                }
            value = None if rate is None else round(rate * 100, 1)
            items.append(Bar(label, [("rate", value)], text, f"{label}: {text}"))
        known = [row for row in table.rows if row["acceptance_rate"] is not None]
        if known:
            last = known[-1]
            summary = _("%(season)s accepted %(share)s of its applications.") % {
                "season": label_for_code("season", last["season"], ctx.labels),
                "share": share_text(last["acceptance_rate"]),
            }
        else:
            summary = _("No season has sent enough decisions in the period to give a rate.")
        svg = bar_chart(
            BarChart(
                uid=uid,
                title=str(self.title),
                desc=summary,
                bars=items,
                value_text=format_number,
                hidden_text=hidden_text(),
                max_value=100,
            )
        )
        return Drawing(svg, summary)
