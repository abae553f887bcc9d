"""Builders the demo data sets use to write people and organisations, through the accounts
services, so that the same validation (INN check digits, legal forms per country) and audit
entries apply as in the UI. Natural keys: people by e-mail, organisations by country and
registration number; a second run finds every row and changes nothing.

The data (who and which organisations) is on the top floor, bridge.site.demo; domain apps' demo
builders use these functions for organisations of their own (the programme's studios).
"""

from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils import timezone

from bridge.accounts.demo.logos import initials, logo_png
from bridge.accounts.models import Membership, Organisation, Role, User, Verification
from bridge.accounts.services.memberships import invitation_accept, invitation_create
from bridge.accounts.services.organisations import (
    organisation_create,
    organisation_reject,
    organisation_request_verification,
    organisation_update,
    organisation_verify,
)
from bridge.accounts.validators import inn_with_check_digits
from bridge.core.demo import DemoContext


def inn10(stem: str) -> str:
    """A 10-digit INN (an organisation) from its first nine digits."""
    return inn_with_check_digits(stem)


def inn12(stem: str) -> str:
    """A 12-digit INN (a person: sole proprietor, self-employed) from its first ten digits."""
    return inn_with_check_digits(stem)


@dataclass(frozen=True)
class Contact:
    email: str
    full_name: str
    language: str
    timezone: str


@dataclass(frozen=True)
class DemoOrganisation:
    key: str  # how other builders find it: ctx.organisations[key]
    name: str
    country: str
    legal_form: str
    registration_number: str
    sectors: tuple[str, ...]
    owner: Contact | str  # a Contact, or the key of a role login (see accounts.LOGINS)
    description_ru: str = ""
    description_uz: str = ""
    description_en: str = ""
    website: str = ""
    it_park: bool = False
    verification: str = "verified"  # verified, pending, rejected or unverified
    reason: str = ""  # shown to the owners when verification is refused
    supplier: bool = False


def demo_person(
    ctx: DemoContext,
    *,
    email: str,
    full_name: str,
    language: str,
    timezone_name: str,
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    user = User.objects.filter(email__iexact=email).first()
    wanted = {
        "full_name": full_name,
        "language": language,
        "timezone": timezone_name,
        "is_staff": is_staff or is_superuser,
        "is_superuser": is_superuser,
        "is_active": True,
    }
    if user is None:
        user = User.objects.create_user(
            email=email, password=ctx.password, email_confirmed_at=timezone.now(), **wanted
        )
        ctx.count("People", "created")
        return user
    changed = [name for name, value in wanted.items() if getattr(user, name) != value]
    for name in changed:
        setattr(user, name, wanted[name])
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
        changed.append("email_confirmed_at")
    if not user.check_password(ctx.password):
        user.set_password(ctx.password)
        changed.append("password")
    if changed:
        user.save()
    ctx.count("People", "updated" if changed else "unchanged")
    return user


def demo_owner(ctx: DemoContext, spec: DemoOrganisation) -> User:
    if isinstance(spec.owner, str):
        return ctx.people[spec.owner]
    contact: Contact = spec.owner
    user = demo_person(
        ctx,
        email=contact.email,
        full_name=contact.full_name,
        language=contact.language,
        timezone_name=contact.timezone,
    )
    ctx.people[contact.email] = user
    return user


def demo_organisation_row(ctx: DemoContext, spec: DemoOrganisation, owner: User) -> Organisation:
    fields = {
        "name": spec.name,
        "country": spec.country,
        "legal_form": spec.legal_form,
        "registration_number": spec.registration_number,
        "website": spec.website,
        "description_ru": spec.description_ru,
        "description_uz": spec.description_uz,
        "description_en": spec.description_en,
        "is_it_park_resident": spec.it_park,
    }
    organisation = Organisation.objects.filter(
        country=spec.country, registration_number=spec.registration_number
    ).first()
    if organisation is None:
        logo = ContentFile(logo_png(key=spec.key, text=initials(spec.name)), name=f"{spec.key}.png")
        organisation = organisation_create(
            actor=owner, sectors=list(spec.sectors), logo=logo, **fields
        )
        ctx.count("Organisations", "created")
        return organisation
    changed = {
        name: value for name, value in fields.items() if getattr(organisation, name) != value
    }
    sectors_now = set(organisation.sectors.values_list("code", flat=True))
    if changed or sectors_now != set(spec.sectors):
        actor = (
            Membership.objects.filter(organisation=organisation, role=Role.OWNER)
            .select_related("user")
            .first()
        )
        organisation = organisation_update(
            actor=actor.user if actor else owner,
            organisation=organisation,
            sectors=list(spec.sectors),
            **changed,
        )
        ctx.count("Organisations", "updated")
    else:
        ctx.count("Organisations", "unchanged")
    return organisation


def demo_verification(ctx: DemoContext, spec: DemoOrganisation, organisation: Organisation) -> None:
    if organisation.verification == spec.verification:
        return
    moderator = ctx.people["moderator"]
    if spec.verification == Verification.VERIFIED:
        organisation_verify(actor=moderator, organisation=organisation)
    elif spec.verification == Verification.REJECTED:
        organisation_reject(actor=moderator, organisation=organisation, reason=spec.reason)
    elif spec.verification == Verification.PENDING:
        owner = organisation.memberships.get(role=Role.OWNER).user
        organisation_request_verification(actor=owner, organisation=organisation)
    ctx.count("Verifications", "updated")


def demo_team(ctx: DemoContext, organisation: Organisation, owner: User, team) -> None:
    for key, role in team:
        person = ctx.people[key]
        if Membership.objects.filter(organisation=organisation, user=person).exists():
            ctx.count("Memberships", "unchanged")
            continue
        # The same path as in the UI: the owner invites, the person accepts the link.
        invitation = invitation_create(
            actor=owner, organisation=organisation, email=person.email, role=role
        )
        invitation_accept(user=person, token=invitation.token)
        ctx.count("Memberships", "created")


def demo_organisation(ctx: DemoContext, spec: DemoOrganisation, team=()) -> Organisation:
    """The organisation of ``spec`` with its owner, verification state and team, kept in
    ``ctx.organisations`` under its key for the builders that follow."""
    owner = demo_owner(ctx, spec)
    organisation = demo_organisation_row(ctx, spec, owner)
    demo_verification(ctx, spec, organisation)
    demo_team(ctx, organisation, owner, team)
    ctx.organisations[spec.key] = organisation
    return organisation
