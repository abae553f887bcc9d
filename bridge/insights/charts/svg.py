"""Charts drawn on the server as SVG (docs/decisions/0009-insights-rollups-and-charts.md).

Three shapes cover every chart of the dashboard and the report: horizontal bars (plain, stacked
or as a funnel), monthly columns, and a monthly line. Each is an <svg role="img"> named by its
<title> and <desc>; every mark carries its own <title>, so a pointer shows the figure without any
script. Text is escaped here, once; numbers arrive formatted in the reader's language.

The drawing is 400 units wide and scales to its box, so the text stays readable on a phone (a
400-unit chart on a 340 px screen draws 12-unit text at about 10 px).
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape

from django.utils.safestring import SafeString, mark_safe

WIDTH = 400
FONT = 12
GREY = "#8a8f98"
# Okabe & Ito's palette, distinguishable with the common colour-vision deficiencies; yellow is
# left out (too pale on white).
PALETTE = ("#0072b2", "#009e73", "#e69f00", "#cc79a7", "#56b4e9", "#d55e00", "#332288", "#117733")
FIXED = {"RU": "#0072b2", "UZ": "#009e73", "KZ": "#e69f00", "other": GREY}


def colours(keys: Sequence[str]) -> dict[str, str]:
    """A stable colour per series: Russia and Uzbekistan keep theirs across every chart."""
    result = {key: FIXED[key] for key in keys if key in FIXED}
    spare = [c for c in PALETTE if c not in result.values()]
    for key in keys:
        if key not in result:
            result[key] = spare.pop(0) if spare else GREY
    return result


def _e(text) -> str:
    return escape(str(text), quote=True)


def nice_ticks(top: float, count: int = 4) -> list[float]:
    """0 and round steps up to at least `top`: 0, 20, 40, 60 for 57."""
    if top <= 0:
        return [0, 1]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if step >= 1:
        step = math.ceil(step)
    ticks = [0.0]
    while ticks[-1] < top:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _open(uid: str, title: str, desc: str, height: float) -> list[str]:
    return [
        f'<svg class="chart" role="img" aria-labelledby="{uid}-t {uid}-d" '
        f'viewBox="0 0 {WIDTH} {math.ceil(height)}" xmlns="http://www.w3.org/2000/svg" '
        f'font-size="{FONT}" font-family="inherit">',
        f'<title id="{uid}-t">{_e(title)}</title>',
        f'<desc id="{uid}-d">{_e(desc)}</desc>',
    ]


def _legend(
    series: Sequence[tuple[str, str]], palette: dict[str, str], y: float
) -> tuple[list[str], float]:
    """Swatches and names, wrapped to the width; returns the marks and the height used."""
    if len(series) < 2:
        return [], 0
    parts, x, line = ['<g class="legend">'], 0.0, 0
    for key, label in series:
        width = 18 + len(str(label)) * 6.6 + 14
        if x and x + width > WIDTH:
            x, line = 0.0, line + 1
        top = y + line * 18
        parts.append(
            f'<rect x="{x:.1f}" y="{top:.1f}" width="12" height="12" rx="2" fill="{palette[key]}"/>'
            f'<text x="{x + 17:.1f}" y="{top + 10.5:.1f}">{_e(label)}</text>'
        )
        x += width
    parts.append("</g>")
    return parts, (line + 1) * 18 + 6


@dataclass
class Bar:
    label: str
    parts: list[tuple[str, int | float | None]]  # (series key, value); None: hidden small cell
    end_text: str = ""  # written after the bar (the total, or a share)
    hint: str = ""  # the bar's own <title>, for a pointer or a screen reader


@dataclass
class BarChart:
    uid: str
    title: str
    desc: str
    bars: list[Bar]
    series: list[tuple[str, str]] = field(default_factory=list)  # (key, label), legend order
    value_text: Callable[[float], str] = str
    hidden_text: str = "<5"
    max_value: float | None = None  # the full width (100 for shares); else the biggest bar


def bar_chart(chart: BarChart) -> SafeString:
    """Horizontal bars, the label above each bar so long names never squeeze the bars."""
    keys = [key for key, _label in chart.series] or sorted(
        {key for bar in chart.bars for key, _v in bar.parts}
    )
    palette = colours(keys)
    legend, legend_height = _legend(chart.series, palette, 0)
    row = 40
    height = legend_height + max(1, len(chart.bars)) * row + 4
    out = _open(chart.uid, chart.title, chart.desc, height)
    out += legend
    top = (
        chart.max_value
        or max((sum(v or 0 for _k, v in bar.parts) for bar in chart.bars), default=0)
        or 1
    )
    room = WIDTH - 70
    for index, bar in enumerate(chart.bars):
        y = legend_height + index * row
        out.append(f'<g class="bar"><title>{_e(bar.hint or bar.label)}</title>')
        out.append(f'<text x="0" y="{y + 12:.1f}" class="bar-label">{_e(bar.label)}</text>')
        x = 0.0
        for key, value in bar.parts:
            if not value:
                continue
            width = max(1.5, room * value / top)
            out.append(
                f'<rect x="{x:.1f}" y="{y + 17:.1f}" width="{width:.1f}" height="16" '
                f'fill="{palette.get(key, GREY)}"/>'
            )
            x += width
        hidden = all(v is None for _k, v in bar.parts)
        text = bar.end_text or (chart.hidden_text if hidden else "")
        if text:
            out.append(
                f'<text x="{x + 5:.1f}" y="{y + 29.5:.1f}" class="bar-value">{_e(text)}</text>'
            )
        out.append("</g>")
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 (every text above went through _e)


@dataclass
class Point:
    label: str  # under the axis, short ("Mar")
    full: str  # in the mark's title ("March 2026")
    value: float | None  # None: hidden (a small cell) or no data


@dataclass
class SeriesChart:
    uid: str
    title: str
    desc: str
    points: list[Point]
    value_text: Callable[[float], str] = str
    hidden_text: str = "<5"
    kind: str = "columns"  # or "line"
    colour: str = PALETTE[0]


def series_chart(chart: SeriesChart) -> SafeString:
    """Months along the bottom, values up the side: columns for counts, a line for medians."""
    left, bottom, top_pad, plot_h = 44.0, 22.0, 8.0, 150.0
    height = top_pad + plot_h + bottom
    out = _open(chart.uid, chart.title, chart.desc, height)
    values = [p.value for p in chart.points if p.value is not None]
    ticks = nice_ticks(max(values, default=0))
    scale_top = ticks[-1] or 1
    plot_w = WIDTH - left - 4

    def y_of(value: float) -> float:
        return top_pad + plot_h - plot_h * value / scale_top

    out.append('<g class="axis">')
    for tick in ticks:
        y = y_of(tick)
        out.append(
            f'<line x1="{left:.1f}" x2="{WIDTH}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{left - 6:.1f}" y="{y + 4:.1f}" text-anchor="end">'
            f"{_e(chart.value_text(tick))}</text>"
        )
    out.append("</g>")
    count = max(1, len(chart.points))
    slot = plot_w / count
    every = max(1, math.ceil(count / 7))
    for index, point in enumerate(chart.points):
        x = left + slot * index
        if index % every == 0 or (index == count - 1 and count <= 7):
            out.append(
                f'<text x="{x + slot / 2:.1f}" y="{height - 6:.1f}" text-anchor="middle" '
                f'class="axis-label">{_e(point.label)}</text>'
            )
    if chart.kind == "line":
        out += _line_marks(chart, left, slot, y_of)
    else:
        for index, point in enumerate(chart.points):
            x = left + slot * index + slot * 0.15
            text = chart.hidden_text if point.value is None else chart.value_text(point.value)
            out.append(f'<g class="column"><title>{_e(point.full)}: {_e(text)}</title>')
            if point.value:
                y = y_of(point.value)
                out.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" '
                    f'height="{top_pad + plot_h - y:.1f}" fill="{chart.colour}"/>'
                )
            else:
                # An empty slot still answers a pointer, and shows the axis is not broken.
                out.append(
                    f'<rect x="{x:.1f}" y="{top_pad:.1f}" width="{slot * 0.7:.1f}" '
                    f'height="{plot_h:.1f}" fill="transparent"/>'
                )
            out.append("</g>")
    out.append(
        f'<line x1="{left:.1f}" x2="{WIDTH}" y1="{top_pad + plot_h:.1f}" '
        f'y2="{top_pad + plot_h:.1f}" class="baseline"/>'
    )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 (every text above went through _e)


def _line_marks(chart: SeriesChart, left: float, slot: float, y_of) -> list[str]:
    out, run = [], []
    segments = []
    for index, point in enumerate(chart.points):
        if point.value is None:
            if run:
                segments.append(run)
            run = []
            continue
        run.append((left + slot * index + slot / 2, y_of(point.value)))
    if run:
        segments.append(run)
    for segment in segments:
        if len(segment) > 1:
            coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in segment)
            out.append(
                f'<polyline points="{coords}" fill="none" stroke="{chart.colour}" '
                f'stroke-width="2.5" stroke-linejoin="round"/>'
            )
    for index, point in enumerate(chart.points):
        if point.value is None:
            continue
        x, y = left + slot * index + slot / 2, y_of(point.value)
        out.append(
            f'<g class="point"><title>{_e(point.full)}: {_e(chart.value_text(point.value))}</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{chart.colour}"/></g>'
        )
    return out
