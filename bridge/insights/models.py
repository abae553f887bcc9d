"""The rollup tables: figures counted once by a rollup run, read by every insights page.

DailyCount is the ground truth a run rewrites day by day; MonthlyCount is rebuilt from it for
the months a run touched, so pages sum a few thousand monthly rows instead of the big tables.
Dimensions that do not apply to a figure hold "" (see bridge/insights/rollups/registry.py for
what each figure counts and which dimensions it has).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

DIMENSIONS = ("country", "category", "sector", "segment")


class _Count(models.Model):
    stat = models.CharField(_("figure"), max_length=48)
    country = models.CharField(_("country"), max_length=8, blank=True, default="")
    category = models.CharField(_("category"), max_length=64, blank=True, default="")
    sector = models.CharField(_("sector"), max_length=32, blank=True, default="")
    segment = models.CharField(_("segment"), max_length=80, blank=True, default="")
    value = models.BigIntegerField(_("value"))

    class Meta:
        abstract = True


class DailyCount(_Count):
    day = models.DateField(_("day"))

    class Meta:
        verbose_name = _("daily figure")
        verbose_name_plural = _("daily figures")
        constraints = [
            models.UniqueConstraint(
                fields=["stat", "day", *DIMENSIONS], name="insights_dailycount_unique"
            )
        ]
        indexes = [models.Index(fields=["stat", "day"], name="insights_daily_stat_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.stat} = {self.value}"


class MonthlyCount(_Count):
    month = models.DateField(_("month"), help_text=_("The first day of the month."))

    class Meta:
        verbose_name = _("monthly figure")
        verbose_name_plural = _("monthly figures")
        constraints = [
            models.UniqueConstraint(
                fields=["stat", "month", *DIMENSIONS], name="insights_monthlycount_unique"
            )
        ]
        indexes = [models.Index(fields=["stat", "month"], name="insights_monthly_stat_month")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.stat} = {self.value}"


class StaffFigure(models.Model):
    """One row of a staff report (a supplier's answer times, a reviewer's load, …) as of the
    last run; each run replaces a report's rows whole."""

    report = models.CharField(_("report"), max_length=32)
    position = models.PositiveIntegerField(_("position"))
    data = models.JSONField(_("figures"), default=dict)

    class Meta:
        verbose_name = _("staff figure")
        verbose_name_plural = _("staff figures")
        ordering = ["report", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "position"], name="insights_stafffigure_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} #{self.position}"


class RunStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class RollupRun(models.Model):
    """One run of the rollup: which days it recomputed, how long each source took, and the
    labels the pages need (calls' titles, the countries present) so they read no other table."""

    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    as_of = models.DateTimeField(
        _("figures as of"), help_text=_("The moment the figures describe.")
    )
    since = models.DateField(_("recomputed from"))
    full = models.BooleanField(_("full run"), default=False)
    trigger = models.CharField(_("started by"), max_length=16)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=8, choices=RunStatus.choices, default=RunStatus.RUNNING
    )
    daily_rows = models.PositiveIntegerField(_("daily rows written"), default=0)
    monthly_rows = models.PositiveIntegerField(_("monthly rows written"), default=0)
    timings = models.JSONField(_("seconds per source"), default=dict, blank=True)
    labels = models.JSONField(_("labels"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("rollup run")
        verbose_name_plural = _("rollup runs")
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["status", "-finished_at"], name="insights_run_status")]
        permissions = [
            ("view_staff_figures", _("Can see the staff figures of insights")),
            ("run_rollup", _("Can recompute the figures of insights")),
        ]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.get_status_display()}"

    @property
    def seconds(self) -> float:
        return sum(self.timings.values()) if self.timings else 0.0
