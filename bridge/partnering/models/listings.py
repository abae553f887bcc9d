"""Offers and requests: what an organisation brings or seeks, validated by staff before anyone
else sees it. Attachments are private files until the listing is published."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bridge.accounts.models import Organisation
from bridge.partnering.storage import private_storage
from bridge.partnering.vocabulary import (
    DESCRIPTION_MAX,
    LANGUAGES,
    SUMMARY_MAX,
    TITLE_MAX,
    Kind,
    ListingType,
    Stage,
    Status,
)


class Listing(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="partnering_listings"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ref = models.SlugField(_("reference"), max_length=64)
    kind = models.CharField(_("offer or request"), max_length=8, choices=Kind.choices)
    type = models.CharField(_("type"), max_length=24, choices=ListingType.choices)
    sectors = models.JSONField(_("sectors"), default=list, blank=True)
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    summary = models.TextField(_("summary"), max_length=SUMMARY_MAX)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGES)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)  # concept ids
    heritage = models.JSONField(_("heritage themes"), default=list, blank=True)  # concept ids
    countries_sought = models.JSONField(_("countries sought"), default=list, blank=True)
    partner_kinds = models.JSONField(_("kinds of partner sought"), default=list, blank=True)
    partner_sizes = models.JSONField(_("sizes of partner sought"), default=list, blank=True)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, blank=True)
    budget_min = models.DecimalField(
        _("budget from"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    budget_max = models.DecimalField(
        _("budget up to"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_(
            "Show only your country, kind and size until you accept an expression of interest."
        ),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    status_reason = models.TextField(_("reasons"), blank=True)
    open_for_interest = models.BooleanField(_("open for interest"), default=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    first_published_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True, db_index=True)
    renewed_at = models.DateTimeField(null=True, blank=True)
    expiry_reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("partnering listing")
        verbose_name_plural = _("partnering listings")
        ordering = ["-published_at", "-id"]
        permissions = [("validate_listing", _("Can validate partnering listings"))]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "ref"], name="partnering_listing_ref_unique"
            )
        ]
        indexes = [
            models.Index(fields=["status", "expires_at"], name="partnering_listing_live"),
            models.Index(fields=["organisation", "status"], name="partnering_listing_org"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("partnering:listing", kwargs={"pk": self.pk})

    @property
    def is_live(self) -> bool:
        """Published and not past its expiry (what the public sees)."""
        return self.status == Status.PUBLISHED and (
            self.expires_at is None or self.expires_at > timezone.now()
        )

    @property
    def is_matchable(self) -> bool:
        return self.is_live and self.open_for_interest


def attachment_name(instance, filename: str) -> str:
    suffix = {"pdf": ".pdf", "png": ".png", "jpeg": ".jpg"}.get(instance.kind, "")
    return f"partnering/attachments/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    """A PDF or image, recognised by its bytes; served only through the checked download view."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_name, storage=private_storage, max_length=200)
    kind = models.CharField(max_length=8)  # pdf, png, jpeg
    name = models.CharField(_("file name"), max_length=150)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class SavedSearch(models.Model):
    """A search someone wants to hear about: new published listings it finds are e-mailed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partnering_searches"
    )
    q = models.CharField(_("search words"), max_length=200, blank=True)
    filters = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_alert_at = models.DateTimeField(null=True, blank=True)
    # The newest published_at already reported: alerts name only what came after it.
    seen_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.q or "*"


class ListingImport(models.Model):
    """One run of the listings import (page, API or command): what it did or why it refused."""

    class Outcome(models.TextChoices):
        IMPORTED = "imported", _("Imported")
        CHECKED = "checked", _("Checked (dry run)")
        REFUSED = "refused", _("Refused")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(max_length=255)
    dry_run = models.BooleanField(default=False)
    publish = models.BooleanField(default=False)
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("listings import")
        verbose_name_plural = _("listings imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.outcome})"
