"""Drawing a dataset's table with the shapes of charts/svg.py."""

from datetime import date

from bridge.core.money import format_number
from bridge.insights.charts.svg import Bar, BarChart, Point, SeriesChart, bar_chart, series_chart
from bridge.insights.datasets.base import (
    Context,
    Table,
    count_text,
    hidden_text,
    label_for_code,
    month_text,
)


def bars(
    table: Table,
    ctx: Context,
    uid: str,
    *,
    title: str,
    desc: str,
    label_key: str,
    label_kind: str,
    value_key: str,
    end_text=None,
) -> str:
    items = []
    for row in table.rows:
        label = label_for_code(label_kind, row[label_key], ctx.labels)
        value = row[value_key]
        text = end_text(row) if end_text else count_text(value)
        items.append(
            Bar(
                label=label, parts=[(row[label_key], value)], end_text=text, hint=f"{label}: {text}"
            )
        )
    return bar_chart(
        BarChart(
            uid=uid,
            title=title,
            desc=desc,
            bars=items,
            value_text=format_number,
            hidden_text=hidden_text(),
        )
    )


def stacked(
    table: Table,
    ctx: Context,
    uid: str,
    *,
    title: str,
    desc: str,
    row_key: str,
    row_kind: str,
    part_key: str,
    part_kind: str,
    value_key: str,
) -> str:
    """One bar per row value, split by the part values (e.g. categories split by country)."""
    order: list[str] = []
    parts: dict[str, list] = {}
    totals: dict[str, int] = {}
    series: list[str] = []
    for row in table.rows:
        if row[row_key] not in parts:
            order.append(row[row_key])
            parts[row[row_key]] = []
        parts[row[row_key]].append((row[part_key], row[value_key]))
        totals[row[row_key]] = totals.get(row[row_key], 0) + (row[value_key] or 0)
        if row[part_key] not in series:
            series.append(row[part_key])
    # Biggest series first in the legend, "other" last.
    weight = {key: sum(v or 0 for r in parts.values() for k, v in r if k == key) for key in series}
    series.sort(key=lambda key: (key == "other", -weight[key], key))
    items = []
    for key in order:
        label = label_for_code(row_kind, key, ctx.labels)
        ordered = sorted(parts[key], key=lambda kv: series.index(kv[0]))
        detail = "; ".join(
            f"{label_for_code(part_kind, k, ctx.labels)} {count_text(v)}" for k, v in ordered
        )
        items.append(
            Bar(
                label=label,
                parts=ordered,
                end_text=format_number(totals[key]),
                hint=f"{label}: {format_number(totals[key])} ({detail})",
            )
        )
    return bar_chart(
        BarChart(
            uid=uid,
            title=title,
            desc=desc,
            bars=items,
            series=[(key, label_for_code(part_kind, key, ctx.labels)) for key in series],
            value_text=format_number,
            hidden_text=hidden_text(),
        )
    )


def monthly(
    points: list[tuple[date, float | None]],
    uid: str,
    *,
    title: str,
    desc: str,
    kind: str = "columns",
    value_text=format_number,
    colour: str | None = None,
) -> str:
    chart = SeriesChart(
        uid=uid,
        title=title,
        desc=desc,
        kind=kind,
        value_text=value_text,
        hidden_text=hidden_text(),
        points=[Point(month_text(m, short=True), month_text(m), v) for m, v in points],
    )
    if colour:
        chart.colour = colour
    return series_chart(chart)
