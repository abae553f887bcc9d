"""Background work shared by every app. Arguments are JSON-serialisable so any backend can
carry them (inline in the embedded default, the database worker in production)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from bridge.core.notifications.kinds import KINDS


@task()
def send_templated_email(
    *, to: list[str], template: str, context: dict, language: str, unsubscribe: str = "", kind=""
) -> int:
    """Render `<template>_subject.txt` and `<template>.txt` in the recipient's language.

    With an `unsubscribe` address (every kind but the essential ones, for a person with an
    account) the body ends with the one-click link for that kind and the message carries the
    RFC 8058 List-Unsubscribe headers.
    """
    headers = {}
    with translation.override(language or settings.LANGUAGE_CODE):
        full = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", full).split())
        body = render_to_string(f"{template}.txt", full)
        if unsubscribe:
            label = KINDS[kind].label if kind in KINDS else ""
            body = (
                body.rstrip("\n")
                + "\n\n"
                + render_to_string(
                    "core/email/unsubscribe_footer.txt", {"url": unsubscribe, "kind": label}
                )
            )
            headers = {
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            }
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, headers=headers)
    return message.send()


@task()
def send_notification_digests() -> int:
    """The daily digest (also `manage.py send_notification_digest` and the periodic job)."""
    from bridge.core.notifications.services import digests_send

    return digests_send()
