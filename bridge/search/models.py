"""Search storage: the thesaurus as staff edit it, and one index shared by every client app.

SearchEntry holds the analysed token strings of one object; the full-text table (FTS5 on
SQLite; on PostgreSQL the narrow table search_vector with a GIN index, migrations 0007, 0014)
is fed from these rows by triggers. Facets and numbers are narrow rows, indexed for counting
and range scans.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from bridge.search.analysis.thesaurus import KINDS
from bridge.search.stored import PackedTextField


class Concept(models.Model):
    """A thesaurus concept; seeded from data/thesaurus/*.yaml by `manage.py thesaurus_load`."""

    id = models.SlugField(_("id"), max_length=80, primary_key=True)
    kind = models.CharField(_("kind"), max_length=24, choices=[(k, k) for k in sorted(KINDS)])
    broader = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="narrower", verbose_name=_("broader")
    )
    ru = models.JSONField(_("Russian labels"), default=list, blank=True)
    uz = models.JSONField(_("Uzbek labels"), default=list, blank=True)
    en = models.JSONField(_("English labels"), default=list, blank=True)
    heritage = models.BooleanField(
        _("heritage theme"),
        default=False,
        help_text=_("Has a heritage page, and can tag listings, practices and projects."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("thesaurus concept")
        verbose_name_plural = _("thesaurus concepts")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.id


class SearchEntry(models.Model):
    """One indexed object. title/keywords/body hold analysed tokens, not the original text."""

    index_key = models.CharField(max_length=40)
    object_id = models.BigIntegerField()
    title = models.TextField(blank=True)
    keywords = models.TextField(blank=True)
    # Deflated on SQLite (stored.py, migration 0017): lookups see the stored form.
    body = PackedTextField(blank=True)
    display_title = models.TextField(blank=True)  # original text, for highlighting
    display_body = PackedTextField(blank=True)  # first MAX_DISPLAY_BODY characters
    language = models.CharField(max_length=8, blank=True)
    # The object's facet values packed as "facet US value RS facet US value …": facet counts
    # read this one column per matched object and count in Python (docs/decisions/0005), and
    # facet filters test it as a substring (sql.Filters); no other table holds them (0012).
    facet_values = models.TextField(blank=True, default="")
    # Whether the body shares a stem or concept with the title and keywords (rerank.anchored):
    # both engines weigh an unanchored description's matches down when they choose the
    # candidates, as the re-ranker does (migration 0011, issue 14).
    anchored = models.BooleanField(default=True, db_default=True)
    # The description's plain words (rerank.plain_words), which the re-ranker damps it by:
    # candidates are bounded without inflating it (decision 0029). 0 bounds any description.
    body_words = models.IntegerField(default=0, db_default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["index_key", "object_id"], name="search_entry_unique")
        ]
        # Both engines sample huge result sets by entry-id ranges (backends.base.strata);
        # (index_key, id) gives an index's id span in two seeks (selectors._span).
        indexes = [
            models.Index(fields=["index_key", "id"], name="search_entry_key_id"),
        ]

    def __str__(self) -> str:
        return f"{self.index_key}:{self.object_id}"


# The sampling unit: a sample of huge result sets reads buckets/BUCKETS of an index's entry
# ids (backends.base.strata).
BUCKETS = 256
UNIT_SEPARATOR, RECORD_SEPARATOR = "\x1f", "\x1e"


def without_separators(value: str) -> str:
    """A facet name or value as packed: the separators of pack_facets become spaces, so a
    value can neither end its pair early nor pass for another one."""
    return value.replace(UNIT_SEPARATOR, " ").replace(RECORD_SEPARATOR, " ")


def pack_facets(pairs) -> str:
    """(facet, value) pairs → the facet_values string."""
    return RECORD_SEPARATOR.join(facet + UNIT_SEPARATOR + value for facet, value in pairs)


class SearchNumber(models.Model):
    # Keyed by what identifies a number, with no id: on SQLite a WITHOUT ROWID table whose key
    # is the one B-tree (migration 0018), 44.5 → 26.7 MB at 100,000 materials.
    pk = models.CompositePrimaryKey("index_key", "name", "object_id")
    index_key = models.CharField(max_length=40)
    object_id = models.BigIntegerField()
    name = models.CharField(max_length=40)
    value = models.FloatField()

    class Meta:
        # object_id last: huge result sets are paged in (value, object_id) order from it
        indexes = [
            models.Index(
                fields=["index_key", "name", "value", "object_id"], name="search_number_nvo"
            )
        ]

    def __str__(self) -> str:
        return f"{self.index_key}:{self.object_id} {self.name}={self.value}"


class SearchWord(models.Model):
    """The vocabulary of an index (insert-only), for typo tolerance and "did you mean"."""

    index_key = models.CharField(max_length=40)
    word = models.CharField(max_length=80)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["index_key", "word"], name="search_word_unique")
        ]

    def __str__(self) -> str:
        return f"{self.index_key}:{self.word}"


class SearchHead(models.Model):
    """Head postings (bridge.search.head): per token of an entry's title and keywords, the
    score it adds there, at most head.KEEP entries per token, read in descending order. The
    table is created by migration 0010 (SQLite: WITHOUT ROWID, ordered by the key); the
    model is there for Django's test flush and the admin's counts, not for writes."""

    pk = models.CompositePrimaryKey("index_key", "token", "impact", "object_id")
    index_key = models.CharField(max_length=40)
    token = models.CharField(max_length=200)
    impact = models.IntegerField()
    object_id = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.index_key}:{self.token} {self.object_id} ({self.impact})"
