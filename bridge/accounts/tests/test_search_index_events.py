"""An organisation edited through the accounts services is found by its new words at once."""

import pytest

from bridge.accounts.models import Organisation
from bridge.accounts.services.organisations import organisation_create, organisation_update
from bridge.accounts.tests.factories import UserFactory
from bridge.search.selectors import search

pytestmark = pytest.mark.integration


def found(q):
    result = search(key="organisations", q=q)
    return set(Organisation.objects.filter(pk__in=result.ids).values_list("name", flat=True))


def test_created_and_edited_organisations_are_searchable_without_a_rebuild(db):
    actor = UserFactory()
    organisation = organisation_create(
        actor=actor, name="Aurora North Studio", country="UZ", description_en="Blue pottery"
    )
    assert "Aurora North Studio" in found("pottery")
    organisation_update(actor=actor, organisation=organisation, description_en="Carved walnut")
    assert "Aurora North Studio" not in found("pottery")
    assert "Aurora North Studio" in found("walnut")
