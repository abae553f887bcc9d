import pytest
from django.template import Context, Template
from django.utils import translation

from bridge.core.money import format_money, format_number

pytestmark = pytest.mark.unit

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("language", "amount", "currency", "expected"),
    [
        ("ru", 1990, "RUB", "1 990 ₽"),
        ("ru", "1990.50", "RUB", "1 990,50 ₽"),
        ("uz", 125000, "UZS", "125 000 soʻm"),
        ("uz-cyrl", 125000, "UZS", "125 000 сўм"),
        ("en", "12.5", "USD", "$12.50"),
        ("en", 12, "EUR", "€12"),
    ],
)
def test_money_is_written_as_the_reader_writes_it(language, amount, currency, expected):
    written = format_money(amount, currency, language=language)
    # CLDR separates thousands with no-break spaces; compare their shape, not their code point.
    normalised = written.replace(NBSP, " ").replace("\u202f", " ")
    assert normalised == expected


def test_numbers_follow_the_language():
    assert format_number(1234567, language="en") == "1,234,567"
    assert format_number(1234567, language="ru").replace("\u00a0", " ") == "1 234 567"


@pytest.mark.parametrize("bad", [None, "", "abc", object()])
def test_bad_amounts_write_nothing_rather_than_fail(bad):
    assert format_money(bad, "USD", language="en") == ""
    assert format_number(bad, language="en") == ""


def test_template_filters_use_the_active_language():
    template = Template('{% load formatting %}{{ price|money:"UZS" }} · {{ n|number }}')
    with translation.override("uz"):
        out = template.render(Context({"price": 250000, "n": 12000}))
    assert out.replace(NBSP, " ") == "250 000 soʻm · 12 000"
