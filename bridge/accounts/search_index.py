"""How an organisation looks to the search engine (bridge.search): the directory's search.
The accounts services refresh an organisation's entry in the same transaction as the change."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bridge.accounts.models import Organisation, Verification
from bridge.search.registry import Card, Document, SearchIndex, Suggestion
from bridge.search.suggest import FoldedNames, best


def names():
    for name, slug in Organisation.objects.order_by("name", "id").values_list("name", "slug"):
        yield name, (name, slug)


folded_names = FoldedNames("accounts", names)


class OrganisationIndex(SearchIndex):
    key = "organisations"
    model = Organisation
    label = _("Organisations")
    position = 60

    def queryset(self):
        return Organisation.objects.prefetch_related("sectors")

    def document(self, obj: Organisation) -> Document:
        return Document(
            title=obj.name,
            body="\n".join(
                text
                for text in (obj.description_ru, obj.description_uz, obj.description_en)
                if text
            ),
            facets={
                "country": [str(obj.country)] if obj.country else [],
                "sector": [sector.code for sector in obj.sectors.all()],
                "verified": ["yes" if obj.verification == Verification.VERIFIED else "no"],
                "it_park": ["yes" if obj.is_it_park_resident else "no"],
            },
            numbers={"created": obj.created_at.timestamp()} if obj.created_at else {},
        )

    def cards(self, ids: list[int]) -> list[Card]:
        language = (get_language() or "ru")[:2]
        rows = Organisation.objects.filter(pk__in=ids).in_bulk()
        cards = []
        for pk in ids:
            organisation = rows.get(pk)
            if organisation is None:
                continue
            written = [
                (code, getattr(organisation, f"description_{code}"))
                for code in (language, "ru", "uz", "en")
                if getattr(organisation, f"description_{code}", "")
            ]
            code, description = written[0] if written else ("", "")
            cards.append(
                Card(
                    title=organisation.name,
                    url=organisation.get_absolute_url(),
                    summary=Truncator(description).chars(160),
                    meta=str(organisation.country.name) if organisation.country else "",
                    image_url=organisation.logo.url if organisation.logo else "",
                    language=code,
                )
            )
        return cards

    def suggest(self, needle: str, *, limit: int) -> list[Suggestion]:
        return [
            Suggestion(label=name, url=reverse("organisations:detail", kwargs={"slug": slug}))
            for name, slug in best(folded_names(), needle, limit)
        ]

    def section_url(self, q: str = "") -> str:
        url = reverse("organisations:directory")
        return f"{url}?{urlencode({'q': q})}" if q else url
