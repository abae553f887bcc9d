"""What the staff roles (groups kept by bridge.accounts.roles) may do in partnering; synced after
every migrate, as the other apps do."""

from django.contrib.auth.models import Group, Permission

_VIEW = [
    "view_listing",
    "view_interest",
    "view_match",
    "view_partnerprofile",
    "view_jointproject",
]
STAFF_ROLES: dict[str, list[str]] = {
    "moderator": [*_VIEW, "validate_listing", "change_listing"],
    "programme manager": _VIEW,
    "analyst": _VIEW,
}


def staff_roles_sync(**_kwargs) -> None:
    for name, codenames in STAFF_ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        perms = Permission.objects.filter(
            content_type__app_label="partnering", codename__in=codenames
        )
        group.permissions.add(*perms)
