"""Fixtures of the knowledge tests: a reviewer, an events manager, a heritage-tagged world."""

import pytest

from bridge.accounts.tests.factories import UserFactory
from bridge.search.analysis import Thesaurus
from bridge.search.thesaurus import thesaurus_override, yaml_concepts


@pytest.fixture(scope="session")
def committed_thesaurus():
    return Thesaurus(yaml_concepts())


@pytest.fixture(autouse=True)
def _yaml_thesaurus(committed_thesaurus):
    """The committed thesaurus (the heritage themes, co-production…), whatever the table holds."""
    with thesaurus_override(committed_thesaurus) as thesaurus:
        yield thesaurus


@pytest.fixture
def reviewer(db):
    return UserFactory(is_staff=True, groups=["moderator"], language="en")


@pytest.fixture
def events_manager(db):
    return UserFactory(is_staff=True, groups=["programme manager"], language="en")
