"""Reads for the public catalog: search with facets and their labels. Views and the API both call
these, so the page and the API cannot drift."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from bridge.accounts.models import Organisation
from bridge.core.country_names import country_name
from bridge.core.versions import Memo
from bridge.materials.models import (
    Certification,
    Material,
)
from bridge.materials.selectors.materials import category_tree, in_order
from bridge.materials.selectors.money import Rates
from bridge.materials.terms import term_label
from bridge.materials.vocabulary import PRICE_BANDS
from bridge.search.selectors import search

INDEX_KEY = "materials"
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
        materials=in_order(result.ids),
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


# A small table that labels every search's facets, like the categories (category_tree): read
# once per change of the catalog's data, not in a query a request. Suppliers are many: asked
# for by slug.
_certifications = Memo(
    ["materials"], lambda: dict(Certification.objects.values_list("code", "name"))
)


def facet_labels(
    raw: dict[str, list[tuple[str, int]]], filters: CatalogFilters, rates: Rates
) -> dict[str, list[FacetValue]]:
    from django.utils.translation import gettext as _

    codes = {name: [value for value, _count in raw.get(name, [])] for name in FACETS}
    categories, certifications = category_tree().by_code, _certifications()
    suppliers = dict(
        Organisation.objects.filter(slug__in=codes["supplier"]).values_list("slug", "name")
    )
    band_order = [label for _upper, label in PRICE_BANDS] + ["100+"]

    def label(name: str, value: str) -> str:
        if name == "category":
            return categories[value].name() if value in categories else value
        if name == "country":
            return country_name(value) or value
        if name == "supplier":
            return suppliers.get(value, value)
        if name == "certification":
            return certifications.get(value, value)
        if name in ("fibre", "technique"):
            return term_label(value, value)
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
