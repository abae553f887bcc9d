"""The long commands record their run and draw no bar off a terminal (cron, pipes, tests)."""

import io

import pytest
from django.core.management import call_command

from bridge.core.models import Progress
from bridge.materials.tests.factories_catalog import material

pytestmark = pytest.mark.integration


def test_search_rebuild_counts_every_document(db):
    material(name="Atlas")
    material(name="Adras")
    out = io.StringIO()
    call_command("search_rebuild", "materials", stdout=out)
    run = Progress.objects.get(kind="search.rebuild")
    assert run.state == Progress.State.DONE
    assert run.done == run.total == 2
    assert "━" not in out.getvalue() and "2 documents indexed" in out.getvalue()


def test_insights_rollup_counts_its_sources(db):
    out = io.StringIO()
    call_command("insights_rollup", "--full", stdout=out)
    run = Progress.objects.get(kind="insights.rollup")
    assert run.state == Progress.State.DONE and run.done == run.total > 0
    assert "━" not in out.getvalue()
