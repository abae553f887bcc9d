import pytest
from django.contrib.auth.models import Group
from django.db import transaction

from bridge.search.models import SearchEntry
from bridge.search.registry import Document
from bridge.search.selectors import search
from bridge.search.services import search_index_remove, search_index_update

from .engine_support import KEY, add_documents

pytestmark = pytest.mark.integration

BAD_QUERIES = [
    "",
    "   ",
    "x" * 10_000,
    "silk " * 2_000,
    "silk\x00\x07\x1b[31m",
    '"',
    '"silk',
    "*",
    "silk*",
    "NEAR(silk cotton)",
    "NEAR(",
    "silk OR",
    "OR",
    "AND NOT",
    "-silk",
    "- -",
    "silk -cotton",
    "title:silk",
    "{title}: silk",
    "^silk",
    "😀🧵",
    "silk 🧵 шёлк қоғоз",
    "'; DROP TABLE search_searchentry; --",
    "1' OR '1'='1",
    "'silk':*",
    "silk & cotton | !wool <-> x",
    "\\",
    "ʻʼ''``",
    "12.5% 200gsm",
]


@pytest.fixture
def docs(index):
    return add_documents(index, [Document(title="Silk scarf"), Document(title="Cotton")])


@pytest.mark.parametrize("q", BAD_QUERIES)
def test_odd_input_never_raises(docs, q):
    result = search(key=KEY, q=q, facets=["country"])
    assert result.count == len(result.ids)
    assert SearchEntry.objects.filter(index_key=KEY).count() == 2


def test_sql_in_a_query_is_just_words(docs):
    assert search(key=KEY, q="silk'; DROP TABLE x; --").ids == [docs[0]]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"page": -5},
        {"page": 0},
        {"page_size": 0},
        {"page_size": 10_000},
        {"sort": "nonsense"},
        {"sort": "-"},
        {"filters": {"country": ["'; --"]}},
        {"ranges": {"price": ("a", None)}},
        {"ranges": {"price": (float("nan"), None)}},
        {"facets": ["does-not-exist"]},
    ],
)
def test_odd_parameters_never_raise(docs, kwargs):
    result = search(key=KEY, q="silk", **kwargs)
    assert result.count <= 1


def test_index_is_written_in_the_callers_transaction(index):
    row = Group.objects.create(name="Rolled back")
    index.documents[row.pk] = Document(title="Vanishing silk", facets={"country": ["UZ"]})
    with pytest.raises(RuntimeError), transaction.atomic():
        search_index_update(key=KEY, objects=[row])
        assert search(key=KEY, q="vanishing").ids == [row.pk]
        raise RuntimeError
    assert search(key=KEY, q="vanishing").ids == []
    assert not SearchEntry.objects.filter(object_id=row.pk).exists()


def test_update_reindexes_and_drops_rows_that_left_the_queryset(index):
    first, second = add_documents(index, [Document(title="Old name"), Document(title="Gone")])
    index.documents[first] = Document(title="New name")
    del index.documents[second]
    search_index_update(key=KEY, objects=Group.objects.filter(pk__in=[first, second]))
    assert search(key=KEY, q="new").ids == [first]
    assert search(key=KEY, q="old").ids == []
    assert search(key=KEY, q="gone").ids == []


def test_remove_takes_entries_out(index):
    (doc,) = add_documents(index, [Document(title="Felt", facets={"country": ["UZ"]})])
    search_index_remove(key=KEY, ids=[doc])
    assert search(key=KEY, q="felt", facets=["country"]).count == 0
    assert search(key=KEY, facets=["country"]).facets == {"country": []}
