"""The organisation's kind and size as partnering shows them (anonymous listings and interests)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bridge.core.audit import audit_log
from bridge.partnering import rules
from bridge.partnering.models import PartnerProfile
from bridge.partnering.vocabulary import OrganisationKind, OrganisationSize


@transaction.atomic
def partner_profile_set(*, actor, organisation, kind: str, size: str) -> PartnerProfile:
    if actor is not None and not rules.can_write_for(actor, organisation):
        raise PermissionDenied
    errors = {}
    if kind not in OrganisationKind.values:
        errors["org_kind"] = _("Choose a kind from the list.")
    if size not in OrganisationSize.values:
        errors["org_size"] = _("Choose a size from the list.")
    if errors:
        raise ValidationError(errors)
    profile, created = PartnerProfile.objects.get_or_create(
        organisation=organisation, defaults={"kind": kind, "size": size}
    )
    if not created and (profile.kind, profile.size) != (kind, size):
        profile.kind, profile.size = kind, size
        profile.save()
        audit_log(actor=actor, action="partner_profile.update", target=profile)
    elif created:
        audit_log(actor=actor, action="partner_profile.create", target=profile)
    return profile
