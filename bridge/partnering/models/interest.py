"""Expressions of interest: one organisation tells a listing's owner it wants to talk. Contacts
stay hidden until the owner accepts; then a conversation thread opens."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bridge.accounts.models import Organisation
from bridge.partnering.models.listings import Listing
from bridge.partnering.vocabulary import InterestStatus

ANSWER_MAX = 2_000


class Interest(models.Model):
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="interests")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="partnering_interests"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(_("message"), max_length=ANSWER_MAX)
    brings = models.TextField(_("What we bring"), max_length=ANSWER_MAX)
    expects = models.TextField(_("What we expect"), max_length=ANSWER_MAX)
    timing = models.TextField(_("When"), max_length=ANSWER_MAX)
    anonymous = models.BooleanField(_("hide our name until you accept"), default=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InterestStatus.choices,
        default=InterestStatus.SENT,
        db_index=True,
    )
    decline_reason = models.TextField(_("reason"), blank=True, max_length=ANSWER_MAX)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["listing", "organisation"], name="partnering_interest_once"
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "status"], name="partnering_interest_org"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.listing}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("partnering:interest", kwargs={"pk": self.pk})


class InterestMessage(models.Model):
    """The conversation that opens when an expression of interest is accepted."""

    interest = models.ForeignKey(Interest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("message"), max_length=ANSWER_MAX)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:60]
