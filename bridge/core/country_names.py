"""Country names in the active language, translated once per country and language: a lookup
through django-countries costs 30–40 µs, and a page or an import repeats a few countries many
times (4 % of indexing an import; a quarter of serialising an API item, which has two)."""

from functools import lru_cache

from django.utils.translation import get_language
from django_countries import countries


@lru_cache(maxsize=1024)
def _name(code: str, language: str | None) -> str:
    return str(countries.name(code)) if code else ""


def country_name(code) -> str:
    """The name of ``code`` (a code or a django-countries Country), "" for an empty one."""
    return _name(str(code or ""), get_language())
