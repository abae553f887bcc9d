"""Writes of a material's template properties (see models/properties.py).

One function, keyword-only and atomic like services.py; the edit view calls it inside the same
transaction as material_update, so a listing is never half-saved."""

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bridge.core.audit import audit_log
from bridge.core.money import format_number
from bridge.materials.models import Material, MaterialPropertyValue, PropertyDefinition
from bridge.materials.rules import materials as rules
from bridge.materials.selectors.properties import definitions_for_category

# MaterialPropertyValue.value holds 10 digits before the point.
_LIMIT = Decimal(10) ** 10


def property_value_error(definition: PropertyDefinition, value: Decimal) -> str | None:
    """Why `value` does not fit the definition's bounds and precision, or None. The form shows
    the same message at the field."""
    low, high = definition.min_value, definition.max_value
    outside = (low is not None and value < low) or (high is not None and value > high)
    if outside:
        bounds = {
            "property": definition.label(),
            "low": format_number(low.normalize()) if low is not None else "",
            "high": format_number(high.normalize()) if high is not None else "",
        }
        if low is not None and high is not None:
            return _("%(property)s must be between %(low)s and %(high)s.") % bounds
        if low is not None:
            return _("%(property)s must be at least %(low)s.") % bounds
        return _("%(property)s must be at most %(high)s.") % bounds
    if abs(value) >= _LIMIT:
        return _("%(property)s is too large.") % {"property": definition.label()}
    if value != round(value, definition.decimal_places):
        if definition.decimal_places == 0:
            return _("%(property)s must be a whole number.") % {"property": definition.label()}
        return _("%(property)s allows at most %(places)d digits after the decimal point.") % {
            "property": definition.label(),
            "places": definition.decimal_places,
        }
    return None


@transaction.atomic
def material_properties_set(
    *, actor, material: Material, values: Mapping[str, Decimal | int | str | None]
) -> list[MaterialPropertyValue]:
    """Replace the material's template properties with `values` (definition code → number;
    None or absent clears it). Values of definitions outside the category's template are
    dropped, so changing the category leaves no orphans. Errors are keyed by code."""
    if actor is not None and not rules.can_manage_materials(actor, material.supplier):
        raise PermissionDenied(_("You cannot change the listings of this supplier."))
    template = {d.code: d for d in definitions_for_category(material.category)}
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Decimal] = {}
    for code, raw in values.items():
        if raw is None or raw == "":
            continue
        definition = template.get(code)
        if definition is None:
            errors[code] = [_("This property does not belong to the material's category.")]
            continue
        try:
            number = Decimal(str(raw))
        except InvalidOperation:
            errors[code] = [_("Enter a number.")]
            continue
        if not number.is_finite():
            errors[code] = [_("Enter a number.")]
            continue
        message = property_value_error(definition, number)
        if message:
            errors[code] = [message]
            continue
        cleaned[code] = number
    if errors:
        raise ValidationError(errors)
    existing = {v.definition.code: v for v in material.property_values.select_related("definition")}
    changed = sorted(
        code
        for code in set(existing) | set(cleaned)
        if code not in existing or code not in cleaned or existing[code].value != cleaned[code]
    )
    if not changed:
        return [existing[code] for code in template if code in existing]
    stale = [v.pk for code, v in existing.items() if code not in cleaned]
    MaterialPropertyValue.objects.filter(pk__in=stale).delete()
    kept = []
    for code, number in cleaned.items():
        row = existing.get(code)
        if row is None:
            row = MaterialPropertyValue.objects.create(
                material=material, definition=template[code], value=number
            )
        elif row.value != number:
            row.value = number
            row.save(update_fields=["value"])
        kept.append(row)
    audit_log(actor=actor, action="material.properties", target=material, properties=changed)
    return kept
