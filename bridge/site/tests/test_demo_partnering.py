"""Partnering's demo: 30+ listings in four languages and scripts, interests in every state, the
Russian request on Nasreddin Afandi matched with the Uzbek offer; a second run changes nothing."""

import pytest

from bridge.core.demo import DemoContext
from bridge.partnering.demo import build_demo
from bridge.partnering.models import Interest, Listing, Match
from bridge.partnering.vocabulary import InterestStatus
from bridge.site.demo import build_people_and_organisations

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _snapshot():
    return {
        "listings": sorted(Listing.objects.values_list("ref", "status", "title", "updated_at")),
        "interests": sorted(Interest.objects.values_list("listing__ref", "status")),
        "matches": sorted(Match.objects.values_list("listing__ref", "counterpart__ref", "score")),
    }


def test_the_demo_shows_partnering_and_is_idempotent():
    ctx = DemoContext(password="demo-password-1")
    build_people_and_organisations(ctx)
    build_demo(ctx)
    listings = Listing.objects.all()
    assert listings.count() >= 30
    assert set(listings.values_list("language", flat=True)) == {"ru", "uz", "uz-Cyrl", "en"}
    assert {"draft", "pending", "returned", "published"} <= set(
        listings.values_list("status", flat=True)
    )
    assert set(Interest.objects.values_list("status", flat=True)) == set(InterestStatus.values)
    request = Listing.objects.get(ref="afandi-series", organisation__country="RU")
    offer = Listing.objects.get(ref="afandi-2d", organisation__country="UZ", language="uz")
    best = Match.objects.filter(listing=request).order_by("-score").first()
    assert best.counterpart == offer
    assert Match.objects.filter(listing=offer).order_by("-score").first().counterpart == request
    before = _snapshot()
    build_demo(
        DemoContext(password="demo-password-1", organisations=ctx.organisations, people=ctx.people)
    )
    assert _snapshot() == before
