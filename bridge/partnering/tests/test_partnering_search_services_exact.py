"""The bulk search reindex of listings (listings_reindex, the import's path), to the exact value:
which of the given ids are written (published and not expired, to the microsecond) and which are
taken out of the index, that listings not named are left as they are, the documents written are
those of listing_document, and the count returned. Written for issue 18."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.core.tests.exact_support import NOW
from bridge.partnering.models import Listing
from bridge.partnering.search_index import ListingIndex, listing_document
from bridge.partnering.services import search as services
from bridge.partnering.tests.factories import ListingFactory
from bridge.partnering.vocabulary import Status
from bridge.search.models import SearchEntry

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

TICK = timedelta(microseconds=1)


def indexed() -> set[int]:
    return set(
        SearchEntry.objects.filter(index_key=ListingIndex.key).values_list("object_id", flat=True)
    )


def quietly(**fields):
    """A listing changed behind the index's back, as an import writes rows in bulk."""
    listing = ListingFactory()
    Listing.objects.filter(pk=listing.pk).update(**fields)
    listing.refresh_from_db()
    return listing


def test_live_ones_are_written_and_the_others_removed(clock):
    live = ListingFactory(expires_at=NOW + TICK)
    no_expiry = ListingFactory(expires_at=None)
    draft = quietly(status=Status.DRAFT)
    archived = quietly(status=Status.ARCHIVED)
    expired = quietly(expires_at=NOW)
    untouched = quietly(status=Status.DRAFT)  # stale in the index, but not named
    assert indexed() == {live.pk, no_expiry.pk, draft.pk, archived.pk, expired.pk, untouched.pk}
    ids = [expired.pk, draft.pk, live.pk, archived.pk, no_expiry.pk, 999_999]
    assert services.listings_reindex(ids=ids) == 2
    assert indexed() == {live.pk, no_expiry.pk, untouched.pk}


def test_a_live_listing_named_again_stays_indexed_with_its_new_title(clock):
    listing = ListingFactory()
    Listing.objects.filter(pk=listing.pk).update(title="Ceramics of Rishtan")
    assert services.listings_reindex(ids=[listing.pk]) == 1
    entry = SearchEntry.objects.get(index_key=ListingIndex.key, object_id=listing.pk)
    assert entry.display_title == "Ceramics of Rishtan"
    assert SearchEntry.objects.filter(index_key=ListingIndex.key).count() == 1


def test_no_ids_write_nothing(clock):
    listing = ListingFactory()
    assert services.listings_reindex(ids=[]) == 0
    assert indexed() == {listing.pk}


def test_every_named_id_is_removed_and_the_live_documents_written(clock, monkeypatch):
    live = ListingFactory()
    other_live = ListingFactory()
    draft = quietly(status=Status.DRAFT)
    calls = []
    monkeypatch.setattr(
        services,
        "search_index_remove",
        lambda *, key, ids: calls.append(("remove", key, list(ids))),
    )

    def documents(*, key, documents):
        calls.append(("write", key, list(documents)))
        return 41

    monkeypatch.setattr(services, "search_index_documents", documents)
    live.refresh_from_db()
    assert services.listings_reindex(ids=[draft.pk, live.pk]) == 41
    assert calls == [
        ("remove", "partnering", [draft.pk, live.pk]),
        ("write", "partnering", [(live.pk, listing_document(live))]),
    ]
    assert other_live.pk not in [pk for pk, _document in calls[1][2]]


def test_many_listings_cost_the_queries_of_one(clock, django_assert_max_num_queries):
    """An import reindexes thousands at once: reading each listing's organisation apart
    would be a query per listing."""
    one = [ListingFactory(organisation=OrganisationFactory()).pk]
    many = [ListingFactory(organisation=OrganisationFactory()).pk for _n in range(5)]
    with CaptureQueriesContext(connection) as single:
        services.listings_reindex(ids=one)
    with django_assert_max_num_queries(len(single.captured_queries)):
        services.listings_reindex(ids=many)
