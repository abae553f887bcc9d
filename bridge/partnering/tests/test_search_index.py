"""Live listings take part in the site-wide search and heritage pages (the registry's mixed
results), in any language; hidden ones and anonymous owners' names do not."""

import pytest

from bridge.partnering.search_index import ListingIndex
from bridge.partnering.tests.factories import ListingFactory
from bridge.search import registry
from bridge.search.grouped import search_grouped

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_listings_show_in_mixed_results_with_their_own_cards(ru_org, uz_org):
    live = ListingFactory(
        organisation=uz_org, language="uz", title="Afandi haqida serial", heritage=["afandi"]
    )
    ListingFactory(organisation=ru_org, status="draft", title="Сериал о Насреддине", ref="hidden")
    assert isinstance(registry.get("partnering"), ListingIndex)
    groups = {group.key: group for group in search_grouped(q="Насреддин")}
    cards = groups["partnering"].cards
    assert [card.url for card in cards] == [live.get_absolute_url()]
    assert "Nasreddin Afandi" in cards[0].meta and uz_org.name in cards[0].meta
    assert groups["partnering"].see_all.startswith("/partnering/?q=")


def test_an_anonymous_owner_is_neither_indexed_nor_on_the_card(ru_org):
    listing = ListingFactory(organisation=ru_org, anonymous=True, title="Suzani licence")
    card = ListingIndex().cards([listing.pk])[0]
    assert ru_org.name not in card.meta
    assert ListingIndex().document(listing).body.find(ru_org.name) == -1
