"""Shapes shared by the routers of every app."""

import math
import re
from datetime import date
from decimal import ROUND_DOWN, Decimal
from typing import Annotated, Any, Literal

from django.utils.translation import gettext as _
from django_countries import countries
from ninja import Field, Schema
from pydantic import BaseModel, BeforeValidator, ConfigDict, WithJsonSchema

# An ISO 3166 alpha-2 input, upper case as stored: the enum is the whole check, so the schema
# says exactly what is accepted (a length of 2 let "00" through to a refusal).
CountryCode = Literal[tuple(sorted(countries.countries))]  # type: ignore[valid-type]


class Out(BaseModel):
    """An answer's shape, validated by pydantic alone. The views build answers as dicts, which
    need none of ninja's ``Schema`` resolution; that wraps every nested object in a Python
    ``DjangoGetter``: a catalog page of 20 materials with its facets took 5.3 ms to validate so,
    and takes 0.4 ms now (docs/benchmarks.md, issue 14). Objects with the attributes are
    read too."""

    model_config = ConfigDict(from_attributes=True)


class CodeLabel(Out):
    code: str
    label: str


class CountryOut(Out):
    code: str
    name: str


class TranslatedText(Schema):
    ru: str
    uz: str
    en: str


class FieldError(Schema):
    location: str
    field: str
    message: str


class ErrorOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    detail: str
    errors: list[FieldError]
    code: str | None = Field(
        None,
        description="Present when the values are well formed but refused for what they name "
        "(`unknown`: nothing has this id; `not_member`: not your organisation; `refused`: a "
        "rule of the service).",
    )


class FacetValueOut(Out):
    value: str
    label: str
    count: int
    selected: bool


class RefusalOut(Schema):
    """A service's refusal: the messages by field (`__all__` for the whole) and one code."""

    detail: str
    code: str
    errors: dict[str, list[str]]


_NUMBER = re.compile(r"\d+(\.\d+)?([eE][+-]?\d+)?", re.ASCII)


def _positive_places(places: int) -> str:
    # A fraction whose first `places` digits are not all zero: 0.01 and up, at 2 places.
    return "|".join(
        "0" * zeros + r"[1-9]" + rf"\d{{{places - 1 - zeros}}}" for zeros in range(places)
    )


def decimal_in(
    *,
    max_digits: int,
    decimal_places: int,
    blank: bool = False,
    positive: bool = False,
    maximum: int | None = None,
) -> Any:
    """The type of a non-negative decimal input whose schema states its limits.

    pydantic checks digits and places but leaves them out of the JSON schema, so a client that
    sends 1e16, "12abc" or "" in good faith met a 422 the schema did not foretell. Here the schema
    says it: a number up to the maximum, or a string of digits that matches the pattern (the
    pattern is what the parser checks, so the two cannot drift). Places beyond `decimal_places`
    are dropped (12.3456 → 12.34) rather than refused; whole-number fields refuse fractions.
    `positive`: at least one unit of the last place (a price of 0.01 and up). `maximum`: a power
    of ten below the digits' own limit (a percentage: 100).
    `blank`: the schema admits "" too, for query filters that read it as "no bound" (their own
    validator turns it into None before this type sees it)."""
    whole = max_digits - decimal_places
    step = Decimal(1).scaleb(-decimal_places)
    top = Decimal(10) ** whole - step
    fraction = r"(\.\d+)?" if decimal_places else ""
    digits = rf"\d{{1,{whole}}}" + fraction
    if maximum is not None:
        assert maximum == 10 ** (len(str(maximum)) - 1) and maximum <= top, maximum
        top = Decimal(maximum)
        size = len(str(maximum)) - 1
        digits = rf"\d{{1,{size}}}{fraction}|{maximum}" + (r"(\.0+)?" if decimal_places else "")
    if positive:
        size = len(str(maximum)) - 1 if maximum is not None else whole
        digits = rf"[1-9]\d{{0,{size - 1}}}{fraction}"
        if decimal_places:
            digits += rf"|0\.({_positive_places(decimal_places)})\d*"
        if maximum is not None:
            digits += f"|{maximum}" + (r"(\.0+)?" if decimal_places else "")
    lowest = step if positive else Decimal(0)
    pattern = f"^({digits})?$" if blank else f"^({digits})$"
    # The largest float not above the true maximum (float(top) may round up past it).
    highest = float(top)
    while Decimal(highest) > top:
        highest = math.nextafter(highest, 0)
    number: dict = {"type": "number", "minimum": float(lowest), "maximum": highest}
    if not decimal_places:
        number["multipleOf"] = 1

    def parse(value):
        if isinstance(value, str):
            # A query string carries numbers as text, "1e+16" included; a body has numbers.
            # ASCII: `\d` is [0-9] for JSON Schema (ECMA-262), any script's digits for Python.
            if not re.fullmatch(digits, value, re.ASCII) and not (
                blank and _NUMBER.fullmatch(value)
            ):
                raise ValueError(_("Enter a number, e.g. 1200 or 1200.50."))
            value = Decimal(value)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            value = Decimal(str(value))
        # Out of range or not finite: left to the bounds below, which refuse it with 422.
        if isinstance(value, Decimal) and value.is_finite() and abs(value) <= top:
            if decimal_places:
                return value.quantize(step, rounding=ROUND_DOWN)
            if value != value.to_integral_value():
                raise ValueError(_("Enter a whole number."))
            return value.to_integral_value()
        return value

    return Annotated[
        Decimal,
        BeforeValidator(parse),
        Field(ge=lowest, le=top),
        WithJsonSchema({"anyOf": [number, {"type": "string", "pattern": pattern}]}),
    ]


def _date_text(value: Any) -> Any:
    # pydantic's lax mode reads 0 as 1970-01-01; the schema says a date is text (format date).
    if isinstance(value, int | float):
        raise ValueError(_("Enter a date as YYYY-MM-DD."))
    return value


# A day sent as ISO text ("2026-12-04"), never as a number.
DateIn = Annotated[date, BeforeValidator(_date_text)]
