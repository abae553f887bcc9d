"""Fixtures of partnering's tests: a Russian and an Uzbek organisation with people in them,
and staff of each role."""

import pytest

from bridge.accounts.models import Role
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.partnering.tests.factories import PartnerProfileFactory, member_of


@pytest.fixture
def ru_org(db):
    organisation = OrganisationFactory(country="RU", name="Тёплый свет")
    PartnerProfileFactory(organisation=organisation, kind="studio", size="50-249")
    return organisation


@pytest.fixture
def uz_org(db):
    organisation = OrganisationFactory(
        country="UZ", name="Toshkent Motion", legal_form="uz-mchj", registration_number="306517238"
    )
    PartnerProfileFactory(organisation=organisation, kind="studio", size="10-49")
    return organisation


@pytest.fixture
def ru_owner(ru_org):
    return member_of(ru_org, Role.OWNER, language="ru")


@pytest.fixture
def uz_owner(uz_org):
    return member_of(uz_org, Role.OWNER, language="uz")


@pytest.fixture
def moderator(db):
    return UserFactory(is_staff=True, groups=["moderator"])


@pytest.fixture
def analyst(db):
    return UserFactory(is_staff=True, groups=["analyst"])
