"""The quarterly report: the quarter's headline figures beside the previous quarter's, and the
dashboard's charts for the quarter."""

from datetime import date

from django.contrib.staticfiles import finders

from bridge.core.money import format_number
from bridge.insights.datasets.base import Context, hours_text
from bridge.insights.datasets.samples import answer_median
from bridge.insights.privacy import hide_small
from bridge.insights.rollups.dates import as_day, month_of
from bridge.insights.selectors.dashboard import context_for, headlines, sections
from bridge.insights.selectors.figures import Coverage, Figures, figures
from bridge.insights.selectors.filters import PERIOD_RE, Filters, Period, add_months


def quarter_of(month: date) -> str:
    return f"{month.year}-Q{(month.month - 1) // 3 + 1}"


def quarter_period(key: str) -> Period | None:
    match = PERIOD_RE.match(key)
    if not match or not match["quarter"]:
        return None
    first = date(int(match["year"]), 3 * int(match["quarter"]) - 2, 1)
    return Period(key, first, add_months(first, 2))


def latest_quarter(run) -> str:
    """The last complete quarter with figures, else the current one."""
    coverage = Coverage.of(run)
    current = quarter_period(quarter_of(coverage.last))
    previous = add_months(current.first, -3)
    return quarter_of(previous) if previous >= month_of(coverage.first) else current.key


def _counts(figs: Figures) -> dict:
    median, _answered = answer_median(Context(figures=figs, filters=None, labels={}))

    def shown(stat):
        value = hide_small(figs.total(stat))
        return value

    return {
        "materials": figs.total("materials.published"),
        "new_materials": shown("materials.new"),
        "organisations": figs.total("organisations.total"),
        "new_organisations": shown("organisations.registered"),
        "requests": shown("samples.requested"),
        "median": median,
        "applications": shown("applications.submitted"),
        "accepted": shown("applications.accepted"),
    }


def _css() -> str:
    parts = []
    for name in ("insights/insights.css", "insights/report.css"):
        path = finders.find(name)
        if path:
            with open(path, encoding="utf-8") as handle:
                parts.append(handle.read())
    return "\n".join(parts)


def report_context(key: str, run) -> dict | None:
    period = quarter_period(key)
    coverage = Coverage.of(run)
    if period is None or run is None:
        return None
    if period.last < coverage.first or period.first > coverage.last:
        return None
    filters = Filters(period=period)
    figs = figures(filters, run)
    previous_period = quarter_period(quarter_of(add_months(period.first, -3)))
    previous = figures(Filters(period=previous_period), run)
    this, before = _counts(figs), _counts(previous)
    rows = []
    for key_, label, kind in KEY_FIGURES:
        rows.append(
            {
                "label": label,
                "now": _text(this[key_], kind),
                "before": _text(before[key_], kind),
            }
        )
    ctx = context_for(figs, filters, run)
    to_date = period.last >= month_of(as_day(run.as_of))
    return {
        "run": run,
        "quarter": key,
        "period": period,
        "to_date": to_date,
        "previous": previous_period.key if previous_period.last >= coverage.first else None,
        "next": quarter_of(add_months(period.first, 3))
        if add_months(period.first, 3) <= coverage.last
        else None,
        "previous_label": previous_period.label(),
        "key_figures": rows,
        "headlines": headlines(figs),
        "sections": [s for s in sections(ctx, prefix="r") if s.available],
        "css": _css(),
    }


def _text(value, kind: str) -> str:
    if kind == "hours":
        return hours_text(value)
    return "—" if value is None else format_number(value)


def _labels():
    from django.utils.translation import gettext_lazy as _

    return (
        ("materials", _("Materials in the catalog at the end"), "count"),
        ("new_materials", _("Materials published"), "count"),
        ("organisations", _("Organisations at the end"), "count"),
        ("new_organisations", _("Organisations registered"), "count"),
        ("requests", _("Sample requests"), "count"),
        ("median", _("Median time to answer a sample request"), "hours"),
        ("applications", _("Applications to programmes"), "count"),
        ("accepted", _("Accepted into programmes"), "count"),
    )


KEY_FIGURES = _labels()
