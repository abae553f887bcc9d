"""Settings for the HTTP benchmark: the real ones plus a trivial view to compare against."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.http.urls"
LOGGING = {"version": 1, "disable_existing_loggers": True}
AXES_ENABLED = False
