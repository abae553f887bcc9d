"""The calendar provider registry: apps hand in generic items, the calendar merges them."""

from datetime import UTC, datetime, timedelta

import pytest

from bridge.core import calendar
from bridge.core.calendar import CalendarItem

pytestmark = pytest.mark.unit

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


def _item(key, hours, length=2, **extra):
    start = T0 + timedelta(hours=hours)
    values = {"title": key, "timezone": "Asia/Tashkent", "url": f"/{key}/", "kind": "day"}
    return CalendarItem(
        key=key, starts_at=start, ends_at=start + timedelta(hours=length), **values | extra
    )


@pytest.fixture
def providers():
    yield calendar
    for key in ("a", "b", "broken"):
        calendar.unregister(key)


def test_items_of_every_provider_in_the_window_come_earliest_first(providers):
    calendar.register("a", lambda start, end: [_item("late", 30), _item("before", -10)])
    calendar.register("b", lambda start, end: [_item("early", 1), _item("overlapping", -1)])
    found = calendar.items_between(T0, T0 + timedelta(days=2))
    assert [item.key for item in found] == ["overlapping", "early", "late"]


def test_a_failing_provider_is_left_out_and_the_others_still_answer(providers, caplog):
    def broken(start, end):
        raise RuntimeError("database of the other app is gone")

    calendar.register("broken", broken)
    calendar.register("a", lambda start, end: [_item("kept", 1)])
    assert [item.key for item in calendar.items_between(T0, T0 + timedelta(days=1))] == ["kept"]
    assert "calendar provider broken failed" in caplog.text


def test_a_key_given_twice_is_shown_once(providers):
    calendar.register("a", lambda start, end: [_item("same", 1)])
    calendar.register("b", lambda start, end: [_item("same", 1)])
    assert len(calendar.items_between(T0, T0 + timedelta(days=1))) == 1


@pytest.mark.parametrize(
    "change",
    [
        {"starts_at": datetime(2026, 5, 4, 9, 0)},  # noqa: DTZ001 — naive on purpose
        {"ends_at": T0 - timedelta(hours=1)},
        {"timezone": "Mars/Olympus"},
    ],
)
def test_an_item_must_have_aware_ordered_times_and_a_real_zone(change):
    values = {"key": "x", "title": "x", "url": "/", "kind": "day", "timezone": "Europe/Moscow"}
    values |= {"starts_at": T0, "ends_at": T0 + timedelta(hours=1)} | change
    with pytest.raises(ValueError):
        CalendarItem(**values)


def test_the_window_must_be_aware():
    with pytest.raises(ValueError):
        calendar.items_between(datetime(2026, 5, 4), datetime(2026, 5, 5))  # noqa: DTZ001
