from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MaterialImport(models.Model):
    """One run of the bulk import (dry or real): who, which file, what came out of it."""

    class Outcome(models.TextChoices):
        CHECKED = "checked", _("Checked (dry run)")
        IMPORTED = "imported", _("Imported")
        REFUSED = "refused", _("Refused")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    supplier = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("supplier"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="material_imports",
        help_text=_("Empty when staff imported rows of several suppliers."),
    )
    filename = models.CharField(_("file name"), max_length=255)
    dry_run = models.BooleanField(_("dry run"), default=False)
    publish = models.BooleanField(_("published directly"), default=False)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    # Words kept as written (a fibre, technique or colour the thesaurus does not know).
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("material import")
        verbose_name_plural = _("material imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_outcome_display()})"
