"""Writes about organisations: create, edit, verification. Each is one transaction with its
audit entry, so the log and the change cannot disagree."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.text import slugify
from django.utils.translation import gettext as _

from bridge.accounts import rules
from bridge.accounts.legal_forms import legal_forms_for
from bridge.accounts.models import Membership, Organisation, Role, Sector, User, Verification
from bridge.accounts.search_index import OrganisationIndex
from bridge.accounts.validators import validate_registration_number
from bridge.core.audit import audit_log
from bridge.core.mail import notify
from bridge.core.translit import latinise
from bridge.search.services import search_index_update

# Changing any of these on a verified organisation sends it back for verification.
IDENTITY_FIELDS = ("name", "country", "legal_form", "registration_number")
EDITABLE_FIELDS = (
    *IDENTITY_FIELDS,
    "website",
    "logo",
    "description_ru",
    "description_uz",
    "description_en",
    "is_it_park_resident",
)


# Paths under /organisations/ that an organisation's address must not hide.
RESERVED_SLUGS = frozenset({"new", "legal-forms", "moderation", "invitations"})


def _unique_slug(name: str) -> str:
    base = slugify(latinise(name))[:60].strip("-") or "org"
    slug = base
    while slug in RESERVED_SLUGS or Organisation.objects.filter(slug=slug).exists():
        slug = f"{base}-{get_random_string(4, 'abcdefghijkmnpqrstuvwxyz23456789')}"
    return slug


def _number_taken(organisation: Organisation) -> bool:
    """One registration number is one legal person: a second profile would be a copy."""
    return (
        Organisation.objects.filter(
            country=str(organisation.country),
            registration_number=organisation.registration_number,
        )
        .exclude(pk=organisation.pk)
        .exists()
    )


def _duplicate() -> str:
    return _(
        "An organisation with this registration number is already registered. "
        "Ask its owner to invite you."
    )


def _save(organisation: Organisation, *, new: bool) -> None:
    """Save; a registration that raced another past the checks (the same number, or the same
    address drawn at once) gets the refusal the checks give, or another address."""
    for attempt in range(3):
        try:
            with transaction.atomic():  # a savepoint: the caller's transaction goes on
                organisation.save()
            return
        except IntegrityError:
            if organisation.registration_number and _number_taken(organisation):
                raise ValidationError({"registration_number": _duplicate()}) from None
            if not new or attempt == 2:
                raise
            organisation.slug = _unique_slug(organisation.name)


def _validate(organisation: Organisation) -> None:
    errors = {}
    country = str(organisation.country)
    if organisation.legal_form and organisation.legal_form not in dict(legal_forms_for(country)):
        errors["legal_form"] = _("Choose a legal form that exists in the selected country.")
    if organisation.registration_number:
        try:
            organisation.registration_number = validate_registration_number(
                country=country, value=organisation.registration_number
            )
        except ValidationError as exc:
            errors["registration_number"] = exc.messages
        else:
            if _number_taken(organisation):
                errors["registration_number"] = _duplicate()
    if errors:
        raise ValidationError(errors)
    # The registration constraint was checked above (_number_taken), with its message at the
    # field; full_clean would run the same query again and answer with a form-wide error.
    organisation.full_clean(exclude=["slug", "logo"], validate_constraints=False)


def _reindex(organisation: Organisation) -> None:
    """The directory's search entry changes in the same transaction as the profile."""
    search_index_update(key=OrganisationIndex.key, objects=[organisation])


@transaction.atomic
def organisation_create(
    *, actor: User, sectors: list[str] | tuple[str, ...] = (), **fields
) -> Organisation:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    organisation = Organisation(**fields)
    _validate(organisation)
    organisation.slug = _unique_slug(organisation.name)
    _save(organisation, new=True)
    organisation.sectors.set(Sector.objects.filter(code__in=sectors))
    Membership.objects.create(organisation=organisation, user=actor, role=Role.OWNER)
    audit_log(actor=actor, action="organisation.create", target=organisation)
    _reindex(organisation)
    return organisation


@transaction.atomic
def organisation_update(
    *, actor: User, organisation: Organisation, sectors: list[str] | None = None, **fields
) -> Organisation:
    if not rules.can_edit_organisation(actor, organisation):
        raise PermissionDenied
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    # The change is made on the locked row, not on the caller's copy: a refusal leaves that copy
    # as it was (a form shown again must not head its page with the rejected name), and a
    # verification decided since the page was read is the one compared against.
    saved = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = {name: str(getattr(saved, name)) for name in IDENTITY_FIELDS}
    for name, value in fields.items():
        setattr(saved, name, value)
    _validate(saved)
    changed = [n for n in IDENTITY_FIELDS if str(getattr(saved, n)) != before[n]]
    if changed and saved.verification == Verification.VERIFIED:
        saved.verification = Verification.PENDING
        saved.verified_at = None
    _save(saved, new=False)
    if sectors is not None:
        saved.sectors.set(Sector.objects.filter(code__in=sectors))
    audit_log(actor=actor, action="organisation.update", target=saved, identity_changed=changed)
    _reindex(saved)
    organisation.refresh_from_db()
    return saved


@transaction.atomic
def organisation_request_verification(*, actor: User, organisation: Organisation) -> None:
    if not rules.can_edit_organisation(actor, organisation):
        raise PermissionDenied
    if organisation.verification in (Verification.VERIFIED, Verification.PENDING):
        return
    if not organisation.registration_number:
        raise ValidationError(
            {
                "registration_number": _(
                    "Add the registration number before asking for verification."
                )
            }
        )
    organisation.verification = Verification.PENDING
    organisation.save(update_fields=["verification", "updated_at"])
    audit_log(actor=actor, action="organisation.verification_requested", target=organisation)
    _reindex(organisation)


def _owners(organisation: Organisation) -> list[User]:
    return [
        m.user
        for m in organisation.memberships.select_related("user").filter(
            role__in=(Role.OWNER, Role.ADMIN)
        )
    ]


@transaction.atomic
def organisation_verify(*, actor: User, organisation: Organisation) -> None:
    if not rules.can_verify_organisations(actor):
        raise PermissionDenied
    organisation.verification = Verification.VERIFIED
    organisation.verification_reason = ""
    organisation.verified_at = timezone.now()
    organisation.save(
        update_fields=["verification", "verification_reason", "verified_at", "updated_at"]
    )
    audit_log(actor=actor, action="organisation.verify", target=organisation)
    _reindex(organisation)
    for person in _owners(organisation):
        transaction.on_commit(
            lambda person=person: notify(
                to=person,
                template="organisations/email/verified",
                context={"organisation": organisation.name, "url": organisation.get_absolute_url()},
            )
        )


@transaction.atomic
def organisation_reject(*, actor: User, organisation: Organisation, reason: str) -> None:
    if not rules.can_verify_organisations(actor):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Tell the owners why, so they can fix it.")})
    organisation.verification = Verification.REJECTED
    organisation.verification_reason = reason
    organisation.verified_at = None
    organisation.save(
        update_fields=["verification", "verification_reason", "verified_at", "updated_at"]
    )
    audit_log(actor=actor, action="organisation.reject", target=organisation, reason=reason)
    _reindex(organisation)
    for person in _owners(organisation):
        transaction.on_commit(
            lambda person=person: notify(
                to=person,
                template="organisations/email/rejected",
                context={
                    "organisation": organisation.name,
                    "reason": reason,
                    "url": organisation.get_absolute_url(),
                },
            )
        )
