"""Relevance at scale (issue 14): listings named by the query stay first when many newer ones
mention its words in passing, on the exact path and on the sampled path for huge result sets
(forced here by lowering its threshold, docs/decisions/0005-search-speed.md)."""

import pytest

from bridge.search import selectors
from bridge.search.registry import Document
from bridge.search.selectors import search

from .engine_support import KEY, add_documents

pytestmark = pytest.mark.integration

FILLER = "bazolimo kavero tesanu midoro ganipe rusola vekotu lamiro dazeni pokuta"


@pytest.fixture
def named_then_mentioned(index):
    """Three listings named by what a buyer types, then 120 newer made-up ones whose long
    descriptions mention all three queries in passing (more than every candidate limit)."""
    named = add_documents(
        index,
        [
            Document(title="Хан-атлас", body="Маргиланский шёлк, ручное ткачество.", language="ru"),
            Document(title="Copper tray", keywords="copper, hand-beaten", language="en"),
            Document(title="Organic cotton GOTS jersey", body="Knitted jersey.", language="en"),
        ],
    )
    add_documents(
        index,
        [
            Document(
                title=f"Vekotu midoro {n}",
                body=f"{FILLER} organic cotton GOTS {FILLER} copper {FILLER} хан-атлас {FILLER}",
            )
            for n in range(120)
        ],
    )
    return dict(zip(["хан-атлас", "copper", "organic cotton GOTS"], named, strict=True))


@pytest.fixture(params=["exact", "sampled"])
def path(request, monkeypatch):
    if request.param == "sampled":
        monkeypatch.setattr(selectors, "EXACT_LIMIT", 0)
    return request.param


@pytest.mark.parametrize("q", ["хан-атлас", "copper", "organic cotton GOTS"])
def test_a_listing_named_by_the_query_outranks_newer_passing_mentions(
    named_then_mentioned, path, q
):
    result = search(key=KEY, q=q)
    assert result.approximate == (path == "sampled")
    assert result.ids[0] == named_then_mentioned[q]


def test_the_passing_mentions_still_follow_on_the_first_page(named_then_mentioned, path):
    # they are matches, only weaker: the page is full, the named listing on top
    result = search(key=KEY, q="copper", page_size=10)
    assert len(result.ids) == 10
    assert result.ids[0] == named_then_mentioned["copper"]


def test_pages_past_the_first_hundred_of_a_huge_set_are_served(named_then_mentioned, path):
    result = search(key=KEY, q="copper", page=7, page_size=20)
    assert result.ids  # 121 matches: page 7 holds the 121st (exact) or sample's rest
    assert named_then_mentioned["copper"] not in result.ids


# --- bad input on a huge result set (issue 14): a clamped answer, never an error ---


def test_a_page_far_past_the_end_is_empty_with_the_count(named_then_mentioned, path):
    result = search(key=KEY, q="copper", page=10**6)
    assert result.ids == []
    assert result.count > 100


def test_a_page_size_above_the_maximum_is_clamped(named_then_mentioned, path):
    result = search(key=KEY, q="copper", page_size=10_000)
    # the sampled path lists its candidates: at most a page, most of the 121 matches
    assert len(result.ids) == selectors.MAX_PAGE_SIZE or (
        path == "sampled" and 50 < len(result.ids) < selectors.MAX_PAGE_SIZE
    )
    assert result.ids[0] == named_then_mentioned["copper"]


def test_a_query_of_ten_thousand_characters_is_cut_and_answered(named_then_mentioned, path):
    # the first words decide: the named listing still leads
    q = "copper " + " ".join(["zzqx"] * 2_500)
    assert len(q) > 10_000
    result = search(key=KEY, q=q)
    assert result.ids[0] == named_then_mentioned["copper"]


# --- how the candidates are ordered when passing mentions outnumber the listings (issue 14) ---


@pytest.fixture
def tagged_then_mentioned(index):
    """A collar tagged «lace» (not «bobbin»), a felt panel whose description alone names
    «copper» (its fittings), then 40 newer made-up listings whose descriptions name both
    queries word for word, in passing, among words that have nothing to do with their titles."""
    real = add_documents(
        index,
        [
            Document(title="Lace collar", keywords="lace, collar", language="en"),
            Document(
                title="Felt wall panel",
                keywords="felt, wool",
                body=f"Felt wall panel of sheep wool, pressed by hand, with copper fittings. "
                f"{FILLER} {FILLER} {FILLER} {FILLER} {FILLER}",
                language="en",
            ),
        ],
    )
    add_documents(
        index,
        [
            Document(
                title=f"Sopira natuve {n}",
                body=f"{FILLER} bobbin lace {FILLER} copper {FILLER} {FILLER}",
                language="en",
            )
            for n in range(40)
        ],
    )
    return dict(zip(["bobbin lace", "copper"], real, strict=True))


@pytest.mark.parametrize("q", ["bobbin lace", "copper"])
def test_a_listing_about_the_query_outranks_descriptions_that_only_mention_it(
    tagged_then_mentioned, path, q
):
    # «bobbin lace»: every word of the query in a description is no reason to rank it above
    # a listing called and tagged «lace»; «copper»: a description that shares nothing with
    # its own title is weaker than a longer one that describes the listing it belongs to
    assert search(key=KEY, q=q).ids[0] == tagged_then_mentioned[q]
