"""What the staff roles (groups kept by bridge.accounts.roles) may do in the knowledge app:
moderators review entries and questions and keep the heritage pages; programme managers run the
events calendar; analysts read. Synced after every migrate."""

from django.contrib.auth.models import Group, Permission

_READ = ["view_practice", "view_entry", "view_event", "view_registration", "view_themepage"]
STAFF_ROLES: dict[str, list[str]] = {
    "moderator": [
        *_READ,
        "review_entry",
        "moderate_question",
        "view_question",
        "change_question",
        "change_themepage",
        "add_themepage",
        "add_themeimage",
        "change_themeimage",
        "delete_themeimage",
        "manage_event",
        "add_event",
        "change_event",
    ],
    "programme manager": [
        *_READ,
        "manage_event",
        "add_event",
        "change_event",
        "add_eventmaterial",
        "change_eventmaterial",
        "delete_eventmaterial",
        "change_registration",
    ],
    "analyst": _READ,
}


def staff_roles_sync(**_kwargs) -> None:
    for name, codenames in STAFF_ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        perms = Permission.objects.filter(
            content_type__app_label="knowledge", codename__in=codenames
        )
        group.permissions.add(*perms)
