"""A NUL character anywhere in a request is refused with 400, never reaching the database."""

import pytest

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(
    "path",
    [
        "/organisations/%00/",
        "/organisations/?q=a%00b",
        "/materials/?q=%00",
        "/accounts/login/?next=%00",
    ],
)
def test_pages_refuse_nul_with_400(client, db, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "not allowed" in response.content.decode()


def test_api_refuses_nul_with_json(client, db):
    response = client.get("/api/v1/organisations?q=%00")
    assert response.status_code == 400
    assert response.json()["detail"]


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
