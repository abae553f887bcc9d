"""Prices in the reader's currency: the latest staff-entered rates, conversion and rounding."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from bridge.materials.models import ExchangeRate
from bridge.materials.vocabulary import Currency

CURRENCIES = tuple(Currency.values)
LANGUAGE_CURRENCY = {"ru": "RUB", "uz": "UZS", "en": "USD"}


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
