"""The directory's text search matches regardless of case, script and apostrophe."""

import pytest

from bridge.accounts.selectors import organisation_list
from bridge.accounts.services.organisations import organisation_create, organisation_update
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def orgs(db):
    actor = UserFactory()

    def make(name, **fields):
        return organisation_create(actor=actor, name=name, country="UZ", **fields)

    return {
        "atlas": make("Атлас Маргилана", description_ru="Ручное ткачество шёлка"),
        "margilon": make("Margʻilon Atlas"),
        "khiva": make("Xiva yogʻoch oʻymakorligi"),
        "paper": make("Samarkand Paper Mill", description_en="Mulberry paper made by hand"),
    }


def names(q):
    return sorted(o.name for o in organisation_list(q=q))


@pytest.mark.parametrize("query", ["АТЛАС", "атлас", "Атлас"])
def test_cyrillic_matches_in_any_case(orgs, query):
    assert "Атлас Маргилана" in names(query)


@pytest.mark.parametrize("query", ["margilon", "Margʻilon", "Marg'ilon", "Marg`ilon", "MARG’ILON"])
def test_apostrophes_and_case_do_not_matter(orgs, query):
    assert names(query) == ["Margʻilon Atlas"]


def test_a_cyrillic_query_meets_a_latin_name(orgs):
    assert names("Хива") == ["Xiva yogʻoch oʻymakorligi"]


def test_every_word_must_match_in_name_or_description(orgs):
    assert names("paper hand") == ["Samarkand Paper Mill"]
    assert names("paper silk") == []
    assert names("шёлка ткачество") == ["Атлас Маргилана"]


def test_an_edit_refreshes_what_search_finds(orgs):
    owner = orgs["paper"].memberships.get().user
    organisation_update(actor=owner, organisation=orgs["paper"], description_en="Cotton rag paper")
    assert names("mulberry") == []
    assert names("cotton") == ["Samarkand Paper Mill"]


def test_odd_queries_return_a_list(orgs):
    for query in ["%", "_", "' OR 1=1 --", "\x00", "😀", "a" * 10_000]:
        assert isinstance(names(query), list)
    assert len(names("%")) == 0


def test_factory_rows_without_services_are_still_listed_without_a_query(db):
    OrganisationFactory()
    assert len(organisation_list()) == 1
