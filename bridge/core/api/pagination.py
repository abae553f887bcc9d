"""Page-number pagination shared by every list endpoint: `{"count": N, "items": [...]}`."""

from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema

PAGE_SIZE_DEFAULT = 20
PAGE_SIZE_MAX = 100


class PageParams(Schema):
    page: int = Field(1, ge=1, description="1-based page number.")
    page_size: int = Field(
        PAGE_SIZE_DEFAULT, ge=1, le=PAGE_SIZE_MAX, description="Items per page, at most 100."
    )


def paginate(queryset: QuerySet, params: PageParams) -> tuple[int, list[Any]]:
    """Returns the total and one page. Pages past the end are empty, not errors, so a client
    looping until `items` is empty stops cleanly; they also skip the query, which keeps an
    absurd page number from reaching the database as an out-of-range OFFSET."""
    count = queryset.count()
    offset = (params.page - 1) * params.page_size
    if offset >= count:
        return count, []
    return count, list(queryset[offset : offset + params.page_size])
