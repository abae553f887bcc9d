"""Fixtures shared by every app: one person per role around one organisation."""

import os
import shutil

import pytest
from django.utils import translation

from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, request):
    """Under `make mutation` every mutant's run is a pytest session of its own, and migrating a
    fresh test database took most of its ~30 s. There, each run starts from its own copy of one
    database migrated beforehand (MUTATION_TEMPLATE_DB, with --reuse-db); runs in parallel never
    share a file, so no test fails on another's lock."""
    template = os.environ.get("MUTATION_TEMPLATE_DB")
    if not template:
        return
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        return
    copy = f"{template}.{os.getpid()}"
    shutil.copyfile(template, copy)
    database.setdefault("TEST", {})["NAME"] = copy
    # The copy already holds what post_migrate's receivers create (permissions, staff groups):
    # silenced for the set-up's migrate, where they were most of what remained of its time, and
    # back for the flushes of transactional tests, which must re-create them.
    from django.db.models.signals import post_migrate

    _SILENCED.extend(post_migrate.receivers)
    post_migrate.receivers.clear()

    def remove():
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(copy + suffix):
                os.remove(copy + suffix)

    request.addfinalizer(remove)


_SILENCED: list = []


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """pytest-django's set-up, then post_migrate's receivers back if the mutation run silenced
    them (django_db_modify_db_settings above)."""
    from django.db.models.signals import post_migrate

    post_migrate.receivers.extend(_SILENCED)
    _SILENCED.clear()


def pytest_collection_finish(session):
    """mutmut forks every mutant's run from a process that has collected the tests: parsing
    the thesaurus files there (seconds) spares each run doing it again."""
    if os.environ.get("MUTATION_TEMPLATE_DB"):
        from bridge.search.thesaurus import yaml_thesaurus

        yaml_thesaurus()


@pytest.fixture(autouse=True)
def _isolate(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.AXES_ENABLED = False
    # The rate limit tests switch them on; the rest would trip them (one IP, many requests).
    settings.RATE_LIMITS_ENABLED = False
    settings.LANGUAGE_CODE = "en"
    # Drawing ~150 demo photos costs a minute; the photo tests switch it back on.
    settings.DEMO_PHOTOS = False
    settings.PASSWORD_HASHERS = ["bridge.accounts.tests.hashers.CheapArgon2PasswordHasher"]


@pytest.fixture(autouse=True)
def _second_factor_on_force_login(request, monkeypatch):
    """`client.force_login(staff)` stands for a whole sign-in, second factor included, so the
    tests of staff pages need not type codes. Tests of the second factor itself sign in through
    the pages, or mark themselves `real_second_factor` to see the pending state."""
    if request.node.get_closest_marker("real_second_factor"):
        return
    from django.test import Client

    from bridge.accounts import second_factor

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        session = self.session
        if session.get(second_factor.SESSION_KEY) in second_factor.PENDING:
            session[second_factor.SESSION_KEY] = second_factor.VERIFIED
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Cached pages and data versions outlive a test's rolled-back rows (no commit bumps a
    version then): each test starts with none."""
    from django.core.cache import caches

    caches["pages"].clear()


@pytest.fixture(autouse=True)
def _fresh_thesaurus():
    """A thesaurus built from a test's own Concept rows must not outlive its rolled-back
    transaction: the process-wide one and its version come back after each test."""
    from django.core.cache import cache

    from bridge.search import thesaurus

    cached, version = thesaurus._cached, cache.get(thesaurus._VERSION_KEY)
    yield
    thesaurus._cached = cached
    if version is None:
        cache.delete(thesaurus._VERSION_KEY)
    else:
        cache.set(thesaurus._VERSION_KEY, version, timeout=None)


@pytest.fixture
def in_english(settings):
    """Exact messages are asserted in English; a cheap hasher keeps many accounts fast."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with translation.override("en"):
        yield


@pytest.fixture
def clock(monkeypatch):
    """timezone.now() reads `clock["now"]` (from exact_support.NOW), so each stamp a service
    writes can be compared exactly; a test moves time by setting it."""
    from django.utils import timezone

    from bridge.core.tests.exact_support import NOW

    state = {"now": NOW}
    monkeypatch.setattr(timezone, "now", lambda: state["now"])
    return state


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """`with run_on_commit():` runs what the block's transaction queued for after commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def organisation(db):
    # The INN the page tests type (a real one: Sberbank's).
    return OrganisationFactory(registration_number="7707083893")


@pytest.fixture
def owner(organisation):
    user = UserFactory()
    Membership.objects.create(organisation=organisation, user=user, role=Role.OWNER)
    return user


@pytest.fixture
def org_admin(organisation):
    user = UserFactory()
    Membership.objects.create(organisation=organisation, user=user, role=Role.ADMIN)
    return user


@pytest.fixture
def member(organisation):
    user = UserFactory()
    Membership.objects.create(organisation=organisation, user=user, role=Role.MEMBER)
    return user


@pytest.fixture
def outsider(db):
    return UserFactory()


@pytest.fixture
def moderator(db):
    return UserFactory(is_staff=True, groups=["moderator"])


@pytest.fixture
def programme_manager(db):
    return UserFactory(is_staff=True, groups=["programme manager"])


@pytest.fixture
def analyst(db):
    return UserFactory(is_staff=True, groups=["analyst"])
