"""How a live listing looks to the search engine (bridge.search): browse, facets, the site-wide
search and heritage pages. Anonymous listings index no organisation name."""

from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bridge.partnering.models import Listing
from bridge.partnering.vocabulary import Kind, ListingType, Status
from bridge.search.concepts import concept_label
from bridge.search.registry import Card, Document, SearchIndex
from bridge.search.thesaurus import current

LANGUAGES = ("ru", "uz", "en")


def live_listings() -> QuerySet:
    now = timezone.now()
    return Listing.objects.filter(status=Status.PUBLISHED).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now)
    )


def listing_document(listing: Listing) -> Document:
    thesaurus = current()
    concepts = [*listing.keywords, *listing.heritage]
    keywords = [
        label
        for concept_id in concepts
        if concept_id in thesaurus
        for language in LANGUAGES
        for label in thesaurus.labels(concept_id, language)[:2]
    ]
    organisation = listing.organisation
    body = [listing.summary, listing.description]
    if not listing.anonymous:
        body.append(organisation.name)
    facets = {
        "kind": [listing.kind],
        "type": [listing.type],
        "sector": list(listing.sectors),
        "country": [str(organisation.country)],
        "language": [listing.language],
        "heritage": list(listing.heritage),
        "stage": [listing.stage] if listing.stage else [],
        "open": ["yes" if listing.open_for_interest else "no"],
    }
    published = listing.published_at or listing.created_at
    return Document(
        title=listing.title,
        keywords="\n".join(dict.fromkeys(keywords)),
        body="\n".join(b for b in body if b),
        language=listing.language or None,
        facets=facets,
        numbers={"created": published.timestamp()},
    )


class ListingIndex(SearchIndex):
    key = "partnering"
    model = Listing
    label = _("Partnering offers and requests")
    position = 30

    def queryset(self) -> QuerySet:
        return live_listings().select_related("organisation")

    def document(self, obj: Listing) -> Document:
        return listing_document(obj)

    def cards(self, ids: list[int]) -> list[Card]:
        language = get_language() or "ru"
        rows = self.queryset().in_bulk(ids)
        cards = []
        for pk in ids:
            listing = rows.get(pk)
            if listing is None:
                continue
            themes = ", ".join(concept_label(c, language) for c in listing.heritage[:2])
            owner = "" if listing.anonymous else listing.organisation.name
            meta = " · ".join(
                str(part)
                for part in (
                    Kind(listing.kind).label,
                    ListingType(listing.type).label,
                    owner,
                    listing.organisation.country.name,
                    themes,
                )
                if part
            )
            cards.append(
                Card(
                    title=listing.title,
                    url=listing.get_absolute_url(),
                    summary=Truncator(listing.summary).chars(160),
                    meta=meta,
                    language=listing.language,
                )
            )
        return cards

    def section_url(self, q: str = "") -> str:
        url = reverse("partnering:browse")
        return f"{url}?{urlencode({'q': q})}" if q else url
