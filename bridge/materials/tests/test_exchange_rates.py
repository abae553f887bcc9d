"""Exchange rates from the central banks (issue 17, point 2), read from responses recorded in
the banks' own formats: no network is reachable in tests."""

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bridge.core.models import AuditEntry
from bridge.core.periodic import jobs
from bridge.materials.banks import CBR_URL, CBU_URL, SourceError, parse_cbr, parse_cbu
from bridge.materials.models import ExchangeRate, RateSource
from bridge.materials.selectors.money import exchange_rates
from bridge.materials.services.rates import exchange_rate_set, exchange_rates_fetch
from bridge.materials.tests.factories import MaterialFactory
from bridge.materials.vocabulary import Status

RECORDED = Path(__file__).parent / "recorded"
CBR_DAY = (RECORDED / "cbr_daily_2026-12-04.xml").read_bytes()
CBU_DAY = (RECORDED / "cbu_2026-12-04.json").read_bytes()
DAY = date(2026, 12, 4)


def banks(cbr=CBR_DAY, cbu=CBU_DAY):
    """A fetch that answers from recorded bodies; an exception instance is raised instead."""

    def fetch(url):
        body = {CBR_URL: cbr, CBU_URL: cbu}[url]
        if isinstance(body, Exception):
            raise body
        return body

    return fetch


def close(value, expected, places=6):
    return abs(Decimal(value) - Decimal(expected)) < Decimal(10) ** -places


def test_the_russian_file_is_windows_1251_with_comma_decimals_and_nominals():
    assert "Доллар США".encode("cp1251") in CBR_DAY
    quote = parse_cbr(CBR_DAY)
    assert quote.day == DAY and quote.source == "cbr" and quote.missing == ()
    # 1 rouble = 1 / 78.2284 dollars; 100 tenge cost 15.3571 roubles; 10,000 soʻm 64.8117.
    assert close(quote.to_usd["RUB"], Decimal(1) / Decimal("78.2284"))
    assert close(quote.to_usd["EUR"], Decimal("91.1650") / Decimal("78.2284"))
    assert close(quote.to_usd["KZT"], Decimal("0.153571") / Decimal("78.2284"), 9)
    assert close(quote.to_usd["CNY"], Decimal("11.0132") / Decimal("78.2284"))
    assert close(quote.to_usd["UZS"], Decimal("0.00648117") / Decimal("78.2284"), 12)
    assert "GBP" not in quote.to_usd  # only the platform's currencies are kept


def test_the_uzbek_list_gives_the_same_currencies_through_the_som():
    quote = parse_cbu(CBU_DAY)
    assert quote.day == DAY and quote.source == "cbu" and quote.missing == ()
    assert close(quote.to_usd["UZS"], Decimal(1) / Decimal("12070.56"), 12)
    assert close(quote.to_usd["RUB"], Decimal("154.30") / Decimal("12070.56"))
    # Both banks agree on the euro to within a fraction of a percent.
    assert abs(quote.to_usd["EUR"] / parse_cbr(CBR_DAY).to_usd["EUR"] - 1) < Decimal("0.01")


@pytest.mark.parametrize(
    ("parse", "body", "reason"),
    [
        (parse_cbr, b"<html><body>Service unavailable</body></html>", "expected <ValCurs>"),
        (parse_cbr, CBR_DAY[:700], "not XML"),
        (parse_cbr, CBR_DAY.replace(b'Date="04.12.2026"', b'Date="2026-12-04"'), "date"),
        (
            parse_cbr,
            CBR_DAY.replace(b"<CharCode>USD</CharCode>", b"<CharCode>XXX</CharCode>"),
            "dollar",
        ),
        (parse_cbr, b'<!DOCTYPE x [<!ENTITY a "aaaa">]><ValCurs Date="&a;"/>', "DTD"),
        (parse_cbu, b"", "not JSON"),
        (parse_cbu, b'{"error": "rate limit"}', "JSON list"),
        (parse_cbu, b"[]", "no currency"),
        (
            parse_cbu,
            json.dumps(
                [{"Ccy": "EUR", "Rate": "14066.30", "Nominal": "1", "Date": "04.12.2026"}]
            ).encode(),
            "dollar",
        ),
    ],
)
def test_a_malformed_response_is_refused_with_a_reason(parse, body, reason):
    with pytest.raises(SourceError, match=reason):
        parse(body)


def test_an_unreadable_currency_is_skipped_and_reported():
    body = CBR_DAY.replace(b"15,3571", b"n/a")
    quote = parse_cbr(body)
    assert "KZT" in quote.missing and "KZT: unreadable value or nominal" in quote.problems
    rows = json.loads(CBU_DAY)
    rows[1]["Rate"] = "-1"
    assert "EUR" in parse_cbu(json.dumps(rows).encode()).missing


@pytest.mark.django_db
def test_the_daily_job_keeps_each_banks_rates_of_the_day():
    assert "exchange-rates" in {job.name for job in jobs("daily")}
    reports = exchange_rates_fetch(fetch=banks())
    assert [r.error for r in reports] == ["", ""]
    assert set(reports[0].stored) == {"RUB", "UZS", "EUR", "KZT", "CNY"}
    assert ExchangeRate.objects.filter(date=DAY, source=RateSource.CBR).count() == 5
    assert ExchangeRate.objects.filter(date=DAY, source=RateSource.CBU).count() == 5
    # Run again (a timer firing twice): updated in place, nothing doubled.
    exchange_rates_fetch(fetch=banks())
    assert ExchangeRate.objects.filter(date=DAY).count() == 10
    rates = exchange_rates(on=DAY)
    # Each currency from its own bank; the others from the Russian bank.
    assert rates.sources == {"RUB": "cbr", "UZS": "cbu", "EUR": "cbr", "KZT": "cbr", "CNY": "cbr"}
    tenge = rates.convert(Decimal(10000), "KZT", "UZS")
    assert Decimal(230000) < tenge < Decimal(245000)  # ~23.7 soʻm a tenge, as the CBU says
    assert not rates.stale


@pytest.mark.django_db
def test_one_bank_failing_leaves_the_other_and_a_partial_file_stores_what_it_has():
    partial = (RECORDED / "cbr_daily_partial.xml").read_bytes()
    reports = exchange_rates_fetch(fetch=banks(cbr=partial, cbu=OSError("timed out")))
    assert reports[1].error.startswith("could not fetch") and "timed out" in reports[1].error
    assert set(reports[0].missing) == {"KZT", "CNY"}
    assert set(reports[0].stored) == {"RUB", "UZS", "EUR"}
    assert not ExchangeRate.objects.filter(source=RateSource.CBU).exists()


@pytest.mark.django_db
def test_when_both_banks_fail_the_last_good_rates_stay_and_turn_stale_after_three_days():
    exchange_rates_fetch(fetch=banks())
    before = exchange_rates(on=DAY).to_usd
    reports = exchange_rates_fetch(fetch=banks(cbr=b"<ValCurs", cbu=b"<html>502</html>"))
    assert all(report.error for report in reports)
    for days, stale in [(1, False), (3, False), (4, True), (30, True)]:
        rates = exchange_rates(on=DAY + timedelta(days=days))
        assert rates.to_usd == before and rates.as_of == DAY
        assert rates.stale is stale


@pytest.mark.django_db
def test_a_rate_that_jumps_is_held_back_for_staff():
    exchange_rates_fetch(fetch=banks())
    # The next day's file reads the tenge as if its Nominal were 1: a hundredfold jump.
    wrong = CBR_DAY.replace(b'Date="04.12.2026"', b'Date="05.12.2026"').replace(
        b"<Nominal>100</Nominal><Name>\xca\xe0\xe7\xe0\xf5",
        b"<Nominal>1</Nominal><Name>\xca\xe0\xe7\xe0\xf5",
    )
    (report, _cbu) = exchange_rates_fetch(fetch=banks(cbr=wrong))
    assert report.held_back == ["KZT"]
    assert not ExchangeRate.objects.filter(currency="KZT", date=DAY + timedelta(days=1)).exists()


@pytest.mark.django_db
def test_every_days_rate_is_kept_so_a_past_price_can_be_explained():
    exchange_rate_set(actor=None, currency="EUR", day=DAY - timedelta(days=10), rate_to_usd="1.10")
    exchange_rates_fetch(fetch=banks())
    assert exchange_rates(on=DAY - timedelta(days=1)).to_usd["EUR"] == Decimal("1.10")
    assert exchange_rates(on=DAY).to_usd["EUR"] != Decimal("1.10")


@pytest.mark.django_db
def test_after_years_of_daily_rates_each_currency_uses_its_newest_day_in_one_query():
    # Two banks' rates of every day for two years; the euro's stopped ten days ago, and staff
    # set the som by hand on the newest day. Each page asks for the rates in use.
    rows = [
        ExchangeRate(currency=currency, date=DAY - timedelta(days=age), source=source,
                     rate_to_usd=Decimal(rate) + Decimal(age) / 10**6)
        for age in range(730)
        for currency, rate in (("RUB", "0.011"), ("UZS", "0.00008"), ("EUR", "1.1"))
        for source in (RateSource.CBR, RateSource.CBU)
        if currency != "EUR" or age >= 10
    ]  # fmt: skip
    ExchangeRate.objects.bulk_create(rows)
    exchange_rate_set(actor=None, currency="UZS", day=DAY, rate_to_usd="0.00009")
    with CaptureQueriesContext(connection) as queries:
        rates = exchange_rates(on=DAY)
    assert len(queries) == 1
    assert rates.to_usd["RUB"] == Decimal("0.011")  # the newest day, its home bank (CBR)
    assert rates.sources == {"RUB": "cbr", "UZS": "staff", "EUR": "cbr"}
    assert rates.to_usd["UZS"] == Decimal("0.00009")
    assert rates.to_usd["EUR"] == Decimal("1.10001")  # ten days old, the newest it has
    assert rates.as_of == DAY - timedelta(days=10)
    assert exchange_rates(on=DAY - timedelta(days=400)).to_usd["RUB"] == Decimal("0.0114")


@pytest.mark.django_db
def test_tomorrows_rate_waits_for_its_day():
    exchange_rates_fetch(fetch=banks())
    assert exchange_rates(on=DAY - timedelta(days=1)).to_usd.keys() == {"USD"}


@pytest.mark.django_db
def test_a_staff_rate_of_the_day_comes_before_the_banks_and_is_audited(admin_user):
    exchange_rates_fetch(fetch=banks())
    saved = exchange_rate_set(actor=admin_user, currency="KZT", day=DAY, rate_to_usd="0.002")
    assert exchange_rates(on=DAY).to_usd["KZT"] == Decimal("0.002")
    assert exchange_rates(on=DAY).sources["KZT"] == "staff"
    entry = AuditEntry.objects.get(action="exchange_rate.set", target_id=str(saved.pk))
    assert entry.actor == admin_user and entry.data["rate_to_usd"] == "0.0020000000"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("currency", "rate", "field"),
    [
        ("USD", "1", "currency"),
        ("XXX", "1", "currency"),
        ("EUR", "0", "rate_to_usd"),
        ("EUR", "-2", "rate_to_usd"),
        ("EUR", "abc", "rate_to_usd"),
        ("EUR", "NaN", "rate_to_usd"),
    ],
)
def test_a_bad_hand_entered_rate_is_refused_at_its_field(currency, rate, field):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        exchange_rate_set(actor=None, currency=currency, day=DAY, rate_to_usd=rate)
    assert field in refused.value.message_dict
    assert not ExchangeRate.objects.exists() and not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_staff_enter_a_rate_in_the_admin_through_the_service(admin_client, admin_user):
    url = reverse("admin:materials_exchangerate_add")
    refused = admin_client.post(url, {"currency": "USD", "date": "2026-12-04", "rate_to_usd": "1"})
    assert refused.status_code == 200 and not ExchangeRate.objects.exists()
    response = admin_client.post(
        url, {"currency": "KZT", "date": "2026-12-04", "rate_to_usd": "0.00196"}
    )
    assert response.status_code == 302
    rate = ExchangeRate.objects.get()
    assert (rate.source, rate.rate_to_usd) == ("staff", Decimal("0.00196"))
    assert AuditEntry.objects.filter(action="exchange_rate.set", actor=admin_user).exists()
    # The banks' rows are their record: staff read them but do not change them.
    exchange_rates_fetch(fetch=banks())
    bank_row = ExchangeRate.objects.filter(source=RateSource.CBR).first()
    change = reverse("admin:materials_exchangerate_change", args=[bank_row.pk])
    admin_client.post(change, {"currency": "KZT", "date": "2026-12-04", "rate_to_usd": "9"})
    bank_row.refresh_from_db()
    assert bank_row.rate_to_usd != Decimal(9)


@pytest.fixture
def priced_in_som(db, monkeypatch):
    """A published material of 100,000 soʻm, indexed, and the banks' rates of DAY, today."""
    from bridge.search.services import search_rebuild

    MaterialFactory(status=Status.PUBLISHED, price=Decimal("100000"), currency="UZS")
    search_rebuild()
    exchange_rates_fetch(fetch=banks())
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: DAY)


def test_catalog_prices_in_tenge_and_the_staleness_note(client, monkeypatch, priced_in_som):
    page = client.get(reverse("materials_catalog:catalog"), {"currency": "KZT"}).content.decode()
    # 100,000 soʻm ≈ 4,220 tenge, in whole tenge, beside the supplier's own price.
    assert "4,220" in page and "rates-stale" not in page
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: DAY + timedelta(days=5))
    from django.core.cache import caches

    caches["pages"].clear()
    page = client.get(reverse("materials_catalog:catalog"), {"currency": "KZT"}).content.decode()
    assert "rates-stale" in page and "have not been updated since" in page


def test_a_rate_staff_set_converts_the_next_answer_though_rates_are_kept(client, priced_in_som):
    def in_euro():
        item = client.get("/api/v1/materials", {"currency": "EUR"}).json()["items"][0]
        return Decimal(item["price_converted"]["amount"])

    with CaptureQueriesContext(connection) as first:
        banks_euro = in_euro()
    with CaptureQueriesContext(connection) as second:
        assert in_euro() == banks_euro
    # The second answer reads no rates: they are kept while the catalog's data stays.
    assert [q for q in first if "materials_exchangerate" in q["sql"]]
    assert not [q for q in second if "materials_exchangerate" in q["sql"]]
    exchange_rate_set(actor=None, currency="EUR", day=DAY, rate_to_usd="2")
    som = exchange_rates(on=DAY).to_usd["UZS"]
    assert in_euro() == (100000 * som / 2).quantize(Decimal("0.01")) != banks_euro
