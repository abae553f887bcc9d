"""Data versions: a save, a delete or a many-to-many change of a tracked model changes them."""

import pytest
from django.contrib.auth.models import Group, Permission

from bridge.core.versions import bump, track, versions

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
