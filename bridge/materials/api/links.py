"""The absolute addresses an API item of the catalog links to: its material's page, its
supplier's page and its own address in the API."""

from __future__ import annotations

import re
from urllib.parse import quote

from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS

# What reverse() leaves unquoted in a value (django.urls.resolvers).
_SAFE = RFC3986_SUBDELIMS + "/~:@"
# Stand-ins for the values while reverse() builds an address once: the slug and path
# converters accept them, and no address holds them otherwise.
_SUPPLIER, _SKU = "supplier0slot", "sku0slot"
_SLOTS = re.compile(f"({_SUPPLIER}|{_SKU})")


class CatalogLinks:
    """The addresses reverse() and build_absolute_uri() give, for the items of one answer:
    each kind of address is reversed once, and each item's values are put in its place,
    quoted as reverse() quotes them. Three reverse() calls for each of 20 items took 1.1 of
    the 1.9 ms that serialising them took (issue 14, docs/benchmarks.md)."""

    def __init__(self, request: HttpRequest) -> None:
        origin = request.build_absolute_uri("/")[:-1]  # scheme and host
        self._material = _pieces(
            origin + reverse("materials_catalog:material", args=[_SUPPLIER, _SKU])
        )
        self._api = _pieces(
            origin + reverse("api-v1:material_detail", kwargs={"supplier": _SUPPLIER, "sku": _SKU})
        )
        self._supplier = _pieces(origin + reverse("materials_catalog:supplier", args=[_SUPPLIER]))

    def material(self, supplier: str, sku: str) -> str:
        return _filled(self._material, supplier, sku)

    def material_api(self, supplier: str, sku: str) -> str:
        return _filled(self._api, supplier, sku)

    def supplier(self, supplier: str) -> str:
        return _filled(self._supplier, supplier, "")


def _pieces(address: str) -> list[str]:
    """The address split around its stand-ins: literal text at even places, stand-ins at odd
    ones. Values are put between the pieces, so a value is never searched for a stand-in."""
    return _SLOTS.split(address)


def _filled(pieces: list[str], supplier: str, sku: str) -> str:
    values = {_SUPPLIER: quote(supplier, safe=_SAFE), _SKU: quote(sku, safe=_SAFE)}
    return "".join(values[piece] if odd % 2 else piece for odd, piece in enumerate(pieces))
