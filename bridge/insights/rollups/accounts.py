"""Organisations: registered (by country and by sector) and verified."""

from collections import Counter

from django.db.models import Count, Min

from bridge.accounts.models import Organisation, Verification
from bridge.insights.rollups.dates import as_day, day_start, local_day
from bridge.insights.rollups.registry import (
    FLOW,
    STOCK,
    Output,
    Source,
    Stat,
    Window,
    flow_rows,
    stock_series,
)

COUNTRY = ("country",)
COUNTRY_SECTOR = ("country", "sector")


class AccountsSource(Source):
    key = "accounts"
    stats = (
        Stat("organisations.registered", FLOW, COUNTRY),
        Stat("organisations.total", STOCK, COUNTRY),
        # An organisation of several sectors counts once in each: do not add sectors up.
        Stat("organisations.by_sector", STOCK, COUNTRY_SECTOR),
        Stat("organisations.verified", STOCK, COUNTRY),
    )

    def compute(self, window: Window) -> Output:
        since = day_start(window.start)
        organisations = Organisation.objects.all()
        registered = Counter(
            {
                (row["day"], (str(row["country"]),)): row["n"]
                for row in organisations.filter(created_at__gte=since)
                .annotate(day=local_day("created_at"))
                .values("day", "country")
                .annotate(n=Count("id"))
            }
        )
        present = Counter(
            {
                (str(r["country"]),): r["n"]
                for r in organisations.values("country").annotate(n=Count("id"))
            }
        )
        Through = Organisation.sectors.through
        sector_present = Counter(
            {
                (str(r["organisation__country"]), r["sector__code"]): r["n"]
                for r in Through.objects.values("organisation__country", "sector__code").annotate(
                    n=Count("id")
                )
            }
        )
        sector_in = Counter(
            {
                (r["day"], (str(r["organisation__country"]), r["sector__code"])): r["n"]
                for r in Through.objects.filter(organisation__created_at__gte=since)
                .annotate(day=local_day("organisation__created_at"))
                .values("day", "organisation__country", "sector__code")
                .annotate(n=Count("id"))
            }
        )
        verified = organisations.filter(verification=Verification.VERIFIED)
        verified_present = Counter(
            {
                (str(r["country"]),): r["n"]
                for r in verified.values("country").annotate(n=Count("id"))
            }
        )
        verified_in = Counter(
            {
                (r["day"], (str(r["country"]),)): r["n"]
                for r in organisations.filter(verified_at__gte=since)
                .annotate(day=local_day("verified_at"))
                .values("day", "country")
                .annotate(n=Count("id"))
            }
        )
        # Verified once, not any more (refused after a change of identity): left on its last edit.
        verified_out = Counter(
            {
                (r["day"], (str(r["country"]),)): r["n"]
                for r in organisations.exclude(verification=Verification.VERIFIED)
                .filter(verified_at__isnull=False, updated_at__gte=since)
                .annotate(day=local_day("updated_at"))
                .values("day", "country")
                .annotate(n=Count("id"))
            }
        )
        rows = [
            *flow_rows("organisations.registered", registered, COUNTRY),
            *stock_series(
                stat="organisations.total",
                present=present,
                ins=registered,
                outs={},
                window=window,
                dims=COUNTRY,
            ),
            *stock_series(
                stat="organisations.by_sector",
                present=sector_present,
                ins=sector_in,
                outs={},
                window=window,
                dims=COUNTRY_SECTOR,
            ),
            *stock_series(
                stat="organisations.verified",
                present=verified_present,
                ins=verified_in,
                outs=verified_out,
                window=window,
                dims=COUNTRY,
            ),
        ]
        return Output(start=window.start, rows=rows)

    def first_day(self):
        first = Organisation.objects.aggregate(first=Min("created_at"))["first"]
        return as_day(first) if first else None


SOURCE = AccountsSource()
