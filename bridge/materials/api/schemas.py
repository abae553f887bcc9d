"""The shapes of the catalog API: its query parameters and its answers."""

from typing import Literal

from ninja import Field, Schema
from pydantic import field_validator

from bridge.core.api.schemas import CodeLabel, CountryOut, FacetValueOut, Out, decimal_in
from bridge.search.facets import MAX_FACET_VALUES

Language = Literal["ru", "uz", "en"]
Sort = Literal["relevance", "price", "-price", "newest"]


# The fixed numeric properties, filtered as ranges as on the catalog page (template properties
# of categories are filtered there only).
MEASURES = ("width_cm", "weight_gsm", "thickness_mm")
MEASURE_BOUNDS = tuple(f"{key}_{bound}" for key in MEASURES for bound in ("min", "max"))


class MaterialFilters(Schema):
    q: str = Field(
        "",
        max_length=1000,
        description="Words in any language or script (ru, uz Latin or Cyrillic, en); "
        "typos are forgiven. Empty: every published material.",
    )
    category: list[str] = Field(
        default_factory=list, description="Category codes (a parent matches its children)."
    )
    country: list[str] = Field(default_factory=list, description="Supplier country, ISO alpha-2.")
    supplier: list[str] = Field(default_factory=list, description="Supplier slugs.")
    certification: list[str] = Field(default_factory=list, description="Certification codes.")
    fibre: list[str] = Field(default_factory=list, description="Fibre codes, e.g. silk, cotton.")
    technique: list[str] = Field(default_factory=list, description="Techniques, e.g. ikat.")
    price_band: list[str] = Field(
        default_factory=list, description="USD price bands: 0-5, 5-10, 10-25, 25-50, 50-100, 100+."
    )
    sample: bool | None = Field(None, description="true: only materials with a sample.")
    currency: Literal["RUB", "UZS", "USD", "EUR"] = Field(
        "USD", description="Currency of price_min/price_max and of `price_converted`."
    )
    price_min: decimal_in(max_digits=20, decimal_places=4, blank=True) | None = None
    price_max: decimal_in(max_digits=20, decimal_places=4, blank=True) | None = None
    moq_max: decimal_in(max_digits=16, decimal_places=2, blank=True) | None = Field(
        None, description="Minimum order at most."
    )
    lead_max: int | None = Field(None, ge=0, le=3650, description="Lead time at most, days.")
    width_cm_min: decimal_in(max_digits=14, decimal_places=4, blank=True) | None = None
    width_cm_max: decimal_in(max_digits=14, decimal_places=4, blank=True) | None = None
    weight_gsm_min: decimal_in(max_digits=14, decimal_places=4, blank=True) | None = None
    weight_gsm_max: decimal_in(max_digits=14, decimal_places=4, blank=True) | None = Field(
        None, description="Weight at most, g/m²."
    )
    thickness_mm_min: decimal_in(max_digits=14, decimal_places=4, blank=True) | None = None
    thickness_mm_max: decimal_in(max_digits=14, decimal_places=4, blank=True) | None = None
    sort: Sort = "relevance"
    lang: Language | None = Field(None, description="Language of names and labels.")

    @field_validator(
        "sample", "price_min", "price_max", "moq_max", "lead_max", "lang", *MEASURE_BOUNDS,
        mode="before",
    )  # fmt: skip
    @classmethod
    def _blank_is_unset(cls, value):
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("currency", "sort", mode="before")
    @classmethod
    def _blank_is_default(cls, value, info):
        if isinstance(value, str) and not value.strip():
            return cls.model_fields[info.field_name].default
        return value.upper() if info.field_name == "currency" and isinstance(value, str) else value


class Money(Out):
    amount: str = Field(description='Decimal as a string, e.g. "125000.00".')
    currency: str


class FibreOut(Out):
    fibre: str
    label: str
    percent: str


class CertificateOut(Out):
    code: str
    name: str
    number: str
    expires_on: str | None


class SupplierRef(Out):
    slug: str
    name: str
    country: CountryOut
    url: str


class MaterialOut(Out):
    sku: str
    supplier: str = Field(description="The supplier's slug; (supplier, sku) is the key.")
    name: str = Field(description="In the requested language when translated, else as written.")
    name_original: str
    language: str
    description: str
    category: CodeLabel
    category_path: list[str]
    origin_country: CountryOut
    origin_region: str
    price: Money
    price_converted: Money | None = Field(
        description="In `currency`, at the latest staff-entered exchange rate."
    )
    unit: CodeLabel
    moq: str
    lead_time_days: int
    sample_available: bool
    sample_price: Money | None
    composition: list[FibreOut]
    certifications: list[CertificateOut]
    techniques: list[str]
    colours: list[str]
    weight_gsm: str | None
    width_cm: str | None
    thickness_mm: str | None
    image_urls: list[str]
    supplier_detail: SupplierRef
    published_at: str | None
    url: str
    api_url: str


class PropertyOut(Out):
    code: str = Field(description="The property definition's code, e.g. firing-temperature.")
    label: str = Field(description="In the requested language.")
    value: str = Field(description='Decimal as a string, e.g. "1050".')
    unit: str = Field(description='International symbol, e.g. "°C", "g/m²", "%"; "" for a score.')


class MaterialDetailOut(MaterialOut):
    properties: list[PropertyOut] = Field(
        description="The numeric properties of the category's template (beside weight_gsm, "
        "width_cm and thickness_mm), in the template's order."
    )


class MaterialHit(MaterialOut):
    highlight: dict[str, str] = Field(
        default_factory=dict,
        description="HTML-escaped `title` and `snippet` with matches in <mark>…</mark>.",
    )


class MaterialPage(Out):
    count: int
    items: list[MaterialHit]
    facets: dict[str, list[FacetValueOut]] = Field(
        description=f"Per facet, its {MAX_FACET_VALUES} most frequent values among the "
        "matches, most frequent first, and every value ticked in the filters."
    )
    suggestion: str | None = Field(description="“Did you mean”, when nothing was found.")
    approximate: bool = Field(
        False,
        description="True when the count or facet counts are estimated from a sample (a "
        "query matching a very large share of the catalog; with facet filters ticked, the "
        "count may be exact and a ticked facet's other values estimated).",
    )


class SupplierOut(Schema):
    slug: str
    name: str
    country: CountryOut
    description: str
    website: str
    logo_url: str | None
    verified: bool
    materials_count: int
    certifications: list[CertificateOut]
    sample_stats: dict | None = Field(
        description="`response_hours`, `acceptance_rate` (0..1) and `requests`, once suppliers "
        "answer sample requests; null before."
    )
    url: str
    materials_api_url: str
