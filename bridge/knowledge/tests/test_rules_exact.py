"""Who may write, review and read in the library, the calendar and the heritage pages, role by
role (bridge/knowledge/rules.py). Written for the mutation score of issue 18."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.knowledge import rules
from bridge.knowledge.models import Status

pytestmark = pytest.mark.integration


@pytest.fixture
def cast(owner, member, outsider, moderator, programme_manager, analyst):
    return {
        "owner": owner,
        "member": member,
        "outsider": outsider,
        "moderator": moderator,
        "programme manager": programme_manager,
        "analyst": analyst,
        "anonymous": AnonymousUser(),
    }


EXPECTED = {
    # role: (review, moderate questions, manage events, edit themes, write, answer)
    "owner": (False, False, False, False, True, True),
    "member": (False, False, False, False, True, True),
    "outsider": (False, False, False, False, False, False),
    "moderator": (True, True, True, True, False, False),
    "programme manager": (False, False, True, False, False, False),
    "analyst": (False, False, False, False, False, False),
    "anonymous": (False, False, False, False, False, False),
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_may_do_exactly_its_part(cast, organisation, role):
    user = cast[role]
    practice = SimpleNamespace(organisation=organisation)
    assert (
        rules.can_review(user),
        rules.can_moderate_questions(user),
        rules.can_manage_events(user),
        rules.can_edit_themes(user),
        rules.can_write_for(user, organisation),
        rules.can_answer(user, SimpleNamespace(practice=practice)),
    ) == EXPECTED[role]
    assert rules.can_edit_practice(user, practice) is EXPECTED[role][4]


VIEW = {
    # role: a draft's readers (a published entry is everybody's)
    "owner": True,
    "member": True,
    "outsider": False,
    "moderator": True,
    "programme manager": False,
    "analyst": False,
    "anonymous": False,
}


@pytest.mark.parametrize("status", [s for s in Status if s != Status.PUBLISHED])
def test_an_unpublished_entry_is_for_its_authors_and_reviewers(cast, organisation, status):
    entry = SimpleNamespace(status=status, practice=SimpleNamespace(organisation=organisation))
    assert {role: rules.can_view_entry(user, entry) for role, user in cast.items()} == VIEW


def test_a_published_entry_is_everybodys(cast, organisation):
    entry = SimpleNamespace(
        status=Status.PUBLISHED, practice=SimpleNamespace(organisation=organisation)
    )
    assert all(rules.can_view_entry(user, entry) for user in cast.values())


def test_nobody_writes_for_no_organisation(owner):
    assert rules.can_write_for(owner, None) is False


def test_an_author_writes_for_their_organisations_by_name(db):
    person = UserFactory()
    for name in ("Yulduz", "Anor"):
        Membership.objects.create(
            organisation=OrganisationFactory(name=name), user=person, role=Role.MEMBER
        )
    OrganisationFactory(name="Markaz")
    assert [o.name for o in rules.author_organisations(person)] == ["Anor", "Yulduz"]
    assert list(rules.author_organisations(AnonymousUser())) == []
