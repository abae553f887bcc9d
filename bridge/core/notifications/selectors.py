"""Reads of the notification centre."""

import html

from django.conf import settings
from django.db.models import QuerySet
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string

from bridge.core.models import Delivery, Notification, NotificationPreference
from bridge.core.notifications.kinds import KINDS


def unread_count(user) -> int:
    """The bell's number: one count over a partial index, on the pages that show the bell.

    Not cached: a cached number made the page's query count depend on what earlier requests had
    left in the cache (and, across test databases that reuse ids, on other people's counts),
    while the count itself costs well under a millisecond."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_for(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def subject_of(notification: Notification) -> str:
    """The e-mail's subject line in the current language (the reader's), from stored context."""
    context = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL}
    context.update(notification.context if isinstance(notification.context, dict) else {})
    try:
        text = render_to_string(f"{notification.template}_subject.txt", context)
    except TemplateDoesNotExist:  # a template renamed since: the line stays readable
        kind = KINDS.get(notification.kind)
        return str(kind.label) if kind else notification.template
    # Rendered with autoescape like the e-mail; back to plain text, which the page escapes again.
    return html.unescape(" ".join(text.split()))


def link_of(notification: Notification, *, absolute: bool = False) -> str:
    """Where the line leads. An e-mail (the digest) needs the site's full address; on the site
    itself the path is enough and keeps the reader on the host they are using (a test server)."""
    context = notification.context if isinstance(notification.context, dict) else {}
    url = context.get("url")
    if not isinstance(url, str):
        return ""
    site = settings.SITE_URL.rstrip("/")
    if not absolute and url.startswith(site + "/"):
        return url[len(site) :]
    if url.startswith("//"):  # another host, written without its scheme: not one of ours
        return ""
    if url.startswith("/"):
        return site + url if absolute else url
    if url.startswith(("http://", "https://")):
        return url
    return ""


def site_urls(path: str) -> list[str]:
    """The forms a link to one of the site's pages is stored in: the path, the full address."""
    return [path, settings.SITE_URL.rstrip("/") + path]


def delivery_for(user, kind: str) -> str:
    if KINDS[kind].essential:
        return Delivery.INSTANT
    chosen = (
        NotificationPreference.objects.filter(user=user, kind=kind)
        .values_list("delivery", flat=True)
        .first()
    )
    return chosen or Delivery.INSTANT


def preferences_of(user) -> dict[str, str]:
    """Every kind with the person's choice (the default where they made none)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {
        key: Delivery.INSTANT if kind.essential else chosen.get(key, Delivery.INSTANT)
        for key, kind in KINDS.items()
    }
