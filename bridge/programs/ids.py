"""Integer ids from URLs and forms.

A database key is a positive 64-bit integer (BigAutoField); anything else — text, 0, a negative
number, or a number larger than a column can hold (SQLite raises OverflowError on those) — is
"not found", never a 500. Every programmes URL takes its ids through the `dbid` converter, and
views that read an id from a form or query string use `parse_id` / `get_by_id_or_404`."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import register_converter
from django.urls.converters import get_converters

MAX_ID = 2**63 - 1


def parse_id(value) -> int | None:
    """The integer id in `value`, or None when it is not one a database row could have."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 1 <= number <= MAX_ID else None


def id_or_404(value) -> int:
    number = parse_id(value)
    if number is None:
        raise Http404
    return number


def get_by_id_or_404(queryset, pk, **filters):
    """`get_object_or_404(queryset, pk=pk, **filters)` that first checks `pk` is an id at all."""
    return get_object_or_404(queryset, pk=id_or_404(pk), **filters)


class IdConverter:
    """`<dbid:pk>`: digits that fit a database key; out of range does not match (→ 404)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(value)
        return number

    def to_url(self, value) -> str:
        return str(int(value))


if "dbid" not in get_converters():
    register_converter(IdConverter, "dbid")
