"""Who may do what in programmes, role by role (bridge/programs/rules.py)."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.programs import rules

pytestmark = pytest.mark.integration


@pytest.fixture
def cast(db, organisation, owner, member, outsider, programme_manager, analyst, moderator):
    return {
        "owner": owner,
        "member": member,
        "outsider": outsider,
        "programme manager": programme_manager,
        "analyst": analyst,
        "moderator": moderator,
        "anonymous": AnonymousUser(),
    }


EXPECTED = {
    # role: (manage calls, view all applications, apply / edit, view the application)
    "owner": (False, False, True, True),
    "member": (False, False, True, True),
    "outsider": (False, False, False, False),
    "programme manager": (True, True, False, True),
    "analyst": (False, True, False, True),
    "moderator": (False, False, False, False),
    "anonymous": (False, False, False, False),
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_may_do_exactly_its_part(cast, organisation, role):
    user = cast[role]
    application = SimpleNamespace(organisation=organisation)
    assert (
        rules.can_manage_calls(user),
        rules.can_view_all_applications(user),
        rules.can_apply_for(user, organisation),
        rules.can_view_application(user, application),
    ) == EXPECTED[role]
    assert rules.can_edit_application(user, application) is EXPECTED[role][2]


def test_membership_of_another_organisation_does_not_count(db, organisation):
    user = UserFactory()
    Membership.objects.create(organisation=OrganisationFactory(), user=user, role=Role.OWNER)
    assert rules.can_apply_for(user, organisation) is False
    assert rules.can_apply_for(user, None) is False
