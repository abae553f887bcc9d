"""The project's URL patterns as templates ("organisations/{slug}/members/{pk}/"), walked from the
resolver (whatever the apps add): the no-500 walk and the authorization table both start here."""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern
from django.views.static import serve

PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
ADMIN_KEPT = {"index", "login"}


@dataclass(frozen=True)
class Route:
    template: str  # "organisations/{slug}/members/{pk}/"
    params: tuple[tuple[str, str], ...]  # (name, converter)
    name: str


def _regex_to_template(regex: str) -> tuple[str, list[tuple[str, str]]] | None:
    """A simple regex pattern (literal text and named groups) as a template; None if the
    pattern is more than that (such a URL can only be reached by the resolver's own tests)."""
    out, params, i = [], [], 0
    regex = regex.removeprefix("^").removesuffix("$").removesuffix(r"\Z")
    while i < len(regex):
        if regex.startswith("(?P<", i):
            end_name = regex.index(">", i)
            name = regex[i + 4 : end_name]
            depth, j = 1, end_name + 1
            while depth:
                depth += {"(": 1, ")": -1}.get(regex[j], 0)
                j += 1
            out.append("{" + name + "}")
            params.append((name, "regex"))
            i = j
        elif regex[i] == "\\" and i + 1 < len(regex) and not regex[i + 1].isalnum():
            out.append(regex[i + 1])
            i += 2
        elif regex[i] in "()[]{}*+?|.^$\\":
            return None
        else:
            out.append(regex[i])
            i += 1
    return "".join(out), params


def _piece(pattern) -> tuple[str, list[tuple[str, str]]] | None:
    if isinstance(pattern, RoutePattern):
        route = str(pattern._route)
        params = [(m["name"], m["converter"] or "str") for m in PARAM.finditer(route)]
        return PARAM.sub(lambda m: "{" + m["name"] + "}", route), params
    if isinstance(pattern, RegexPattern):
        return _regex_to_template(pattern._regex)
    return None


def walk(
    resolver: URLResolver, prefix: str = "", params=(), namespace: str = ""
) -> Iterator[Route]:
    for entry in resolver.url_patterns:
        piece = _piece(entry.pattern)
        if piece is None:
            continue
        text, new_params = piece
        if isinstance(entry, URLResolver):
            space = ":".join(filter(None, [namespace, entry.namespace or ""]))
            yield from walk(entry, prefix + text, (*params, *new_params), space)
        elif isinstance(entry, URLPattern):
            full = prefix + text
            if entry.callback is serve or full.startswith(
                (settings.STATIC_URL.strip("/"), settings.MEDIA_URL.strip("/"))
            ):
                continue
            if namespace.split(":")[0] == "admin" and (
                namespace != "admin" or entry.name not in ADMIN_KEPT
            ):
                continue
            yield Route(full, (*params, *new_params), entry.name or "")


def routes() -> list[Route]:
    seen, out = set(), []
    for route in walk(get_resolver()):
        if route.template not in seen:
            seen.add(route.template)
            out.append(route)
    return out
