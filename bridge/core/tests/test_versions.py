"""Data versions: a save, a delete or a many-to-many change of a tracked model changes them."""

import pytest
from django.contrib.auth.models import Group, Permission

from bridge.core.versions import Memo, bump, track, versions

pytestmark = pytest.mark.integration


def test_a_namespace_keeps_its_token_until_bumped(db):
    first = versions(["test-a", "test-b"])
    assert versions(["test-b", "test-a"]) == first
    bump("test-b")
    after = versions(["test-a", "test-b"])
    assert after != first
    assert after.split(";")[0] == first.split(";")[0]  # test-a untouched


def test_tracked_writes_bump_the_namespace(db):
    track(Group, "test-groups")
    start = versions(["test-groups"])
    group = Group.objects.create(name="editors")
    created = versions(["test-groups"])
    group.permissions.add(Permission.objects.first())
    linked = versions(["test-groups"])
    group.delete()
    deleted = versions(["test-groups"])

    assert len({start, created, linked, deleted}) == 4


def test_a_write_succeeds_while_the_cache_is_down(db, monkeypatch):
    from django.core.cache import caches

    def refuse(*args, **kwargs):
        raise ConnectionError("redis refused")

    monkeypatch.setattr(caches["pages"], "set_many", refuse)
    track(Group, "test-groups")

    Group.objects.create(name="still saved")

    assert Group.objects.filter(name="still saved").exists()


def _counting_memo(**kwargs):
    built = []

    def build(day):
        built.append(day)
        return f"rates of {day} #{len(built)}"

    return Memo(["test-memo"], build, **kwargs), built


def test_a_memo_keeps_its_value_until_its_namespace_changes(db):
    memo, built = _counting_memo()
    assert memo("monday") == memo("monday") == "rates of monday #1"
    assert memo("tuesday") == "rates of tuesday #2"  # each key its own value
    bump("test-memo")
    assert memo("monday") == "rates of monday #3"
    assert len(built) == 3
    assert built == ["monday", "tuesday", "monday"]


def test_a_memo_is_built_again_after_its_time(db, monkeypatch):
    memo, built = _counting_memo(seconds=60)
    now = [1000.0]
    monkeypatch.setattr("bridge.core.versions.time.monotonic", lambda: now[0])
    memo("monday")
    now[0] += 59
    memo("monday")
    now[0] += 2
    assert memo("monday") == "rates of monday #2"
    assert len(built) == 2


def test_a_memo_answers_while_the_cache_is_down(db, monkeypatch):
    from django.core.cache import caches

    def refuse(*args, **kwargs):
        raise ConnectionError("redis refused")

    memo, built = _counting_memo()
    memo("monday")
    monkeypatch.setattr(caches["pages"], "get_many", refuse)
    assert memo("monday") == "rates of monday #2"  # from the database, every time
    assert memo("monday") == "rates of monday #3"
    assert len(built) == 3
