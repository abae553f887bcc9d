"""One error shape for the whole API: `{"detail": message}`, plus `errors` for bad input."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError


def invalid(
    *, field: str, message: str, location: str = "query", code: str = ""
) -> ValidationError:
    """An input error found by a handler, reported exactly like a schema validation error.

    `code` marks a value that is well formed but refused for what it names (an organisation
    the caller is not in, a material that does not exist): no schema could foretell it, and the
    body says so with `"code"`."""
    error = {"loc": (location, field), "msg": message, "type": "value_error"}
    if code:
        error["code"] = code
    return ValidationError([error])


def invalid_fields(exc: DjangoValidationError, *, location: str = "body") -> ValidationError:
    """A service's ValidationError keyed by field, reported like a schema validation error:
    every field with every message (a non-field message has the field "")."""
    items = exc.message_dict.items() if hasattr(exc, "error_dict") else [("", exc.messages)]
    return ValidationError(
        [
            {
                "loc": (location, "" if field == NON_FIELD_ERRORS else field),
                "msg": str(message),
                "type": "value_error",
            }
            for field, messages in items
            for message in messages
        ]
    )


def _field_errors(errors: list[dict]) -> list[dict]:
    result = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        result.append(
            {
                "location": loc[0] if loc else "",
                # ninja nests query schemas under their parameter name, and a list's items under
                # their index; clients know the field.
                "field": next((part for part in reversed(loc) if not part.isdigit()), ""),
                "message": str(error.get("msg", "")),
            }
        )
    return result


def install_error_handlers(api: NinjaAPI) -> None:
    def validation_error(request: HttpRequest, exc: ValidationError):
        body = {"detail": _("Some parameters are not valid."), "errors": _field_errors(exc.errors)}
        code = next((error["code"] for error in exc.errors if error.get("code")), None)
        if code:
            body["code"] = code
        return api.create_response(request, body, status=422)

    def not_found(request: HttpRequest, exc: Http404):
        return api.create_response(request, {"detail": _("Not found.")}, status=404)

    def http_error(request: HttpRequest, exc: HttpError):
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)

    def authentication_error(request: HttpRequest, exc: AuthenticationError):
        # ninja raises a bare "Unauthorized" when no credential matched; say what would.
        message = exc.message
        if message == "Unauthorized":
            message = _(
                "Authentication required: send `Authorization: Bearer <your API token>` or sign in."
            )
        response = api.create_response(request, {"detail": message}, status=401)
        response["WWW-Authenticate"] = "Bearer"
        return response

    api.add_exception_handler(ValidationError, validation_error)
    api.add_exception_handler(AuthenticationError, authentication_error)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(HttpError, http_error)
