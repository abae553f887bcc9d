"""The value types of a supplier's listing input (supplier.py): each states in the schema what
its validator accepts, so a schema-valid value is never refused by the type (issue 16)."""

import re
from decimal import Decimal
from typing import Annotated

from django.utils.translation import gettext as _
from pydantic import BeforeValidator, WithJsonSchema

from bridge.core.api.schemas import decimal_in

# The model's digits and places, stated in the schema (see decimal_in); prices and quantities
# start at 0.01, a fibre's share at 0.01 and ends at 100.
Measure = decimal_in(max_digits=8, decimal_places=2)
Price = decimal_in(max_digits=14, decimal_places=2, positive=True)
Quantity = decimal_in(max_digits=12, decimal_places=2, positive=True)
SamplePrice = decimal_in(max_digits=12, decimal_places=2)
Percent = decimal_in(max_digits=5, decimal_places=2, positive=True, maximum=100)
_PROPERTY_NUMBER = r"-?\d{1,10}(\.\d+)?"


def _property_number(value):
    # The edit form's blank field clears a property, as null does; other text must be a number.
    # Bounds and places are the template's, checked by the service (422 with `code`).
    if isinstance(value, str):
        if not value:
            return None
        if not re.fullmatch(_PROPERTY_NUMBER, value, re.ASCII):  # [0-9], as in JSON Schema
            raise ValueError(_("Enter a number."))
    return value


PropertyNumber = Annotated[
    Decimal | None,
    BeforeValidator(_property_number),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number"},
                {"type": "string", "pattern": f"^({_PROPERTY_NUMBER})?$"},
                {"type": "null"},
            ]
        }
    ),
]
