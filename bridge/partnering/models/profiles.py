"""What partnering shows of an organisation when its name is hidden: its kind and size.

Kept here rather than on accounts' Organisation: only partnering (and the meetings built on it)
asks for them, and an anonymous listing or expression of interest shows them instead of a name."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from bridge.accounts.models import Organisation
from bridge.partnering.vocabulary import OrganisationKind, OrganisationSize


class PartnerProfile(models.Model):
    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="partner_profile"
    )
    kind = models.CharField(
        _("kind of organisation"), max_length=16, choices=OrganisationKind.choices
    )
    size = models.CharField(_("size"), max_length=8, choices=OrganisationSize.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("partner profile")
        verbose_name_plural = _("partner profiles")

    def __str__(self) -> str:
        return f"{self.organisation} ({self.kind}, {self.size})"
