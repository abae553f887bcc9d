"""Permission predicates for partnering. Views, API, admin and services ask these, so the web
and the API cannot disagree about who sees what."""

from bridge.accounts.models import Membership, Organisation
from bridge.accounts.rules import is_member, role_in
from bridge.partnering.models import Interest
from bridge.partnering.vocabulary import InterestStatus


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def can_validate(user) -> bool:
    return _signed_in(user) and user.has_perm("partnering.validate_listing")


def is_staff_reader(user) -> bool:
    """Agency staff who see every listing and the funnel (moderators, managers, analysts)."""
    return _signed_in(user) and user.has_perm("partnering.view_listing")


def can_run_events(user) -> bool:
    """Staff who create events, run the scheduler, publish agendas and check people in."""
    return _signed_in(user) and user.has_perm("partnering.change_event")


def can_act_for_registration(user, registration) -> bool:
    """The registered person, or a member of their organisation (an assistant, say)."""
    return _signed_in(user) and (
        registration.person_id == user.pk or is_member(user, registration.organisation)
    )


def can_write_for(user, organisation: Organisation) -> bool:
    """Any member may draft and keep the organisation's listings."""
    return _signed_in(user) and is_member(user, organisation)


def can_edit_listing(user, listing) -> bool:
    return can_write_for(user, listing.organisation)


def can_view_listing(user, listing) -> bool:
    """Live listings are public; drafts, waiting, returned, rejected, archived and expired ones
    are for their organisation and staff only."""
    if listing.is_live:
        return True
    return can_edit_listing(user, listing) or is_staff_reader(user)


def can_see_matches(user, listing) -> bool:
    return can_edit_listing(user, listing) or is_staff_reader(user)


def can_see_owner(user, listing, *, accepted_orgs: set[int] | None = None) -> bool:
    """An anonymous listing's organisation is shown to its members, to staff, and to the
    organisations whose expression of interest it accepted."""
    if not listing.anonymous or can_edit_listing(user, listing) or is_staff_reader(user):
        return True
    if not _signed_in(user):
        return False
    if accepted_orgs is None:
        accepted_orgs = set(
            Interest.objects.filter(listing=listing, status=InterestStatus.ACCEPTED).values_list(
                "organisation_id", flat=True
            )
        )
    return bool(accepted_orgs & set(user_organisation_ids(user)))


def user_organisation_ids(user) -> list[int]:
    if not _signed_in(user):
        return []
    cached = getattr(user, "_partnering_org_ids", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user)
            .order_by("organisation__name")
            .values_list("organisation_id", flat=True)
        )
        user._partnering_org_ids = cached
    return cached


def can_express_interest(user, listing, organisation: Organisation) -> bool:
    return (
        listing.is_matchable
        and organisation.pk != listing.organisation_id
        and role_in(user, organisation) is not None
    )


def can_answer_interest(user, interest) -> bool:
    return can_edit_listing(user, interest.listing)


def can_view_interest(user, interest) -> bool:
    return (
        can_answer_interest(user, interest)
        or can_write_for(user, interest.organisation)
        or is_staff_reader(user)
    )


def can_post_in_thread(user, interest) -> bool:
    return can_answer_interest(user, interest) or can_write_for(user, interest.organisation)
