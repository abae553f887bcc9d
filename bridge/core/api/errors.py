"""One error shape for the whole API: `{"detail": message}`, plus `errors` for bad input.

Two helpers, for two different things: `invalid` — the handler itself finds one field wrong
(raised, answered like a schema error); `service_refusal` / `run_service` — a service refused
the input (returned by the operation)."""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Status
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


def service_refusal(exc: DjangoValidationError, *, location: str = "body", default: str = ""):
    """A service's django ValidationError as the API's 422, returned by the operation: the one
    way every router reports a service's refusal. `{"detail", "errors": [...], "code":
    "refused"}`, each message at its field (`""` for a refusal of the whole request, whose
    messages are also the `detail`), like schema errors."""
    if hasattr(exc, "error_dict"):
        pairs = [
            ("" if key == NON_FIELD_ERRORS else key, str(message))
            for key, errors in exc.error_dict.items()
            for error in errors
            for message in error.messages
        ]
    else:
        pairs = [("", str(message)) for message in exc.messages]
    general = [message for field, message in pairs if not field]
    detail = " ".join(general) or default or _("Some parameters are not valid.")
    errors = [{"location": location, "field": field, "message": msg} for field, msg in pairs]
    # Well formed, refused by a rule of the service (see ValidationErrorOut.code).
    return Status(422, {"detail": detail, "errors": errors, "code": "refused"})


def run_service(service, **arguments):
    """Call a write service for an API operation: `(result, None)`, or `(None, the 422)` when
    the service refuses the input (service_refusal). A PermissionDenied it raises (its own check
    of the actor) is the API's 403."""
    try:
        return service(**arguments), None
    except PermissionDenied:
        raise HttpError(403, _("You may not do this.")) from None
    except DjangoValidationError as exc:
        return None, service_refusal(exc)


def step_refusal(exc: DjangoValidationError):
    """A service's refusal of a step the object's state does not allow (not of a field): 409
    with the service's own code (`status`, `invalid_transition`, …), else `refused`."""
    errors = exc.error_dict.get(NON_FIELD_ERRORS, []) if hasattr(exc, "error_dict") else []
    errors = errors or getattr(exc, "error_list", [])
    code = next((e.code for e in errors if e.code), None) or "refused"
    return Status(409, {"detail": " ".join(exc.messages), "code": code})
