"""How a published material looks to the search engine (bridge.search)."""

from urllib.parse import urlencode

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bridge.materials.models import (
    Category,
    ExchangeRate,
    Material,
    MaterialCertification,
    MaterialImage,
    MaterialPropertyValue,
)
from bridge.materials.selectors.properties import measure_key
from bridge.materials.terms import Term, names_in_every_language
from bridge.materials.thumbnails import thumbnail_url
from bridge.materials.vocabulary import Status, price_band
from bridge.search.registry import Card, Document, SearchIndex, Suggestion
from bridge.search.suggest import FoldedNames, best


def categories():
    for category in Category.objects.order_by("position", "code"):
        for name in category.names():
            if name:
                yield name, category


# Each category under its names in every language (Category is tracked in "materials").
category_names = FoldedNames("materials", categories)


def _labels(fibre: Term) -> list[str]:
    """What people type for a fibre, in every language; the supplier's own word when the
    thesaurus does not know it."""
    return [fibre.concept or fibre.written, *names_in_every_language(fibre.concept)]


class MaterialIndex(SearchIndex):
    key = "materials"
    model = Material
    label = _("Materials")
    position = 10
    suggest_label = _("Categories")

    def __init__(self) -> None:
        super().__init__()
        self._categories: dict[int, Category] | None = None
        self._rates = None

    def queryset(self) -> QuerySet:
        # The rates and the category tree are small: read once per call of queryset(), so a
        # rebuild of 100,000 rows does not ask for them 100,000 times.
        self._categories = {c.pk: c for c in Category.objects.all()}
        self._rates = ExchangeRate.latest_rates()
        return (
            Material.objects.filter(status=Status.PUBLISHED)
            .select_related("supplier", "category")
            .prefetch_related(
                "fibres",
                Prefetch(
                    "certifications",
                    queryset=MaterialCertification.objects.select_related("certification"),
                ),
                Prefetch(
                    "property_values",
                    queryset=MaterialPropertyValue.objects.select_related("definition"),
                ),
            )
        )

    def _category_chain(self, material: Material) -> list[Category]:
        categories = self._categories or {c.pk: c for c in Category.objects.all()}
        chain = []
        node = categories.get(material.category_id)
        while node is not None and node not in chain:
            chain.append(node)
            node = categories.get(node.parent_id) if node.parent_id else None
        return list(reversed(chain))

    def document(self, obj: Material) -> Document:
        chain = self._category_chain(obj)
        fibres = list(obj.fibres.all())
        certificates = [mc.certification for mc in obj.certifications.all()]
        supplier = obj.supplier

        keywords = []
        for category in chain:
            keywords.extend(category.names())
        for fibre in fibres:
            keywords.extend(_labels(fibre.term))
        # Techniques and colours as written: the analyser finds their concepts, so other
        # languages' words meet them already.
        keywords.extend(obj.techniques)
        keywords.extend(obj.colours)
        techniques = obj.technique_terms()
        for certificate in certificates:
            keywords.extend([certificate.code, certificate.name])

        facets: dict[str, list[str]] = {
            "category": [c.code for c in chain],
            "country": [str(supplier.country)] if supplier.country else [],
            "supplier": [supplier.slug],
            "certification": [c.code for c in certificates],
            "fibre": [f.fibre for f in fibres if f.fibre],
            "technique": [t.key for t in techniques],
            "sample": ["yes" if obj.sample_available else "no"],
        }
        numbers: dict[str, float] = {
            "moq": float(obj.moq),
            "lead_time_days": float(obj.lead_time_days),
            "created": obj.created_at.timestamp(),
        }
        rates = self._rates if self._rates is not None else ExchangeRate.latest_rates()
        rate = rates.get(obj.currency)
        if rate is not None:
            price_usd = float(obj.price * rate)
            numbers["price_usd"] = round(price_usd, 4)
            facets["price_band"] = [price_band(price_usd)]
        if obj.weight_gsm is not None:
            numbers["weight_gsm"] = float(obj.weight_gsm)
        if obj.width_cm is not None:
            numbers["width_cm"] = float(obj.width_cm)
        if obj.thickness_mm is not None:
            numbers["thickness_mm"] = float(obj.thickness_mm)
        for value in obj.property_values.all():
            numbers[measure_key(value.definition)] = float(value.value)

        body = [
            *obj.descriptions(),
            supplier.name,
            obj.origin_region,
            str(obj.origin_country.name) if obj.origin_country else "",
            obj.sustainability_notes,
        ]
        return Document(
            title="\n".join(obj.names()),
            keywords="\n".join(k for k in dict.fromkeys(keywords) if k),
            body="\n".join(b for b in body if b),
            language=obj.language,
            facets=facets,
            numbers=numbers,
        )

    def cards(self, ids: list[int]) -> list[Card]:
        language = get_language() or "ru"
        rows = (
            Material.objects.filter(pk__in=ids, status=Status.PUBLISHED)
            .select_related("supplier")
            .prefetch_related(
                Prefetch("images", queryset=MaterialImage.objects.order_by("position", "id"))
            )
            .in_bulk()
        )
        cards = []
        for pk in ids:
            material = rows.get(pk)
            if material is None:
                continue
            images = list(material.images.all())
            supplier = material.supplier
            cards.append(
                Card(
                    title=material.display_name(language),
                    url=reverse(
                        "materials_catalog:material",
                        kwargs={"supplier": supplier.slug, "sku": material.sku},
                    ),
                    summary=Truncator(material.display_description(language)).chars(160),
                    meta=" · ".join(
                        part for part in (supplier.name, str(supplier.country.name)) if part
                    ),
                    image_url=thumbnail_url(images[0], 320) if images else "",
                    language=material.language,
                )
            )
        return cards

    def suggest(self, needle: str, *, limit: int) -> list[Suggestion]:
        """Categories named so in any language; each leads to the catalog filtered by it."""
        chosen = list(dict.fromkeys(best(category_names(), needle, limit * 3)))[:limit]
        url = reverse("materials_catalog:catalog")
        return [
            Suggestion(label=category.name(), url=f"{url}?{urlencode({'category': category.code})}")
            for category in chosen
        ]

    def section_url(self, q: str = "") -> str:
        url = reverse("materials_catalog:catalog")
        return f"{url}?{urlencode({'q': q})}" if q else url
