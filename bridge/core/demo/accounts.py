"""Demo people and organisations, written through the accounts services so that the same
validation (INN check digits, legal forms per country) and audit entries apply as in the UI.

Natural keys: people by e-mail, organisations by country and registration number. A second run
finds every row and changes nothing.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from bridge.accounts.models import Membership, Organisation, Role, User, Verification
from bridge.accounts.services.memberships import invitation_accept, invitation_create
from bridge.accounts.services.organisations import (
    organisation_create,
    organisation_reject,
    organisation_request_verification,
    organisation_update,
    organisation_verify,
)
from bridge.core.demo import DemoContext
from bridge.core.demo.logos import initials, logo_png
from bridge.core.demo.organisations import ORGANISATIONS, Contact, DemoOrganisation

DEMO_DOMAIN = "demo.creative-bridge.example"


@dataclass(frozen=True)
class Login:
    key: str
    role: str  # printed in the terminal table (for developers, so not translated)
    full_name: str
    language: str = "ru"
    timezone: str = "Europe/Moscow"
    group: str = ""  # staff role (bridge/accounts/roles.py)
    superuser: bool = False

    @property
    def email(self) -> str:
        return f"{self.key}@{DEMO_DOMAIN}"


# One login per role, in the order the table prints them. Organisation roles are in Sirin
# Interactive (a verified Russian game studio); the supplier owns Margʻilon Atlas.
LOGINS: list[Login] = [
    Login("moderator", "moderator (staff)", "Ирина Морозова", group="moderator"),
    Login(
        "manager",
        "programme manager (staff)",
        "Shahnoza Qodirova",
        language="uz",
        timezone="Asia/Tashkent",
        group="programme manager",
    ),
    Login("analyst", "analyst (staff)", "Андрей Соловьёв", group="analyst"),
    Login("owner", "organisation owner (Sirin Interactive)", "Михаил Зайцев"),
    Login("admin", "organisation administrator (Sirin Interactive)", "Екатерина Фёдорова"),
    Login("member", "organisation member (Sirin Interactive)", "Тимур Ахмедов", language="en"),
    Login(
        "supplier",
        "supplier owner (Margʻilon Atlas)",
        "Dilshod Mirzayev",
        language="uz",
        timezone="Asia/Tashkent",
    ),
    Login("user", "signed-in person without an organisation", "Светлана Егорова"),
    Login("superuser", "superuser (Django admin)", "Admin Bridge", superuser=True),
]
TEAM = {"sirin": [("admin", Role.ADMIN), ("member", Role.MEMBER)]}


def _person(
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


def _logins(ctx: DemoContext) -> None:
    for login in LOGINS:
        user = _person(
            ctx,
            email=login.email,
            full_name=login.full_name,
            language=login.language,
            timezone_name=login.timezone,
            is_staff=bool(login.group),
            is_superuser=login.superuser,
        )
        if login.group and not user.groups.filter(name=login.group).exists():
            user.groups.add(Group.objects.get(name=login.group))
        ctx.people[login.key] = user
        ctx.logins.append((login.email, ctx.password, login.role))


def _owner(ctx: DemoContext, spec: DemoOrganisation) -> User:
    if isinstance(spec.owner, str):
        return ctx.people[spec.owner]
    contact: Contact = spec.owner
    user = _person(
        ctx,
        email=contact.email,
        full_name=contact.full_name,
        language=contact.language,
        timezone_name=contact.timezone,
    )
    ctx.people[contact.email] = user
    return user


def _organisation(ctx: DemoContext, spec: DemoOrganisation, owner: User) -> Organisation:
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


def _verification(ctx: DemoContext, spec: DemoOrganisation, organisation: Organisation) -> None:
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


def _team(ctx: DemoContext, organisation: Organisation, owner: User, team) -> None:
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


def build(ctx: DemoContext) -> None:
    _logins(ctx)
    for spec in ORGANISATIONS:
        owner = _owner(ctx, spec)
        organisation = _organisation(ctx, spec, owner)
        _verification(ctx, spec, organisation)
        _team(ctx, organisation, owner, TEAM.get(spec.key, ()))
        ctx.organisations[spec.key] = organisation
