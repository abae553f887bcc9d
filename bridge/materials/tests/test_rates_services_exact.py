"""Exchange-rate services, to the exact value a person sees: the rate each bank's file gives in US
dollars (to ten places), which rates are held back (both edges of the limits and of the jump from
the bank's own last rate), what the daily job reports and logs, and the rate staff enter by hand
(which field an error is at and what it says, the stored value and the audit row). Written for
the mutation score of issue 18. The banks' files are small ones written here, with round numbers,
so every rate is exact."""

import logging
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.core.exceptions import PermissionDenied, ValidationError

from bridge.accounts.tests.factories import UserFactory
from bridge.core.models import AuditEntry
from bridge.core.tests.exact_support import NOW, trail
from bridge.materials import banks
from bridge.materials.banks import CBR_URL, CBU_URL, Quote
from bridge.materials.models import ExchangeRate, RateSource
from bridge.materials.services import rates as services

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

DAY = date(2026, 12, 4)
CURRENCY = "Choose a currency other than the US dollar."
RATE = "Enter a positive number of US dollars for one unit."
# 80 roubles or 12,500 soʻm a dollar: one rouble is 0.0125 dollars, one soʻm 0.00008.
EXPECTED = {
    "CNY": Decimal("0.14"),
    "EUR": Decimal("1.2"),
    "KZT": Decimal("0.002"),
    "RUB": Decimal("0.0125"),
    "UZS": Decimal("0.00008"),
}
LOGGER = "bridge.materials.services.rates"


@pytest.fixture
def staff(db):
    """Staff whose admin role lets them add a day's rate."""
    return permitted("add_exchangerate")


def permitted(*codenames):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="materials", codename__in=codenames)
    )
    return user


def cbr(day="04.12.2026", **rows) -> bytes:
    """The Russian bank's file: CODE=(nominal, roubles) with comma decimals."""
    rows = rows or {
        "USD": (1, "80,0000"),
        "EUR": (1, "96,0000"),
        "KZT": (100, "16,0000"),
        "UZS": (10000, "64,0000"),
        "CNY": (1, "11,2000"),
    }
    valutes = "".join(
        f"<Valute><CharCode>{code}</CharCode><Nominal>{nominal}</Nominal>"
        f"<Value>{value}</Value></Valute>"
        for code, (nominal, value) in rows.items()
    )
    return (
        f'<?xml version="1.0" encoding="windows-1251"?><ValCurs Date="{day}">{valutes}</ValCurs>'
    ).encode("cp1251")


def cbu(day="04.12.2026", **rows) -> bytes:
    """The Uzbek bank's list: CODE=(nominal, soʻm)."""
    rows = rows or {
        "USD": (1, "12500"),
        "EUR": (1, "15000"),
        "RUB": (1, "156.25"),
        "KZT": (1, "25"),
        "CNY": (1, "1750"),
    }
    items = ",".join(
        f'{{"Ccy": "{code}", "Nominal": "{nominal}", "Rate": "{rate}", "Date": "{day}"}}'
        for code, (nominal, rate) in rows.items()
    )
    return f"[{items}]".encode()


def answering(cbr_body=None, cbu_body=None):
    """A fetch answering each bank's address; an exception instance is raised instead."""
    bodies = {CBR_URL: cbr() if cbr_body is None else cbr_body}
    bodies[CBU_URL] = cbu() if cbu_body is None else cbu_body

    def fetch(url):
        if isinstance(bodies[url], Exception):
            raise bodies[url]
        return bodies[url]

    return fetch


def stored(source, day=DAY) -> dict:
    return dict(
        ExchangeRate.objects.filter(source=source, date=day).values_list("currency", "rate_to_usd")
    )


def rate(value, source=RateSource.CBR, day=DAY - timedelta(days=1), currency="EUR"):
    return ExchangeRate.objects.create(
        currency=currency, date=day, source=source, rate_to_usd=Decimal(value)
    )


def kept(to_usd, source="cbr", day=DAY, missing=()) -> services.SourceReport:
    report = services.SourceReport(source)
    services.store_quote(Quote(source, day, to_usd, missing), report)
    return report


# --- the daily fetch ---------------------------------------------------------------------------


def test_each_bank_s_rates_of_the_day_are_kept_in_dollars_and_reported(clock):
    reports = services.exchange_rates_fetch(fetch=answering())
    assert [(r.source, r.day, r.stored, r.held_back, r.missing, r.error) for r in reports] == [
        ("cbr", DAY, ["CNY", "EUR", "KZT", "RUB", "UZS"], [], (), ""),
        ("cbu", DAY, ["CNY", "EUR", "KZT", "RUB", "UZS"], [], (), ""),
    ]
    assert stored(RateSource.CBR) == EXPECTED
    assert stored(RateSource.CBU) == EXPECTED
    assert set(ExchangeRate.objects.values_list("recorded_at", flat=True)) == {NOW}
    assert not ExchangeRate.objects.filter(currency="USD").exists()
    assert not AuditEntry.objects.exists()


def test_a_rate_is_kept_to_ten_places(clock):
    services.exchange_rates_fetch(fetch=answering(cbr(USD=(1, "3"), EUR=(1, "4"))))
    assert stored(RateSource.CBR) == {
        "RUB": Decimal("0.3333333333"),
        "EUR": Decimal("1.3333333333"),
    }


def test_running_again_updates_the_day_s_rates_in_place(clock):
    services.exchange_rates_fetch(fetch=answering())
    before = dict(ExchangeRate.objects.values_list("pk", "currency"))
    clock["now"] = NOW + timedelta(hours=2)
    corrected = cbr(USD=(1, "80,0000"), EUR=(1, "100,0000"))
    reports = services.exchange_rates_fetch(fetch=answering(corrected))
    assert reports[0].stored == ["EUR", "RUB"]
    assert dict(ExchangeRate.objects.values_list("pk", "currency")) == before
    euro = ExchangeRate.objects.get(source=RateSource.CBR, currency="EUR")
    assert (euro.rate_to_usd, euro.recorded_at) == (Decimal("1.25"), NOW + timedelta(hours=2))
    kzt = ExchangeRate.objects.get(source=RateSource.CBR, currency="KZT")
    assert (kzt.rate_to_usd, kzt.recorded_at) == (Decimal("0.002"), NOW)


def test_a_bank_that_cannot_be_reached_is_reported_and_logged_and_the_other_kept(clock, caplog):
    rate("0.0001", source=RateSource.CBU, currency="UZS")
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        reports = services.exchange_rates_fetch(fetch=answering(cbu_body=OSError("timed out")))
    failed = reports[1]
    assert (failed.source, failed.day, failed.stored, failed.held_back, failed.error) == (
        "cbu",
        None,
        [],
        [],
        f"could not fetch {CBU_URL}: timed out",
    )
    assert stored(RateSource.CBR) == EXPECTED
    assert stored(RateSource.CBU) == {}
    assert ExchangeRate.objects.filter(source=RateSource.CBU).count() == 1
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("WARNING", f"Exchange rates from cbu: could not fetch {CBU_URL}: timed out")
    ]


def test_a_file_without_a_dollar_rate_keeps_nothing_of_that_bank(clock):
    reports = services.exchange_rates_fetch(fetch=answering(cbr(EUR=(1, "96"))))
    assert (reports[0].error, reports[0].stored) == ("no rate for the US dollar", [])
    assert stored(RateSource.CBR) == {} and stored(RateSource.CBU) == EXPECTED


def test_a_partial_file_keeps_what_it_has_and_names_what_it_lacks(clock):
    (report, _uzbek) = services.exchange_rates_fetch(
        fetch=answering(cbr(USD=(1, "80"), EUR=(1, "96")))
    )
    assert (report.stored, report.missing) == (["EUR", "RUB"], ("UZS", "KZT", "CNY"))
    assert str(report) == "cbr 2026-12-04: stored EUR, RUB; missing UZS, KZT, CNY"


def test_a_held_back_rate_is_logged_with_the_report(clock, caplog):
    rate("0.02", currency="KZT")  # yesterday's tenge, ten times today's file
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        (report, _uzbek) = services.exchange_rates_fetch(fetch=answering())
    assert (report.stored, report.held_back) == (["CNY", "EUR", "RUB", "UZS"], ["KZT"])
    assert "KZT" not in stored(RateSource.CBR)
    assert [r.getMessage() for r in caplog.records] == [
        "Exchange rates held back: cbr 2026-12-04: stored CNY, EUR, RUB, UZS; held back KZT"
    ]


def test_nothing_is_logged_when_both_banks_are_kept(clock, caplog):
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        services.exchange_rates_fetch(fetch=answering())
    assert caplog.records == []


def test_the_daily_job_fetches_over_https_and_returns_the_reports_in_a_line(clock, monkeypatch):
    fetched = []

    def quote(source, fetch):
        fetched.append(fetch)
        return banks.quote(source, answering(cbu_body=b"[]"))

    monkeypatch.setattr(services, "quote", quote)
    assert services.exchange_rates_tick() == (
        "cbr 2026-12-04: stored CNY, EUR, KZT, RUB, UZS; "
        "cbu: failed (no currency we need in the list)"
    )
    assert fetched == [banks.http_get, banks.http_get]


# --- what is held back -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "held"),
    [
        ("1.25", False),
        ("1.2500000001", True),
        ("0.75", False),
        ("0.7499999999", True),
        ("1", False),
    ],
)
def test_a_rate_a_quarter_or_less_from_the_bank_s_last_one_is_kept(clock, today, held):
    rate("1")
    report = kept({"EUR": Decimal(today)})
    assert (report.stored, report.held_back) == (([], ["EUR"]) if held else (["EUR"], []))
    assert stored(RateSource.CBR) == ({} if held else {"EUR": Decimal(today)})


def test_the_jump_is_measured_from_the_newest_earlier_day(clock):
    rate("10", day=DAY - timedelta(days=9))
    rate("1", day=DAY - timedelta(days=2))
    rate("50", day=DAY + timedelta(days=1))  # tomorrow's, published early
    assert kept({"EUR": Decimal("1.1")}).stored == ["EUR"]
    assert kept({"EUR": Decimal("10")}, day=DAY + timedelta(days=3)).held_back == ["EUR"]


def test_a_bank_is_compared_with_itself_only(clock):
    rate("5", source=RateSource.STAFF)
    rate("5", source=RateSource.CBU)
    rate("5", currency="KZT")
    assert kept({"EUR": Decimal("1"), "KZT": Decimal("5.2")}).stored == ["EUR", "KZT"]


def test_the_same_day_s_earlier_fetch_does_not_hold_a_correction_back(clock):
    rate("1", day=DAY)
    assert kept({"EUR": Decimal("3")}).stored == ["EUR"]
    assert stored(RateSource.CBR) == {"EUR": Decimal("3")}


def test_a_currency_seen_for_the_first_time_is_kept_at_any_rate(clock):
    rate("1", currency="CNY")
    assert kept({"EUR": Decimal("900")}).stored == ["EUR"]


@pytest.mark.parametrize(
    ("value", "held"),
    [
        ("0.000000001", False),
        ("0.0000000009", True),
        ("1000000000", False),
        ("1000000000.0000000001", True),
        ("0", True),
        ("-1", True),
    ],
)
def test_a_rate_outside_a_billionth_to_a_billion_dollars_is_held_back(clock, value, held):
    report = kept({"EUR": Decimal(value)})
    assert report.held_back == (["EUR"] if held else [])
    assert stored(RateSource.CBR) == ({} if held else {"EUR": Decimal(value)})


def test_the_dollar_itself_is_neither_kept_nor_held_back(clock):
    report = kept({"USD": Decimal(1), "EUR": Decimal("1.2")})
    assert (report.stored, report.held_back) == (["EUR"], [])


def test_the_report_records_the_day_and_what_was_missing(clock):
    report = kept({"EUR": Decimal("1.2")}, day=DAY + timedelta(days=1), missing=("KZT",))
    assert (report.day, report.missing) == (DAY + timedelta(days=1), ("KZT",))
    assert stored(RateSource.CBR, DAY + timedelta(days=1)) == {"EUR": Decimal("1.2")}


# --- the report in words -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("report", "words"),
    [
        (services.SourceReport("cbu", error="timed out"), "cbu: failed (timed out)"),
        (services.SourceReport("cbr", day=DAY), "cbr 2026-12-04: stored nothing"),
        (
            services.SourceReport("cbr", DAY, ["EUR", "RUB"], ["KZT"], ("CNY",)),
            "cbr 2026-12-04: stored EUR, RUB; held back KZT; missing CNY",
        ),
        (
            services.SourceReport("cbr", DAY, [], ["KZT", "UZS"], error="no dollar"),
            "cbr: failed (no dollar)",
        ),
    ],
)
def test_a_report_reads_as_one_line(report, words):
    assert str(report) == words


# --- a rate staff enter ------------------------------------------------------------------------


@pytest.mark.parametrize("currency", ["RUB", "UZS", "EUR", "KZT", "CNY"])
@pytest.mark.parametrize(
    "value", ["0.000000001", "1000000000", "1.2", Decimal("0.5"), 2, 0.1, " 3 "]
)
def test_a_rate_of_a_currency_other_than_the_dollar_within_the_limits_is_right(currency, value):
    assert services.rate_errors(currency=currency, rate_to_usd=value) == {}


# GBP is a real currency, but not one the catalogue prices in.
@pytest.mark.parametrize("currency", ["USD", "usd", "eur", "GBP", "", None])
def test_the_currency_is_one_of_ours_other_than_the_dollar(currency):
    assert services.rate_errors(currency=currency, rate_to_usd="1") == {"currency": CURRENCY}


@pytest.mark.parametrize(
    "value",
    [
        "0",
        "-1",
        "0.0000000009",
        "1000000000.0000000001",
        "abc",
        "",
        None,
        True,
        "NaN",
        "sNaN",
        "Infinity",
        "-Infinity",
        "1,5",
    ],
)
def test_a_rate_must_be_a_number_of_dollars_within_the_limits(value):
    assert services.rate_errors(currency="EUR", rate_to_usd=value) == {"rate_to_usd": RATE}


def test_both_fields_are_told_at_once():
    assert services.rate_errors(currency="USD", rate_to_usd="0") == {
        "currency": CURRENCY,
        "rate_to_usd": RATE,
    }


def test_staff_set_the_rate_of_a_day_kept_to_ten_places_and_audited(clock, staff):
    saved = services.exchange_rate_set(
        actor=staff, currency="KZT", day=DAY, rate_to_usd="0.002000000049"
    )
    saved.refresh_from_db()
    assert (saved.currency, saved.date, saved.source, saved.rate_to_usd, saved.recorded_at) == (
        "KZT",
        DAY,
        RateSource.STAFF,
        Decimal("0.002"),
        NOW,
    )
    assert trail(saved) == [
        (
            "exchange_rate.set",
            staff,
            {
                "currency": "KZT",
                "date": "2026-12-04",
                "rate_to_usd": "0.0020000000",
                "previous": None,
            },
        )
    ]


def test_setting_the_day_again_corrects_it_in_place_and_names_the_previous_rate(clock, staff):
    first = services.exchange_rate_set(actor=staff, currency="EUR", day=DAY, rate_to_usd=1.1)
    clock["now"] = NOW + timedelta(minutes=3)
    second = services.exchange_rate_set(actor=staff, currency="EUR", day=DAY, rate_to_usd="1.15")
    assert second.pk == first.pk and ExchangeRate.objects.count() == 1
    second.refresh_from_db()
    assert (second.rate_to_usd, second.recorded_at) == (
        Decimal("1.15"),
        NOW + timedelta(minutes=3),
    )
    assert [data["previous"] for _action, _actor, data in trail(second)] == [
        None,
        "1.1000000000",
    ]
    assert trail(second)[1][2]["rate_to_usd"] == "1.1500000000"


def test_a_bank_s_rate_or_another_day_s_is_not_the_previous_one(clock, staff):
    rate("1.3", day=DAY)
    rate("1.4", source=RateSource.STAFF, day=DAY - timedelta(days=1))
    rate("1.4", source=RateSource.STAFF, currency="CNY", day=DAY)
    saved = services.exchange_rate_set(actor=staff, currency="EUR", day=DAY, rate_to_usd="1.2")
    assert trail(saved)[0][2]["previous"] is None
    assert stored(RateSource.CBR) == {"EUR": Decimal("1.3")}
    assert stored(RateSource.STAFF) == {"EUR": Decimal("1.2"), "CNY": Decimal("1.4")}


def test_a_staff_rate_is_not_held_back_by_a_jump(clock, staff):
    rate("1", source=RateSource.STAFF)
    saved = services.exchange_rate_set(actor=staff, currency="EUR", day=DAY, rate_to_usd="9")
    assert saved.rate_to_usd == Decimal("9")


@pytest.mark.parametrize(
    ("currency", "value", "errors"),
    [
        ("USD", "1", {"currency": [CURRENCY]}),
        ("EUR", "0", {"rate_to_usd": [RATE]}),
        ("GBP", "abc", {"currency": [CURRENCY], "rate_to_usd": [RATE]}),
    ],
)
def test_a_wrong_rate_is_refused_at_its_fields_and_changes_nothing(
    clock, staff, currency, value, errors
):
    rate("1.1", source=RateSource.STAFF, day=DAY)
    with pytest.raises(ValidationError) as caught:
        services.exchange_rate_set(actor=staff, currency=currency, day=DAY, rate_to_usd=value)
    assert caught.value.message_dict == errors
    assert stored(RateSource.STAFF) == {"EUR": Decimal("1.1")}
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("codename", ["add_exchangerate", "change_exchangerate"])
def test_staff_who_may_add_or_change_rates_set_one(clock, codename):
    saved = services.exchange_rate_set(
        actor=permitted(codename), currency="EUR", day=DAY, rate_to_usd="1.2"
    )
    assert saved.rate_to_usd == Decimal("1.2")


@pytest.mark.parametrize(
    "who",
    [
        lambda: AnonymousUser(),
        lambda: UserFactory(),
        lambda: UserFactory(is_staff=True),
        lambda: permitted("view_exchangerate", "moderate_material"),
    ],
    ids=["anonymous", "member", "staff-without-the-permission", "moderator-who-only-views-rates"],
)
def test_nobody_else_sets_a_rate_and_nothing_is_stored(clock, who):
    rate("1.1", source=RateSource.STAFF, day=DAY)
    with pytest.raises(PermissionDenied):
        services.exchange_rate_set(actor=who(), currency="EUR", day=DAY, rate_to_usd="9")
    assert stored(RateSource.STAFF) == {"EUR": Decimal("1.1")}
    assert not AuditEntry.objects.exists()
