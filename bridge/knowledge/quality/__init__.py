"""Relevance of the practice library search on the demo library, beside Django's usual
`icontains`, scored by bridge.search.quality.

The relevance set (relevance.yaml) says which practices a reader expects on the first page for
each query, by the demo practice's key (bridge/knowledge/demo/practices.py). The library is
loaded as the demo publishes it — every language version, its keywords and heritage themes —
without the rest of the demo data."""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce
from operator import or_
from pathlib import Path

from bridge.search.quality import TOP, Bar, Catalog

HERE = Path(__file__).resolve().parent
RELEVANCE_FILE = HERE / "relevance.yaml"
INDEX_KEY = "practices"
# The goal: recall@10 ≥ 0.95. The library is small (16 practices) and many queries type a
# title's own word, which `icontains` finds too: 0.43 recall on SQLite (LIKE folds ASCII case
# only) and 0.54 on PostgreSQL (ILIKE folds Cyrillic too), against the engine's 1.0 on both. So
# 1.5×, not the catalog's 3×, is the margin held here.
BAR = Bar(recall=0.95, over_icontains=1.5)


def load_library() -> Catalog:
    """Write the demo practices (published ones) and index them; the catalog of their labels.
    Call inside a transaction you may roll back."""
    from bridge.accounts.models import Organisation, Sector
    from bridge.knowledge import markup
    from bridge.knowledge.demo.practices import PRACTICES
    from bridge.knowledge.models import Entry, Practice, Status
    from bridge.search.services import search_rebuild

    label_of, language_of = {}, {}
    for spec in PRACTICES:
        if spec.state != "published":
            continue
        organisation, _created = Organisation.objects.get_or_create(
            slug=f"quality-{spec.organisation}",
            defaults={"name": spec.organisation.replace("-", " ").title(), "country": "UZ"},
        )
        practice = Practice.objects.create(
            slug=f"quality-{spec.key}",
            kind=spec.kind,
            organisation=organisation,
            keywords=list(spec.keywords),
            themes=list(spec.themes),
            original_language=spec.original,
        )
        practice.sectors.set(Sector.objects.filter(code__in=spec.sectors))
        for language, version in spec.versions.items():
            html = markup.render(version.body)
            Entry.objects.create(
                practice=practice,
                language=language,
                title=version.title,
                summary=version.summary,
                body=version.body,
                body_html=html,
                reading_minutes=markup.reading_minutes(html),
                status=Status.PUBLISHED,
            )
        label_of[practice.pk] = spec.key
        language_of[spec.key] = spec.original
    search_rebuild(key=INDEX_KEY)
    return Catalog(label_of, language_of)


def icontains_ranker(catalog: Catalog) -> Callable[[str], list[str]]:
    """Django admin's search: every word of the query in a title, summary or text of a
    published version (icontains), newest first."""
    from django.db.models import Q

    from bridge.knowledge.models import Practice, Status

    fields = ("entries__title", "entries__summary", "entries__body")

    def rank(query: str) -> list[str]:
        rows = Practice.objects.filter(
            entries__status=Status.PUBLISHED, pk__in=list(catalog.label_of)
        )
        for word in query.split():
            rows = rows.filter(reduce(or_, (Q(**{f"{f}__icontains": word}) for f in fields)))
        ids = rows.distinct().order_by("-pk").values_list("pk", flat=True)[:TOP]
        return catalog.labels(ids)

    return rank
