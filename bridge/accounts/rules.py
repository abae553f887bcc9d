"""Permission predicates for people and organisations. Views, API and admin ask these."""

from bridge.accounts.models import Membership, Organisation, Role


def role_in(user, organisation: Organisation) -> str | None:
    if not user.is_authenticated:
        return None
    cache = getattr(organisation, "_role_cache", {})
    if user.pk not in cache:
        cache[user.pk] = (
            Membership.objects.filter(organisation=organisation, user=user)
            .values_list("role", flat=True)
            .first()
        )
        organisation._role_cache = cache
    return cache[user.pk]


def can_edit_organisation(user, organisation: Organisation) -> bool:
    return role_in(user, organisation) in (Role.OWNER, Role.ADMIN)


def can_manage_members(user, organisation: Organisation) -> bool:
    return role_in(user, organisation) in (Role.OWNER, Role.ADMIN)


def can_transfer_ownership(user, organisation: Organisation) -> bool:
    return role_in(user, organisation) == Role.OWNER


def is_member(user, organisation: Organisation) -> bool:
    return role_in(user, organisation) is not None


def can_verify_organisations(user) -> bool:
    return user.is_authenticated and user.has_perm("accounts.verify_organisation")


def can_view_members(user, organisation: Organisation) -> bool:
    """Members see each other; agency staff with the permission see every organisation's."""
    return is_member(user, organisation) or (
        user.is_authenticated and user.has_perm("accounts.view_membership")
    )


def must_use_two_factor(user) -> bool:
    """Agency staff must sign in with a second factor: superusers, `is_staff`, and anyone holding
    a staff role. Staff roles are the only groups (roles.py in each app), so any group counts."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.is_staff or user.groups.exists()
