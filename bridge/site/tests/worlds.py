"""A world built once for a test module: rows written inside a transaction that is rolled back
when the module ends, each test's own transaction nested inside it (a savepoint), so a test's
writes vanish with it and the world's with the module.

Building the demo or a role-by-role world takes 20–30 s; once per module instead of once per
test keeps the suite inside CI's time."""

from contextlib import contextmanager

from django.db import transaction
from django.test.utils import override_settings

# What the project's per-test `_isolate` fixture sets, for the rows written before any test
# starts: a cheap hasher (the seed hashes dozens of passwords), no photo drawing, mail kept.
WORLD_SETTINGS = {
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "DEMO_PHOTOS": False,
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "LANGUAGE_CODE": "en",
    "AXES_ENABLED": False,
    "RATE_LIMITS_ENABLED": False,
}


@contextmanager
def rolled_back_world(django_db_blocker, media):
    """`with rolled_back_world(django_db_blocker, media): build…; yield world` in a
    module-scoped fixture. Process-wide caches filled from the world's rows (the thesaurus,
    the typo vocabulary, cached pages) are put back when it goes."""
    from django.core.cache import cache, caches

    from bridge.search import thesaurus, typos

    cached, version = thesaurus._cached, cache.get(thesaurus._VERSION_KEY)
    try:
        with (
            django_db_blocker.unblock(),
            transaction.atomic(),
            override_settings(MEDIA_ROOT=media, **WORLD_SETTINGS),
        ):
            yield
            transaction.set_rollback(True)
    finally:
        thesaurus._cached = cached
        if version is None:
            cache.delete(thesaurus._VERSION_KEY)
        else:
            cache.set(thesaurus._VERSION_KEY, version, timeout=None)
        typos._cache.clear()
        caches["pages"].clear()
