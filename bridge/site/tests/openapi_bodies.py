"""Bodies that pass an API operation's schema, for the authorization table.

django-ninja validates the body before the handler asks who the caller is, so an empty body
answers 422 to everyone and a row of them says nothing about who may write. Here each write
operation gets, from its OpenAPI request schema, a body whose every required property meets its
type, enum, length, range, pattern and format: the handler is reached, and the answer is the
caller's. Ids are the world's objects (the RIGHT organisation's, as in the URL), named by the
property; where a generic value cannot pass, OVERRIDES gives the operation's own.
"""

import datetime
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from bridge.core.tests.files import pdf_bytes


def png_bytes() -> bytes:
    out = BytesIO()
    Image.new("RGB", (1, 1), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def upload(name: str):
    """A tiny valid file of a type the field accepts: an image for image fields, else a PDF."""
    if name == "image":
        return SimpleUploadedFile("pixel.png", png_bytes(), content_type="image/png")
    return SimpleUploadedFile("paper.pdf", pdf_bytes(), content_type="application/pdf")


# A property's value by its name, from the world's objects: the ids a body names.
BY_NAME = {
    "organisation": lambda o: o["organisation"].pk,
    "organisation_id": lambda o: o["organisation"].pk,
    "material_id": lambda o: o["material"].pk,
    "application": lambda o: o["application"].pk,
    "reviewer": lambda o: o["reviewer"].pk,
    "call": lambda o: o["call"].slug,
    "supplier": lambda o: o["organisation"].slug,
    "listings": lambda o: [o["listing"].pk],
    "new_owner": lambda o: o["membership"].user_id,
    "email": lambda o: "someone.new@example.org",
    "country": lambda o: "UZ",
    "origin_country": lambda o: "UZ",
}

# Per operation, values the generic ones cannot be (kept few: each says why).
OVERRIDES = {
    # the material must be another organisation's to be requested
    ("POST", "/api/v1/sample-requests"): {
        "items": lambda o: [{"material_id": o["supplied"].pk, "quantity": 1}],
    },
    # a date of the future: estimates and milestones are ahead
    ("POST", "/api/v1/sample-requests/{request_id}/accept"): {
        "shipping_estimate": lambda o: (o["now"].date() + datetime.timedelta(days=14)).isoformat(),
    },
    # a description in one language at least, which the schema leaves to each language's field
    ("POST", "/api/v1/organisations"): {"description_en": lambda o: "Authorization table"},
    # a new SKU, not one the supplier has, in a category that exists
    ("POST", "/api/v1/suppliers/{slug}/listings"): {
        "sku": lambda o: "AUTHZ-NEW-1",
        "category": lambda o: o["material"].category.code,
    },
    # the listing's kind, type and sectors are lists the schema does not enumerate
    ("POST", "/api/v1/partnering/listings"): {
        "kind": lambda o: "offer",
        "type": lambda o: "co-production",
        "sectors": lambda o: ["animation"],
    },
    # a project needs a partner other than the organisation that starts it, and a title, type
    # and sector, which the schema leaves optional (they are for PATCH) but creating requires
    ("POST", "/api/v1/partnering/projects"): {
        "partners": lambda o: [o["other_organisation"].pk],
        "title": lambda o: "Authorization table",
        "type": lambda o: "co-production",
        "sector": lambda o: "animation",
    },
    ("POST", "/api/v1/partnering/projects/{project_id}/partners"): {
        "organisation": lambda o: o["other_organisation"].pk,
    },
    # the next step of the project, on the day of its last one (the world's local today)
    ("POST", "/api/v1/partnering/projects/{project_id}/status"): {
        "status": lambda o: "agreement-signed",
        "happened_on": lambda o: timezone.localdate(o["now"]).isoformat(),
    },
    # a reviewer not yet on the application (the assigned one is refused as a duplicate)
    ("POST", "/api/v1/programmes/calls/{slug}/assignments"): {
        "reviewer": lambda o: o["unassigned_reviewer"].pk,
    },
    # accepting needs the languages the reviewer reads (optional in the schema: declining needs none)
    ("POST", "/api/v1/programmes/reviewer-roles/{reviewer_id}/answer"): {
        "languages": lambda o: ["ru"],
    },
    # a registration and a slot of the world's event: an integer id nothing names would be
    # whatever row the database's sequence left at 1 (one on SQLite, none on PostgreSQL)
    ("POST", "/api/v1/partnering/events/{slug}/requests"): {
        "recipient": lambda o: o["b2b_guest"].pk,
    },
    ("POST", "/api/v1/partnering/events/{slug}/unavailable"): {
        "slots": lambda o: [o["b2b_slot"].pk],
    },
    # the world has no cohort (the URL's application 404s for all): an id nothing has
    ("POST", "/api/v1/programmes/cohort/{application_id}/progress"): {
        "milestone": lambda o: 999999,
    },
    # a language the practice has no version in yet
    ("POST", "/api/v1/knowledge/entries/{slug}/versions"): {"language": lambda o: "en"},
    ("POST", "/api/v1/knowledge/entries/{slug}/translation-requests"): {"language": lambda o: "en"},
}

FUTURE_DATES = {"due_on", "shipping_estimate"}


def resolve(schema: dict, components: dict) -> dict:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def example(schema: dict, components: dict, name: str, objects: dict):
    """One value that meets the property's schema."""
    schema = resolve(schema, components)
    if name in BY_NAME:
        return BY_NAME[name](objects)
    if "anyOf" in schema:
        return example(schema["anyOf"][0], components, name, objects)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object":
        return {
            key: example(schema["properties"][key], components, key, objects)
            for key in schema.get("required", [])
        }
    if kind == "array":
        item = example(schema.get("items", {}), components, name, objects)
        return [item] * max(schema.get("minItems", 1), 1)
    if kind == "boolean":
        return True
    if kind == "integer" and schema.get("maximum", 0) >= 2**62:
        # an id: 1 would name whichever row a sequence happened to give it, so each must be named
        raise LookupError(f"the id {name!r} needs a value in BY_NAME or OVERRIDES")
    if kind in ("integer", "number"):
        low = schema.get("minimum", 1)
        return max(low, 1) if kind == "integer" else max(low, 1.0)
    if schema.get("format") == "date":
        days = 30 if name in FUTURE_DATES else -1
        return (objects["now"].date() + datetime.timedelta(days=days)).isoformat()
    if schema.get("format") == "email" or "@" in schema.get("pattern", ""):
        return "someone.new@example.org"
    text = "Authorization table"
    low, high = schema.get("minLength", 1), schema.get("maxLength", len(text))
    return (text * (low // len(text) + 1))[: max(low, min(high, len(text)))]


def request_body(schema: dict, method: str, path: str, objects: dict) -> dict:
    """The Client keyword arguments for one write operation: JSON, or a multipart form."""
    operation = schema["paths"][path][method.lower()]
    components = schema.get("components", {}).get("schemas", {})
    content = (operation.get("requestBody") or {}).get("content", {})
    overrides = OVERRIDES.get((method, path), {})
    if "multipart/form-data" in content:
        form = resolve(content["multipart/form-data"]["schema"], components)
        data = {}
        for key, prop in form.get("properties", {}).items():
            if key in overrides:
                data[key] = overrides[key](objects)
            elif resolve(prop, components).get("format") == "binary":
                if key in form.get("required", []):
                    data[key] = upload(key)
            elif key in form.get("required", []):
                data[key] = example(prop, components, key, objects)
        return {"data": data}
    body = {}
    if "application/json" in content:
        shape = resolve(content["application/json"]["schema"], components)
        body = {
            key: example(shape["properties"][key], components, key, objects)
            for key in shape.get("required", [])
            if key not in overrides
        }
        body.update({key: value(objects) for key, value in overrides.items()})
    return {"content_type": "application/json", "data": body}
