"""Who may apply to a call, kept as data so that opening a call to a new country is a staff edit.

Every change is logged in EligibilityChange and bumps `version`; an application copies the rules
(`Eligibility.as_rules()`) when it is started and is judged by that copy ever after."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Eligibility(models.Model):
    call = models.OneToOneField(
        "programs.Call", on_delete=models.CASCADE, related_name="eligibility"
    )
    version = models.PositiveIntegerField(default=1)
    # ISO 3166 alpha-2 codes; empty: any country.
    countries = models.JSONField(_("allowed countries"), default=list, blank=True)
    # {"RU": ["ru-ooo", "ru-ip", "ru-self"], "UZ": [...]} with codes of
    # bridge/accounts/legal_forms.py; a country missing here (or an empty list): any legal form.
    legal_forms = models.JSONField(_("allowed legal forms per country"), default=dict, blank=True)
    verified_required = models.BooleanField(_("verified organisation required"), default=True)
    min_age_months = models.PositiveIntegerField(
        _("minimum company age, months"), null=True, blank=True
    )
    max_age_months = models.PositiveIntegerField(
        _("maximum company age, months"), null=True, blank=True
    )
    team_min = models.PositiveIntegerField(_("minimum team size"), null=True, blank=True)
    team_max = models.PositiveIntegerField(_("maximum team size"), null=True, blank=True)
    # ProjectStage values; empty: any stage.
    project_stages = models.JSONField(_("allowed project stages"), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    RULE_FIELDS = (
        "countries",
        "legal_forms",
        "verified_required",
        "min_age_months",
        "max_age_months",
        "team_min",
        "team_max",
        "project_stages",
    )

    class Meta:
        verbose_name = _("eligibility rules")
        verbose_name_plural = _("eligibility rules")

    def __str__(self) -> str:
        return f"{self.call} v{self.version}"

    def as_rules(self) -> dict:
        """A JSON-ready copy of the rules, with their version."""
        rules = {name: getattr(self, name) for name in self.RULE_FIELDS}
        rules["version"] = self.version
        return rules


class EligibilityChange(models.Model):
    call = models.ForeignKey(
        "programs.Call", on_delete=models.CASCADE, related_name="eligibility_changes"
    )
    version = models.PositiveIntegerField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("eligibility change")
        verbose_name_plural = _("eligibility changes")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.call} v{self.version}"
