"""People services, to the exact value a person sees: what sign-up stores and the link it sends,
how long that link works (both sides of the edge) and what makes it invalid, the preferences and
their error messages, the failed sign-ins a password reset forgets, the language switch, and API
tokens: the secret, its lifetime, scope, expiry edge, revocation and the audit rows. Written for
the mutation score of issue 18."""

import hashlib
import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.core.cache.backends import base as cache_base
from django.core.cache.backends import locmem
from django.core.exceptions import ValidationError

from bridge.accounts.models import ApiToken, User
from bridge.accounts.services import people as services
from bridge.accounts.tests.factories import ApiTokenFactory, UserFactory
from bridge.core.models import AuditEntry
from bridge.core.tests.exact_support import NOW, recorded_notifications, trail

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

EARLIER = NOW - timedelta(days=10)
PASSWORD = "a-long-enough-password-1"
# The salt is part of every link already sent: changing it would void them all.
CONFIRM_SALT = "accounts.confirm-email"


@pytest.fixture
def told(monkeypatch):
    """Each `notify` the services make: (to, template, context, language)."""
    return recorded_notifications(monkeypatch, services)


@pytest.fixture
def signing_clock(monkeypatch):
    """The seconds the link signer reads (it uses time.time(), not Django's clock)."""
    state = {"t": 1_780_000_000}
    monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: state["t"]))
    return state


@pytest.fixture
def resend_cache(monkeypatch, request):
    """A cache of this test's own (pks repeat across rolled-back tests) on a clock it sets."""
    state = {"t": 1_780_000_000.0}
    fake_time = SimpleNamespace(time=lambda: state["t"])
    monkeypatch.setattr(locmem, "time", fake_time)
    monkeypatch.setattr(cache_base, "time", fake_time)
    monkeypatch.setattr(services, "cache", locmem.LocMemCache(request.node.nodeid, {}))
    return state


def stored(user) -> User:
    return User.objects.get(pk=user.pk)


def link_token(url: str) -> str:
    match = re.fullmatch(re.escape(settings.SITE_URL) + r"/accounts/confirm/([^/]+)/", url)
    assert match, url
    return match.group(1)


def confirm_link(told, user) -> str:
    [(to, template, context, language)] = told
    assert (to, template, language) == (user, "accounts/email/confirm", "")
    assert set(context) == {"name", "url"}
    return context["url"]


# --- signing up -----------------------------------------------------------------------------


def test_sign_up_stores_the_person_and_mails_the_link_after_commit(told, run_on_commit):
    with run_on_commit():
        user = services.user_sign_up(
            email="Ada@Example.ORG", password=PASSWORD, full_name="  Ada Lovelace \n", language="uz"
        )
        assert told == []  # no link to an account that might still roll back
    row = stored(user)
    assert (row.email, row.full_name, row.language) == ("ada@example.org", "Ada Lovelace", "uz")
    assert row.check_password(PASSWORD)
    assert (row.email_confirmed_at, row.is_active, row.is_staff, row.is_superuser) == (
        None,
        True,
        False,
        False,
    )
    url = confirm_link(told, user)
    assert told[0][2]["name"] == "Ada Lovelace"
    token = link_token(url)
    assert signing.TimestampSigner(salt=CONFIRM_SALT).unsign_object(token) == {
        "u": user.pk,
        "e": "ada@example.org",
    }


def test_sign_up_without_a_name_greets_by_the_address(told, run_on_commit):
    with run_on_commit():
        user = services.user_sign_up(email="grace@example.org", password=PASSWORD)
    assert (stored(user).full_name, stored(user).language) == ("", "")
    confirm_link(told, user)
    assert told[0][2]["name"] == "grace"


def test_sign_up_needs_an_address(told):
    with pytest.raises(ValueError, match="An e-mail address is required"):
        services.user_sign_up(email="", password=PASSWORD)
    assert not User.objects.exists()


# --- the confirmation link ------------------------------------------------------------------


def test_the_link_mailed_confirms_the_address_once(told, clock):
    user = UserFactory(email="ada@example.org", email_confirmed_at=None)
    services.email_confirmation_send(user=user)
    token = link_token(confirm_link(told, user))
    confirmed = services.user_confirm_email(token=token)
    assert confirmed == user
    assert stored(user).email_confirmed_at == NOW
    clock["now"] = NOW + timedelta(hours=1)
    assert services.user_confirm_email(token=token).email_confirmed_at == NOW  # kept
    assert stored(user).email_confirmed_at == NOW


def test_the_link_works_for_its_whole_lifetime_and_not_a_second_longer(signing_clock, clock):
    user = UserFactory(email_confirmed_at=None)
    token = services.email_confirmation_token(user=user)
    age = int(settings.EMAIL_CONFIRMATION_MAX_AGE.total_seconds())
    assert age == 3 * 24 * 3600
    signing_clock["t"] += age + 1
    with pytest.raises(services.ConfirmationError):
        services.user_confirm_email(token=token)
    assert stored(user).email_confirmed_at is None
    signing_clock["t"] -= 1
    services.user_confirm_email(token=token)
    assert stored(user).email_confirmed_at == NOW


def signed(value, salt=CONFIRM_SALT) -> str:
    return signing.TimestampSigner(salt=salt).sign_object(value)


@pytest.mark.parametrize(
    "case",
    [
        "altered",
        "another purpose",
        "address changed",
        "account gone",
        "no address",
        "not a mapping",
        "garbage",
    ],
)
def test_a_link_that_is_not_for_this_address_now_is_refused(case):
    user = UserFactory(email="ada@example.org", email_confirmed_at=None)
    token = services.email_confirmation_token(user=user)
    if case == "altered":
        token = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")
    elif case == "another purpose":
        token = signed({"u": user.pk, "e": user.email}, salt="accounts.other")
    elif case == "address changed":
        User.objects.filter(pk=user.pk).update(email="ada@elsewhere.org")
    elif case == "account gone":
        token = signed({"u": user.pk + 1000, "e": user.email})
    elif case == "no address":
        token = signed({"u": user.pk})
    elif case == "not a mapping":
        token = signed([user.pk, user.email])
    else:
        token = "not-a-token"
    with pytest.raises(services.ConfirmationError):
        services.user_confirm_email(token=token)
    assert stored(user).email_confirmed_at is None


# --- asking for a new link ------------------------------------------------------------------


def test_a_new_link_goes_to_an_unconfirmed_account_whatever_the_typing(told, resend_cache):
    user = UserFactory(email="ada@example.org", email_confirmed_at=None)
    assert services.email_confirmation_resend(email="  ADA@Example.org \n") is True
    token = link_token(confirm_link(told, user))
    assert services.user_confirm_email(token=token) == user


@pytest.mark.parametrize("case", ["confirmed", "inactive", "unknown"])
def test_no_link_for_confirmed_inactive_or_unknown_addresses(told, resend_cache, case):
    UserFactory(
        email="ada@example.org",
        email_confirmed_at=EARLIER if case == "confirmed" else None,
        is_active=case != "inactive",
    )
    email = "nobody@example.org" if case == "unknown" else "ada@example.org"
    assert services.email_confirmation_resend(email=email) is False
    assert told == []


def test_one_new_link_per_address_per_minute(told, resend_cache):
    ada = UserFactory(email="ada@example.org", email_confirmed_at=None)
    bob = UserFactory(email="bob@example.org", email_confirmed_at=None)
    assert services.email_confirmation_resend(email="ada@example.org") is True
    resend_cache["t"] += 59
    assert services.email_confirmation_resend(email="ada@example.org") is False
    # Someone else's request is not held up by Ada's.
    assert services.email_confirmation_resend(email="bob@example.org") is True
    resend_cache["t"] += 1
    assert services.email_confirmation_resend(email="ada@example.org") is True
    assert [to for to, *_rest in told] == [ada, bob, ada]


# --- preferences ----------------------------------------------------------------------------


def test_preferences_are_stored_trimmed_and_nothing_else_is_written(db):
    user = UserFactory(full_name="Old", language="ru", timezone="")
    user.is_staff = True  # not this step's to save
    returned = services.user_update_preferences(
        user=user, full_name="  Ada Lovelace  ", language="uz-cyrl", timezone_name="Asia/Tashkent"
    )
    assert returned is user
    row = stored(user)
    assert (row.full_name, row.language, row.timezone) == (
        "Ada Lovelace",
        "uz-cyrl",
        "Asia/Tashkent",
    )
    assert row.is_staff is False


def test_preferences_may_all_be_left_empty(db):
    user = UserFactory(full_name="Old", language="ru", timezone="Europe/Moscow")
    services.user_update_preferences(user=user, full_name="   ", language="", timezone_name="")
    row = stored(user)
    assert (row.full_name, row.language, row.timezone) == ("", "", "")


def test_a_name_of_150_characters_fits_once_trimmed(db):
    user = UserFactory()
    services.user_update_preferences(
        user=user, full_name=f"  {'n' * 150}  ", language="en", timezone_name="UTC"
    )
    assert stored(user).full_name == "n" * 150


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (
            {"full_name": "n" * 151},
            {"full_name": ["Ensure this value has at most 150 characters (it has 151)."]},
        ),
        ({"language": "de"}, {"language": ["Value 'de' is not a valid choice."]}),
        ({"timezone_name": "Mars/Olympus"}, {"timezone": ["Unknown time zone."]}),
    ],
)
def test_invalid_preferences_are_shown_at_their_field_and_nothing_is_saved(db, fields, errors):
    user = UserFactory(full_name="Old", language="ru", timezone="Europe/Moscow")
    values = {"full_name": "New", "language": "en", "timezone_name": "UTC", **fields}
    with pytest.raises(ValidationError) as excinfo:
        services.user_update_preferences(user=user, **values)
    assert excinfo.value.message_dict == errors
    row = stored(user)
    assert (row.full_name, row.language, row.timezone) == ("Old", "ru", "Europe/Moscow")


# --- the language switch --------------------------------------------------------------------


def test_switching_language_stores_it_and_nothing_else(db):
    user = UserFactory(language="ru", full_name="Old")
    user.full_name = "Not saved by the switch"
    services.user_set_language(user=user, language="en")
    row = stored(user)
    assert (row.language, row.full_name) == ("en", "Old")


def test_the_same_language_writes_nothing(db, django_assert_num_queries):
    user = UserFactory(language="uz")
    with django_assert_num_queries(0):
        services.user_set_language(user=user, language="uz")


def test_a_visitor_without_an_account_switches_without_a_write(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        services.user_set_language(user=AnonymousUser(), language="en")


# --- failed sign-ins ------------------------------------------------------------------------


def attempt(username, ip):
    return AccessAttempt.objects.create(
        username=username,
        ip_address=ip,
        user_agent="test",
        http_accept="*/*",
        path_info="/accounts/login/",
        get_data="",
        post_data="",
        failures_since_start=3,
    )


def test_a_password_reset_forgets_only_that_persons_failed_sign_ins(db):
    ada = UserFactory(email="ada@example.org")
    attempt("ada@example.org", "10.0.0.1")
    attempt("ada@example.org", "10.0.0.2")
    attempt("bob@example.org", "10.0.0.1")
    services.user_login_throttle_reset(user=ada)
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["bob@example.org"]


# --- API tokens -----------------------------------------------------------------------------


def test_a_token_is_made_with_its_secret_shown_once_and_audited(clock):
    user = UserFactory()
    token, raw = services.api_token_create(user=user, name="  CI script  ")
    assert re.fullmatch(r"cb_[A-Za-z0-9_-]{43}", raw), raw  # 256 random bits
    row = ApiToken.objects.get()
    assert row == token
    assert (row.user, row.name, row.prefix, row.scope) == (
        user,
        "CI script",
        raw[:10],
        "read-write",
    )
    assert row.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in (row.name, row.prefix, row.key_hash)  # only the hash is kept
    assert (row.created_at, row.expires_at, row.last_used_at, row.revoked_at) == (
        NOW,
        NOW + timedelta(days=90),
        None,
        None,
    )
    assert trail(token) == [
        (
            "token.create",
            user,
            {"prefix": raw[:10], "scope": "read-write", "expires_at": "2026-08-30T09:30:00+00:00"},
        )
    ]
    assert services.api_token_check(raw=raw) == token


@pytest.mark.parametrize(("days", "scope"), [(30, "read"), (365, "read-write")])
def test_a_token_lives_as_long_as_chosen_with_the_scope_chosen(clock, days, scope):
    token, _raw = services.api_token_create(user=UserFactory(), name="x", days=days, scope=scope)
    row = ApiToken.objects.get(pk=token.pk)
    assert (row.expires_at, row.scope) == (NOW + timedelta(days=days), scope)
    assert trail(token)[0][2]["scope"] == scope


def test_a_token_name_is_cut_to_100_characters():
    user = UserFactory()
    long, _raw = services.api_token_create(user=user, name=f" {'n' * 101} ")
    exact, _raw = services.api_token_create(user=user, name="m" * 100)
    assert ApiToken.objects.get(pk=long.pk).name == "n" * 100
    assert ApiToken.objects.get(pk=exact.pk).name == "m" * 100


@pytest.mark.parametrize(
    ("days", "scope"),
    [
        *[(days, "read") for days in (0, 29, 31, 89, 91, 364, 366)],
        *[(90, scope) for scope in ("write", "admin", "READ", "")],
    ],
)
def test_only_the_offered_lifetimes_and_scopes_are_made(days, scope):
    with pytest.raises(ValueError, match=r"^unknown lifetime or scope$"):
        services.api_token_create(user=UserFactory(), name="x", days=days, scope=scope)
    assert not ApiToken.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_token_is_revoked_once_and_audited_once(clock):
    user = UserFactory()
    token = ApiTokenFactory(user=user, raw="cb_abcdefgh_secret")
    clock["now"] = NOW + timedelta(minutes=5)
    revoked = services.api_token_revoke(user=user, token_id=token.pk)
    assert revoked.revoked_at == NOW + timedelta(minutes=5)
    clock["now"] = NOW + timedelta(days=1)
    assert services.api_token_revoke(user=user, token_id=token.pk).revoked_at == (
        NOW + timedelta(minutes=5)
    )
    assert ApiToken.objects.get(pk=token.pk).revoked_at == NOW + timedelta(minutes=5)
    assert trail(token) == [("token.revoke", user, {"prefix": "cb_abcdefg"})]
    assert services.api_token_check(raw="cb_abcdefgh_secret") is None


def test_revoking_one_token_leaves_the_persons_others_working(clock):
    user = UserFactory()
    kept = ApiTokenFactory(user=user, raw="cb_keptkept_secret")
    gone = ApiTokenFactory(user=user, raw="cb_gonegone_secret")
    assert services.api_token_revoke(user=user, token_id=gone.pk).pk == gone.pk
    assert services.api_token_check(raw="cb_keptkept_secret") == kept
    assert services.api_token_check(raw="cb_gonegone_secret") is None


def test_nobody_revokes_another_persons_token():
    token = ApiTokenFactory()
    with pytest.raises(ApiToken.DoesNotExist):
        services.api_token_revoke(user=UserFactory(), token_id=token.pk)
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    assert not AuditEntry.objects.exists()


RAW = "cb_live_token_secret"


def test_a_live_token_names_its_person_and_notes_its_first_use(clock):
    user = UserFactory()
    token = ApiTokenFactory(user=user, raw=RAW, expires_at=NOW + timedelta(seconds=1))
    assert services.api_token_check(raw=RAW) == token
    assert ApiToken.objects.get(pk=token.pk).last_used_at == NOW
    assert services.api_token_authenticate(raw=RAW) == user


def test_a_token_from_before_expiry_existed_still_works(clock):
    token = ApiTokenFactory(raw=RAW, expires_at=None)
    assert services.api_token_check(raw=RAW) == token


@pytest.mark.parametrize("case", ["expired now", "expired", "revoked", "inactive", "wrong secret"])
def test_a_dead_token_names_nobody_and_is_not_marked_used(clock, case):
    user = UserFactory(is_active=case != "inactive")
    token = ApiTokenFactory(
        user=user,
        raw=RAW,
        expires_at={"expired now": NOW, "expired": NOW - timedelta(days=1)}.get(
            case, NOW + timedelta(days=1)
        ),
        revoked_at=EARLIER if case == "revoked" else None,
    )
    raw = RAW + "x" if case == "wrong secret" else RAW
    assert services.api_token_check(raw=raw) is None
    assert services.api_token_authenticate(raw=raw) is None
    assert ApiToken.objects.get(pk=token.pk).last_used_at is None


@pytest.mark.parametrize(("seconds_ago", "noted"), [(60, False), (61, True)])
def test_use_is_noted_at_most_once_a_minute(clock, seconds_ago, noted):
    before = NOW - timedelta(seconds=seconds_ago)
    token = ApiTokenFactory(raw=RAW, expires_at=None, last_used_at=before)
    assert services.api_token_check(raw=RAW) == token
    assert ApiToken.objects.get(pk=token.pk).last_used_at == (NOW if noted else before)
