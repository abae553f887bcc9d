"""What each e-mail of the platform is about: every template passed to `bridge.core.mail.notify`
belongs to one kind, and people choose per kind how they hear about it (the preferences page).

The registry names templates, not apps, so the ground floor imports nothing above it; a structural
test fails when a template on disk or in a `notify(template=...)` call is missing here.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    key: str
    label: str | Promise
    # Essential mail (confirming an address, resetting a password) always goes out at once and
    # carries no unsubscribe link.
    essential: bool = False


KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in (
        Kind("account", _("Your account (confirmation, password reset)"), essential=True),
        Kind("organisation", _("Organisations: invitations, verification")),
        Kind("samples", _("Sample requests")),
        Kind("applications", _("Applications and decisions")),
        Kind("reviews", _("Reviews: invitations and reminders")),
        Kind("partnering", _("Partnering: interest and listings")),
        Kind("meetings", _("Meetings")),
        Kind("projects", _("Joint projects")),
        Kind("knowledge", _("Knowledge: entries, questions, events")),
        Kind("alerts", _("Alerts: saved searches, expiring listings, digests")),
    )
}

TEMPLATE_KINDS: dict[str, str] = {
    "accounts/email/confirm": "account",
    "accounts/email/password_reset": "account",
    "organisations/email/invitation": "organisation",
    "organisations/email/verified": "organisation",
    "organisations/email/rejected": "organisation",
    "materials/samples/email/event": "samples",
    "programs/email/application_submitted": "applications",
    "programs/email/decision": "applications",
    "programs/email/reviewer_invitation": "reviews",
    "programs/review/email/reminder": "reviews",
    "partnering/email/interest_received": "partnering",
    "partnering/email/interest_accepted": "partnering",
    "partnering/email/interest_declined": "partnering",
    "partnering/email/interest_message": "partnering",
    "partnering/email/interest_expired": "partnering",
    "partnering/email/interest_reminder": "partnering",
    "partnering/email/listing_publish": "partnering",
    "partnering/email/listing_reject": "partnering",
    "partnering/email/listing_return": "partnering",
    "partnering/email/listing_expiring": "alerts",
    "partnering/email/saved_search": "alerts",
    "partnering/email/digest": "alerts",
    "partnering/email/meeting_request": "meetings",
    "partnering/email/meeting_answered": "meetings",
    "partnering/email/meeting_late": "meetings",
    "partnering/email/meeting_reminder": "meetings",
    "partnering/email/meeting_outcome": "meetings",
    "partnering/email/meeting_rate": "meetings",
    "partnering/email/project_invited": "projects",
    "partnering/email/project_published": "projects",
    "partnering/email/project_outcome": "projects",
    "knowledge/email/entry_published": "knowledge",
    "knowledge/email/entry_returned": "knowledge",
    "knowledge/email/translation_published": "knowledge",
    "knowledge/email/translation_requested": "knowledge",
    "knowledge/email/question_answered": "knowledge",
    "knowledge/email/question_for_authors": "knowledge",
    "knowledge/email/event_cancelled": "knowledge",
    "knowledge/email/event_reminder": "knowledge",
    "knowledge/email/registration_confirmed": "knowledge",
    "knowledge/email/registration_promoted": "knowledge",
    "knowledge/email/registration_waitlisted": "knowledge",
}


def kind_of(template: str) -> Kind:
    """The kind of a template; a template missing from the registry is a programming error."""
    return KINDS[TEMPLATE_KINDS[template]]


def choosable() -> list[Kind]:
    return list(KINDS.values())
