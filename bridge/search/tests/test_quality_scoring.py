"""The relevance measure itself: recall@10, MRR@10, language pairs, the bar, the set file."""

import pytest

from bridge.search.quality import (
    Bar,
    Catalog,
    Judgement,
    build_report,
    load_set,
    score_query,
)

pytestmark = pytest.mark.unit

CATALOG = Catalog(
    label_of={},
    language_of={
        "a/RU-1": "ru",
        "a/RU-2": "ru",
        "b/UZ-1": "uz",
        "b/UZ-2": "uz",
        "c/EN-1": "en",
        "d/CY-1": "uz-Cyrl",
    },
)


def test_recall_and_reciprocal_rank_of_one_query():
    judgement = Judgement("x", "ru", ("a/RU-1", "b/UZ-1", "c/EN-1"))
    score = score_query(judgement, ["z/1", "b/UZ-1", "a/RU-1", "z/2"], CATALOG)
    assert score.recall == pytest.approx(2 / 3)
    assert score.rr == 0.5
    assert score.missed == ["c/EN-1"]
    assert score.pairs == {"ru→ru": (1.0, 1 / 3), "ru→uz": (1.0, 0.5), "ru→en": (0.0, 0.0)}


def test_only_the_first_ten_count():
    judgement = Judgement("x", "en", ("c/EN-1",))
    top = [f"z/{n}" for n in range(10)] + ["c/EN-1"]
    score = score_query(judgement, top, CATALOG)
    assert (score.recall, score.rr) == (0.0, 0.0)


def test_more_than_ten_expected_needs_any_ten_and_a_fair_share_per_language():
    expected = tuple(f"a/R{n}" for n in range(10)) + tuple(f"b/U{n}" for n in range(10))
    catalog = Catalog({}, {label: "ru" if label[0] == "a" else "uz" for label in expected})
    judgement = Judgement("x", "uz", expected)
    score = score_query(judgement, list(expected[5:15]), catalog)  # 5 ru + 5 uz
    assert score.recall == 1.0
    assert score.pairs["uz→ru"][0] == score.pairs["uz→uz"][0] == 1.0
    score = score_query(judgement, list(expected[:10]), catalog)  # all ten Russian
    assert score.recall == 1.0
    assert score.pairs["uz→uz"] == (0.0, 0.0)


def test_not_expected_listings_on_the_first_page_are_false_friends():
    judgement = Judgement("x", "ru", ("a/RU-1",), ("b/UZ-2",))
    score = score_query(judgement, ["a/RU-1", "b/UZ-2"], CATALOG)
    assert score.false_friends == ["b/UZ-2"]


def test_the_bar_names_every_failure():
    good = Judgement("g", "ru", ("a/RU-1",))
    bad = Judgement("b", "uz", ("c/EN-1",), ("d/CY-1",))
    report = build_report(
        [score_query(good, ["a/RU-1"], CATALOG), score_query(bad, ["d/CY-1"], CATALOG)]
    )
    assert report.overall.recall == 0.5
    problems = report.failures(Bar(min_pair_size=1, false_friends=0))
    assert any("overall recall@10 0.500" in p for p in problems)
    assert any(p.startswith("uz→en recall@10 0.000") for p in problems)
    assert any("not_expected" in p for p in problems)
    perfect = build_report([score_query(good, ["a/RU-1"], CATALOG)])
    assert perfect.failures(Bar()) == []


def test_small_language_pairs_only_need_the_lower_floor():
    judgement = Judgement("x", "uz", ("b/UZ-1", "c/EN-1"))
    report = build_report([score_query(judgement, ["b/UZ-1"] + ["z/0"] * 9, CATALOG)])
    assert report.by_pair["uz→en"].recall == 0
    bar = Bar(recall=0, mrr=0, min_pair_size=10, small_pair_recall=0.5)
    assert report.failures(bar) == ["uz→en recall@10 0.000 < 0.5"]


def test_a_malformed_set_is_refused(tmp_path):
    path = tmp_path / "set.yaml"
    path.write_text("- query: ipak\n  language: uzb\n  expected: [a/B]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="language"):
        load_set(path)
    path.write_text("- query: ipak\n  language: uz\n  expected: ['  ']\n", encoding="utf-8")
    with pytest.raises(ValueError, match="labels"):
        load_set(path)
