"""Shapes shared by the routers of every app."""

import math
import re
from decimal import ROUND_DOWN, Decimal
from typing import Annotated, Any

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import BeforeValidator, WithJsonSchema


class CodeLabel(Schema):
    code: str
    label: str


class CountryOut(Schema):
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


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class RefusalOut(Schema):
    """A service's refusal: the messages by field (`__all__` for the whole) and one code."""

    detail: str
    code: str
    errors: dict[str, list[str]]


_NUMBER = re.compile(r"\d+(\.\d+)?([eE][+-]?\d+)?")


def decimal_in(*, max_digits: int, decimal_places: int, blank: bool = False) -> Any:
    """The type of a non-negative decimal input whose schema states its limits.

    pydantic checks digits and places but leaves them out of the JSON schema, so a client that
    sends 1e16 or "12abc" in good faith met a 422 the schema did not foretell. Here the schema
    says it: a number up to the maximum, or a string of digits. Places beyond `decimal_places`
    are dropped (12.3456 → 12.34) rather than refused; whole-number fields refuse fractions.
    `blank`: the schema admits "" too, for query filters that read it as "no bound" (their own
    validator turns it into None before this type sees it)."""
    whole = max_digits - decimal_places
    step = Decimal(1).scaleb(-decimal_places)
    top = Decimal(10) ** whole - step
    digits = rf"\d{{1,{whole}}}" + (r"(\.\d+)?" if decimal_places else "")
    pattern = f"^({digits})?$" if blank else f"^{digits}$"
    # The largest float not above the true maximum (float(top) may round up past it).
    highest = float(top)
    while Decimal(highest) > top:
        highest = math.nextafter(highest, 0)
    number: dict = {"type": "number", "minimum": 0, "maximum": highest}
    if not decimal_places:
        number["multipleOf"] = 1

    def parse(value):
        if isinstance(value, str):
            # A query string carries numbers as text, "1e+16" included; a body has numbers.
            if not re.fullmatch(digits, value) and not (blank and _NUMBER.fullmatch(value)):
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
        Field(ge=0, le=top),
        WithJsonSchema({"anyOf": [number, {"type": "string", "pattern": pattern}]}),
    ]
