"""The partner profile service (the organisation's kind and size as partnering shows them), to the
exact value: created with an audit row, changed only when a value differs (and audited then),
left alone and unaudited when nothing changes, each wrong value refused at its own field with
its English message (and nothing saved), who may set it, and the system (no actor) may.
Written for issue 18."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from bridge.accounts.models import Role
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.core.models import AuditEntry
from bridge.core.tests.exact_support import trail
from bridge.partnering.models import PartnerProfile
from bridge.partnering.services import profiles as services
from bridge.partnering.tests.factories import PartnerProfileFactory, member_of

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

KIND = "Choose a kind from the list."
SIZE = "Choose a size from the list."


@pytest.fixture
def org():
    return OrganisationFactory()


@pytest.fixture
def writer(org):
    return member_of(org)


def saved(org) -> tuple:
    profile = PartnerProfile.objects.get(organisation=org)
    return profile.kind, profile.size


def test_a_member_creates_the_profile_with_an_audit_row(org, writer):
    profile = services.partner_profile_set(
        actor=writer, organisation=org, kind="producer", size="50-249"
    )
    assert profile == PartnerProfile.objects.get()
    assert (profile.organisation, profile.kind, profile.size) == (org, "producer", "50-249")
    assert trail(profile) == [("partner_profile.create", writer, {})]


@pytest.mark.parametrize("role", [Role.MEMBER, Role.OWNER])
def test_any_member_of_the_organisation_may_set_it(org, role):
    person = member_of(org, role=role)
    services.partner_profile_set(actor=person, organisation=org, kind="brand", size="1-9")
    assert saved(org) == ("brand", "1-9")


def test_the_system_sets_it_without_an_actor_and_the_row_says_so(org):
    profile = services.partner_profile_set(actor=None, organisation=org, kind="studio", size="250+")
    assert saved(org) == ("studio", "250+")
    assert trail(profile) == [("partner_profile.create", None, {})]


@pytest.mark.parametrize("who", ["stranger", "other member", "anonymous"])
def test_only_members_of_the_organisation_set_it(org, who):
    PartnerProfileFactory(organisation=org, kind="studio", size="10-49")
    actor = {
        "stranger": UserFactory(),
        "other member": member_of(OrganisationFactory()),
        "anonymous": AnonymousUser(),
    }[who]
    with pytest.raises(PermissionDenied):
        services.partner_profile_set(actor=actor, organisation=org, kind="brand", size="1-9")
    assert saved(org) == ("studio", "10-49")
    assert not AuditEntry.objects.exists()


def test_a_stranger_creates_no_profile(org):
    with pytest.raises(PermissionDenied):
        services.partner_profile_set(
            actor=UserFactory(), organisation=org, kind="brand", size="1-9"
        )
    assert not PartnerProfile.objects.exists()


@pytest.mark.parametrize(
    ("kind", "size", "expected"),
    [
        ("spaceship", "1-9", {"org_kind": [KIND]}),
        ("", "1-9", {"org_kind": [KIND]}),
        ("Studio", "1-9", {"org_kind": [KIND]}),
        ("studio", "huge", {"org_size": [SIZE]}),
        ("studio", "", {"org_size": [SIZE]}),
        ("studio", "250", {"org_size": [SIZE]}),
        ("spaceship", "huge", {"org_kind": [KIND], "org_size": [SIZE]}),
    ],
)
def test_each_wrong_value_is_refused_at_its_own_field_and_nothing_is_created(
    org, writer, kind, size, expected
):
    with pytest.raises(ValidationError) as caught:
        services.partner_profile_set(actor=writer, organisation=org, kind=kind, size=size)
    assert caught.value.message_dict == expected
    assert not PartnerProfile.objects.exists() and not AuditEntry.objects.exists()


def test_a_wrong_value_leaves_the_existing_profile_as_it_was(org, writer):
    PartnerProfileFactory(organisation=org, kind="studio", size="10-49")
    with pytest.raises(ValidationError):
        services.partner_profile_set(actor=writer, organisation=org, kind="brand", size="huge")
    assert saved(org) == ("studio", "10-49") and not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("kind", "size"), [("brand", "10-49"), ("studio", "250+"), ("investor", "1-9")]
)
def test_a_changed_kind_or_size_is_saved_and_audited_as_an_update(org, writer, kind, size):
    existing = PartnerProfileFactory(organisation=org, kind="studio", size="10-49")
    profile = services.partner_profile_set(actor=writer, organisation=org, kind=kind, size=size)
    assert profile.pk == existing.pk and PartnerProfile.objects.count() == 1
    assert saved(org) == (kind, size) == (profile.kind, profile.size)
    assert trail(profile) == [("partner_profile.update", writer, {})]


def test_setting_the_same_values_changes_and_audits_nothing(org, writer, clock):
    from datetime import timedelta

    existing = PartnerProfileFactory(organisation=org, kind="studio", size="10-49")
    stamp = PartnerProfile.objects.get().updated_at
    clock["now"] += timedelta(hours=1)
    profile = services.partner_profile_set(
        actor=writer, organisation=org, kind="studio", size="10-49"
    )
    assert profile.pk == existing.pk and (profile.kind, profile.size) == ("studio", "10-49")
    assert PartnerProfile.objects.get().updated_at == stamp
    assert trail(profile) == []


def test_a_second_set_after_creating_is_an_update_row(org, writer):
    profile = services.partner_profile_set(
        actor=writer, organisation=org, kind="studio", size="1-9"
    )
    services.partner_profile_set(actor=writer, organisation=org, kind="studio", size="1-9")
    services.partner_profile_set(actor=writer, organisation=org, kind="agency", size="1-9")
    assert [row[0] for row in trail(profile)] == [
        "partner_profile.create",
        "partner_profile.update",
    ]


def test_another_organisations_profile_is_untouched(org, writer):
    other = PartnerProfileFactory(kind="studio", size="10-49")
    services.partner_profile_set(actor=writer, organisation=org, kind="brand", size="1-9")
    other.refresh_from_db()
    assert (other.kind, other.size) == ("studio", "10-49")
    assert PartnerProfile.objects.count() == 2
