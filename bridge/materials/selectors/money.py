"""Prices in the reader's currency: the rates in use (the central banks' daily rates, or one
staff entered), conversion and rounding, and whether the rates have gone stale."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from bridge.core.versions import Memo
from bridge.materials.models import ExchangeRate
from bridge.materials.vocabulary import Currency

CURRENCIES = tuple(Currency.values)
LANGUAGE_CURRENCY = {"ru": "RUB", "uz": "UZS", "en": "USD"}
# Banks publish on working days only, so a weekend leaves Friday's rate in use until Monday:
# only a rate older than this is called stale.
STALE_AFTER = timedelta(days=3)
# Currencies whose small coins nobody prices in: converted prices show whole units.
WHOLE_UNITS = ("UZS", "RUB", "KZT")


@dataclass(frozen=True)
class Rates:
    """Currency → US dollars per unit (the rate in use), the date of the oldest rate in use
    (what the page says prices are "as of"), and each rate's source."""

    to_usd: dict[str, Decimal]
    as_of: date | None = None
    sources: dict[str, str] = field(default_factory=dict)
    today: date | None = None

    @property
    def stale(self) -> bool:
        """True when a rate in use is more than three days older than the day shown."""
        if self.as_of is None or self.today is None:
            return False
        return self.today - self.as_of > STALE_AFTER

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


def exchange_rates(on: date | None = None) -> Rates:
    """The rates in use on the day ``on`` (today when None): a price shown on a past day is
    explained by ``exchange_rates(on=that day)``. Every catalog page and API answer asks for
    them: they are read once per day and per change of the catalog's data (bridge.core.versions),
    which saved 1.2–1.8 ms a request on PostgreSQL (issue 14, docs/benchmarks.md). The Rates
    are shared between requests: read only."""
    return _rates_of_the_day(on or timezone.localdate())


def _read_rates(today: date) -> Rates:
    in_use = ExchangeRate.in_use(on=today)
    to_usd = {currency: rate for currency, (rate, _day, _source) in in_use.items()}
    to_usd[Currency.USD] = Decimal(1)
    return Rates(
        to_usd,
        as_of=min((day for _rate, day, _source in in_use.values()), default=None),
        sources={currency: source for currency, (_rate, _day, source) in in_use.items()},
        today=today,
    )


_rates_of_the_day = Memo(["materials"], _read_rates)


def rounded(amount: Decimal | None, currency: str) -> Decimal | None:
    """Converted prices to whole units of a weak currency, else to cents."""
    if amount is None:
        return None
    step = Decimal(1) if currency in WHOLE_UNITS and amount >= 100 else Decimal("0.01")
    return amount.quantize(step, rounding=ROUND_HALF_UP)


def default_currency(language: str | None) -> str:
    return LANGUAGE_CURRENCY.get((language or "")[:2], "USD")
