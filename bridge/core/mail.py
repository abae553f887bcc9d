from django.conf import settings

from bridge.core.tasks import send_templated_email


def notify(*, to, template: str, context: dict, language: str = "") -> None:
    """Queue one e-mail to one person in their language (falls back to the site default)."""
    email = to if isinstance(to, str) else to.email
    language = language or getattr(to, "language", "") or settings.LANGUAGE_CODE
    send_templated_email.enqueue(to=[email], template=template, context=context, language=language)
