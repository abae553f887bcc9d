"""Money and numbers written the way the reader's language writes them (CLDR data via Babel):
1 990,00 ₽ in Russian, 125 000 soʻm in Uzbek, $12.50 in English."""

import copy
from decimal import Decimal, InvalidOperation

from babel.core import Locale, UnknownLocaleError
from babel.numbers import format_currency, format_decimal
from django.utils.translation import get_language, to_locale

CURRENCIES = ("RUB", "UZS", "USD", "EUR")


def babel_locale(language: str | None = None) -> str:
    code = to_locale(language or get_language() or "ru")
    return code


def _decimal(value) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None


def format_money(amount, currency: str, *, language: str | None = None) -> str:
    number = _decimal(amount)
    if number is None:
        return ""
    try:
        locale = Locale.parse(babel_locale(language))
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en")
    if number != number.to_integral_value():
        return format_currency(number, currency, locale=locale)
    # Whole amounts drop their kopecks and tiyin: 125 000 soʻm, not 125 000,00 soʻm.
    pattern = copy.copy(locale.currency_formats["standard"])
    pattern.frac_prec = (0, 0)
    return pattern.apply(number, locale, currency=currency, currency_digits=False)


def format_number(value, *, language: str | None = None) -> str:
    number = _decimal(value)
    if number is None:
        return ""
    try:
        return format_decimal(number, locale=babel_locale(language))
    except UnknownLocaleError:
        return format_decimal(number, locale="en")
