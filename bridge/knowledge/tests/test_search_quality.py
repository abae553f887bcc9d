"""The practice library's relevance set (bridge/knowledge/quality/relevance.yaml) on the demo
library: recall@10 ≥ 0.95 in every language and script, far above Django's usual icontains.
Runs on SQLite and on PostgreSQL (DATABASE_URL)."""

import pytest
from django.db import transaction

from bridge.knowledge.quality import BAR, INDEX_KEY, RELEVANCE_FILE, icontains_ranker, load_library
from bridge.search import typos
from bridge.search.analysis import Thesaurus
from bridge.search.quality import engine_ranker, evaluate, load_set, misses
from bridge.search.thesaurus import thesaurus_override, yaml_concepts

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker):
    judgements = load_set(RELEVANCE_FILE)
    with (
        django_db_blocker.unblock(),
        thesaurus_override(Thesaurus(yaml_concepts())),
        transaction.atomic(),
    ):
        catalog = load_library()
        engine = evaluate(judgements, engine_ranker(catalog, INDEX_KEY), catalog)
        baseline = evaluate(judgements, icontains_ranker(catalog), catalog)
        missing = catalog.missing(judgements)
        transaction.set_rollback(True)
    typos._cache.pop(INDEX_KEY, None)
    return {
        "engine": engine,
        "baseline": baseline,
        "missing": missing,
        "size": len(catalog.label_of),
    }


def test_every_practice_the_set_names_is_in_the_demo_library(measured):
    assert measured["size"] == 16
    assert measured["missing"] == []


def test_the_engine_passes_the_bar(measured):
    assert measured["engine"].failures(BAR, measured["baseline"]) == [], misses(measured["engine"])


def test_icontains_finds_far_less(measured):
    engine, baseline = measured["engine"], measured["baseline"]
    assert baseline.overall.recall < 0.6 < 0.95 <= engine.overall.recall
    assert baseline.by_query_language["uz-Cyrl"].recall < 0.2


def test_the_issue_query_finds_the_russian_guide_first(measured):
    by_query = {s.judgement.query: s for s in measured["engine"].scores}
    assert by_query["ko-prodyuserlik"].top[0] == "co-production"


def test_the_set_is_large_enough_and_covers_every_language():
    judgements = load_set(RELEVANCE_FILE)
    assert len(judgements) >= 30
    assert {j.language for j in judgements} == {"ru", "uz", "uz-Cyrl", "en"}
