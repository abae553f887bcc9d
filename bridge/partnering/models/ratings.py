"""After a meeting day: each side rates each held meeting once (editable for a while), so staff
learn which meetings were worth the table."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bridge.partnering.models.events import Meeting, Registration

RATING_NOTE_MAX = 500


class MeetingRating(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="ratings")
    # The side that rates: the sender's or the recipient's registration.
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="ratings")
    score = models.PositiveSmallIntegerField(_("rating"))
    note = models.CharField(_("note"), max_length=RATING_NOTE_MAX, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting rating")
        verbose_name_plural = _("meeting ratings")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "registration"], name="partnering_rating_once"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="partnering_rating_one_to_five"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.score}"


class Outcome(models.TextChoices):
    NO_CONTACT = "no-contact", _("No further contact")
    TALKS = "talks", _("In talks")
    AGREEMENT = "agreement", _("Agreement signed")
    PROJECT = "project", _("Project started")


class MeetingOutcome(models.Model):
    """Six months after a held meeting, each side says what came of it (the latest answer)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="outcomes")
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="outcomes"
    )
    answer = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting outcome")
        verbose_name_plural = _("meeting outcomes")
        ordering = ["-answered_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "registration"], name="partnering_outcome_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.answer}"
