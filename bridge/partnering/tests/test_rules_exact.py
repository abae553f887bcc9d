"""Who may see and change what in partnering, role by role (bridge/partnering/rules.py and
rules_projects.py): each predicate's answer for a member, another organisation's member, each
staff role and an anonymous visitor, on both sides of every condition. Written for the mutation
score of issue 18."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from bridge.accounts.models import Organisation, Role
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.partnering import rules, rules_projects
from bridge.partnering.tests.factories import (
    InterestFactory,
    ListingFactory,
    event_made,
    member_of,
    registered,
)
from bridge.partnering.tests.factories_projects import project_between, published_project
from bridge.partnering.vocabulary import InterestStatus, Status

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def programme_manager(db):
    return UserFactory(is_staff=True, groups=["programme manager"])


@pytest.fixture
def cast(ru_owner, uz_owner, moderator, programme_manager, analyst):
    return {
        "member": ru_owner,
        "other member": uz_owner,
        "moderator": moderator,
        "programme manager": programme_manager,
        "analyst": analyst,
        "anonymous": AnonymousUser(),
    }


STAFF = {
    # role: (validate, staff reader, run events)
    "member": (False, False, False),
    "other member": (False, False, False),
    "moderator": (True, True, True),
    "programme manager": (False, True, True),
    "analyst": (False, True, False),
    "anonymous": (False, False, False),
}


@pytest.mark.parametrize("role", list(STAFF))
def test_each_staff_role_has_exactly_its_powers(cast, role):
    user = cast[role]
    assert (
        rules.can_validate(user),
        rules.is_staff_reader(user),
        rules.can_run_events(user),
    ) == STAFF[role]


def test_a_user_without_is_authenticated_is_treated_as_signed_out(db):
    # A bare object (a script's actor, say) is not signed in, even if it had the permission.
    nobody = SimpleNamespace(has_perm=lambda perm: True, pk=None)
    assert rules.can_validate(nobody) is False
    assert rules.is_staff_reader(nobody) is False
    assert rules.can_run_events(nobody) is False
    assert rules.user_organisation_ids(nobody) == []


def test_a_superuser_has_every_staff_power(db):
    boss = UserFactory(is_superuser=True)
    assert (rules.can_validate(boss), rules.is_staff_reader(boss), rules.can_run_events(boss)) == (
        True,
        True,
        True,
    )


# --- listings -------------------------------------------------------------------------------

VIEW = {
    # role: (write for ru, edit, view draft, see matches, see owner of anonymous)
    "member": (True, True, True, True, True),
    "other member": (False, False, False, False, False),
    "moderator": (False, False, True, True, True),
    "programme manager": (False, False, True, True, True),
    "analyst": (False, False, True, True, True),
    "anonymous": (False, False, False, False, False),
}


@pytest.mark.parametrize("role", list(VIEW))
def test_a_drafts_readers_and_writers(cast, ru_org, ru_owner, role):
    user = cast[role]
    listing = ListingFactory(
        organisation=ru_org, author=ru_owner, status=Status.DRAFT, anonymous=True
    )
    assert (
        rules.can_write_for(user, ru_org),
        rules.can_edit_listing(user, listing),
        rules.can_view_listing(user, listing),
        rules.can_see_matches(user, listing),
        rules.can_see_owner(user, listing),
    ) == VIEW[role]


@pytest.mark.parametrize("role", list(VIEW))
def test_a_live_listing_is_public_and_a_named_owner_shown_to_all(cast, ru_org, role):
    user = cast[role]
    listing = ListingFactory(organisation=ru_org, anonymous=False)
    assert rules.can_view_listing(user, listing) is True
    assert rules.can_see_owner(user, listing) is True


def test_an_expired_listing_is_for_its_organisation_and_staff_only(cast, ru_org):
    listing = ListingFactory(organisation=ru_org, expires_at=timezone.now() - timedelta(days=1))
    seen = {role: rules.can_view_listing(user, listing) for role, user in cast.items()}
    assert seen == {
        "member": True,
        "other member": False,
        "moderator": True,
        "programme manager": True,
        "analyst": True,
        "anonymous": False,
    }


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        (InterestStatus.ACCEPTED, True),
        (InterestStatus.SENT, False),
        (InterestStatus.DECLINED, False),
    ],
)
def test_an_anonymous_owner_is_shown_to_an_organisation_whose_interest_it_accepted(
    ru_org, uz_org, uz_owner, status, shown
):
    listing = ListingFactory(organisation=ru_org, anonymous=True)
    InterestFactory(listing=listing, organisation=uz_org, status=status)
    assert rules.can_see_owner(uz_owner, listing) is shown
    # The set given by a list page counts instead of the query.
    assert rules.can_see_owner(uz_owner, listing, accepted_orgs={uz_org.pk}) is True
    assert rules.can_see_owner(uz_owner, listing, accepted_orgs=set()) is False


def test_another_organisations_accepted_interest_does_not_show_the_owner(ru_org, uz_org, uz_owner):
    listing = ListingFactory(organisation=ru_org, anonymous=True)
    InterestFactory(listing=listing, organisation=OrganisationFactory(), status="accepted")
    assert rules.can_see_owner(uz_owner, listing) is False
    assert rules.can_see_owner(AnonymousUser(), listing, accepted_orgs={uz_org.pk}) is False


def test_an_interest_accepted_on_another_listing_does_not_show_this_owner(ru_org, uz_org, uz_owner):
    listing = ListingFactory(organisation=ru_org, anonymous=True)
    elsewhere = ListingFactory(organisation=ru_org, anonymous=True)
    InterestFactory(listing=elsewhere, organisation=uz_org, status=InterestStatus.ACCEPTED)
    assert rules.can_see_owner(uz_owner, listing) is False
    assert rules.can_see_owner(uz_owner, elsewhere) is True


def test_a_users_organisations_are_listed_by_name_and_read_once(db, django_assert_num_queries):
    person = UserFactory()
    for name in ("Yulduz", "Anor", "Markaz"):
        organisation = OrganisationFactory(name=name)
        organisation.memberships.create(user=person, role=Role.MEMBER)
    expected = list(
        person.memberships.order_by("organisation__name").values_list("organisation_id", flat=True)
    )
    with django_assert_num_queries(1):
        assert rules.user_organisation_ids(person) == expected
        assert rules.user_organisation_ids(person) == expected
    assert [Organisation.objects.get(pk=pk).name for pk in expected] == ["Anor", "Markaz", "Yulduz"]
    assert rules.user_organisation_ids(AnonymousUser()) == []


def test_a_person_without_organisations_has_none(db):
    assert rules.user_organisation_ids(UserFactory()) == []


EXPRESS = {
    # role: may express interest for the Uzbek organisation in the Russian listing
    "member": False,  # not a member of the Uzbek organisation
    "other member": True,
    "moderator": False,
    "anonymous": False,
}


def test_interest_is_expressed_by_a_member_of_another_organisation_in_an_open_live_listing(
    ru_org, uz_org, ru_owner, uz_owner, moderator
):
    listing = ListingFactory(organisation=ru_org)
    people = {
        "member": ru_owner,
        "other member": uz_owner,
        "moderator": moderator,
        "anonymous": AnonymousUser(),
    }
    assert {
        role: rules.can_express_interest(user, listing, uz_org) for role, user in people.items()
    } == EXPRESS
    # Not for the listing's own organisation, not when closed, not when no longer live.
    assert rules.can_express_interest(ru_owner, listing, ru_org) is False
    closed = ListingFactory(organisation=ru_org, open_for_interest=False)
    assert rules.can_express_interest(uz_owner, closed, uz_org) is False
    archived = ListingFactory(organisation=ru_org, status=Status.ARCHIVED)
    assert rules.can_express_interest(uz_owner, archived, uz_org) is False


INTEREST = {
    # role: (answer, view, post in the thread)
    "member": (True, True, True),
    "other member": (False, True, True),
    "moderator": (False, True, False),
    "programme manager": (False, True, False),
    "analyst": (False, True, False),
    "anonymous": (False, False, False),
}


@pytest.mark.parametrize("role", list(INTEREST))
def test_an_interest_is_answered_by_the_listing_side_and_discussed_by_both(
    cast, ru_org, uz_org, role
):
    interest = InterestFactory(listing=ListingFactory(organisation=ru_org), organisation=uz_org)
    user = cast[role]
    assert (
        rules.can_answer_interest(user, interest),
        rules.can_view_interest(user, interest),
        rules.can_post_in_thread(user, interest),
    ) == INTEREST[role]


def test_a_third_organisation_neither_views_nor_posts(ru_org, uz_org):
    interest = InterestFactory(listing=ListingFactory(organisation=ru_org), organisation=uz_org)
    third = member_of(OrganisationFactory())
    assert rules.can_view_interest(third, interest) is False
    assert rules.can_post_in_thread(third, interest) is False


def test_a_registration_is_acted_on_by_its_person_or_a_member_of_its_organisation(
    ru_org, uz_org, ru_owner, uz_owner, moderator
):
    event = event_made()
    assistant = member_of(ru_org)
    registration = registered(event, ru_org, ru_owner)
    assert rules.can_act_for_registration(ru_owner, registration) is True
    assert rules.can_act_for_registration(assistant, registration) is True
    assert rules.can_act_for_registration(uz_owner, registration) is False
    assert rules.can_act_for_registration(moderator, registration) is False
    assert rules.can_act_for_registration(AnonymousUser(), registration) is False
    # The person alone counts even once they have left the organisation.
    ru_owner.memberships.all().delete()
    del ru_org._role_cache
    assert rules.can_act_for_registration(ru_owner, registration) is True


# --- joint projects -------------------------------------------------------------------------


def test_a_project_in_talks_is_seen_by_its_partners_and_staff_and_changed_by_confirmed_ones(
    ru_org, uz_org, ru_owner, uz_owner, analyst
):
    project = project_between(ru_org, uz_org, actor=ru_owner)
    outsider = member_of(OrganisationFactory())
    ru_partner, uz_partner = sorted(
        project.partners.all(), key=lambda p: p.organisation_id != ru_org.pk
    )
    assert ru_partner.confirmed and not uz_partner.confirmed
    seen = {
        name: (
            rules_projects.can_view_project(user, project),
            rules_projects.can_edit_project(user, project),
            [p.pk for p in rules_projects.partners_of(user, project)],
        )
        for name, user in {
            "creator": ru_owner,
            "invited": uz_owner,
            "outsider": outsider,
            "analyst": analyst,
            "anonymous": AnonymousUser(),
        }.items()
    }
    assert seen == {
        "creator": (True, True, [ru_partner.pk]),
        "invited": (True, False, [uz_partner.pk]),
        "outsider": (False, False, []),
        "analyst": (True, False, []),
        "anonymous": (False, False, []),
    }
    assert rules_projects.can_answer_for(uz_owner, uz_partner) is True
    assert rules_projects.can_answer_for(ru_owner, uz_partner) is False
    assert rules_projects.can_answer_for(AnonymousUser(), uz_partner) is False


def test_a_published_project_is_public(ru_org, uz_org):
    project = published_project(ru_org, uz_org)
    assert rules_projects.can_view_project(AnonymousUser(), project) is True
    assert rules_projects.can_edit_project(AnonymousUser(), project) is False
