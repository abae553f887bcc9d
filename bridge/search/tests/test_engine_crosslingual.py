import pytest

from bridge.search.registry import Document
from bridge.search.selectors import search

from .engine_support import KEY, add_documents

pytestmark = pytest.mark.integration


@pytest.fixture
def catalog(index):
    titles = [
        "Qoʻl toʻqima adras",  # 0
        "Хонатлас",  # 1
        "Paxta mato",  # 2
        "Пахта ип",  # 3
        "Organic cotton canvas",  # 4
        "Qogʻoz varaqlari",  # 5
        "Steel wire",  # 6
        "Льняная ткань",  # 7
    ]
    ids = add_documents(index, [Document(title=t) for t in titles])
    return dict(zip(range(len(ids)), ids, strict=True))


def test_silk_ikat_in_russian_finds_uzbek_adras_and_khan_atlas(catalog):
    result = search(key=KEY, q="шёлк икат")
    assert set(result.ids[:2]) == {catalog[0], catalog[1]}
    assert catalog[6] not in result.ids


def test_cotton_in_russian_finds_latin_cyrillic_and_english(catalog):
    result = search(key=KEY, q="хлопок")
    assert {catalog[2], catalog[3], catalog[4]} <= set(result.ids)
    assert catalog[7] not in result.ids


@pytest.mark.parametrize("spelling", ["qogʻoz", "qog'oz", "qogoz", "қоғоз", "QOG‘OZ"])
def test_every_spelling_of_paper_finds_the_same_document(catalog, spelling):
    assert search(key=KEY, q=spelling).ids == [catalog[5]]


def test_english_query_finds_russian_title_through_the_thesaurus(catalog):
    assert catalog[1] in search(key=KEY, q="silk").ids


def test_narrower_query_does_not_pull_in_its_broader_concept(catalog):
    # "adras" is silk + ikat + cotton, but asking for adras must not list every cotton item.
    assert search(key=KEY, q="adras").ids == [catalog[0]]
