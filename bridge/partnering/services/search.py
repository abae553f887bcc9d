"""Search index writes of many listings at once (the import's bulk path)."""

from django.db import transaction

from bridge.partnering.search_index import ListingIndex, listing_document, live_listings
from bridge.search.services import search_index_documents, search_index_remove


@transaction.atomic
def listings_reindex(*, ids: list[int]) -> int:
    """Index the live ones of ``ids``, remove the others; one batch per table write."""
    live = live_listings().filter(pk__in=ids).select_related("organisation")
    documents = [(listing.pk, listing_document(listing)) for listing in live.iterator(2_000)]
    search_index_remove(key=ListingIndex.key, ids=ids)
    return search_index_documents(key=ListingIndex.key, documents=documents)
