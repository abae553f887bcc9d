from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def _register_functions(sender, connection, **kwargs):
    """SQLite: the SQL functions the full-text triggers call (migrations 0016, 0017)."""
    if connection.vendor == "sqlite":
        from bridge.search.backends.sqlite import facet_tokens
        from bridge.search.stored import unpack

        connection.connection.create_function(
            "search_facet_tokens", 1, facet_tokens, deterministic=True
        )
        connection.connection.create_function("search_text", 1, unpack, deterministic=True)


class SearchConfig(AppConfig):
    """The engine knows no app: each app registers its own indexes from its ready()."""

    name = "bridge.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        connection_created.connect(_register_functions, dispatch_uid="search_sql_functions")

    def warm(self):
        """Before a web process serves (bridge.core.runtime.settle): the thesaurus and each
        index's vocabulary, which its first search would build (~0.5 s at 100k)."""
        from bridge.search import registry
        from bridge.search.thesaurus import current
        from bridge.search.typos import vocabulary

        current()
        for key in registry.all_keys():
            vocabulary(key)
