"""Migration 0012 drops search_searchfacet (the packed facet_values hold the same pairs);
going back refills it from them, so the earlier code filters as before."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from bridge.search.registry import Document

from .engine_support import KEY, add_documents

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

BEFORE = [("search", "0011_anchored_bodies")]
AFTER = None  # the latest: the tests that follow need the whole schema


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = targets or executor.loader.graph.leaf_nodes("search")
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_going_back_refills_the_facet_rows_and_forward_drops_them(transactional_db, index):
    ids = add_documents(
        index,
        [
            Document(title="Silk scarf", facets={"country": ["UZ"], "fibre": ["silk", "wool"]}),
            Document(title="Plain scarf"),  # no facet: no row
            Document(title="Felt", facets={"country": ["KZ"]}),
        ],
    )
    apps = _migrate(BEFORE)
    rows = apps.get_model("search", "SearchFacet").objects.filter(index_key=KEY)
    assert sorted(rows.values_list("object_id", "facet", "value")) == [
        (ids[0], "country", "UZ"),
        (ids[0], "fibre", "silk"),
        (ids[0], "fibre", "wool"),
        (ids[2], "country", "KZ"),
    ]
    _migrate(AFTER)
    assert "search_searchfacet" not in connection.introspection.table_names()
