"""GET /api/v1/organisations and /api/v1/organisations/{id}: shape, filters, pages, bad input."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bridge.accounts.models import Sector, Verification
from bridge.accounts.tests.factories import OrganisationFactory

pytestmark = pytest.mark.integration

LIST = "/api/v1/organisations"


def detail_url(pk) -> str:
    return f"/api/v1/organisations/{pk}"


def names(response) -> list[str]:
    return [item["name"] for item in response.json()["items"]]


def field_errors(response) -> list[str]:
    return [error["field"] for error in response.json()["errors"]]


@pytest.fixture
def sample(db):
    """Four organisations that each filter tells apart."""
    games, crafts = Sector.objects.get(code="games"), Sector.objects.get(code="crafts")
    ru_games = OrganisationFactory(name="Alpha Games", country="RU")
    ru_games.sectors.add(games)
    uz_crafts = OrganisationFactory(
        name="Bukhara Crafts",
        country="UZ",
        legal_form="uz-mchj",
        registration_number="123456789",
        is_it_park_resident=True,
        description_en="Hand-woven suzani and ikat.",
    )
    uz_crafts.sectors.add(crafts)
    uz_pending = OrganisationFactory(
        name="Chorsu Studio",
        country="UZ",
        legal_form="uz-mchj",
        registration_number="987654321",
        verification=Verification.PENDING,
    )
    uz_pending.sectors.add(games, crafts)
    kz_other = OrganisationFactory(
        name="Dala Film", country="KZ", legal_form="", verification=Verification.UNVERIFIED
    )
    return {"ru": ru_games, "uz": uz_crafts, "pending": uz_pending, "kz": kz_other}


def test_anonymous_list_has_count_items_and_full_organisations(client, sample):
    response = client.get(LIST)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["count"] == 4
    assert names(response) == ["Alpha Games", "Bukhara Crafts", "Chorsu Studio", "Dala Film"]
    crafts = body["items"][1]
    assert crafts["id"] == sample["uz"].pk
    assert crafts["country"]["code"] == "UZ"
    assert crafts["sectors"] == [{"code": "crafts", "label": "Crafts"}]
    assert crafts["is_it_park_resident"] is True
    assert crafts["verification"] == "verified"
    assert crafts["description"]["en"] == "Hand-woven suzani and ikat."
    assert crafts["url"].startswith("http://testserver/")
    assert crafts["url"].endswith(sample["uz"].get_absolute_url())


def test_detail_answers_the_same_shape_as_a_list_item(client, sample):
    listed = client.get(LIST, {"country": "RU"}).json()["items"][0]

    response = client.get(detail_url(sample["ru"].pk))

    assert response.status_code == 200
    assert response.json() == listed


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"country": "UZ"}, ["Bukhara Crafts", "Chorsu Studio"]),
        ({"country": "uz"}, ["Bukhara Crafts", "Chorsu Studio"]),
        ({"country": ["RU", "KZ"]}, ["Alpha Games", "Dala Film"]),
        ({"sector": "games"}, ["Alpha Games", "Chorsu Studio"]),
        ({"sector": ["games", "crafts"]}, ["Alpha Games", "Bukhara Crafts", "Chorsu Studio"]),
        ({"verified": "true"}, ["Alpha Games", "Bukhara Crafts"]),
        ({"verified": "false"}, ["Chorsu Studio", "Dala Film"]),
        ({"it_park": "true"}, ["Bukhara Crafts"]),
        ({"it_park": "false"}, ["Alpha Games", "Chorsu Studio", "Dala Film"]),
        ({"q": "suzani"}, ["Bukhara Crafts"]),
        ({"q": "CHORSU"}, ["Chorsu Studio"]),
        ({"country": "UZ", "sector": "games"}, ["Chorsu Studio"]),
        ({"country": "UZ", "verified": "true", "it_park": "true"}, ["Bukhara Crafts"]),
        # A form's "any" choice sends empty values: no filter, not an error.
        (
            {"country": "", "sector": "", "verified": "", "it_park": "", "q": ""},
            ["Alpha Games", "Bukhara Crafts", "Chorsu Studio", "Dala Film"],
        ),
    ],
)
def test_filters_narrow_the_list_and_the_count(client, sample, query, expected):
    response = client.get(LIST, query)

    assert response.status_code == 200
    assert names(response) == expected
    assert response.json()["count"] == len(expected)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"country": "XX"}, "country"),
        ({"sector": "astrology"}, "sector"),
        ({"verified": "maybe"}, "verified"),
        ({"it_park": "perhaps"}, "it_park"),
        ({"q": "x" * 201}, "q"),
        ({"lang": "de"}, "lang"),
    ],
)
def test_bad_filter_values_are_422_naming_the_field(client, sample, query, field):
    response = client.get(LIST, query)

    assert response.status_code == 422
    assert response.json()["detail"]
    assert field_errors(response) == [field]


def test_pages_walk_the_whole_list_in_a_stable_order(client, db):
    # Equal names: only the tie-breaker keeps pages from repeating or skipping rows.
    created = [OrganisationFactory(name="Same Name") for _ in range(7)]

    seen = []
    for page in (1, 2, 3):
        body = client.get(LIST, {"page": page, "page_size": 3}).json()
        assert body["count"] == 7
        seen += [item["id"] for item in body["items"]]

    assert seen == sorted(org.pk for org in created)


def test_page_size_defaults_to_20_and_allows_100(client, db):
    OrganisationFactory.create_batch(101)

    assert len(client.get(LIST).json()["items"]) == 20
    full = client.get(LIST, {"page_size": 100}).json()
    assert len(full["items"]) == 100
    assert full["count"] == 101
    last = client.get(LIST, {"page": 2, "page_size": 100}).json()
    assert len(last["items"]) == 1


def test_a_page_past_the_end_is_empty_but_keeps_the_count(client, sample):
    response = client.get(LIST, {"page": 99999999999999999999999})

    assert response.status_code == 200
    assert response.json() == {"count": 4, "items": []}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"page": "-1"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "abc"}, "page"),
        ({"page": "1.5"}, "page"),
        ({"page_size": "10000"}, "page_size"),
        ({"page_size": "101"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "many"}, "page_size"),
    ],
)
def test_bad_page_numbers_are_422_naming_the_field(client, sample, query, field):
    response = client.get(LIST, query)

    assert response.status_code == 422
    assert field_errors(response) == [field]


def test_unknown_organisation_is_a_json_404(client, sample):
    response = client.get(detail_url(sample["kz"].pk + 1000))

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize("pk", ["0", "-5", "999999999999999999999", "9223372036854775808"])
def test_ids_no_row_can_have_are_404_too(client, sample, pk):
    response = client.get(detail_url(pk))

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_an_id_that_is_not_a_number_is_422(client, sample):
    response = client.get(detail_url("abc"))

    assert response.status_code == 422
    assert field_errors(response) == ["organisation_id"]


@pytest.mark.parametrize(
    ("url", "status"),
    [
        (LIST + "?page=-1", 422),
        (LIST + "?page=abc", 422),
        (LIST + "?page_size=10000", 422),
        (LIST + "?page=1e400", 422),
        # A NUL in a query value is dropped before any view (bridge.core.middleware).
        (LIST + "?page=%00", 422),  # NUL dropped, an empty integer is refused
        (LIST + "?q=%00%ff%fe", 200),
        (LIST + "?q=%27%3B--", 200),
        (LIST + "?q=%3Cscript%3E", 200),
        (LIST + "?country=%00", 200),
        (LIST + "?country=" + "R" * 500, 422),
        (LIST + "?sector=" + "s" * 500, 422),
        (LIST + "?lang=" + "x" * 500, 422),
        (LIST + "?verified=%00", 200),
        ("/api/v1/organisations/999999999999999999999", 404),
        ("/api/v1/organisations/1.5", 422),
        ("/api/v1/organisations/%00", 404),
        ("/api/v1/organisations/1/", 404),
        ("/api/v1/organisations/", 404),
        ("/api/v1/no-such-endpoint", 404),
        ("/api/v1/me/../organisations", 404),
    ],
)
def test_odd_input_never_gives_a_server_error_or_html(client, sample, url, status):
    response = client.get(url)

    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json() or "items" in response.json()


def test_unknown_api_paths_and_methods_answer_json(client, sample):
    missing = client.get("/api/v1/no-such-endpoint")
    # `/me` only reads (`POST /organisations` registers one since the write operations).
    posted = client.post("/api/v1/me", {})

    assert missing.status_code == 404
    assert missing.json() == {"detail": "Not found."}
    assert posted.status_code == 405
    assert posted["Allow"] == "GET"
    assert "POST" in posted.json()["detail"]


def test_query_count_does_not_grow_with_the_number_of_organisations(client, db):
    sectors = list(Sector.objects.all()[:3])

    def make(n):
        for org in OrganisationFactory.create_batch(n):
            org.sectors.add(*sectors)

    def queries_for_full_page() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(LIST, {"page_size": 100})
        assert response.status_code == 200
        return len(queries)

    make(5)
    with_5 = queries_for_full_page()
    make(20)
    with_25 = queries_for_full_page()

    assert with_5 == with_25
    assert len(client.get(LIST, {"page_size": 100}).json()["items"]) == 25


def test_labels_follow_accept_language(client, sample):
    url = detail_url(sample["ru"].pk)

    russian = client.get(url, headers={"accept-language": "ru"})
    english = client.get(url, headers={"accept-language": "en"})

    assert russian.json()["country"]["name"] == "Россия"
    assert english.json()["country"]["name"] == "Russia"
    assert russian["Content-Language"] == "ru"


def test_lang_parameter_wins_over_accept_language(client, sample):
    response = client.get(
        detail_url(sample["ru"].pk), {"lang": "en"}, headers={"accept-language": "ru"}
    )

    assert response.json()["country"]["name"] == "Russia"
    assert response["Content-Language"] == "en"


@pytest.mark.parametrize("language", ["ru", "uz", "en"])
def test_error_messages_are_in_the_callers_language(client, sample, language):
    from django.utils import translation

    response = client.get(detail_url(10**9), headers={"accept-language": language})

    with translation.override(language):
        expected = translation.gettext("Not found.")
    assert response.status_code == 404
    assert response["Content-Language"] == language
    assert response.json() == {"detail": expected}
