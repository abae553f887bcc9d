"""Programme applications whose applicants chose to show them (`show_on_heritage_pages`), as the
search engine sees them: their title and short description, so that heritage theme pages and
"related" lists of the practice library show the games built on a theme. Only submitted
applications of published calls, and never anything a reviewer or the jury wrote."""

from django.db.models.signals import post_save
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from bridge.programs.models import SUBMITTED_STATUSES, Application
from bridge.search.registry import Card, Document, SearchIndex
from bridge.search.services import search_index_update

KEY = "programme-projects"


def _shown():
    return Application.objects.filter(
        show_on_heritage_pages=True,
        status__in=SUBMITTED_STATUSES,
        call__is_published=True,
    ).select_related("call", "organisation")


class ApplicationIndex(SearchIndex):
    key = KEY
    model = Application
    label = _("Programme projects")
    position = 35

    def queryset(self):
        return _shown()

    def document(self, obj: Application) -> Document:
        return Document(
            title=obj.title,
            body="\n".join(text for text in (obj.summary, obj.organisation.name) if text),
            language=obj.language[:2] if obj.language[:2] in ("ru", "uz", "en") else None,
            facets={"call": [obj.call.slug]},
            numbers={"created": obj.created_at.timestamp()},
        )

    def cards(self, ids: list[int]) -> list[Card]:
        rows = _shown().in_bulk(ids)
        return [
            Card(
                title=rows[pk].title,
                url=reverse("programs:call_detail", args=[rows[pk].call.slug]),
                summary=Truncator(rows[pk].summary).chars(160),
                meta=f"{rows[pk].call} · {rows[pk].organisation.name}",
            )
            for pk in ids
            if pk in rows
        ]


def _refresh(sender, instance, **kwargs):
    """The entry follows the application in its own transaction: an application that is not (or
    no longer) shown leaves the index. A signal, so that the programme services stay as they are;
    the application services may call search_index_update themselves instead."""
    search_index_update(key=KEY, objects=[instance])


def connect() -> None:
    post_save.connect(_refresh, sender=Application, dispatch_uid="programs.application_index")
