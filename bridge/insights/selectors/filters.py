"""The dashboard's filters, read from the URL: a period and a country. A value we do not know,
or one outside the figures, is ignored with a note the page shows; never an error.

Periods are whole months: `all`, `12m` (the last twelve, this one included), a year `2026` or a
quarter `2026-Q3`. Countries are ISO 3166 codes present in the figures.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from django_countries import countries

DEFAULT_PERIOD = "all"
PERIOD_RE = re.compile(r"^(?P<year>\d{4})(?:-Q(?P<quarter>[1-4]))?$")


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    key: str
    first: date  # first month (its first day)
    last: date  # last month (its first day)

    def months(self) -> list[date]:
        result, month = [], self.first
        while month <= self.last:
            result.append(month)
            month = add_months(month, 1)
        return result

    def label(self) -> str:
        if self.key == "all":
            return _("All time")
        if self.key == "12m":
            return _("The last 12 months")
        match = PERIOD_RE.match(self.key)
        if match and match["quarter"]:
            return _("Quarter %(quarter)s of %(year)s") % {
                "quarter": match["quarter"],
                "year": match["year"],
            }
        return _("The year %(year)s") % {"year": self.key}


@dataclass
class Filters:
    period: Period
    country: str = ""
    notes: list[str] = field(default_factory=list)

    def query(self, **changes) -> str:
        """The URL query of these filters (defaults left out), with `changes` applied."""
        from urllib.parse import urlencode

        values = {"period": self.period.key, "country": self.country, **changes}
        return urlencode(
            {k: v for k, v in values.items() if v and not (k == "period" and v == DEFAULT_PERIOD)}
        )

    @property
    def is_default(self) -> bool:
        return self.period.key == DEFAULT_PERIOD and not self.country


def _coverage_period(key: str, first: date, last: date) -> Period | None:
    """The period a key names, or None when the key is not a period at all."""
    if key == "all":
        return Period("all", first, last)
    if key == "12m":
        return Period("12m", add_months(last, -11), last)
    match = PERIOD_RE.match(key)
    if not match:
        return None
    year = int(match["year"])
    if not 1900 < year < 2200:
        return None
    if match["quarter"]:
        start = date(year, 3 * int(match["quarter"]) - 2, 1)
        return Period(key, start, add_months(start, 2))
    return Period(key, date(year, 1, 1), date(year, 12, 1))


def period_choices(first: date, last: date) -> list[Period]:
    """What the form offers: all time, the last 12 months, every year and quarter with figures,
    the newest first."""
    choices = [Period("all", first, last), Period("12m", add_months(last, -11), last)]
    for year in range(last.year, first.year - 1, -1):
        choices.append(_coverage_period(str(year), first, last))
    for year in range(last.year, first.year - 1, -1):
        for quarter in (4, 3, 2, 1):
            period = _coverage_period(f"{year}-Q{quarter}", first, last)
            if period.last >= first and period.first <= last:
                choices.append(period)
    return choices


def parse_filters(params, *, first: date, last: date, countries_present: list[str]) -> Filters:
    """`first` and `last` are the months with figures; `countries_present` the codes in them."""
    notes = []
    raw_period = str(params.get("period", "") or "").strip()[:20]
    period = _coverage_period(raw_period or DEFAULT_PERIOD, first, last)
    if period is None:
        notes.append(
            _("“%(value)s” is not a period we know; the figures are for all time.")
            % {"value": raw_period}
        )
        period = _coverage_period(DEFAULT_PERIOD, first, last)
    elif period.last < first or period.first > last:
        notes.append(
            _("There are no figures for %(period)s; the figures are for all time.")
            % {"period": period.label()}
        )
        period = _coverage_period(DEFAULT_PERIOD, first, last)
    raw_country = str(params.get("country", "") or "").strip()[:20]
    country = raw_country.upper()
    if country and country not in countries_present:
        if country in dict(countries):
            notes.append(
                _("There are no figures for %(country)s yet; the figures are for every country.")
                % {"country": countries.name(country)}
            )
        else:
            notes.append(
                _("“%(value)s” is not a country code we know; the figures are for every country.")
                % {"value": raw_country}
            )
        country = ""
    return Filters(period=period, country=country, notes=notes)
