"""How a published material looks to the search engine (bridge.search)."""

from urllib.parse import urlencode

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bridge.accounts.models import Organisation
from bridge.core.country_names import country_name
from bridge.materials.models import (
    Category,
    Certification,
    ExchangeRate,
    Material,
    MaterialCertification,
    MaterialFibre,
    MaterialImage,
    MaterialPropertyValue,
    PropertyDefinition,
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


def relations(materials: list[Material]) -> dict[int, dict]:
    """What a document reads beside the material, for each of ``materials``: its supplier,
    fibres (as Terms), certificates and measured properties ((definition, value)). One query
    per relation for all of them; suppliers, certificates and definitions are few and each
    built once. Django's prefetch_related built a queryset per material and relation, and a
    model per row and joined row: together a fifth of the time of indexing an import."""
    ids = [m.pk for m in materials]
    found: dict[int, dict] = {
        m.pk: {"fibres": [], "certificates": [], "properties": []} for m in materials
    }
    suppliers = Organisation.objects.in_bulk({m.supplier_id for m in materials})
    for material in materials:
        found[material.pk]["supplier"] = suppliers[material.supplier_id]
    fibres = MaterialFibre.objects.filter(material_id__in=ids)  # ordered by position
    for material_id, fibre, written in fibres.values_list("material_id", "fibre", "written"):
        found[material_id]["fibres"].append(Term(fibre, written))
    links = list(
        MaterialCertification.objects.filter(material_id__in=ids)
        .order_by("id")  # as the supplier listed them
        .values_list("material_id", "certification_id")
    )
    certificates = Certification.objects.in_bulk({c for _m, c in links})
    for material_id, certification_id in links:
        found[material_id]["certificates"].append(certificates[certification_id])
    values = list(
        MaterialPropertyValue.objects.filter(material_id__in=ids).values_list(
            "material_id", "definition_id", "value"
        )  # ordered by the definitions' position
    )
    definitions = PropertyDefinition.objects.in_bulk({d for _m, d, _v in values})
    for material_id, definition_id, value in values:
        found[material_id]["properties"].append((definitions[definition_id], value))
    return found


def _chain(material: Material, categories: dict[int, Category]) -> list[Category]:
    """The material's category and its parents, the root first."""
    chain = []
    node = categories.get(material.category_id)
    while node is not None and node not in chain:
        chain.append(node)
        node = categories.get(node.parent_id) if node.parent_id else None
    return list(reversed(chain))


class MaterialIndex(SearchIndex):
    key = "materials"
    model = Material
    label = _("Materials")
    position = 10
    suggest_label = _("Categories")

    def queryset(self) -> QuerySet:
        # The supplier, the category tree, the rates and the relations: per batch, from
        # documents_of().
        return Material.objects.filter(status=Status.PUBLISHED)

    def documents_of(self, objects: list[Material]) -> list[tuple[int, Document]]:
        # The rates and the category tree are small: read once per batch, not per material.
        categories = {c.pk: c for c in Category.objects.all()}
        rates = ExchangeRate.latest_rates()
        related = relations(objects)
        return [
            (obj.pk, self._document(obj, related[obj.pk], _chain(obj, categories), rates))
            for obj in objects
        ]

    def document(self, obj: Material) -> Document:
        return self.documents_of([obj])[0][1]

    def _document(self, obj: Material, related: dict, chain: list[Category], rates) -> Document:
        fibres: list[Term] = related["fibres"]
        certificates = related["certificates"]
        supplier = related["supplier"]

        keywords = []
        for category in chain:
            keywords.extend(category.names())
        for fibre in fibres:
            keywords.extend(_labels(fibre))
        # Techniques and colours as written: the analyser finds their concepts, so other
        # languages' words meet them already.
        keywords.extend(obj.techniques)
        keywords.extend(obj.colours)
        techniques = obj.technique_terms()
        for certificate in certificates:
            keywords.extend([certificate.code, certificate.name])

        facets: dict[str, list[str]] = {
            "category": [c.code for c in chain],
            "country": [country.code] if (country := supplier.country) else [],
            "supplier": [supplier.slug],
            "certification": [c.code for c in certificates],
            "fibre": [f.concept for f in fibres if f.concept],
            "technique": [t.key for t in techniques],
            "sample": ["yes" if obj.sample_available else "no"],
        }
        numbers: dict[str, float] = {
            "moq": float(obj.moq),
            "lead_time_days": float(obj.lead_time_days),
            "created": obj.created_at.timestamp(),
        }
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
        for definition, value in related["properties"]:
            numbers[measure_key(definition)] = float(value)

        body = [
            *obj.descriptions(),
            supplier.name,
            obj.origin_region,
            country_name(obj.origin_country.code),
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
