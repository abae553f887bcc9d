"""Indexes the search app itself provides. Organisations are the first client: accounts must
not import search, so this index lives here and is refreshed by search_rebuild (or by
search_index_update called from a layer above accounts)."""

from bridge.accounts.models import Organisation, Verification
from bridge.search.registry import Document, SearchIndex


class OrganisationIndex(SearchIndex):
    key = "organisations"
    model = Organisation

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
