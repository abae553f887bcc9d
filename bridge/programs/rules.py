"""Permission predicates for programmes. Views, API and admin ask these."""

from bridge.accounts.models import Membership


def can_manage_calls(user) -> bool:
    return user.is_authenticated and user.has_perm("programs.manage_call")


def can_view_all_applications(user) -> bool:
    return user.is_authenticated and user.has_perm("programs.view_all_applications")


def can_apply_for(user, organisation) -> bool:
    """Any member of an organisation may prepare its applications."""
    if not user.is_authenticated or organisation is None:
        return False
    return Membership.objects.filter(organisation=organisation, user=user).exists()


def can_edit_application(user, application) -> bool:
    return can_apply_for(user, application.organisation)


def can_view_application(user, application) -> bool:
    return can_edit_application(user, application) or can_view_all_applications(user)
