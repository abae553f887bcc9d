"""Creative Bridge settings: one module, everything read from the environment.

The embedded default (no variables set) is SQLite under var/, e-mail to files under var/mail,
tasks run inline, local-memory cache. Production sets PRODUCTION=true plus DATABASE_URL,
REDIS_URL, EMAIL_URL, SECRET_KEY, ALLOWED_HOSTS (see README).
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

from config.email import email_settings
from config.env import env_bool, env_int, env_list, env_str
from config.storage import media_storage

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

PRODUCTION = env_bool("PRODUCTION", default=False)
DEBUG = env_bool("DEBUG", default=False)


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        return key
    # The embedded default keeps a generated key under var/ so sessions survive restarts
    # without anyone having to invent a secret.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_htmx",
    "django_countries",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Only for the API docs' own Swagger UI files, so /api/docs works without a CDN.
    "ninja",
    # Before django_tasks_db: its `db_worker` command is core's (heartbeats, recovery).
    "bridge.core",
    "django_tasks",
    "django_tasks_db",
    "bridge.accounts",
    "bridge.search",
    "bridge.materials",
    "bridge.programs",
    "bridge.partnering",
    "bridge.knowledge",
    # After every app it reads: its demo builder spreads their history and runs the rollup.
    "bridge.insights",
    "bridge.site",
    "bridge.api",
]

MIDDLEWARE = [
    # First, so the time it measures is the whole request's.
    "bridge.core.middleware.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "bridge.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "bridge.core.middleware.RejectNulMiddleware",
    "bridge.core.middleware.PersonPreferencesMiddleware",
    # Staff without a second factor in this session reach only the pages that settle it.
    "bridge.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication and the language: it knows the caller and speaks their language.
    "bridge.core.ratelimit.RateLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bridge.core.context_processors.site",
            ],
        },
    },
]

# --- Storage -------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL lets readers run beside the writer; IMMEDIATE makes a writer take the lock at BEGIN,
    # so concurrent writers queue on busy_timeout instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    # "pages": anonymous pages and the data versions in their keys (bridge.core.pagecache);
    # the same Redis, its own prefix, so it can be flushed without signing anyone out.
    CACHES = {
        alias: {
            "BACKEND": "bridge.core.cache.BridgeRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        for alias, prefix in (("default", "bridge"), ("pages", "bridge-pages"))
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }
# Seconds an anonymous page may be served from the cache (0: never). Edits show at once (the
# keys hold data versions); this bounds only what depends on the clock. Off under DEBUG, so
# template edits show on reload.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0 if DEBUG else 300)

MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_URL = "/static/"
# Applicants' files, served only through permission checks (bridge/programs/storage.py); with
# several web machines, a file system they all mount.
PROGRAMS_PRIVATE_ROOT = env_str("PROGRAMS_PRIVATE_ROOT") or None
STORAGES = {
    "default": media_storage(os.environ),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    # Without collectstatic the folder would not exist and whitenoise warns on every start;
    # the embedded default serves through the finders instead.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Background work (docs/decisions/0002-background-tasks.md) ------------------------------
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[env_str("TASKS_BACKEND", "immediate")],
    }
}

# A RUNNING task whose worker has been silent this long goes back to the queue.
TASK_WORKER_STALE_SECONDS = env_int("TASK_WORKER_STALE_SECONDS", 30)

# --- Health and metrics (docs/operations.md) ------------------------------------------------
# /healthz answers 503 when the oldest due task has waited longer than this.
HEALTH_TASK_LAG_LIMIT = env_int("HEALTH_TASK_LAG_LIMIT", 300)
# /metrics answers a request with `Authorization: Bearer <METRICS_TOKEN>`, or from these
# addresses (CIDR). Behind a proxy on the same machine every request comes from loopback, so in
# production no address is trusted unless listed: the token is the way in.
METRICS_TOKEN = env_str("METRICS_TOKEN")
METRICS_ALLOWED_IPS = env_list(
    "METRICS_ALLOWED_IPS", [] if PRODUCTION else ["127.0.0.1/32", "::1/128"]
)

# --- E-mail --------------------------------------------------------------------------------
for _key, _value in email_settings(
    env_str("EMAIL_URL", f"file://{VAR_DIR / 'mail'}"), file_path_default=str(VAR_DIR / "mail")
).items():
    globals()[_key] = _value
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Creative Bridge <noreply@creative-bridge.local>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- People --------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "site:home"
EMAIL_CONFIRMATION_MAX_AGE = timedelta(days=3)
INVITATION_MAX_AGE = timedelta(days=14)
# Unanswered sample requests: the supplier is reminded, then the request expires.
SAMPLE_REQUEST_REMIND_DAYS = env_int("SAMPLE_REQUEST_REMIND_DAYS", 3)
SAMPLE_REQUEST_EXPIRE_DAYS = env_int("SAMPLE_REQUEST_EXPIRE_DAYS", 7)

# Partnering (issue 10): listing lifetime and renewal, expressions of interest.
PARTNERING_LIFETIME_DAYS = env_int("PARTNERING_LIFETIME_DAYS", 365)
PARTNERING_MAX_LIFETIME_DAYS = env_int("PARTNERING_MAX_LIFETIME_DAYS", 730)
PARTNERING_EXPIRY_REMINDER_DAYS = env_int("PARTNERING_EXPIRY_REMINDER_DAYS", 14)
PARTNERING_MAX_PENDING_INTERESTS = env_int("PARTNERING_MAX_PENDING_INTERESTS", 10)
PARTNERING_INTEREST_REMIND_DAYS = env_int("PARTNERING_INTEREST_REMIND_DAYS", 7)
PARTNERING_INTEREST_EXPIRE_DAYS = env_int("PARTNERING_INTEREST_EXPIRE_DAYS", 14)
# Demo material photos are drawn by code at seed time; tests switch them off for speed.
DEMO_PHOTOS = env_bool("DEMO_PHOTOS", default=True)

# Two-factor sign-in (docs/decisions/0014-two-factor.md): the name authenticator apps show.
OTP_TOTP_ISSUER = "Creative Bridge"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "bridge.accounts.throttle.axes_username"  # case-insensitive
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# --- Languages and time --------------------------------------------------------------------
LANGUAGE_CODE = "ru"
LANGUAGES = [
    ("ru", _("Russian")),
    ("uz", _("Uzbek")),
    ("uz-cyrl", _("Uzbek (Cyrillic)")),
    ("en", _("English")),
]
# Django knows no Uzbek Cyrillic; its catalog is made from the Latin one at install
# (bridge/core/cyrillic_catalog.py) and its formats fall back to Uzbek's.
# Uzbek Cyrillic date formats (config/formats/uz_Cyrl); the rest falls back to Uzbek.
FORMAT_MODULE_PATH = ["config.formats"]
LANG_INFO["uz-cyrl"] = {
    "bidi": False,
    "code": "uz-cyrl",
    "name": "Uzbek (Cyrillic)",
    "name_local": "Ўзбекча",
}
# Our catalogs first; Uzbek country names (django-countries ships none) in a folder that
# makemessages does not rewrite.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "bridge" / "core" / "countries_locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Moscow"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Security ------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# No inline script, style or handler anywhere (templates keep them in static files); htmx is told
# so by the htmx-config meta tag of base.html. /api/docs (Swagger UI) alone allows inline styles
# and data: images (bridge/api/urls.py). JSON-LD blocks are data, which CSP does not run.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", *env_list("CSP_IMG_SRC", [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Rate limits (bridge/core/ratelimit.py): "requests/seconds" per scope, for anonymous callers
# (per IP) and for tokens or signed-in people; empty: none. Counted in the default cache.
RATE_LIMITS_ENABLED = env_bool("RATE_LIMITS_ENABLED", default=True)
RATE_LIMITS = {
    "api": (env_str("RATE_LIMIT_API", "300/60"), env_str("RATE_LIMIT_API_TOKEN", "1200/60")),
    "search": (env_str("RATE_LIMIT_SEARCH", "120/60"),) * 2,
    "signup": (env_str("RATE_LIMIT_SIGNUP", "10/3600"),) * 2,
    "password_reset": (env_str("RATE_LIMIT_PASSWORD_RESET", "5/900"),) * 2,
}
# Behind a proxy every request comes from it: name the header it puts the client's address in
# (e.g. X-Forwarded-For; its right-most address is taken).
RATE_LIMIT_IP_HEADER = env_str("RATE_LIMIT_IP_HEADER")
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^metrics$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

# --- Logging -------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# --- Platform ------------------------------------------------------------------------------
SITE_NAME = "Creative Bridge"
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
LOGO_MAX_BYTES = 2 * 1024 * 1024
NINJA_PAGINATION_PER_PAGE = 20
FORM_RENDERER = "bridge.core.forms.BridgeFormRenderer"
