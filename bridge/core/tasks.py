"""Background work shared by every app. Arguments are JSON-serialisable so any backend can
carry them (inline in the embedded default, the database worker in production)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


@task()
def send_templated_email(*, to: list[str], template: str, context: dict, language: str) -> int:
    """Render `<template>_subject.txt` and `<template>.txt` in the recipient's language."""
    with translation.override(language or settings.LANGUAGE_CODE):
        full = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", full).split())
        body = render_to_string(f"{template}.txt", full)
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    return message.send()
