"""The schema is honest (issue 16): every 4xx an operation can give is documented with its body,
and the bodies the API really sends match what it documents. `make api-fuzz` checks the same
against a running server; these tests keep the rules from slipping between its runs."""

import inspect

import jsonschema_rs
import pytest
from pydantic import BaseModel

from bridge.accounts.tests.factories import UserFactory
from bridge.api.urls import api
from bridge.materials.tests.factories_samples import published_material
from bridge.programs.tests.factories import ApplicationFactory

pytestmark = pytest.mark.integration

METHODS = ("get", "post", "put", "patch", "delete")
ERROR = "#/components/schemas/ErrorOut"
INVALID = "#/components/schemas/ValidationErrorOut"


@pytest.fixture(scope="module")
def schema():
    return api.get_openapi_schema()


def _operations(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method in METHODS:
                yield f"{method.upper()} {path}", operation


def _body_schema(operation, status: int) -> dict:
    response = operation["responses"].get(status) or operation["responses"].get(str(status))
    assert response is not None, f"{status} is not documented"
    return response["content"]["application/json"]["schema"]


def _refs(body_schema: dict) -> list[str]:
    return [option.get("$ref") for option in body_schema.get("anyOf", [body_schema])]


def _assert_matches(schema, operation, status: int, body) -> None:
    document = {**_body_schema(operation, status), "components": schema["components"]}
    errors = [
        error.message for error in jsonschema_rs.Draft202012Validator(document).iter_errors(body)
    ]
    assert errors == [], body


def test_every_operation_documents_credentials_and_the_rate_limit(schema):
    for name, operation in _operations(schema):
        for status in (401, 403, 429):
            assert ERROR in _refs(_body_schema(operation, status)), (name, status)


def test_operations_with_a_path_parameter_document_404(schema):
    for name, operation in _operations(schema):
        if any(p["in"] == "path" for p in operation.get("parameters", [])):
            assert ERROR in _refs(_body_schema(operation, 404)), name


def test_operations_with_input_document_422_with_the_parameter_errors(schema):
    for name, operation in _operations(schema):
        if operation.get("parameters") or "requestBody" in operation:
            assert INVALID in _refs(_body_schema(operation, 422)), name


def test_operations_with_a_body_document_400(schema):
    for name, operation in _operations(schema):
        if "requestBody" in operation:
            assert ERROR in _refs(_body_schema(operation, 400)), name


def test_every_4xx_has_a_json_body(schema):
    for name, operation in _operations(schema):
        for status, response in operation["responses"].items():
            if 400 <= int(status) < 500:
                assert response["content"]["application/json"]["schema"], (name, status)
                assert response.get("description"), (name, status)


def _models(annotation, seen: set) -> None:
    if inspect.isclass(annotation) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return
        seen.add(annotation)
        for field in annotation.model_fields.values():
            _models(field.annotation, seen)
        return
    for argument in getattr(annotation, "__args__", ()):
        _models(argument, seen)


def test_no_two_schemas_share_a_name():
    """ninja files every model under its class name: a second class of the same name silently
    replaces the first in the schema, and clients then validate against the wrong shape."""
    seen: set = set()
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in [*operation.response_models.values(), *operation.models]:
                    _models(model, seen)
    names: dict[str, list[str]] = {}
    for model in seen:
        if model.__module__.startswith("bridge."):
            names.setdefault(model.__name__, []).append(model.__module__)
    assert {name: mods for name, mods in names.items() if len(mods) > 1} == {}


def test_a_too_long_slug_is_refused_as_documented(client, db, schema):
    response = client.get("/api/v1/programmes/calls/" + "a" * 81)

    assert response.status_code == 422
    operation = schema["paths"]["/api/v1/programmes/calls/{slug}"]["get"]
    _assert_matches(schema, operation, 422, response.json())


def test_an_empty_page_number_is_refused(client, db, schema):
    response = client.get("/api/v1/programmes/calls?page_size=&page=28")

    assert response.status_code == 422
    assert {error["field"] for error in response.json()["errors"]} == {"page_size"}
    _assert_matches(
        schema, schema["paths"]["/api/v1/programmes/calls"]["get"], 422, response.json()
    )


def test_bad_fields_of_an_application_get_the_documented_422(client, db, schema):
    client.force_login(UserFactory())

    response = client.post(
        "/api/v1/programmes/applications",
        {"call": "x" * 81, "organisation": 0},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert {error["field"] for error in response.json()["errors"]} == {"call", "organisation"}
    operation = schema["paths"]["/api/v1/programmes/applications"]["post"]
    _assert_matches(schema, operation, 422, response.json())


def test_a_nul_in_a_body_gets_the_documented_400(client, db, schema):
    client.force_login(UserFactory())

    response = client.post(
        "/api/v1/programmes/applications",
        '{"call": "a\\u0000", "organisation": 1}',
        content_type="application/json",
    )

    assert response.status_code == 400
    operation = schema["paths"]["/api/v1/programmes/applications"]["post"]
    _assert_matches(schema, operation, 400, response.json())


@pytest.mark.real_second_factor
def test_a_session_owing_its_second_factor_gets_the_documented_403(client, db, schema):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)

    response = client.get("/api/v1/programmes/calls")

    assert response.status_code == 403
    assert response.json()["code"] == "second_factor_required"
    _assert_matches(
        schema, schema["paths"]["/api/v1/programmes/calls"]["get"], 403, response.json()
    )


def test_a_body_that_is_not_an_object_is_refused(client, db, schema):
    client.force_login(UserFactory())

    response = client.patch(
        "/api/v1/programmes/applications/1", "[null, null]", content_type="application/json"
    )

    assert response.status_code == 400
    operation = schema["paths"]["/api/v1/programmes/applications/{application_id}"]["patch"]
    _assert_matches(schema, operation, 400, response.json())


def test_amounts_keep_their_places_and_refuse_what_the_schema_refuses(client, owner, organisation):
    application = ApplicationFactory(organisation=organisation)
    client.force_login(owner)
    url = f"/api/v1/programmes/applications/{application.pk}"

    saved = client.patch(url, {"budget": 1200.456}, content_type="application/json")
    spelled = client.patch(url, {"budget": "1e5"}, content_type="application/json")
    huge = client.patch(url, {"budget": 10**16}, content_type="application/json")

    assert saved.status_code == 200
    assert saved.json()["budget"] in ("1200.45", 1200.45)
    assert spelled.status_code == huge.status_code == 422
    assert "code" not in spelled.json()


def test_a_refusal_for_what_a_value_names_carries_a_code(client, outsider, organisation, schema):
    client.force_login(outsider)
    body = {
        "organisation_id": organisation.pk,
        "items": [{"material_id": published_material().pk, "quantity": 1}],
        "purpose": "x",
        "delivery_address": "y",
    }

    response = client.post("/api/v1/sample-requests", body, content_type="application/json")

    assert response.status_code == 422
    assert response.json()["code"] == "not_member"
    operation = schema["paths"]["/api/v1/sample-requests"]["post"]
    _assert_matches(schema, operation, 422, response.json())


def test_known_countries_and_sectors_are_in_the_schema(schema):
    parameters = {
        p["name"]: p["schema"]
        for p in schema["paths"]["/api/v1/organisations"]["get"]["parameters"]
    }

    assert {"RU", "UZ", ""} <= set(parameters["country"]["items"]["enum"])
    assert "games" in parameters["sector"]["items"]["enum"]


# --- the operations of issue 16 item 1, whose schemas said less than their validators ----------


def _reachable(schema, node, seen: set):
    """Every sub-schema of `node`, following `$ref`s into `components` once each."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if ref and ref not in seen:
            seen.add(ref)
            yield from _reachable(schema, schema["components"]["schemas"][ref.split("/")[-1]], seen)
        yield node
        for value in node.values():
            yield from _reachable(schema, value, seen)
    elif isinstance(node, list):
        for value in node:
            yield from _reachable(schema, value, seen)


def _inputs(schema, operation):
    seen: set = set()
    for parameter in operation.get("parameters", []):
        yield from _reachable(schema, parameter["schema"], seen)
    for media in operation.get("requestBody", {}).get("content", {}).values():
        yield from _reachable(schema, media["schema"], seen)


# Unions where the string is free text in its own right, not a number written as text: which
# one the value must be depends on the object (a question's kind), and a refusal carries `code`.
FREE_TEXT_UNIONS = {
    "PUT /api/v1/programmes/applications/{application_id}/answers/{question_id}",
}


def test_a_number_sent_as_text_has_a_pattern_in_every_input(schema):
    """pydantic documents a Decimal as a number or any string, then refuses "" and "12abc": the
    fuzzer's "schema-valid request rejected". decimal_in says which strings."""
    loose = set()
    for name, operation in _operations(schema):
        for node in _inputs(schema, operation):
            options = node.get("anyOf", [])
            if any(option.get("type") == "number" for option in options):
                for option in options:
                    if option.get("type") == "string" and "pattern" not in option:
                        loose.add(name)
    assert loose - FREE_TEXT_UNIONS == set()


@pytest.mark.parametrize(
    ("model", "field"),
    [
        ("OrganisationCreateIn", "country"),
        ("OrganisationUpdateIn", "country"),
        ("MaterialCreate", "origin_country"),
        ("MaterialChange", "origin_country"),
    ],
)
def test_country_codes_in_writes_are_the_validators_enum(schema, model, field):
    country = schema["components"]["schemas"][model]["properties"][field]
    enum = next(o["enum"] for o in country.get("anyOf", [country]) if "enum" in o)

    assert {"RU", "UZ", "KZ"} <= set(enum)
    assert all(code.isupper() and len(code) == 2 for code in enum)


def test_limits_of_listing_decimals_are_in_the_schema(schema):
    fibre = schema["components"]["schemas"]["FibreIn"]["properties"]["percent"]["anyOf"]
    price = schema["components"]["schemas"]["MaterialCreate"]["properties"]["price"]["anyOf"]

    assert fibre[0] == {"type": "number", "minimum": 0.01, "maximum": 100.0}
    assert price[0]["minimum"] == 0.01
    assert price[0]["maximum"] == 999_999_999_999.99


def test_an_import_needs_a_file_and_a_supplier(schema):
    body = schema["paths"]["/api/v1/material-imports"]["post"]["requestBody"]
    form = body["content"]["multipart/form-data"]["schema"]

    assert body["required"] is True
    assert set(form["required"]) == {"file", "supplier"}
    assert form["properties"]["supplier"]["minLength"] == 1


def _listing(**overrides) -> dict:
    return {
        "sku": "IK-1",
        "name": "Xon atlas",
        "description": "Qoʻlda toʻqilgan ipak atlas.",
        "language": "uz",
        "category": "textiles",
        "origin_country": "UZ",
        "price": "125000",
        "currency": "UZS",
        "unit": "m",
        "moq": "5",
        "lead_time_days": 14,
        **overrides,
    }


@pytest.mark.parametrize(
    "overrides",
    [
        {"price": ""},
        {"moq": "0"},
        {"origin_country": "uz"},
        {"width_cm": "1e3"},
        {"price": "١٢"},  # Arabic-Indic digits: not [0-9], as JSON Schema reads `\d`
    ],
)
def test_what_a_listings_schema_refuses_the_api_refuses(
    client, owner, organisation, schema, overrides
):
    client.force_login(owner)
    url = f"/api/v1/suppliers/{organisation.slug}/listings"

    response = client.post(url, _listing(**overrides), content_type="application/json")

    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == set(overrides)
    assert "code" not in response.json()  # the schema said so: not a refusal for a state
    _assert_matches(
        schema, schema["paths"]["/api/v1/suppliers/{slug}/listings"]["post"], 422, response.json()
    )


def test_an_unknown_category_is_a_refusal_with_a_code(client, owner, organisation, schema):
    client.force_login(owner)
    url = f"/api/v1/suppliers/{organisation.slug}/listings"

    response = client.post(url, _listing(category="zz"), content_type="application/json")

    assert response.status_code == 422
    assert response.json()["code"] == "unknown"
    _assert_matches(
        schema, schema["paths"]["/api/v1/suppliers/{slug}/listings"]["post"], 422, response.json()
    )


def test_an_organisation_without_a_description_is_a_refusal_with_a_code(client, outsider, schema):
    client.force_login(outsider)
    body = {"name": "Paper Mill", "country": "UZ"}

    response = client.post("/api/v1/organisations", body, content_type="application/json")
    lower = client.post(
        "/api/v1/organisations", {**body, "country": "uz"}, content_type="application/json"
    )

    assert response.status_code == 422
    assert response.json()["code"] == "refused"
    assert lower.status_code == 422 and "code" not in lower.json()
    _assert_matches(schema, schema["paths"]["/api/v1/organisations"]["post"], 422, response.json())


def test_collecting_a_material_that_is_not_published_is_refused_with_a_code(
    client, outsider, schema
):
    client.force_login(outsider)
    collection = client.post(
        "/api/v1/collections", {"name": "Ikat"}, content_type="application/json"
    ).json()
    operation = schema["paths"]["/api/v1/collections/{collection_id}/materials"]["post"]

    response = client.post(
        f"/api/v1/collections/{collection['id']}/materials",
        {"material_id": 2**62},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["code"] == "unknown"
    _assert_matches(schema, operation, 422, response.json())


def test_no_input_pattern_uses_a_class_the_two_regex_engines_read_differently(schema):
    """pydantic's regex counts U+0085 as a space, JSON Schema's (ECMA-262) does not: `\\S` let
    `http://a\\x85b` through the schema to a refusal."""
    loose = {
        name
        for name, operation in _operations(schema)
        for node in _inputs(schema, operation)
        if "\\S" in node.get("pattern", "")
    }
    assert loose == set()


def test_the_library_search_is_bounded_to_fit_a_request_line(schema):
    parameters = {
        p["name"]: p["schema"]
        for p in schema["paths"]["/api/v1/knowledge/entries"]["get"]["parameters"]
    }

    assert parameters["q"]["maxLength"] == 200
    assert all(parameters[name]["maxItems"] == 20 for name in ("kind", "sector", "theme"))


def test_json_inputs_refuse_numbers_for_yes_no_and_dates():
    """pydantic's lax mode reads `0` as false and as 1970-01-01; the schema says boolean and a
    date as text, so the fuzzer's "schema-violating request accepted". Inputs use StrictBool and
    DateIn (found by reading the routers: the schema cannot show strictness)."""
    import ast
    from pathlib import Path

    lax = []
    for path in sorted(Path("bridge").glob("*/api/*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef) or node.name.endswith("Out"):
                continue
            if not node.name.endswith(("In", "Fields")):
                continue
            for field in node.body:
                if isinstance(field, ast.AnnAssign):
                    words = set(ast.unparse(field.annotation).replace("|", " ").split())
                    if words & {"bool", "date", "datetime"} and "int" not in words:
                        lax.append(f"{path}:{field.lineno} {node.name}.{field.target.id}")
    assert lax == []


@pytest.mark.parametrize("value", [0, 1, 20261204])
def test_a_date_input_refuses_a_number(value):
    from pydantic import TypeAdapter, ValidationError

    from bridge.core.api.schemas import DateIn

    with pytest.raises(ValidationError):
        TypeAdapter(DateIn).validate_python(value)
    assert str(TypeAdapter(DateIn).validate_python("2026-12-04")) == "2026-12-04"
