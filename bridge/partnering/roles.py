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
_EVENTS_VIEW = ["view_event", "view_registration", "view_meetingrequest", "view_meeting"]
# Who runs meeting days: create and publish events, schedule, check people in.
_EVENTS_RUN = [*_EVENTS_VIEW, "add_event", "change_event", "change_meeting", "change_registration"]
STAFF_ROLES: dict[str, list[str]] = {
    "moderator": [*_VIEW, *_EVENTS_RUN, "validate_listing", "change_listing"],
    "programme manager": [*_VIEW, *_EVENTS_RUN],
    "analyst": [*_VIEW, *_EVENTS_VIEW],
}


def staff_roles_sync(**_kwargs) -> None:
    for name, codenames in STAFF_ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        perms = Permission.objects.filter(
            content_type__app_label="partnering", codename__in=codenames
        )
        group.permissions.add(*perms)
