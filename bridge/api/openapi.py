"""The answers every operation can give besides its own, added to the schema in one place.

Some come before any handler runs (the rate limit, the second factor, the NUL filter, ninja's
parsing of the body and the parameters, a wrong token), so no router could document them; they
are added here to every operation that can meet them, and new operations inherit them.
An operation that documents a status itself keeps its own words; for 422, where the handler's
refusal has a shape of its own, the body is either that shape or the parameter errors' one.
"""

import json

from django.conf import settings
from ninja.parser import Parser
from pydantic.json_schema import models_json_schema

from bridge.core.api.schemas import ErrorOut, ValidationErrorOut

_REF = "#/components/schemas/{model}"
ERROR = {"application/json": {"schema": {"$ref": _REF.format(model="ErrorOut")}}}
INVALID = {"$ref": _REF.format(model="ValidationErrorOut")}


def rate_limited_response() -> dict:
    """The 429 as the schema documents it, with the limits in force (settings.RATE_LIMITS)."""
    anonymous, identified = settings.RATE_LIMITS.get("api", ("", ""))
    return {
        "description": "Too many requests: wait the seconds in `Retry-After`, then try again. "
        f"Limits (requests/seconds): {anonymous or 'none'} per address for anonymous callers, "
        f"{identified or 'none'} per token or signed-in person.",
        "headers": {
            "Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}
        },
        "content": ERROR,
    }


UNAUTHORISED = {
    "description": "The token is not valid, has expired or was revoked (on public operations "
    "too: a broken script should not pass for an anonymous one); on personal operations, no "
    "credential was sent. Answered with `WWW-Authenticate: Bearer`.",
    "content": ERROR,
}
FORBIDDEN = {
    "description": "Refused before the operation ran: a signed-in session that still owes its "
    'second factor (`"code": "second_factor_required"`; confirm the sign-in, or use a token), '
    "a session's unsafe request without its CSRF token, or a read-only token on a write.",
    "content": ERROR,
}
NOT_FOUND = {
    "description": "Nothing with this identifier, or nothing you may see.",
    "content": ERROR,
}
BAD_BODY = {
    "description": "The body is not a JSON object, or contains a NUL character (`\\u0000`), "
    "which no text of the platform may hold.",
    "content": ERROR,
}
UNPROCESSABLE = (
    "Some parameters or fields are not valid: `errors` lists each with its location, field and "
    "message."
)


class ObjectParser(Parser):
    """Every body of the API is a JSON object. ninja's schemas read fields by attribute, so a
    list or a string would otherwise pass as an object whose optional fields are all absent
    (`PATCH` with `[null]` saved nothing and answered 200); ninja answers this error with 400."""

    def parse_body(self, request):
        data = json.loads(request.body)
        if not isinstance(data, dict):
            raise ValueError("the body is not a JSON object")
        return data


def _operation_inputs(operation: dict) -> tuple[bool, bool]:
    """(has path parameters, has any input: parameters or a body)."""
    parameters = operation.get("parameters", [])
    in_path = any(p.get("in") == "path" for p in parameters)
    return in_path, bool(parameters) or "requestBody" in operation


def _unprocessable(declared: dict | None) -> dict:
    if declared is None:
        return {"description": UNPROCESSABLE, "content": {"application/json": {"schema": INVALID}}}
    content = declared.get("content", {}).get("application/json", {})
    schema = content.get("schema")
    if schema is None or schema == INVALID or INVALID in schema.get("anyOf", []):
        return declared
    # The handler's refusal (a service's verdict) or the parameter errors found before it ran.
    content["schema"] = {"anyOf": [schema, INVALID]}
    declared["description"] = f"{declared.get('description', '')} {UNPROCESSABLE}".strip()
    return declared


def _add_error_schemas(schema: dict) -> None:
    _keys, definitions = models_json_schema(
        [(ErrorOut, "serialization"), (ValidationErrorOut, "serialization")], ref_template=_REF
    )
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for name, definition in definitions.get("$defs", {}).items():
        components.setdefault(name, definition)


def document_common_responses(schema: dict) -> dict:
    """Adds to each operation of an OpenAPI schema the answers it can give before (or beside)
    its handler; see the module's docstring."""
    _add_error_schemas(schema)
    refused = rate_limited_response()
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            in_path, has_input = _operation_inputs(operation)
            responses.setdefault(401, UNAUTHORISED)
            responses.setdefault(403, FORBIDDEN)
            if in_path:
                responses.setdefault(404, NOT_FOUND)
            if "requestBody" in operation:
                responses.setdefault(400, BAD_BODY)
            if has_input:
                responses[422] = _unprocessable(responses.get(422))
            responses.setdefault(429, refused)
    return schema
