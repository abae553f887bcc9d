"""Custom questions a call asks besides the game fields, per call or per stage."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from bridge.programs.models.base import translated


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Text")
    NUMBER = "number", _("Number")
    CHOICE = "choice", _("One choice")
    MULTI_CHOICE = "multi-choice", _("Several choices")
    FILE = "file", _("File")
    URL = "url", _("Link")
    YES_NO = "yes-no", _("Yes or no")


class Question(models.Model):
    call = models.ForeignKey("programs.Call", on_delete=models.CASCADE, related_name="questions")
    # Null: asked at the first stage.
    stage = models.ForeignKey(
        "programs.Stage", null=True, blank=True, on_delete=models.CASCADE, related_name="questions"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=QuestionKind.choices)
    label_ru = models.CharField(_("question (Russian)"), max_length=300, blank=True)
    label_uz = models.CharField(_("question (Uzbek)"), max_length=300, blank=True)
    label_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    help_ru = models.TextField(_("help (Russian)"), blank=True)
    help_uz = models.TextField(_("help (Uzbek)"), blank=True)
    help_en = models.TextField(_("help (English)"), blank=True)
    # [{"value": "pc", "ru": "ПК", "uz": "Kompyuter", "en": "PC"}, ...] for (multi-)choice.
    choices = models.JSONField(_("choices"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    max_length = models.PositiveIntegerField(_("maximum length"), null=True, blank=True)
    hidden_from_reviewers = models.BooleanField(_("hidden from reviewers"), default=False)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["call", "position", "id"]

    def __str__(self) -> str:
        return self.label() or f"#{self.pk}"

    def label(self, language: str | None = None) -> str:
        return translated(self, "label", language)

    def help(self, language: str | None = None) -> str:
        return translated(self, "help", language)

    def choice_values(self) -> list[str]:
        return [str(c.get("value")) for c in self.choices or []]

    def choice_label(self, value: str, language: str | None = None) -> str:
        from django.utils.translation import get_language

        language = (language or get_language() or "ru")[:2]
        for choice in self.choices or []:
            if str(choice.get("value")) == str(value):
                return choice.get(language) or choice.get("ru") or choice.get("en") or str(value)
        return str(value)
