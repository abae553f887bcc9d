"""Template helpers of the Materials Center catalog."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bridge.core.money import format_money, format_number

register = template.Library()

# Whole sentences per unit, so each language can write its own word order and case.
_PRICE_PER_UNIT = {
    "m": lambda price: _("%(price)s / m") % {"price": price},
    "kg": lambda price: _("%(price)s / kg") % {"price": price},
    "piece": lambda price: _("%(price)s / piece") % {"price": price},
    "m2": lambda price: _("%(price)s / m²") % {"price": price},
}
_QUANTITY = {
    "m": lambda n: _("%(quantity)s m") % {"quantity": n},
    "kg": lambda n: _("%(quantity)s kg") % {"quantity": n},
    "piece": lambda n: _("%(quantity)s pcs") % {"quantity": n},
    "m2": lambda n: _("%(quantity)s m²") % {"quantity": n},
}
# What JSON may hold that HTML would read as markup, written as JSON escapes instead.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def price_per_unit(amount, currency, unit) -> str:
    price = format_money(amount, currency)
    return _PRICE_PER_UNIT.get(unit, lambda p: p)(price)


@register.simple_tag
def quantity(amount, unit) -> str:
    number = format_number(amount.normalize() if hasattr(amount, "normalize") else amount)
    return _QUANTITY.get(unit, lambda n: n)(number)


@register.simple_tag
def days(n) -> str:
    return ngettext("%(days)s day", "%(days)s days", n) % {"days": n}


@register.simple_tag
def optional_url(name, *args) -> str:
    """The URL of a view that another part of the Materials Center may not have shipped yet;
    "" when it does not exist, so the template can hide the button."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@register.simple_tag
def material_url(material) -> str:
    return reverse("materials_catalog:material", args=[material.supplier.slug, material.sku])


@register.simple_tag
def json_ld(data) -> str:
    """<script type="application/ld+json"> that no text inside it can close or break."""
    if not data:
        return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    # json.dumps quoted every string and the escapes above removed <, > and &: nothing in the
    # text can end the script element or open a comment.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.filter
def hue(value) -> int:
    """A stable hue for a placeholder, from a primary key or a code."""
    result = 7
    for char in str(value):
        result = (result * 131 + ord(char)) % 3607
    return result % 360


@register.filter
def hue_step(value) -> int:
    """The hue in 24 steps of 15°, for the `hue-N` classes of site.css (no style attribute may
    carry it under the Content-Security-Policy)."""
    return hue(value) // 15
