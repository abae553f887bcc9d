"""What readers do around a practice: find it useful, ask its authors, ask for a translation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bridge.knowledge.languages import LANGUAGES
from bridge.knowledge.models.library import Practice


class UsefulVote(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("“useful” vote")
        verbose_name_plural = _("“useful” votes")
        constraints = [
            models.UniqueConstraint(fields=["practice", "user"], name="useful_vote_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.practice}"


class QuestionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Not published")


class Question(models.Model):
    """A reader's question to the authors: moderated, then sent to them; their answer is sent to
    the reader. Both e-mails go out in the recipient's language."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="questions")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField(_("question"), max_length=2000)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=QuestionStatus.choices,
        default=QuestionStatus.PENDING,
        db_index=True,
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(_("answer"), max_length=4000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)

    class Meta:
        verbose_name = _("question to the authors")
        verbose_name_plural = _("questions to the authors")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class TranslationRequest(models.Model):
    """A reader asked for a language the practice is not written in; the authors are told, and
    the reader is told when that version is published."""

    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="translation_requests"
    )
    language = models.CharField(_("language"), max_length=3, choices=LANGUAGES)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    fulfilled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("translation request")
        verbose_name_plural = _("translation requests")
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "language", "requested_by"], name="translation_request_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.practice} → {self.language}"
