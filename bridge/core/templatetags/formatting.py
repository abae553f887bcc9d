from django import template

from bridge.core.money import format_money, format_number

register = template.Library()


@register.filter
def money(amount, currency):
    """{{ price|money:"UZS" }}"""
    return format_money(amount, currency)


@register.filter
def number(value):
    """{{ count|number }}"""
    return format_number(value)
