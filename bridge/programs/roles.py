"""What the staff roles (groups kept by bridge.accounts.roles) may do in programmes.

Kept here, as bridge.materials does, so accounts need not know about programmes; synced after
every migrate."""

from django.contrib.auth.models import Group, Permission

_VIEW_ALL = [
    "view_programme",
    "view_call",
    "view_stage",
    "view_eligibility",
    "view_eligibilitychange",
    "view_question",
    "view_application",
    "view_all_applications",
    "view_teammember",
    "view_answer",
    "view_reviewer",
    "view_assignment",
    "view_criterion",
    "view_scorelevel",
    "view_review",
    "view_score",
    "view_decision",
    "view_milestone",
    "view_milestoneprogress",
    "view_deal",
]
_MANAGE = [
    "manage_call",
    "add_programme",
    "change_programme",
    "add_call",
    "change_call",
    "add_stage",
    "change_stage",
    "delete_stage",
    "change_eligibility",
    "add_question",
    "change_question",
    "delete_question",
    "add_stageinvitation",
    "view_stageinvitation",
    "change_application",
    "add_reviewer",
    "change_reviewer",
    "delete_reviewer",
    "view_conflictofinterest",
    "add_conflictofinterest",
    "add_assignment",
    "change_assignment",
    "delete_assignment",
    "add_criterion",
    "change_criterion",
    "delete_criterion",
    "add_scorelevel",
    "change_scorelevel",
    "delete_scorelevel",
    "add_decision",
    "change_decision",
    "send_decision",
    "add_milestone",
    "change_milestone",
    "change_milestoneprogress",
    "view_mentornote",
    "add_mentornote",
    "add_deal",
    "change_deal",
]

STAFF_ROLES: dict[str, list[str]] = {
    "programme manager": _VIEW_ALL + _MANAGE,
    "analyst": _VIEW_ALL,
}


def staff_roles_sync(**_kwargs) -> None:
    for name, codenames in STAFF_ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        perms = Permission.objects.filter(
            content_type__app_label="programs", codename__in=codenames
        )
        group.permissions.add(*perms)
