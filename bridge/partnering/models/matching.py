"""Stored matches. A matchable listing's analysed terms are kept as postings (term → listing,
within its type and kind), so candidates are found by index lookups; the reciprocal score of a
pair is stored once per side, so "the matches of a listing" is one indexed query
(docs/decisions/0007-partnering-matching.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from bridge.accounts.models import Organisation
from bridge.partnering.models.listings import Listing


class MatchVector(models.Model):
    """The listing's weighted terms as last analysed; present while the listing is matchable."""

    listing = models.OneToOneField(
        Listing, on_delete=models.CASCADE, primary_key=True, related_name="match_vector"
    )
    segment = models.CharField(max_length=40)  # "<type>:<kind>"
    terms = models.JSONField(default=dict)  # term → weight
    norm = models.FloatField(default=0.0)  # sum of weight × idf, idf as at computed_at
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["segment"], name="partnering_vector_segment")]

    def __str__(self) -> str:
        return f"{self.listing_id} {self.segment}"


class MatchPosting(models.Model):
    segment = models.CharField(max_length=40)
    term = models.CharField(max_length=80)
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="+")

    class Meta:
        indexes = [
            # covering: candidates and document frequencies are read from the index alone
            models.Index(fields=["segment", "term", "listing"], name="partnering_posting_stl"),
        ]

    def __str__(self) -> str:
        return f"{self.segment} {self.term} {self.listing_id}"


class Match(models.Model):
    """`counterpart` answers `listing`, with the pair's reciprocal score (the same on both
    rows) and the reasons as the reader of `listing` sees them."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="matches")
    counterpart = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    forward = models.FloatField()  # how well the counterpart answers the listing
    backward = models.FloatField()  # how well the listing answers the counterpart
    reasons = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [
            models.UniqueConstraint(fields=["listing", "counterpart"], name="partnering_match_pair")
        ]
        indexes = [
            models.Index(fields=["listing", "-score"], name="partnering_match_best"),
            models.Index(fields=["counterpart"], name="partnering_match_counterpart"),
        ]

    def __str__(self) -> str:
        return f"{self.listing_id} ↔ {self.counterpart_id} {self.score:.3f}"


class Dismissal(models.Model):
    """ "Not interested" from either side: the pair is never matched again, for both."""

    low = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="+")
    high = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["low", "high"], name="partnering_dismissal_pair")
        ]
        indexes = [models.Index(fields=["high"], name="partnering_dismissal_high")]

    def __str__(self) -> str:
        return f"{self.low_id} × {self.high_id}"


class Digest(models.Model):
    """One weekly e-mail of new matches sent to an organisation's owners and administrators."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(db_index=True)
    matches = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.sent_at:%Y-%m-%d}"
