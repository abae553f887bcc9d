"""Login throttling (django-axes) keyed on the e-mail address as the login form reads it."""

from django.conf import settings


def axes_username(request, credentials: dict | None = None) -> str:
    """The address, trimmed and lower-cased: "Ada@Example.org" and "ada@example.org" are one
    account (sign-in ignores case), so they must share one failure count."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        value = credentials.get(field) or credentials.get("username") or ""
    else:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        value = data.get(field, "") if data else ""
    return str(value).strip().lower()
