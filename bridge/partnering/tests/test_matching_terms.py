"""Matching's pure parts: the terms of a text in any language and script, and the reciprocal
score with its hard rules."""

from functools import cache

import pytest

from bridge.partnering.matching.score import Side, hard_rules, harmonic, pair_score, reasons
from bridge.partnering.matching.terms import Text, listing_terms
from bridge.search.analysis import Thesaurus
from bridge.search.thesaurus import yaml_concepts

pytestmark = pytest.mark.unit


@cache
def thesaurus() -> Thesaurus:
    """The shipped thesaurus, read from its YAML (no database in unit tests)."""
    return Thesaurus(yaml_concepts())


def terms(title, language=None, **kw):
    return listing_terms(Text(title=title, language=language, **kw), thesaurus())


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Сериал о Ходже Насреддине", "ru"),
        ("Afandi latifalari asosida serial", "uz"),
        ("Афанди латифалари асосида сериал", "uz-Cyrl"),
        ("A series on Nasreddin tales", "en"),
    ],
)
def test_the_same_story_is_one_concept_in_every_language_and_script(text, language):
    assert "c:afandi" in terms(text, language)


def test_ornament_meets_naqsh():
    assert "c:pattern-motif" in terms("Восточный орнамент", "ru")
    assert "c:pattern-motif" in terms("Milliy naqsh", "uz")


def test_chosen_keywords_and_heritage_weigh_more_than_a_word_in_the_description():
    chosen = terms("Serial", "uz", heritage=("suzani",))
    described = listing_terms(
        Text(title="Serial", description="Soʻzana", language="uz"), thesaurus()
    )
    assert chosen["c:suzani"] > described["c:suzani"]


def test_function_words_are_not_terms():
    assert not any(t in terms("для и на the and of", "ru") for t in ("s:для", "s:the"))


def _side(id, org=None, country="RU", **kw):
    values = {
        "id": id,
        "organisation_id": org or id,
        "country": country,
        "org_kind": "studio",
        "org_size": "10-49",
        "sectors": frozenset({"animation"}),
        "countries_sought": frozenset(),
        "partner_kinds": frozenset(),
        "partner_sizes": frozenset(),
    }
    return Side(**{**values, **kw})


def test_harmonic_mean_is_zero_when_one_side_does_not_answer():
    assert harmonic(0.9, 0.0) == 0.0
    assert harmonic(0.5, 0.5) == pytest.approx(0.5)
    assert harmonic(0.9, 0.1) < 0.5 * (0.9 + 0.1)


def test_hard_rules_same_organisation_and_countries_sought_both_ways():
    ru, uz = _side(1, country="RU"), _side(2, country="UZ")
    assert hard_rules(ru, uz)
    assert not hard_rules(ru, _side(3, org=1, country="UZ"))
    assert not hard_rules(_side(1, countries_sought=frozenset({"KZ"})), uz)
    assert not hard_rules(ru, _side(2, country="UZ", countries_sought=frozenset({"KZ"})))
    assert hard_rules(_side(1, countries_sought=frozenset({"UZ"})), uz)


def test_a_pair_scores_higher_when_both_answer_each_other():
    a = _side(1, terms={"c:afandi": 4.0, "s:serial": 3.0})
    good = _side(2, country="UZ", terms={"c:afandi": 4.0, "s:serial": 3.0})
    lopsided = _side(
        3, country="UZ", terms={"c:afandi": 4.0, **{f"s:w{n}": 3.0 for n in range(20)}}
    )
    idf = {"c:afandi": 3.0, "s:serial": 1.0}
    best = pair_score(a, good, idf, idf, 3.0, 3.0)
    worse = pair_score(a, lopsided, idf, idf, 3.0, 3.0)
    assert best.score > worse.score
    assert worse.forward > worse.backward


def test_stage_budget_and_kind_fit_count_and_explain_themselves():
    a = _side(
        1,
        terms={"c:afandi": 4.0},
        stage="development",
        budget=(100.0, 500.0),
        currency="USD",
        partner_kinds=frozenset({"studio"}),
    )
    fits = _side(
        2,
        country="UZ",
        terms={"c:afandi": 4.0},
        stage="development",
        budget=(400.0, 900.0),
        currency="USD",
        countries_sought=frozenset({"RU"}),
    )
    misses = _side(
        3,
        country="UZ",
        terms={"c:afandi": 4.0},
        stage="released",
        budget=(900.0, 990.0),
        currency="USD",
        org_kind="brand",
    )
    idf = {"c:afandi": 3.0}
    assert pair_score(a, fits, idf, idf, 3, 3).score > pair_score(a, misses, idf, idf, 3, 3).score
    why = reasons(a, fits, ["c:afandi"])
    assert why == {
        "concepts": ["afandi"],
        "sectors": ["animation"],
        "seeks": "RU",
        "stage": "development",
        "budget": True,
        "kind": "studio",
    }
