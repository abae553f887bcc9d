"""Sample requests: a member asks one supplier for samples of its materials, and the two sides
talk until the samples arrive."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_QUANTITY = 20
MAX_MATERIALS = 10


class SampleStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    SHIPPED = "shipped", _("Shipped")
    RECEIVED = "received", _("Received")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired without an answer")


class SampleRequest(models.Model):
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="sample_requests",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("for the organisation"),
        on_delete=models.CASCADE,
        related_name="sample_requests_sent",
    )
    supplier = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("supplier"),
        on_delete=models.CASCADE,
        related_name="sample_requests_received",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=SampleStatus.choices,
        default=SampleStatus.REQUESTED,
        db_index=True,
    )
    purpose = models.TextField(_("purpose"))
    delivery_address = models.TextField(_("delivery address"))
    shipping_estimate = models.DateField(_("expected shipping date"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=80, blank=True)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now, db_index=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    shipped_at = models.DateTimeField(_("shipped at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sample request")
        verbose_name_plural = _("sample requests")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["supplier", "created_at"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.supplier}"

    def get_absolute_url(self) -> str:
        return reverse("materials_samples:detail", kwargs={"pk": self.pk})


class SampleRequestItem(models.Model):
    request = models.ForeignKey(SampleRequest, on_delete=models.CASCADE, related_name="items")
    material = models.ForeignKey(
        "materials.Material",
        verbose_name=_("material"),
        on_delete=models.PROTECT,
        related_name="sample_request_items",
    )
    quantity = models.PositiveSmallIntegerField(
        _("quantity"), validators=[MinValueValidator(1), MaxValueValidator(MAX_QUANTITY)]
    )

    class Meta:
        verbose_name = _("requested sample")
        verbose_name_plural = _("requested samples")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "material"], name="samplerequestitem_unique")
        ]

    def __str__(self) -> str:
        return f"{self.material_id} × {self.quantity}"


class SampleRequestMessage(models.Model):
    request = models.ForeignKey(SampleRequest, on_delete=models.CASCADE, related_name="messages")
    # Empty for the platform's own entries (reminders, expiry).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:60]
