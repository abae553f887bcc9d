"""Staff roles as groups. Kept in code and synced after every migrate, so a fresh database and
an old one end with the same permissions."""

from django.contrib.auth.models import Group, Permission

STAFF_ROLES: dict[str, list[str]] = {
    "moderator": [
        "accounts.view_organisation",
        "accounts.change_organisation",
        "accounts.verify_organisation",
        "accounts.view_membership",
        "accounts.view_invitation",
        "accounts.view_user",
        "core.view_auditentry",
        "core.view_progress",  # every long run: imports, index rebuilds, the rollup
    ],
    "programme manager": [
        "accounts.view_organisation",
        "accounts.view_membership",
        "accounts.view_user",
    ],
    "analyst": [
        "accounts.view_organisation",
        "accounts.view_membership",
        "core.view_auditentry",
        "core.view_progress",
    ],
}


def staff_roles_sync(**_kwargs) -> None:
    for name, codenames in STAFF_ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        perms = []
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            perm = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if perm is not None:
                perms.append(perm)
        group.permissions.add(*perms)
