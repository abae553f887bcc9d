from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The top floor: the home page and whatever shows several apps at once, and the demo data
    set. It may import every app; no app imports it."""

    name = "bridge.site"
    label = "site"
    verbose_name = _("Site")
