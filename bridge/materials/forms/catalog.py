"""The catalog's query string, read leniently: a bad number is reported beside its field and
ignored, unknown codes simply match nothing; nothing a reader types can break the page."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bridge.materials.selectors.catalog import LIST_FACETS, CatalogFilters
from bridge.materials.selectors.money import CURRENCIES
from bridge.materials.selectors.properties import measure_keys

MAX_Q = 200
MAX_VALUES = 20
MAX_MEASURES = 12
BOUNDS = ("min", "max")
LEAD_TIMES = (7, 14, 30, 60, 90)
SORT_CHOICES = [
    ("relevance", _("Best match")),
    ("price", _("Price: low to high")),
    ("-price", _("Price: high to low")),
    ("newest", _("Newest")),
]


class CatalogForm(forms.Form):
    q = forms.CharField(required=False, strip=True)
    sort = forms.ChoiceField(choices=SORT_CHOICES, required=False)
    currency = forms.ChoiceField(choices=[(c, c) for c in CURRENCIES], required=False)
    price_min = forms.DecimalField(
        label=_("from"), required=False, min_value=0, max_digits=16, decimal_places=4
    )
    price_max = forms.DecimalField(
        label=_("to"), required=False, min_value=0, max_digits=16, decimal_places=4
    )
    moq_max = forms.DecimalField(
        label=_("Minimum order at most"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )
    lead_max = forms.TypedChoiceField(
        label=_("Lead time at most"),
        choices=[("", _("any"))] + [(str(d), d) for d in LEAD_TIMES],
        coerce=int,
        required=False,
        empty_value=None,
    )
    sample = forms.BooleanField(label=_("Sample available"), required=False)

    def __init__(self, data, *, currency: str):
        super().__init__(data)
        self.currency = currency
        self.fields["lead_max"].choices = [("", _("any"))] + [
            (str(d), _("%(days)s days") % {"days": d}) for d in LEAD_TIMES
        ]
        self.is_valid()  # fills cleaned_data with the good fields; errors stay for display
        self.measure_values, self.measure_errors = self._measures()

    def _measures(self) -> tuple[dict[str, tuple], dict[str, list[str]]]:
        """``<key>_min`` / ``<key>_max`` of the numeric properties: key → (at least, at most),
        and the messages of the bad ones by URL name (those bounds are ignored)."""
        asked = {
            name.rsplit("_", 1)[0]
            for name in list(self.data)[:200]
            if name.rsplit("_", 1)[-1] in BOUNDS and self.data.get(name, "").strip()
        }
        values: dict[str, tuple] = {}
        errors: dict[str, list[str]] = {}
        field = forms.DecimalField(max_digits=14, decimal_places=4)
        for key in sorted(measure_keys(asked))[:MAX_MEASURES]:
            bounds: list[Decimal | None] = []
            for bound in BOUNDS:
                raw = self.data.get(f"{key}_{bound}", "").strip()[:40]
                try:
                    bounds.append(field.clean(raw) if raw else None)
                except ValidationError as error:
                    errors[f"{key}_{bound}"] = list(error.messages)
                    bounds.append(None)
            if any(b is not None for b in bounds):
                values[key] = tuple(bounds)
        return values, errors

    def clean_q(self) -> str:
        return (self.cleaned_data.get("q") or "")[:MAX_Q]

    def _values(self, name: str) -> list[str]:
        values = [v.strip()[:100] for v in self.data.getlist(name) if v.strip()]
        return list(dict.fromkeys(values))[:MAX_VALUES]

    def filters(self) -> CatalogFilters:
        data = self.cleaned_data
        return CatalogFilters(
            q=data.get("q", ""),
            sort=data.get("sort") or "relevance",
            currency=self.currency,
            price_min=data.get("price_min"),
            price_max=data.get("price_max"),
            moq_max=data.get("moq_max"),
            lead_max=data.get("lead_max"),
            sample=bool(data.get("sample")),
            measures=self.measure_values,
            **{name: self._values(name) for name in LIST_FACETS},
        )


def page_number(value) -> int:
    """`?page=` as a number; anything odd is the first page (the selector clamps the rest)."""
    try:
        return max(1, int(str(value)[:12]))
    except (TypeError, ValueError):
        return 1
