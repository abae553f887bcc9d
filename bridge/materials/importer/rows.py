"""Check one data row of an import and turn it into typed values.

Each problem is reported as (column, message); a row with any problem yields no values.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django_countries import countries

from bridge.materials.services.materials import composition_errors
from bridge.materials.terms import Term, term
from bridge.materials.vocabulary import (
    CURRENCY_ALIASES,
    NO,
    UNIT_ALIASES,
    YES,
    Currency,
    Language,
)
from bridge.search.analysis.detect import detect_language

_APOSTROPHES = str.maketrans({"'": "ʻ", "’": "ʻ", "‘": "ʻ", "`": "ʻ", "ʼ": "ʻ", "ʹ": "ʻ"})
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_PERCENT = re.compile(r"^(?P<name>.*?)[\s:]*(?P<percent>\d+(?:[.,]\d+)?)\s*%?$")
_PERCENT_FIRST = re.compile(r"^(?P<percent>\d+(?:[.,]\d+)?)\s*%\s*(?P<name>.+)$")
_LIMITS = {
    "sku": 64,
    "name": 200,
    "origin_region": 120,
    "name_ru": 200,
    "name_uz": 200,
    "name_en": 200,
}
_LANGUAGES = {code.lower(): code for code in Language.values}
_COUNTRY_CODES = {code for code, _name in countries}


def fold(value: str) -> str:
    return _SPACES.sub(" ", value.translate(_APOSTROPHES)).strip().casefold()


def split_list(value: str) -> list[str]:
    parts = re.split(r"[;,]", value)
    return list(dict.fromkeys(p.strip() for p in parts if p.strip()))


@dataclass
class ParsedRow:
    row: int
    supplier: str
    country: str
    sku: str
    values: dict = field(default_factory=dict)  # Material field → value
    fibres: list[tuple[Term, Decimal]] = field(default_factory=list)
    certifications: list[str] = field(default_factory=list)  # certification codes
    # (column, message): words kept as written because the thesaurus does not know them
    warnings: list[tuple[str, str]] = field(default_factory=list)


class RowChecker:
    """Knows the categories and certifications, so checking a row asks the database nothing."""

    def __init__(self, *, categories: dict[str, int], certifications: dict[str, str]) -> None:
        self.categories = categories  # code → id
        self.certifications = certifications  # folded code or name → code

    def _decimal(self, raw: str, column: str, errors, *, required: bool, digits: int = 12,
                 places: int = 2, positive: bool = False) -> Decimal | None:  # fmt: skip
        raw = _SPACES.sub("", raw)
        if not raw:
            if required:
                errors.append((column, _("This value is required.")))
            return None
        if "," in raw:
            raw = raw.replace(",", "") if "." in raw else raw.replace(",", ".")
        try:
            value = Decimal(raw)
        except InvalidOperation:
            errors.append((column, _("“%(value)s” is not a number.") % {"value": raw[:40]}))
            return None
        if not value.is_finite():
            errors.append((column, _("“%(value)s” is not a number.") % {"value": raw[:40]}))
            return None
        if value < 0 or (positive and value == 0):
            errors.append(
                (column, _("The value must be more than zero.") if positive
                 else _("The value cannot be negative."))
            )  # fmt: skip
            return None
        value = value.quantize(Decimal(1).scaleb(-places))
        if value >= Decimal(10) ** (digits - places):
            errors.append((column, _("The value is too large.")))
            return None
        return value

    def check(self, row_number: int, get) -> tuple[ParsedRow | None, list[tuple[str, str]]]:
        """`get(column)` returns the cell's text ("" when absent)."""
        errors: list[tuple[str, str]] = []
        values: dict = {}
        for column in ("supplier", "sku", "name", "description"):
            if not get(column):
                errors.append((column, _("This value is required.")))
        for column, limit in _LIMITS.items():
            if len(get(column)) > limit:
                errors.append(
                    (column, _("At most %(limit)d characters, please.") % {"limit": limit})
                )

        category = get("category").strip().lower()
        if not category:
            errors.append(("category", _("This value is required.")))
        elif category not in self.categories:
            errors.append(
                ("category", _("“%(value)s” is not a category code.") % {"value": category[:40]})
            )
        else:
            values["category_id"] = self.categories[category]

        country = get("country").strip().upper()
        if not country:
            errors.append(("country", _("This value is required.")))
        elif country not in _COUNTRY_CODES:
            errors.append(
                (
                    "country",
                    _("“%(value)s” is not a two-letter country code (such as UZ or RU).")
                    % {"value": country[:20]},
                )
            )
        values["origin_country"] = country

        values["price"] = self._decimal(get("price"), "price", errors, required=True, digits=14,
                                        positive=True)  # fmt: skip
        currency = CURRENCY_ALIASES.get(fold(get("currency")).upper())
        if not get("currency"):
            errors.append(("currency", _("This value is required.")))
        elif currency is None:
            errors.append(
                (
                    "currency",
                    _("“%(value)s” is not a currency we accept (%(choices)s).")
                    % {"value": get("currency")[:20], "choices": ", ".join(Currency.values)},
                )
            )
        values["currency"] = currency
        unit = UNIT_ALIASES.get(fold(get("unit")).rstrip("."))
        if not get("unit"):
            errors.append(("unit", _("This value is required.")))
        elif unit is None:
            errors.append(
                (
                    "unit",
                    _("“%(value)s” is not a unit we accept (m, kg, piece, m2).")
                    % {"value": get("unit")[:20]},
                )
            )
        values["unit"] = unit
        values["moq"] = self._decimal(get("moq"), "moq", errors, required=True, positive=True)
        lead = get("lead_time_days").strip()
        if not lead:
            errors.append(("lead_time_days", _("This value is required.")))
        elif not lead.isdigit() or int(lead) > 3650:
            errors.append(
                ("lead_time_days", _("Give the lead time as a whole number of days (0–3650)."))
            )
        else:
            values["lead_time_days"] = int(lead)

        for column in ("width_cm", "weight_gsm", "thickness_mm"):
            values[column] = self._decimal(get(column), column, errors, required=False, digits=8)
        values["sample_price"] = self._decimal(get("sample_price"), "sample_price", errors,
                                               required=False)  # fmt: skip

        sample = fold(get("sample_available"))
        if sample in YES:
            values["sample_available"] = True
        elif sample in NO:
            values["sample_available"] = False
        else:
            errors.append(("sample_available", _("Write yes or no.")))

        fibres = self._composition(get("composition"), errors)
        certifications = self._certifications(get("certifications"), errors)

        language = get("language").strip()
        if language:
            code = _LANGUAGES.get(language.lower())
            if code is None:
                errors.append(
                    ("language", _("“%(value)s” is not one of ru, uz, uz-Cyrl, en.")
                     % {"value": language[:20]})
                )  # fmt: skip
            values["language"] = code
        elif get("name"):
            values["language"] = detect_language(f"{get('name')}\n{get('description')}")

        if errors:
            return None, errors
        techniques = split_list(get("technique"))
        colours = split_list(get("colors"))
        warnings = [
            ("composition", _unknown(fibre.written, "composition"))
            for fibre, _share in fibres
            if not fibre.known
        ]
        for column, kind, words in (("technique", "technique", techniques),
                                    ("colors", "colour", colours)):  # fmt: skip
            warnings += [(column, _unknown(w, column)) for w in words if not term(w, kind).known]
        values.update(
            name=get("name"),
            description=get("description"),
            techniques=techniques,
            colours=colours,
            origin_region=get("origin_region"),
            sustainability_notes=get("sustainability"),
            name_ru=get("name_ru"),
            name_uz=get("name_uz"),
            name_en=get("name_en"),
            description_ru=get("description_ru"),
            description_uz=get("description_uz"),
            description_en=get("description_en"),
        )
        return (
            ParsedRow(
                row=row_number,
                supplier=get("supplier"),
                country=country,
                sku=get("sku"),
                values=values,
                fibres=fibres,
                certifications=certifications,
                warnings=warnings,
            ),
            [],
        )

    def _composition(self, raw: str, errors) -> list[tuple[Term, Decimal]]:
        fibres: list[tuple[Term, Decimal]] = []
        for part in (p for p in raw.split(";") if p.strip()):
            match = _PERCENT_FIRST.match(part.strip()) or _PERCENT.match(part.strip())
            name = match.group("name").strip(" :-") if match else ""
            if match is None or not name:
                errors.append(
                    ("composition", _("Write the composition as “silk 70%; cotton 30%”."))
                )
                return []
            fibres.append((term(name, "fibre"), Decimal(match.group("percent").replace(",", "."))))
        for message in composition_errors(fibres):
            errors.append(("composition", message))
        return fibres

    def _certifications(self, raw: str, errors) -> list[str]:
        codes = []
        for part in (p.strip() for p in raw.split(";") if p.strip()):
            code = self.certifications.get(fold(part))
            if code is None:
                errors.append(
                    (
                        "certifications",
                        _("“%(value)s” is not a certification we know.") % {"value": part[:60]},
                    )
                )
            elif code not in codes:
                codes.append(code)
        return codes


def _unknown(word: str, column: str) -> str:
    messages = {
        "composition": _("“%(value)s” is not a fibre the thesaurus knows; it is kept as written."),
        "technique": _(
            "“%(value)s” is not a technique the thesaurus knows; it is kept as written."
        ),
        "colors": _("“%(value)s” is not a colour the thesaurus knows; it is kept as written."),
    }
    return messages[column] % {"value": word[:60]}
