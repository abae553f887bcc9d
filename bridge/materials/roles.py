"""What the staff roles (groups kept by bridge.accounts.roles) may do in the Materials Center.

Kept here so accounts does not need to know about materials; synced after every migrate."""

from django.contrib.auth.models import Group, Permission

STAFF_ROLES: dict[str, list[str]] = {
    "moderator": [
        "view_material",
        "change_material",
        "moderate_material",
        "view_materialimport",
        "view_category",
        "add_category",
        "change_category",
        "view_certification",
        "add_certification",
        "change_certification",
        "view_exchangerate",
        "add_exchangerate",
        "change_exchangerate",
    ],
    "programme manager": ["view_material", "view_category", "view_certification"],
    "analyst": ["view_material", "view_materialimport", "view_category", "view_exchangerate"],
}


def staff_roles_sync(**_kwargs) -> None:
    for name, codenames in STAFF_ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        perms = Permission.objects.filter(
            content_type__app_label="materials", codename__in=codenames
        )
        group.permissions.add(*perms)
