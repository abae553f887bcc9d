"""A NUL character anywhere in a request is refused with 400, never reaching the database."""

import pytest

pytestmark = pytest.mark.integration


def test_a_path_with_nul_names_nothing(client, db):
    assert client.get("/organisations/%00/").status_code == 404


@pytest.mark.parametrize(
    "path", ["/organisations/?q=a%00b", "/organisations/?page=%00", "/materials/?q=%00"]
)
def test_query_values_lose_their_nul_and_the_page_answers(client, db, path):
    assert client.get(path).status_code == 200


def test_the_api_answers_a_query_with_nul(client, db):
    response = client.get("/api/v1/organisations?q=%00&country=%00")
    assert response.status_code == 200
    assert "items" in response.json()


def test_form_fields_and_json_bodies_with_nul_are_refused(client, db):
    response = client.post(
        "/accounts/login/",
        data="username=a%00b&password=x",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    response = client.post(
        "/api/v1/programmes/applications",
        data='{"title": "a\\u0000"}',
        content_type="application/json",
    )
    assert response.status_code == 400


def test_ordinary_requests_pass(client, db):
    assert client.get("/organisations/?q=atlas").status_code == 200


def test_multipart_forms_are_left_to_the_form_validation(client, db):
    response = client.post("/accounts/login/", {"username": "a\x00b@example.org", "password": "x"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_an_api_path_with_nul_is_a_json_404(client, db):
    response = client.get("/api/v1/organisations/%00")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
