"""Pure functions: small cells, histograms, chart drawing, filters."""

import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.utils import translation

from bridge.insights.charts.svg import (
    Bar,
    BarChart,
    Point,
    SeriesChart,
    bar_chart,
    nice_ticks,
    series_chart,
)
from bridge.insights.histogram import bucket_of, quantile
from bridge.insights.privacy import hide_small, merge_small, merge_small_2d, share
from bridge.insights.selectors.filters import parse_filters

pytestmark = pytest.mark.unit
SVG = "{http://www.w3.org/2000/svg}"


def parse(markup):
    return ET.fromstring(str(markup))  # noqa: S314 (our own markup, drawn in the test)


def test_small_groups_merge_into_other_and_never_show_alone():
    cells, hidden = merge_small({"UZ": 70, "RU": 12, "KZ": 3, "TJ": 2, "KG": 0})
    assert cells == {"UZ": 70, "RU": 12, "other": 5}
    assert hidden == 2
    assert min(cells.values()) >= 5


def test_small_groups_that_stay_small_together_are_left_out():
    cells, hidden = merge_small({"UZ": 70, "RU": 12, "KZ": 2})
    assert cells == {"UZ": 70, "RU": 12}
    assert hidden == 1
    assert merge_small({"UZ": 4}) == ({}, 1)


def test_two_way_breakdowns_merge_rows_then_cells():
    cells = {
        ("textiles", "UZ"): 30,
        ("textiles", "RU"): 3,
        ("textiles", "KZ"): 2,
        ("glass", "UZ"): 2,
        ("stone", "RU"): 3,
        ("wood", "UZ"): 7,
    }
    merged, hidden = merge_small_2d(cells)
    assert merged == {
        ("textiles", "UZ"): 30,
        ("textiles", "other"): 5,
        ("wood", "UZ"): 7,
        ("other", "other"): 5,
    }
    assert hidden >= 3


def test_hidden_values_hide_their_shares():
    assert hide_small(3) is None and hide_small(0) == 0 and hide_small(5) == 5
    assert share(None, 40) is None
    assert share(20, 40) == 0.5
    assert share(3, 40) is None
    assert share(0, 40) == 0
    assert share(10, 4) is None


def test_answer_times_fall_into_hour_buckets_and_give_a_median():
    assert bucket_of(0.2) == "000"
    assert bucket_of(5.9) == "005"
    assert bucket_of(50) == "048"
    assert bucket_of(400) == "168"
    assert quantile([("005", 10)], 0.5) == pytest.approx(5.5)
    assert quantile([("001", 1), ("010", 1), ("020", 1)], 0.5) == pytest.approx(10.5)
    assert quantile([("168", 3)], 0.5) == 168
    assert quantile([], 0.5) is None


def test_ticks_are_round_and_cover_the_top():
    assert nice_ticks(57) == [0, 20, 40, 60]
    assert nice_ticks(4) == [0, 1, 2, 3, 4]
    assert nice_ticks(0) == [0, 1]


def test_a_bar_chart_is_named_escaped_and_accessible():
    svg = bar_chart(
        BarChart(
            uid="c1",
            title="Materials <by> country",
            desc="Uzbekistan leads",
            bars=[
                Bar("Oʻzbekiston & co", [("UZ", 70)], "70", "Oʻzbekiston: 70"),
                Bar("Kazakhstan", [("KZ", None)], "fewer than 5"),
            ],
        )
    )
    root = parse(str(svg))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-t c1-d"
    assert root.find(f"{SVG}title").text == "Materials <by> country"
    assert root.find(f"{SVG}desc").text == "Uzbekistan leads"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Oʻzbekiston & co" in texts and "fewer than 5" in texts
    assert len(list(root.iter(f"{SVG}rect"))) == 1  # the hidden group draws no bar


def test_a_series_chart_breaks_its_line_where_a_month_is_hidden():
    points = [
        Point("Jan", "January", 5),
        Point("Feb", "February", None),
        Point("Mar", "March", 7),
        Point("Apr", "April", 8),
    ]
    root = parse(str(series_chart(SeriesChart("s", "Median", "desc", points, kind="line"))))
    assert len(list(root.iter(f"{SVG}polyline"))) == 1
    assert len(list(root.iter(f"{SVG}circle"))) == 3
    columns = parse(str(series_chart(SeriesChart("c", "Count", "desc", points))))
    titles = [t.text for t in columns.iter(f"{SVG}title")]
    assert "February: <5" in titles


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def test_filters_ignore_unknown_values_with_a_note(english):
    bounds = {
        "first": date(2025, 7, 1),
        "last": date(2026, 12, 1),
        "countries_present": ["RU", "UZ"],
    }
    filters = parse_filters({"period": "2026-Q3", "country": "uz"}, **bounds)
    assert (filters.period.first, filters.period.last, filters.country) == (
        date(2026, 7, 1),
        date(2026, 9, 1),
        "UZ",
    )
    assert filters.notes == []
    odd = parse_filters({"period": "last-decade", "country": "XX"}, **bounds)
    assert odd.period.key == "all" and odd.country == ""
    assert any("last-decade" in n for n in odd.notes) and any("XX" in n for n in odd.notes)
    outside = parse_filters({"period": "2019", "country": "KZ"}, **bounds)
    assert outside.period.key == "all"
    assert any("2019" in n for n in outside.notes) and any("Kazakhstan" in n for n in outside.notes)
    long = parse_filters({"period": "9" * 5000, "country": "<script>"}, **bounds)
    assert long.period.key == "all" and len(long.notes) == 2
    assert filters.query() == "period=2026-Q3&country=UZ"
