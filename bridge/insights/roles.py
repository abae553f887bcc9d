"""What the staff roles (groups kept by bridge.accounts.roles) may do in insights: every staff
role sees the staff figures; analysts may also recompute them. Synced after every migrate."""

from django.contrib.auth.models import Group, Permission

STAFF_ROLES: dict[str, list[str]] = {
    "moderator": ["view_staff_figures"],
    "programme manager": ["view_staff_figures"],
    "analyst": ["view_staff_figures", "run_rollup", "view_rolluprun"],
}


def staff_roles_sync(**_kwargs) -> None:
    for name, codenames in STAFF_ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        perms = Permission.objects.filter(
            content_type__app_label="insights", codename__in=codenames
        )
        group.permissions.add(*perms)
