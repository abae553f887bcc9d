"""The central banks' daily exchange rates: where they are published, how to read them, and how
to turn them into US dollars per unit (docs/decisions/0011).

- The Central Bank of Russia: XML in windows-1251, ``<ValCurs Date="dd.mm.yyyy">`` holding one
  ``<Valute>`` per currency with ``CharCode``, ``Nominal`` and ``Value`` (roubles for Nominal
  units, comma decimals: ``<Nominal>100</Nominal><Value>15,3571</Value>`` for the tenge).
- The Central Bank of Uzbekistan: a JSON list of objects with ``Ccy``, ``Nominal``, ``Rate``
  (soʻm for Nominal units, dot decimals, as strings) and ``Date`` ("dd.mm.yyyy").

Both quote in their own currency, so each gives every wanted currency against the US dollar
through its own rate for the dollar. Nothing here writes; services.rates stores the result.
"""

from __future__ import annotations

import json
import re
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

CBR_URL = "https://www.cbr.ru/scripts/XML_daily.asp"
CBU_URL = "https://cbu.uz/uz/arkhiv-kursov-valyut/json/"
WANTED = ("RUB", "UZS", "USD", "EUR", "KZT", "CNY")
MAX_BYTES = 1_000_000  # a day's file is ~10 kB; anything far larger is not a rates file
TIMEOUT_SECONDS = 20
DAY_FORMAT = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})")

Fetch = Callable[[str], bytes]


class SourceError(Exception):
    """A source could not be read: unreachable, not its format, or without a dollar rate."""


@dataclass(frozen=True)
class Quote:
    """A bank's rates for one day, in US dollars per unit; what it lacked, in ``missing``."""

    source: str
    day: date
    to_usd: dict[str, Decimal]
    missing: tuple[str, ...] = ()
    problems: list[str] = field(default_factory=list)


def http_get(url: str) -> bytes:
    if not url.startswith("https://"):
        raise SourceError(f"only https sources are read, not {url[:60]!r}")
    request = urllib.request.Request(  # noqa: S310 (https only, checked above)
        url, headers={"User-Agent": "CreativeBridge/1 (rates)"}
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
        body = response.read(MAX_BYTES + 1)
    if len(body) > MAX_BYTES:
        raise SourceError(f"{url} sent more than {MAX_BYTES} bytes")
    return body


def number(text: str | None) -> Decimal | None:
    """A positive amount written with a comma or a dot; None when it is not one."""
    try:
        value = Decimal((text or "").strip().replace("\xa0", "").replace(" ", "").replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() and value > 0 else None


def day_of(text: str | None) -> date:
    """A calendar day written dd.mm.yyyy (a day, not a moment: no time zone applies)."""
    found = DAY_FORMAT.fullmatch((text or "").strip())
    try:
        return date(int(found[3]), int(found[2]), int(found[1]))
    except (TypeError, ValueError):
        raise SourceError(f"not a dd.mm.yyyy date: {str(text)[:40]!r}") from None


def in_dollars(source: str, day: date, home: str, per_unit: dict[str, Decimal], problems) -> Quote:
    """``per_unit``: units of the bank's ``home`` currency for one unit of each currency."""
    dollar = per_unit.get("USD")
    if dollar is None:
        raise SourceError("no rate for the US dollar")
    to_usd = {home: Decimal(1) / dollar}
    for currency in WANTED:
        if currency not in (home, "USD") and currency in per_unit:
            to_usd[currency] = per_unit[currency] / dollar
    to_usd["USD"] = Decimal(1)
    missing = tuple(c for c in WANTED if c not in to_usd)
    return Quote(source, day, to_usd, missing, problems)


def parse_cbr(body: bytes) -> Quote:
    """The Russian bank's XML_daily.asp (the XML declaration names its encoding)."""
    # The bank's file never declares a DTD; refusing one leaves no entities to expand, which
    # is what makes the standard library's parser safe on text from the network.
    if b"<!DOCTYPE" in body.upper() or b"<!ENTITY" in body.upper():
        raise SourceError("a DTD in the rates file")
    try:
        root = ET.fromstring(body)  # noqa: S314 (no DTD, checked above)
    except ET.ParseError as error:
        raise SourceError(f"not XML: {error}") from None
    if root.tag != "ValCurs":
        raise SourceError(f"expected <ValCurs>, found <{root.tag[:40]}>")
    day = day_of(root.get("Date"))
    per_unit, problems = {}, []
    for valute in root.iter("Valute"):
        code = (valute.findtext("CharCode") or "").strip().upper()
        if code not in WANTED:
            continue
        value, nominal = number(valute.findtext("Value")), number(valute.findtext("Nominal"))
        if value is None or nominal is None:
            problems.append(f"{code}: unreadable value or nominal")
            continue
        per_unit[code] = value / nominal
    return in_dollars("cbr", day, "RUB", per_unit, problems)


def parse_cbu(body: bytes) -> Quote:
    """The Uzbek bank's JSON list (UTF-8)."""
    try:
        rows = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise SourceError(f"not JSON: {error}") from None
    if not isinstance(rows, list):
        raise SourceError("expected a JSON list of currencies")
    per_unit, problems, days = {}, [], set()
    for row in rows:
        if not isinstance(row, dict):
            continue
        code = str(row.get("Ccy") or "").strip().upper()
        if code not in WANTED:
            continue
        rate, nominal = number(str(row.get("Rate", ""))), number(str(row.get("Nominal", "")))
        if rate is None or nominal is None:
            problems.append(f"{code}: unreadable rate or nominal")
            continue
        days.add(day_of(str(row.get("Date", ""))))
        per_unit[code] = rate / nominal
    if not days:
        raise SourceError("no currency we need in the list")
    if len(days) > 1:
        raise SourceError(f"rates of several days in one list: {sorted(days)}")
    return in_dollars("cbu", days.pop(), "UZS", per_unit, problems)


SOURCES: dict[str, tuple[str, Callable[[bytes], Quote]]] = {
    "cbr": (CBR_URL, parse_cbr),
    "cbu": (CBU_URL, parse_cbu),
}


def quote(source: str, fetch: Fetch = http_get) -> Quote:
    """Fetch and read one source; every failure is a SourceError with a reason."""
    url, parse = SOURCES[source]
    try:
        body = fetch(url)
    except SourceError:
        raise
    except Exception as error:  # network, TLS, HTTP status: all mean "not today"
        raise SourceError(f"could not fetch {url}: {error}") from None
    return parse(body)
