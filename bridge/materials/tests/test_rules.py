"""Who may do what in the Materials Center, one person of each kind against each predicate:
anonymous, a stranger, a plain member, an administrator and the owner of the supplier, staff who
may change listings, and moderators. Pages, API and services all ask these."""

import pytest
from django.contrib.auth.models import AnonymousUser, Permission

from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.materials.models import MaterialImport, SampleStatus
from bridge.materials.rules import materials as rules
from bridge.materials.rules import samples as sample_rules
from bridge.materials.rules import supplier as supplier_rules
from bridge.materials.tests.factories_samples import SampleRequestFactory, published_material

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    """Staff who may change any listing but not publish one."""
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_material"))
    return user


@pytest.fixture
def people(organisation, owner, org_admin, member, outsider, editor, moderator):
    return {
        "anonymous": AnonymousUser(),
        "outsider": outsider,
        "member": member,
        "admin": org_admin,
        "owner": owner,
        "editor": editor,
        "moderator": moderator,
    }


def answers(people, predicate) -> dict[str, bool]:
    return {name: predicate(person) for name, person in people.items()}


def test_the_owner_administrators_and_staff_editors_manage_listings(organisation, people):
    assert answers(people, lambda p: rules.can_manage_materials(p, organisation)) == {
        "anonymous": False,
        "outsider": False,
        "member": False,
        "admin": True,
        "owner": True,
        "editor": True,
        "moderator": True,
    }


def test_an_owner_of_another_supplier_manages_only_its_own(organisation, owner):
    other = OrganisationFactory()
    assert rules.can_manage_materials(owner, other) is False
    assert rules.can_manage_materials(None, organisation) is False


def test_only_moderators_moderate_and_import_for_any_supplier(people):
    expected = {
        "anonymous": False,
        "outsider": False,
        "member": False,
        "admin": False,
        "owner": False,
        "editor": False,
        "moderator": True,
    }
    assert answers(people, rules.can_moderate_materials) == expected
    assert answers(people, rules.can_import_for_any_supplier) == expected
    assert rules.can_moderate_materials(None) is False


def test_every_member_and_staff_editors_see_the_dashboard(organisation, people):
    assert answers(people, lambda p: supplier_rules.can_view_dashboard(p, organisation)) == {
        "anonymous": False,
        "outsider": False,
        "member": True,
        "admin": True,
        "owner": True,
        "editor": True,
        "moderator": True,
    }
    assert supplier_rules.can_view_dashboard(None, organisation) is False


def report(organisation, by, supplier="same"):
    return MaterialImport.objects.create(
        created_by=by,
        supplier=organisation if supplier == "same" else supplier,
        filename="list.csv",
        outcome=MaterialImport.Outcome.CHECKED,
    )


def test_an_import_report_is_seen_by_its_uploader_the_managers_and_moderators(
    organisation, people, member
):
    uploaded = report(organisation, member)
    assert answers(people, lambda p: supplier_rules.can_view_import(p, uploaded)) == {
        "anonymous": False,
        "outsider": False,
        "member": True,
        "admin": True,
        "owner": True,
        "editor": True,
        "moderator": True,
    }
    assert supplier_rules.can_view_import(None, uploaded) is False


def test_a_staff_import_without_a_supplier_is_seen_by_its_uploader_and_moderators(people, editor):
    uploaded = report(None, editor, supplier=None)
    assert answers(people, lambda p: supplier_rules.can_view_import(p, uploaded)) == {
        "anonymous": False,
        "outsider": False,
        "member": False,
        "admin": False,
        "owner": False,
        "editor": True,
        "moderator": True,
    }


def test_only_the_uploader_confirms_an_import(organisation, people, member):
    uploaded = report(organisation, member)
    assert answers(people, lambda p: supplier_rules.can_commit_import(p, uploaded)) == {
        "anonymous": False,
        "outsider": False,
        "member": True,
        "admin": False,
        "owner": False,
        "editor": False,
        "moderator": False,
    }
    orphan = report(organisation, None)
    assert supplier_rules.can_commit_import(AnonymousUser(), orphan) is False


# --- sample requests --------------------------------------------------------------------------


@pytest.fixture
def sample(organisation):
    material = published_material(supplier=organisation)
    return SampleRequestFactory(material=material)


@pytest.fixture
def sides(sample, member, owner, outsider):
    return {
        "anonymous": AnonymousUser(),
        "requester": sample.requester,
        "supplier member": member,
        "supplier owner": owner,
        "outsider": outsider,
    }


def test_the_requester_and_every_supplier_member_see_a_request(sample, sides):
    assert answers(sides, lambda p: sample_rules.can_view(p, sample)) == {
        "anonymous": False,
        "requester": True,
        "supplier member": True,
        "supplier owner": True,
        "outsider": False,
    }
    assert answers(sides, lambda p: sample_rules.is_requester(p, sample)) == {
        "anonymous": False,
        "requester": True,
        "supplier member": False,
        "supplier owner": False,
        "outsider": False,
    }
    assert answers(sides, lambda p: sample_rules.is_supplier_side(p, sample)) == {
        "anonymous": False,
        "requester": False,
        "supplier member": True,
        "supplier owner": True,
        "outsider": False,
    }


def test_supplier_membership_is_asked_once_per_person_and_request(
    sample, member, outsider, django_assert_num_queries
):
    with django_assert_num_queries(2):
        for _ in range(3):
            assert sample_rules.is_supplier_side(member, sample) is True
            assert sample_rules.is_supplier_side(outsider, sample) is False


def test_a_person_requests_samples_only_for_an_organisation_of_theirs(organisation, member):
    assert sample_rules.can_request_for(member, organisation) is True
    assert sample_rules.can_request_for(member, OrganisationFactory()) is False
    assert sample_rules.can_request_for(AnonymousUser(), organisation) is False


ACTIONS_BY_STATUS = {
    SampleStatus.REQUESTED: {"supplier": ["accept", "decline"], "requester": ["cancel"]},
    SampleStatus.ACCEPTED: {"supplier": ["ship"], "requester": ["cancel"]},
    SampleStatus.SHIPPED: {"supplier": [], "requester": ["receive"]},
    SampleStatus.RECEIVED: {"supplier": ["close"], "requester": ["close"]},
    SampleStatus.DECLINED: {"supplier": [], "requester": []},
    SampleStatus.CANCELLED: {"supplier": [], "requester": []},
    SampleStatus.CLOSED: {"supplier": [], "requester": []},
    SampleStatus.EXPIRED: {"supplier": [], "requester": []},
}


@pytest.mark.parametrize("status", list(ACTIONS_BY_STATUS))
def test_each_side_is_offered_the_actions_of_the_state(sample, member, outsider, status):
    sample.status = status
    assert {
        "supplier": sample_rules.allowed_actions(member, sample),
        "requester": sample_rules.allowed_actions(sample.requester, sample),
    } == ACTIONS_BY_STATUS[status]
    assert sample_rules.allowed_actions(outsider, sample) == []
    assert sample_rules.allowed_actions(AnonymousUser(), sample) == []


def test_each_side_may_take_only_its_own_actions_whatever_the_state(sample, member, outsider):
    may = {
        action: (
            sample_rules.may_act(member, sample, action),
            sample_rules.may_act(sample.requester, sample, action),
            sample_rules.may_act(outsider, sample, action),
        )
        for action in sample_rules.TRANSITIONS
    }
    assert may == {
        "accept": (True, False, False),
        "decline": (True, False, False),
        "ship": (True, False, False),
        "receive": (False, True, False),
        "cancel": (False, True, False),
        "close": (True, True, False),
    }


@pytest.mark.parametrize(
    ("status", "open_"),
    [
        (SampleStatus.REQUESTED, True),
        (SampleStatus.ACCEPTED, True),
        (SampleStatus.SHIPPED, True),
        (SampleStatus.RECEIVED, True),
        (SampleStatus.DECLINED, False),
        (SampleStatus.CANCELLED, False),
        (SampleStatus.CLOSED, False),
        (SampleStatus.EXPIRED, False),
    ],
)
def test_messages_are_open_until_the_request_ends(sample, member, outsider, status, open_):
    sample.status = status
    assert [
        sample_rules.can_message(member, sample),
        sample_rules.can_message(sample.requester, sample),
        sample_rules.can_message(outsider, sample),
    ] == [open_, open_, False]


def test_a_member_of_another_organisation_is_no_side_of_the_request(sample):
    stranger = UserFactory()
    Membership.objects.create(organisation=OrganisationFactory(), user=stranger, role=Role.OWNER)
    assert sample_rules.can_view(stranger, sample) is False
    assert sample_rules.allowed_actions(stranger, sample) == []


def test_nobody_signed_in_is_no_side_and_confirms_nothing(organisation, sample, member):
    """A caller that passes no person at all (None) gets no, not an error."""
    assert [
        sample_rules.is_requester(None, sample),
        sample_rules.is_supplier_side(None, sample),
        sample_rules.can_view(None, sample),
        sample_rules.can_request_for(None, organisation),
        supplier_rules.can_commit_import(None, report(organisation, member)),
    ] == [False, False, False, False, False]


def test_an_outsider_may_not_request_for_an_organisation_with_members(
    organisation, member, outsider
):
    assert sample_rules.can_request_for(outsider, organisation) is False
