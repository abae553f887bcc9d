"""Writes of exchange rates: the daily fetch from the central banks, and a rate staff enter by
hand. Every day's rate is kept; nothing is deleted, so when both banks fail the last good rates
simply stay in use (and the pages say so after three days, selectors.money.Rates.stale)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bridge.core.audit import audit_log
from bridge.materials.banks import SOURCES, Fetch, Quote, SourceError, http_get, quote
from bridge.materials.models import ExchangeRate, RateSource
from bridge.materials.rules import materials as rules
from bridge.materials.vocabulary import Currency

logger = logging.getLogger(__name__)

# A bank's rate this far from the one in use is held back for staff to look at: a unit
# mistake (a Nominal of 100 read as 1) moves a rate a hundredfold, a market rarely moves a
# quarter in a day.
MAX_JUMP = Decimal("0.25")
RATE_LIMITS = (Decimal("1e-9"), Decimal("1e9"))


@dataclass
class SourceReport:
    source: str
    day: date | None = None
    stored: list[str] = field(default_factory=list)
    held_back: list[str] = field(default_factory=list)
    missing: tuple[str, ...] = ()
    error: str = ""

    def __str__(self) -> str:
        if self.error:
            return f"{self.source}: failed ({self.error})"
        parts = [f"{self.source} {self.day}: stored {', '.join(self.stored) or 'nothing'}"]
        if self.held_back:
            parts.append(f"held back {', '.join(self.held_back)}")
        if self.missing:
            parts.append(f"missing {', '.join(self.missing)}")
        return "; ".join(parts)


def earlier_rates(source: str, day: date) -> dict[str, Decimal]:
    """The source's own latest rate of each currency before ``day``: a bank is compared with
    itself, so a hand-entered rate far off the market cannot hold the bank's rates back."""
    earlier: dict[str, Decimal] = {}
    rows = ExchangeRate.objects.filter(source=source, date__lt=day).order_by("currency", "-date")
    for currency, rate in rows.values_list("currency", "rate_to_usd"):
        earlier.setdefault(currency, rate)
    return earlier


def jumped(rate: Decimal, previous: Decimal | None) -> bool:
    return previous is not None and abs(rate - previous) / previous > MAX_JUMP


def store_quote(found: Quote, report: SourceReport) -> None:
    report.day, report.missing = found.day, found.missing
    earlier = earlier_rates(found.source, found.day)
    with transaction.atomic():
        for currency, rate in sorted(found.to_usd.items()):
            if currency == Currency.USD:
                continue
            rate = rate.quantize(Decimal("1e-10"))
            if not RATE_LIMITS[0] <= rate <= RATE_LIMITS[1] or jumped(rate, earlier.get(currency)):
                report.held_back.append(currency)
                continue
            ExchangeRate.objects.update_or_create(
                currency=currency,
                date=found.day,
                source=found.source,
                defaults={"rate_to_usd": rate},
            )
            report.stored.append(currency)


def exchange_rates_fetch(*, fetch: Fetch = http_get) -> list[SourceReport]:
    """Fetch both banks' rates of the day and keep them. Safe to run again: a day's rate from
    a source is updated in place. A failing source is reported and leaves the stored rates
    as they were."""
    reports = []
    for source in SOURCES:
        report = SourceReport(source)
        try:
            store_quote(quote(source, fetch), report)
        except SourceError as error:
            report.error = str(error)
            logger.warning("Exchange rates from %s: %s", source, error)
        else:
            if report.held_back:
                logger.warning("Exchange rates held back: %s", report)
        reports.append(report)
    return reports


def exchange_rates_tick() -> str:
    """The daily periodic job."""
    return "; ".join(str(report) for report in exchange_rates_fetch())


def rate_errors(*, currency: str, rate_to_usd) -> dict[str, str]:
    """What is wrong with a hand-entered rate, by field (empty when nothing)."""
    errors = {}
    if currency not in Currency.values or currency == Currency.USD:
        errors["currency"] = _("Choose a currency other than the US dollar.")
    try:
        rate = Decimal(str(rate_to_usd))
    except (InvalidOperation, ValueError):
        rate = None
    if rate is None or not rate.is_finite() or not RATE_LIMITS[0] <= rate <= RATE_LIMITS[1]:
        errors["rate_to_usd"] = _("Enter a positive number of US dollars for one unit.")
    return errors


def exchange_rate_set(*, actor, currency: str, day: date, rate_to_usd) -> ExchangeRate:
    """Staff enter the rate of a day by hand (when the banks are away, or to correct one). It
    is used before the banks' rates of the same day, and logged. `actor=None` is the platform
    itself (a command); anyone else needs the admin's permission to add or change rates."""
    if actor is not None and not rules.can_set_exchange_rates(actor):
        raise PermissionDenied
    errors = rate_errors(currency=currency, rate_to_usd=rate_to_usd)
    if errors:
        raise ValidationError(errors)
    rate = Decimal(str(rate_to_usd))
    with transaction.atomic():
        previous = ExchangeRate.objects.filter(
            currency=currency, date=day, source=RateSource.STAFF
        ).first()
        saved, _created = ExchangeRate.objects.update_or_create(
            currency=currency,
            date=day,
            source=RateSource.STAFF,
            defaults={"rate_to_usd": rate.quantize(Decimal("1e-10"))},
        )
        audit_log(
            actor=actor,
            action="exchange_rate.set",
            target=saved,
            currency=currency,
            date=day.isoformat(),
            rate_to_usd=str(saved.rate_to_usd),
            previous=str(previous.rate_to_usd) if previous else None,
        )
    return saved
