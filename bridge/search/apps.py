from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The engine knows no app: each app registers its own indexes from its ready()."""

    name = "bridge.search"
    label = "search"
    verbose_name = _("Search")
