"""Money and numbers written the way the reader's language writes them (CLDR data via Babel):
1 990,00 ₽ in Russian, 125 000 soʻm in Uzbek, $12.50 in English."""

import copy
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel.core import Locale, UnknownLocaleError
from babel.numbers import format_currency, format_decimal
from django.utils.translation import get_language, to_locale

CURRENCIES = ("RUB", "UZS", "USD", "EUR", "KZT", "CNY")


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
    return _money(str(number), currency, babel_locale(language))


# A catalog page writes ~50 prices; Babel parses the locale and the pattern for each (a quarter
# of the time of the catalog's cards). The result depends on nothing else, so it is kept.
@lru_cache(maxsize=8192)
def _money(amount: str, currency: str, locale_code: str) -> str:
    number = Decimal(amount)
    try:
        locale = Locale.parse(locale_code)
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
    return _number(str(number), babel_locale(language))


@lru_cache(maxsize=8192)
def _number(value: str, locale_code: str) -> str:
    try:
        return format_decimal(Decimal(value), locale=locale_code)
    except UnknownLocaleError:
        return format_decimal(Decimal(value), locale="en")
