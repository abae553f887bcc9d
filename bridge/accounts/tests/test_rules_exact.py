"""Who may do what with an organisation, role by role (bridge/accounts/rules.py): each predicate's
answer for the owner, an admin, a member, an outsider, each staff role and an anonymous visitor.
Written for the mutation score of issue 18."""

import pytest
from django.contrib.auth.models import AnonymousUser

from bridge.accounts import rules
from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def cast(owner, org_admin, member, outsider, moderator, programme_manager, analyst):
    return {
        "owner": owner,
        "admin": org_admin,
        "member": member,
        "outsider": outsider,
        "moderator": moderator,
        "programme manager": programme_manager,
        "analyst": analyst,
        "anonymous": AnonymousUser(),
    }


EXPECTED = {
    # role: (role in, edit, manage members, transfer ownership, member, verify, view members)
    "owner": (Role.OWNER, True, True, True, True, False, True),
    "admin": (Role.ADMIN, True, True, False, True, False, True),
    "member": (Role.MEMBER, False, False, False, True, False, True),
    "outsider": (None, False, False, False, False, False, False),
    "moderator": (None, False, False, False, False, True, True),
    "programme manager": (None, False, False, False, False, False, True),
    "analyst": (None, False, False, False, False, False, True),
    "anonymous": (None, False, False, False, False, False, False),
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_may_do_exactly_its_part(cast, organisation, role):
    user = cast[role]
    assert (
        rules.role_in(user, organisation),
        rules.can_edit_organisation(user, organisation),
        rules.can_manage_members(user, organisation),
        rules.can_transfer_ownership(user, organisation),
        rules.is_member(user, organisation),
        rules.can_verify_organisations(user),
        rules.can_view_members(user, organisation),
    ) == EXPECTED[role]


def test_a_role_in_another_organisation_does_not_count(db, organisation):
    user = UserFactory()
    Membership.objects.create(organisation=OrganisationFactory(), user=user, role=Role.OWNER)
    assert rules.role_in(user, organisation) is None
    assert rules.can_edit_organisation(user, organisation) is False


def test_the_role_is_read_once_per_person_and_organisation(
    organisation, owner, member, django_assert_num_queries
):
    with django_assert_num_queries(2):
        assert [rules.role_in(owner, organisation) for _ in range(3)] == [Role.OWNER] * 3
        assert [rules.role_in(member, organisation) for _ in range(2)] == [Role.MEMBER] * 2
    assert organisation._role_cache == {owner.pk: Role.OWNER, member.pk: Role.MEMBER}
    with django_assert_num_queries(0):
        assert rules.role_in(AnonymousUser(), organisation) is None


@pytest.mark.parametrize(
    ("fields", "groups", "expected"),
    [
        ({}, [], False),
        ({"is_staff": True}, [], True),
        ({"is_superuser": True}, [], True),
        ({}, ["analyst"], True),
    ],
)
def test_staff_of_any_kind_must_use_a_second_factor(db, fields, groups, expected):
    assert rules.must_use_two_factor(UserFactory(groups=groups, **fields)) is expected


def test_a_member_and_an_anonymous_visitor_need_no_second_factor(member):
    assert rules.must_use_two_factor(member) is False
    assert rules.must_use_two_factor(AnonymousUser()) is False
