"""Column labels of the personal-data page in the reader's language.

Most model fields have no label of their own (Django makes "created at" from `created_at`), and
an untranslated label on a page in Russian or Uzbek is not the readable copy the law asks for. A
field named here gets this label; any other relation is named by its model, whose name is
translated; the rest keep their field's label. A test fails when a column's label is not
translated.
"""

from django.db.models import Field
from django.utils.translation import gettext_lazy as _

LABELS = {
    "accepted_at": _("accepted on"),
    "actor": _("done by"),
    "after": _("after the change"),
    "answered_at": _("answered on"),
    "answered_by": _("answered by"),
    "asked_by": _("asked by"),
    "before": _("before the change"),
    "body_html": _("text"),
    "claimed_at": _("claimed on"),
    "claimed_by": _("claimed by"),
    "confirmed": _("confirmed"),
    "confirmed_at": _("confirmed on"),
    "confirmed_by": _("confirmed by"),
    "consented_at": _("consent given on"),
    "consented_by": _("consent given by"),
    "created": _("rows created"),
    "created_at": _("created on"),
    "created_by": _("created by"),
    "current_stage": _("current stage"),
    "decided_by": _("decided by"),
    "digits": _("digits in a code"),
    "drift": _("clock drift"),
    "dry_run": _("trial run"),
    "eligibility_snapshot": _("eligibility answers"),
    "eligibility_version": _("version of the eligibility rules"),
    "errors": _("errors"),
    "expires_at": _("expires on"),
    "expiry_reminded_at": _("reminded of the expiry on"),
    "file": _("file"),
    "filename": _("file name"),
    "filters": _("filters"),
    "first_published_at": _("first published on"),
    "form_snapshot_at": _("form last saved on"),
    "fulfilled_at": _("fulfilled on"),
    "invited_at": _("invited on"),
    "is_superuser": _("superuser status"),
    "invited_by": _("invited by"),
    "joined_at": _("joined on"),
    "last_alert_at": _("last alert on"),
    "last_t": _("last time step used"),
    "last_used_at": _("last used on"),
    "moderated_at": _("moderated on"),
    "moderated_by": _("moderated by"),
    "name": _("name"),
    "outcome": _("outcome"),
    "outcome_reminded_at": _("reminded of the outcome on"),
    "person": _("person"),
    "prefix": _("beginning of the key"),
    "publish": _("publish at once"),
    "published_at": _("published on"),
    "rating_invited_at": _("asked for a rating on"),
    "recipient": _("recipient"),
    "recorded_by": _("recorded by"),
    "reminded_at": _("reminded on"),
    "reminded_day_at": _("reminded a day before on"),
    "reminded_hour_at": _("reminded an hour before on"),
    "renewed_at": _("renewed on"),
    "reported_by": _("reported by"),
    "requested_by": _("requested by"),
    "reviewed_revision": _("reviewed revision"),
    "revoked_at": _("revoked on"),
    "rows": _("rows"),
    "seen_until": _("seen up to"),
    "sender": _("sender"),
    "step": _("time step, seconds"),
    "submitted_at": _("submitted on"),
    "t0": _("start of the time steps"),
    "throttling_failure_count": _("failed attempts in a row"),
    "throttling_failure_timestamp": _("last failed attempt"),
    "tolerance": _("time steps allowed"),
    "updated": _("rows updated"),
    "updated_at": _("changed on"),
    "updated_by": _("changed by"),
    "uploaded_by": _("uploaded by"),
    "version": _("version"),
}


def field_label(f: Field) -> str:
    if f.name in LABELS:
        return str(LABELS[f.name])
    if f.is_relation and f.verbose_name == f.name.replace("_", " "):
        return str(f.related_model._meta.verbose_name)
    return str(f.verbose_name)
