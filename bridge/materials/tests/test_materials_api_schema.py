"""The schema of the supplier, import, collection and export operations: limits in the schema,
every refusal documented with the error body."""

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
WRITES = [
    ("post", "/api/v1/suppliers/{slug}/listings"),
    ("patch", "/api/v1/suppliers/{slug}/listings/{material_id}"),
    ("post", "/api/v1/suppliers/{slug}/listings/{material_id}/archive"),
    ("post", "/api/v1/suppliers/{slug}/listings/{material_id}/images"),
    ("post", "/api/v1/material-imports"),
    ("post", "/api/v1/material-imports/{import_id}/confirm"),
    ("post", "/api/v1/collections"),
    ("patch", "/api/v1/collections/{collection_id}"),
    ("delete", "/api/v1/collections/{collection_id}"),
    ("post", "/api/v1/collections/{collection_id}/materials"),
    ("post", "/api/v1/collections/{collection_id}/share"),
    ("delete", "/api/v1/collections/{collection_id}/share"),
]


@pytest.fixture
def schema(client):
    return client.get("/api/v1/openapi.json").json()


@pytest.mark.parametrize(("method", "path"), WRITES)
def test_writes_document_401_403_and_422_with_the_error_body(schema, method, path):
    responses = schema["paths"][path][method]["responses"]
    for code in ("401", "403"):
        assert responses[code]["content"]["application/json"]["schema"]["$ref"].endswith(
            "/ErrorOut"
        )
    assert responses["422"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/ValidationErrorOut"
    )


def test_limits_are_in_the_schema(schema):
    components = schema["components"]["schemas"]
    listing = components["MaterialCreate"]["properties"]
    assert listing["sku"]["maxLength"] == 64
    assert listing["lead_time_days"]["maximum"] == 3650
    assert set(listing["currency"]["enum"]) >= {"UZS", "USD"}
    assert components["CollectionIn"]["properties"]["name"]["maxLength"] == 120
    upload = schema["paths"]["/api/v1/material-imports"]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in upload
    export = schema["paths"]["/api/v1/exports/materials.{fmt}"]["get"]["responses"]["200"]
    assert "text/csv" in export["content"]
