"""Fixtures of partnering's tests: a Russian and an Uzbek organisation with people in them,
and staff of each role."""

import pytest

from bridge.accounts.models import Role
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.partnering.tests.factories import (
    PartnerProfileFactory,
    event_made,
    member_of,
    registered,
)


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


# A B2B day with one Russian and one Uzbek organisation registered (the meetings tests).
@pytest.fixture
def event(db):
    return event_made()


@pytest.fixture
def ru(event, ru_org, ru_owner):
    return registered(event, ru_org, ru_owner)


@pytest.fixture
def uz(event, uz_org, uz_owner):
    return registered(event, uz_org, uz_owner)
