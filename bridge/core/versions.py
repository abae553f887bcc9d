"""Data versions: one token per kind of data, changed whenever that data changes.

Caches put the versions of the data they were built from in their keys, so a change makes
every entry built from the old data unreachable at once, on every web node (the tokens live
in the shared cache), without anyone having to know which entries exist.

A namespace is usually an app label (``accounts``, ``materials``, ``programs``) or ``search``.
Apps declare which of their models feed public pages with `track()` in their
``AppConfig.ready()``; code that writes without model signals (bulk SQL) calls `bump()`.

A bump happens twice: at once, so the writing request itself (and a test inside one
transaction) never reads an entry built before its change; and again after the commit, so that
an entry another request built from the old rows while the transaction was open is dropped too.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Iterable

from django.core.cache import caches
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
_PREFIX = "dv:"
MEMO_KEYS = 8  # per Memo


def _cache():
    return caches[CACHE_ALIAS]


def versions(namespaces: Iterable[str]) -> str:
    """The current tokens of these namespaces, joined; a namespace never seen gets one now."""
    names = sorted(set(namespaces))
    if not names:
        return ""
    return versions_from(_cache().get_many(keys(names)), names)


def keys(namespaces: Iterable[str]) -> list[str]:
    """The cache keys of these namespaces' tokens: to read them in the same round trip as
    something else (the page cache reads them with the page)."""
    return [_PREFIX + name for name in sorted(set(namespaces))]


def versions_from(found: dict, namespaces: Iterable[str]) -> str:
    """`versions()` from the result of a get_many that included `keys(namespaces)`."""
    names = sorted(set(namespaces))
    cache = _cache()
    tokens = []
    for name in names:
        token = found.get(_PREFIX + name)
        if token is None:
            # add(), not set(): when two processes start a namespace at once, both use the
            # token that won.
            fresh = secrets.token_hex(6)
            cache.add(_PREFIX + name, fresh, timeout=None)
            token = cache.get(_PREFIX + name) or fresh
        tokens.append(f"{name}={token}")
    return ";".join(tokens)


def _set_new(names: tuple[str, ...]) -> None:
    try:
        _cache().set_many({_PREFIX + name: secrets.token_hex(6) for name in names}, timeout=None)
    except Exception:
        # A write must not fail because the cache is away; cached pages then live until their
        # timeout (PAGE_CACHE_SECONDS) at most.
        logger.warning("Could not bump data versions %s", names, exc_info=True)


def bump(*namespaces: str) -> None:
    """Mark these namespaces as changed: now, and again once the transaction commits."""
    names = tuple(sorted(set(namespaces)))
    if not names:
        return
    _set_new(names)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _set_new(names))


def track(model: type[Model], *namespaces: str) -> None:
    """Bump ``namespaces`` (default: the model's app label) whenever a row of ``model`` is
    saved or deleted, or one of its many-to-many relations changes."""
    names = namespaces or (model._meta.app_label,)

    def changed(sender, **kwargs):
        bump(*names)

    # weak=False: the receiver is a closure that nothing else holds.
    uid = f"bridge.core.versions:{model._meta.label}:{','.join(names)}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid + ":save")
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid + ":delete")
    for field in model._meta.local_many_to_many:
        m2m_changed.connect(
            changed,
            sender=field.remote_field.through,
            weak=False,
            dispatch_uid=f"{uid}:m2m:{field.name}",
        )


class Memo:
    """What ``build(*key)`` returns, kept in this process while the versions of
    ``namespaces`` stay as they were, and for ``seconds`` at most: for small tables that
    every request reads (the exchange rates, the catalog's categories), one read of the
    versions from the cache instead of a query. The bound covers what versions cannot see,
    as the page cache's timeout does: a write that neither saves through the ORM nor calls
    bump()."""

    def __init__(self, namespaces: Iterable[str], build, *, seconds: float = 60) -> None:
        self.namespaces, self.build, self.seconds = tuple(namespaces), build, seconds
        self._kept: dict[tuple, tuple[str, float, object]] = {}

    def __call__(self, *key):
        try:
            version, now = versions(self.namespaces), time.monotonic()
        except Exception:
            # The cache is away: the page is still served, from the database.
            logger.warning("Data versions unreadable; %s built afresh", self.build, exc_info=True)
            return self.build(*key)
        kept = self._kept.get(key)
        if kept is not None and kept[0] == version and now < kept[1]:
            return kept[2]
        value = self.build(*key)
        # Keys are few (a day): past a handful, all are dropped and built again.
        if len(self._kept) >= MEMO_KEYS:
            self._kept.clear()
        self._kept[key] = (version, now + self.seconds, value)
        return value
