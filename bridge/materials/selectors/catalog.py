"""Reads for the public catalog: search with facets, a material, a supplier, prices in the
viewer's currency. Views and the API both call these, so the page and the API cannot drift."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.http import Http404
from django_countries import countries

from bridge.accounts.models import Organisation
from bridge.materials.models import (
    Category,
    Certification,
    ExchangeRate,
    Material,
    MaterialCertification,
    MaterialImage,
    MaterialPropertyValue,
)
from bridge.materials.rules import materials as rules
from bridge.materials.vocabulary import FIBRES, PRICE_BANDS, Currency, Status
from bridge.search.selectors import search

INDEX_KEY = "materials"
CURRENCIES = tuple(Currency.values)
# The facets the catalog shows (and filters on), in the order of the sidebar.
FACETS = (
    "category",
    "country",
    "supplier",
    "certification",
    "fibre",
    "technique",
    "price_band",
    "sample",
)
LIST_FACETS = (
    "category",
    "country",
    "supplier",
    "certification",
    "fibre",
    "technique",
    "price_band",
)
# URL value → the engine's sort.
SORTS = {
    "relevance": "relevance",
    "price": "price_usd",
    "-price": "-price_usd",
    "newest": "-created",
}
# Past this page nobody is reading; it also keeps OFFSET inside any database's integer range.
MAX_PAGE = 10_000
LANGUAGE_CURRENCY = {"ru": "RUB", "uz": "UZS", "en": "USD"}


# ---------------------------------------------------------------- money


@dataclass(frozen=True)
class Rates:
    """Currency → US dollars per unit (the latest staff-entered rate), and the date of the oldest
    rate in use (what the page says prices are "as of")."""

    to_usd: dict[str, Decimal]
    as_of: date | None = None

    def convert(self, amount, source: str, target: str) -> Decimal | None:
        """`amount` of `source` in `target`, or None when a rate is missing."""
        if amount is None:
            return None
        amount = Decimal(amount)
        if source == target:
            return amount
        source_rate, target_rate = self.to_usd.get(source), self.to_usd.get(target)
        if not source_rate or not target_rate:
            return None
        return amount * source_rate / target_rate

    def to_usd_amount(self, amount: Decimal, currency: str) -> float | None:
        rate = self.to_usd.get(currency)
        return None if rate is None else float(amount * rate)


def exchange_rates() -> Rates:
    latest: dict[str, tuple[Decimal, date]] = {}
    for currency, rate, day in ExchangeRate.objects.order_by("currency", "-date").values_list(
        "currency", "rate_to_usd", "date"
    ):
        latest.setdefault(currency, (rate, day))
    to_usd = {currency: rate for currency, (rate, _day) in latest.items()}
    to_usd[Currency.USD] = Decimal(1)
    return Rates(to_usd, min((day for _rate, day in latest.values()), default=None))


def rounded(amount: Decimal | None, currency: str) -> Decimal | None:
    """Converted prices to whole units of a weak currency, else to cents."""
    if amount is None:
        return None
    step = Decimal(1) if currency in ("UZS", "RUB") and amount >= 100 else Decimal("0.01")
    return amount.quantize(step, rounding=ROUND_HALF_UP)


def default_currency(language: str | None) -> str:
    return LANGUAGE_CURRENCY.get((language or "")[:2], "USD")


# ---------------------------------------------------------------- the search


@dataclass
class CatalogFilters:
    """What a reader asked for; values already cleaned (unknown codes are harmless: they match
    nothing)."""

    q: str = ""
    category: list[str] = field(default_factory=list)
    country: list[str] = field(default_factory=list)
    supplier: list[str] = field(default_factory=list)
    certification: list[str] = field(default_factory=list)
    fibre: list[str] = field(default_factory=list)
    technique: list[str] = field(default_factory=list)
    price_band: list[str] = field(default_factory=list)
    sample: bool = False
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    currency: str = "USD"
    moq_max: Decimal | None = None
    lead_max: int | None = None
    sort: str = "relevance"
    # measure key (selectors_properties.Measure) → (at least, at most)
    measures: dict[str, tuple[Decimal | None, Decimal | None]] = field(default_factory=dict)

    def engine_filters(self) -> dict[str, list[str]]:
        result = {name: getattr(self, name) for name in LIST_FACETS if getattr(self, name)}
        if self.technique:
            result["technique"] = [t.casefold() for t in self.technique]
        if self.sample:
            result["sample"] = ["yes"]
        return result

    def engine_ranges(self, rates: Rates) -> dict[str, tuple[float | None, float | None]]:
        ranges: dict[str, tuple[float | None, float | None]] = {}
        low = None if self.price_min is None else rates.to_usd_amount(self.price_min, self.currency)
        high = (
            None if self.price_max is None else rates.to_usd_amount(self.price_max, self.currency)
        )
        if low is not None or high is not None:
            # A hair of tolerance: a price typed from the card must keep that card.
            ranges["price_usd"] = (
                None if low is None else low * (1 - 1e-6),
                None if high is None else high * (1 + 1e-6),
            )
        if self.moq_max is not None:
            ranges["moq"] = (None, float(self.moq_max))
        if self.lead_max is not None:
            ranges["lead_time_days"] = (None, float(self.lead_max))
        for key, (low, high) in self.measures.items():
            ranges[key] = (
                None if low is None else float(low),
                None if high is None else float(high),
            )
        return ranges

    def is_filtered(self) -> bool:
        return bool(
            self.engine_filters()
            or self.price_min is not None
            or self.price_max is not None
            or self.moq_max is not None
            or self.lead_max is not None
            or bool(self.measures)
        )


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class CatalogPage:
    count: int
    number: int
    num_pages: int
    page_size: int
    materials: list[Material]
    facets: dict[str, list[FacetValue]]
    highlights: dict[int, dict[str, str]]
    suggestion: str | None
    approximate: bool = False  # count and facet counts estimated from a sample

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def start_index(self) -> int:
        return 0 if not self.count else (self.number - 1) * self.page_size + 1

    @property
    def end_index(self) -> int:
        return min(self.count, self.number * self.page_size)


def card_queryset() -> QuerySet:
    """Published materials with what a card or an API item shows, in a fixed number of queries."""
    return (
        Material.objects.filter(status=Status.PUBLISHED)
        .select_related("supplier", "category")
        .prefetch_related(
            "fibres",
            Prefetch("images", queryset=MaterialImage.objects.order_by("position", "id")),
            Prefetch(
                "certifications",
                queryset=MaterialCertification.objects.select_related("certification"),
            ),
        )
    )


def _in_order(ids: list[int]) -> list[Material]:
    by_id = {m.pk: m for m in card_queryset().filter(pk__in=ids)}
    # The index may briefly hold a row that has just left the catalog: skip it.
    return [by_id[i] for i in ids if i in by_id]


def catalog_search(
    *, filters: CatalogFilters, rates: Rates, page: int = 1, page_size: int = 24
) -> CatalogPage:
    page = max(1, min(int(page), MAX_PAGE))
    arguments = {
        "key": INDEX_KEY,
        "q": filters.q,
        "filters": filters.engine_filters(),
        "ranges": filters.engine_ranges(rates),
        "facets": FACETS,
        "sort": SORTS.get(filters.sort, "relevance"),
        "page_size": page_size,
    }
    result = search(page=page, **arguments)
    num_pages = max(1, math.ceil(result.count / page_size))
    if page > num_pages:
        # A page past the end (an old link, a hand-edited URL) shows the last page.
        page = num_pages
        result = search(page=page, **arguments)
    return CatalogPage(
        count=result.count,
        number=page,
        num_pages=num_pages,
        page_size=page_size,
        materials=_in_order(result.ids),
        facets=facet_labels(result.facets, filters, rates),
        highlights=result.highlights,
        suggestion=result.suggestion,
        approximate=result.approximate,
    )


# ---------------------------------------------------------------- facet labels


def _band_bounds(band: str) -> tuple[float | None, float | None]:
    if band.endswith("+"):
        return float(band[:-1]), None
    low, _sep, high = band.partition("-")
    return float(low), float(high)


def price_band_label(band: str, currency: str, rates: Rates) -> str:
    """A USD band ("10-25") in the reader's currency, rounded to friendly figures."""
    from django.utils.translation import gettext as _

    from bridge.core.money import format_money

    try:
        low, high = _band_bounds(band)
    except ValueError:
        return band

    def shown(usd: float) -> str:
        amount = rates.convert(Decimal(str(usd)), "USD", currency)
        if amount is None:
            return format_money(usd, "USD")
        return format_money(_friendly(amount), currency)

    if high is None:
        return _("from %(low)s") % {"low": shown(low)}
    if not low:
        return _("under %(high)s") % {"high": shown(high)}
    return _("%(low)s – %(high)s") % {"low": shown(low), "high": shown(high)}


def _friendly(amount: Decimal) -> Decimal:
    """Two significant figures: 457.31 → 460, 0.0623 → 0.062."""
    if amount <= 0:
        return amount
    try:
        exponent = amount.adjusted() - 1
        step = Decimal(1).scaleb(exponent)
        return (amount / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
    except InvalidOperation:
        return amount


def facet_labels(
    raw: dict[str, list[tuple[str, int]]], filters: CatalogFilters, rates: Rates
) -> dict[str, list[FacetValue]]:
    from django.utils.translation import gettext as _

    codes = {name: [value for value, _count in raw.get(name, [])] for name in FACETS}
    categories = {c.code: c for c in Category.objects.filter(code__in=codes["category"])}
    suppliers = dict(
        Organisation.objects.filter(slug__in=codes["supplier"]).values_list("slug", "name")
    )
    certifications = dict(
        Certification.objects.filter(code__in=codes["certification"]).values_list("code", "name")
    )
    band_order = [label for _upper, label in PRICE_BANDS] + ["100+"]

    def label(name: str, value: str) -> str:
        if name == "category":
            return categories[value].name() if value in categories else value
        if name == "country":
            return str(countries.name(value)) or value
        if name == "supplier":
            return suppliers.get(value, value)
        if name == "certification":
            return certifications.get(value, value)
        if name == "fibre":
            return str(FIBRES.get(value, value))
        if name == "price_band":
            return price_band_label(value, filters.currency, rates)
        if name == "sample":
            return _("Sample available") if value == "yes" else _("No sample")
        return value

    result: dict[str, list[FacetValue]] = {}
    for name in FACETS:
        if name == "sample":
            selected = ["yes"] if filters.sample else []
        else:
            selected = getattr(filters, name)
        counts = dict(raw.get(name, []))
        values = [
            FacetValue(value, label(name, value), count, value in selected)
            for value, count in raw.get(name, [])
        ]
        # A chosen value stays on screen (with 0) so it can be unticked.
        values += [FacetValue(v, label(name, v), 0, True) for v in selected if v not in counts]
        if name == "category":
            position = {
                code: (c.parent_id is not None, c.position) for code, c in categories.items()
            }
            values.sort(key=lambda f: (position.get(f.value, (True, 999)), -f.count))
        elif name == "price_band":
            values.sort(key=lambda f: band_order.index(f.value) if f.value in band_order else 99)
        result[name] = values
    return result


# ---------------------------------------------------------------- one material, one supplier


def can_preview(user, material: Material) -> bool:
    """Unpublished listings: their supplier's managers and the moderators may look."""
    return rules.can_manage_materials(user, material.supplier) or rules.can_moderate_materials(user)


def material_for_viewer(*, user, supplier_slug: str, sku: str) -> Material:
    material = (
        Material.objects.select_related("supplier", "category", "category__parent")
        .prefetch_related(
            "fibres",
            Prefetch("images", queryset=MaterialImage.objects.order_by("position", "id")),
            Prefetch(
                "certifications",
                queryset=MaterialCertification.objects.select_related("certification"),
            ),
            # The category template's numbers (models/properties.py), in template order.
            Prefetch(
                "property_values",
                queryset=MaterialPropertyValue.objects.select_related("definition").order_by(
                    "definition__position", "definition__code"
                ),
            ),
        )
        .filter(supplier__slug=supplier_slug, sku=sku)
        .first()
    )
    if material is None:
        raise Http404
    if material.status != Status.PUBLISHED and not can_preview(user, material):
        raise Http404
    return material


def similar_materials(material: Material, *, limit: int = 4) -> list[Material]:
    """Other published materials of the same (most specific) category, newest first."""
    result = search(
        key=INDEX_KEY,
        filters={"category": [material.category.code]},
        sort="-created",
        page_size=limit + 1,
    )
    ids = [i for i in result.ids if i != material.pk][:limit]
    return _in_order(ids)


def supplier_for_viewer(*, user, slug: str) -> Organisation:
    """A supplier's public page exists once it has a published material (or for its managers)."""
    supplier = (
        Organisation.objects.annotate(
            published=Count("materials", filter=Q(materials__status=Status.PUBLISHED))
        )
        .filter(slug=slug)
        .first()
    )
    if supplier is None:
        raise Http404
    if not supplier.published and not rules.can_manage_materials(user, supplier):
        raise Http404
    return supplier


def supplier_certificates(supplier: Organisation) -> list[dict]:
    """The certifications on the supplier's published materials: scheme, numbers, latest expiry."""
    rows = (
        MaterialCertification.objects.filter(
            material__supplier=supplier, material__status=Status.PUBLISHED
        )
        .values("certification__code", "certification__name", "number")
        .annotate(expires_on=Max("expires_on"), materials=Count("material", distinct=True))
        .order_by("certification__name", "number")
    )
    return [
        {
            "code": row["certification__code"],
            "name": row["certification__name"],
            "number": row["number"],
            "expires_on": row["expires_on"],
            "materials": row["materials"],
        }
        for row in rows
    ]


def supplier_materials(supplier: Organisation, *, limit: int = 48) -> tuple[int, list[Material]]:
    queryset = card_queryset().filter(supplier=supplier).order_by("-published_at", "-id")
    return queryset.count(), list(queryset[:limit])


def supplier_sample_stats(supplier: Organisation) -> dict | None:
    """HOOK for the sample requests (helper-mat-samples): {"response_hours": float | None,
    "acceptance_rate": float | None (0..1), "requests": int}, or None while sample requests do not
    exist yet. The pages show nothing when this is None."""
    try:
        from bridge.materials.selectors import samples as selectors_samples
    except ImportError:
        return None
    stats = getattr(selectors_samples, "supplier_sample_stats", None)
    return stats(supplier=supplier) if callable(stats) else None
