"""Permission predicates for the library, the calendar and the heritage pages. Views, API and
admin ask these."""

from bridge.accounts.models import Membership
from bridge.accounts.rules import is_member
from bridge.knowledge.models import Status


def can_review(user) -> bool:
    return user.is_authenticated and user.has_perm("knowledge.review_entry")


def can_moderate_questions(user) -> bool:
    return user.is_authenticated and user.has_perm("knowledge.moderate_question")


def can_manage_events(user) -> bool:
    return user.is_authenticated and user.has_perm("knowledge.manage_event")


def can_edit_themes(user) -> bool:
    return user.is_authenticated and user.has_perm("knowledge.change_themepage")


def can_write_for(user, organisation) -> bool:
    """Any member of an organisation may write practices in its name."""
    return organisation is not None and is_member(user, organisation)


def author_organisations(user):
    """The organisations ``user`` may write for."""
    from bridge.accounts.models import Organisation

    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        pk__in=Membership.objects.filter(user=user).values("organisation_id")
    ).order_by("name")


def can_edit_practice(user, practice) -> bool:
    return can_write_for(user, practice.organisation)


def can_view_entry(user, entry) -> bool:
    """Published versions are public; the others are for their authors and reviewers."""
    if entry.status == Status.PUBLISHED:
        return True
    return can_edit_practice(user, entry.practice) or can_review(user)


def can_answer(user, question) -> bool:
    return can_edit_practice(user, question.practice)
