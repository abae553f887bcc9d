"""Checks every way in shares (the form, the API, the import): what a listing may hold. Each
error names its field, with a translated message; nothing is written unless all pass."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_countries import countries

from bridge.partnering.vocabulary import (
    CURRENCIES,
    DESCRIPTION_MAX,
    LANGUAGE_CODES,
    MAX_KEYWORDS,
    STAGED_TYPES,
    SUMMARY_MAX,
    TITLE_MAX,
    Kind,
    ListingType,
    OrganisationKind,
    OrganisationSize,
    Sector,
    Stage,
)
from bridge.search.analysis import detect_language
from bridge.search.thesaurus import current

# What an anonymous listing may not contain: it would name its owner.
_URL = re.compile(
    r"(?:https?://|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\."
    r"(?:com|ru|uz|org|net|io|me|info|biz|tv|app|dev|studio|kz|by|ua|eu|uk|de|co|рф)\b",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(
    r"\+\s?\d[\d\s().-]{7,}\d"  # international: +998 90 123 45 67, +7 (495) 123-45-67
    r"|\b8\s?\(?\d{3}\)?[\s-]?\d{3}[\s-]?\d{2}[\s-]?\d{2}\b"  # 8 (495) 123-45-67
    r"|\b\d{2,3}[\s-]\d{3}[\s-]\d{2}[\s-]\d{2}\b"  # 90 123 45 67
)
TEXT_FIELDS = ("title", "summary", "description")
REF = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def contact_details(text: str) -> str | None:
    """ "url", "email" or "phone" when ``text`` holds one, else None."""
    if _EMAIL.search(text or ""):
        return "email"
    if _URL.search(text or ""):
        return "url"
    if _PHONE.search(text or ""):
        return "phone"
    return None


def _codes(values, allowed, field: str, errors: dict, message: str) -> list[str]:
    values = [str(v).strip() for v in (values or []) if str(v).strip()]
    unknown = [v for v in values if v not in allowed]
    if unknown:
        errors[field] = message % {"values": ", ".join(unknown[:5])}
    return list(dict.fromkeys(v for v in values if v in allowed))


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    return frozenset(countries.countries)


def countries_clean(values, field: str, errors: dict) -> list[str]:
    codes = [str(v).strip().upper() for v in (values or []) if str(v).strip()]
    known = _country_codes()
    return _codes(
        codes, known, field, errors, _("Not a country code (ISO 3166, two letters): %(values)s.")
    )


def _concepts(values, field: str, errors: dict, *, heritage: bool) -> list[str]:
    thesaurus = current()
    allowed = thesaurus.heritage_ids if heritage else thesaurus.ids
    message = (
        _("Not a heritage theme: %(values)s.") if heritage else _("Not a keyword: %(values)s.")
    )
    return _codes(values, allowed, field, errors, message)


def _decimal(value, field: str, errors: dict) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).replace(" ", "").replace(",", "."))
    except InvalidOperation:
        errors[field] = _("Enter a whole number.")
        return None
    if not number.is_finite() or number < 0 or number >= Decimal(10) ** 14:
        errors[field] = _("Enter a whole number.")
        return None
    return number.quantize(Decimal(1))


def _text(fields: dict, name: str, limit: int, errors: dict, *, required: bool) -> str:
    value = (fields.get(name) or "").strip()
    if "\x00" in value:
        value = value.replace("\x00", "")
    if required and not value:
        errors[name] = _("This field is required.")
    elif len(value) > limit:
        errors[name] = _("At most %(limit)d characters (now %(count)d).") % {
            "limit": limit,
            "count": len(value),
        }
    return value


def listing_fields_clean(fields: dict) -> dict:
    """The cleaned fields of a listing, or a ValidationError by field."""
    errors: dict[str, str] = {}
    out: dict = {}
    out["kind"] = fields.get("kind")
    if out["kind"] not in Kind.values:
        errors["kind"] = _("Choose offer or request.")
    out["type"] = fields.get("type")
    if out["type"] not in ListingType.values:
        errors["type"] = _("Choose a type from the list.")
    out["title"] = _text(fields, "title", TITLE_MAX, errors, required=True)
    out["summary"] = _text(fields, "summary", SUMMARY_MAX, errors, required=True)
    out["description"] = _text(fields, "description", DESCRIPTION_MAX, errors, required=False)
    out["sectors"] = _codes(
        fields.get("sectors"), Sector.values, "sectors", errors, _("Not a sector: %(values)s.")
    )
    if not out["sectors"] and "sectors" not in errors:
        errors["sectors"] = _("Choose at least one sector.")
    language = fields.get("language") or ""
    if language and language not in LANGUAGE_CODES:
        errors["language"] = _("Choose ru, uz, uz-Cyrl or en.")
    text = "\n".join(out[name] for name in TEXT_FIELDS)
    out["language"] = language or (detect_language(text) if text.strip() else "ru")
    out["keywords"] = _concepts(fields.get("keywords"), "keywords", errors, heritage=False)
    if len(out["keywords"]) > MAX_KEYWORDS:
        errors["keywords"] = _("Choose at most %(count)d keywords.") % {"count": MAX_KEYWORDS}
    out["heritage"] = _concepts(fields.get("heritage"), "heritage", errors, heritage=True)
    out["countries_sought"] = countries_clean(
        fields.get("countries_sought"), "countries_sought", errors
    )
    out["partner_kinds"] = _codes(
        fields.get("partner_kinds"),
        OrganisationKind.values,
        "partner_kinds",
        errors,
        _("Not a kind of organisation: %(values)s."),
    )
    out["partner_sizes"] = _codes(
        fields.get("partner_sizes"),
        OrganisationSize.values,
        "partner_sizes",
        errors,
        _("Not a size of organisation: %(values)s."),
    )
    out["anonymous"] = bool(fields.get("anonymous"))
    out["open_for_interest"] = bool(fields.get("open_for_interest", True))
    _staged(fields, out, errors)
    if out["anonymous"]:
        for name in TEXT_FIELDS:
            found = contact_details(out[name])
            if found and name not in errors:
                errors[name] = {
                    "url": _("An anonymous listing may not contain web addresses."),
                    "email": _("An anonymous listing may not contain e-mail addresses."),
                    "phone": _("An anonymous listing may not contain phone numbers."),
                }[found]
    if errors:
        raise ValidationError(errors)
    return out


def _staged(fields: dict, out: dict, errors: dict) -> None:
    """Stage and budget belong to co-production, publishing and investment only."""
    if out["type"] not in STAGED_TYPES:
        out.update(stage="", budget_min=None, budget_max=None, currency="")
        return
    out["stage"] = fields.get("stage") or ""
    if out["stage"] and out["stage"] not in Stage.values:
        errors["stage"] = _("Choose a stage from the list.")
    out["budget_min"] = _decimal(fields.get("budget_min"), "budget_min", errors)
    out["budget_max"] = _decimal(fields.get("budget_max"), "budget_max", errors)
    out["currency"] = (fields.get("currency") or "").strip().upper()
    low, high = out["budget_min"], out["budget_max"]
    if low is not None and high is not None and low > high and "budget_max" not in errors:
        errors["budget_max"] = _("The upper end must not be below the lower end.")
    if ((low is not None or high is not None) and out["currency"] not in CURRENCIES) or (
        out["currency"] and out["currency"] not in CURRENCIES
    ):
        errors["currency"] = _("Choose the currency of the budget.")
    if low is None and high is None and "currency" not in errors:
        out["currency"] = out["currency"] if out["currency"] in CURRENCIES else ""


def ref_clean(value: str) -> str:
    value = (value or "").strip()
    if not REF.match(value):
        raise ValidationError(
            {"ref": _("Use 1 to 64 letters, digits, dots, dashes or underscores.")}
        )
    return value
