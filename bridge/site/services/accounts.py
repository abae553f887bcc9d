"""Deleting a person's account (issue 16, item 8; Russia's 152-FZ and Uzbekistan's law on
personal data).

What only served the person goes (memberships, API tokens, collections, notifications, saved
searches). What an organisation or the agency must keep — applications, sample requests,
listings, reviews, meetings, the audit log — stays, without the person in it: every nullable
foreign key to them is set to null, free-text personal fields (delivery address, invitation
e-mails) are cleared, private link tokens are replaced, and the user row itself becomes an
anonymous placeholder that can never sign in again (new random address, no name, unusable
password, inactive), for the few rows that cannot lose their person (a reviewer's role on a
call, a meeting registration). All in one transaction, with an audit entry.
"""

import secrets

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.db import models, transaction

from bridge.accounts.models import Invitation
from bridge.core.audit import audit_log
from bridge.materials.models import SampleRequest
from bridge.programs.models import ReviewerInvitation
from bridge.site.selectors.personal_data import owned_organisations

# Rows with a non-nullable (CASCADE) key to the person: deleted with the account, or kept
# pointing at the anonymous placeholder. A test fails when a new CASCADE key is in neither.
DELETED_WITH_ACCOUNT: dict[tuple[str, str], str] = {
    ("accounts.Membership", "user"): "the person leaves every organisation",
    ("accounts.ApiToken", "user"): "tokens end with the account",
    ("materials.Collection", "owner"): "private bookmarks of the person",
    ("core.Notification", "recipient"): "the person's own notification centre",
    ("core.Progress", "owner"): "the person's own runs of long work (imports, rebuilds)",
    ("core.NotificationPreference", "user"): "the person's own choices",
    ("otp_totp.TOTPDevice", "user"): "the second factor ends with the account",
    ("otp_static.StaticDevice", "user"): "recovery codes end with the account",
    ("partnering.SavedSearch", "user"): "the person's own saved searches",
    ("accounts.User_groups", "user"): "roles end with the account",
    ("accounts.User_user_permissions", "user"): "permissions end with the account",
}
KEPT_WITH_PLACEHOLDER: dict[tuple[str, str], str] = {
    ("materials.SampleRequest", "requester"): "the supplier's record of the request",
    ("programs.Reviewer", "user"): "the call's reviews and scores",
    ("partnering.Registration", "person"): "the other side's meetings and bookings",
    ("knowledge.Registration", "user"): "the event's attendance figures",
    ("knowledge.UsefulVote", "user"): "a practice's vote count",
    ("knowledge.Question", "asked_by"): "the answered question under a practice",
    ("knowledge.TranslationRequest", "requested_by"): "the editors' work queue",
    ("knowledge.Practice_authors", "user"): "the practice's history",
    ("admin.LogEntry", "user"): "the staff history of the Django admin",
}
# Tokens that open a private link for the person: replaced, so an old link stops working.
_PRIVATE_LINKS = (
    ("partnering.Registration", "person", "calendar_token"),
    ("programs.Reviewer", "user", "token"),
)


class AccountDeletionBlocked(Exception):
    """The person owns organisations; ownership must pass to someone else first."""

    def __init__(self, organisations):
        super().__init__("owner of organisations")
        self.organisations = organisations


def user_foreign_keys() -> list[models.ForeignKey]:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return [
        f
        for model in apps.get_models(include_auto_created=True)
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is user_model
    ]


@transaction.atomic
def account_delete(*, user) -> dict[str, int]:
    """Delete the account as described above. Raises AccountDeletionBlocked for an owner.
    Returns how many rows of each kind were deleted or detached (for the audit entry)."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    user = user_model.objects.select_for_update().get(pk=user.pk)
    owned = owned_organisations(user=user)
    if owned:
        raise AccountDeletionBlocked(owned)
    old_email = user.email
    counts: dict[str, int] = {}
    for label, name in DELETED_WITH_ACCOUNT:
        model = apps.get_model(label)
        deleted, _by_model = model.objects.filter(**{name: user}).delete()
        counts[f"deleted {label}"] = deleted
    for f in user_foreign_keys():
        if f.null and f.remote_field.on_delete is models.SET_NULL:
            # The base manager: the audit log's own manager refuses updates; this is the one
            # change an entry may take (the person leaves it, the entry stays).
            detached = f.model._base_manager.filter(**{f.name: user}).update(**{f.name: None})
            if detached:
                counts[f"detached {f.model._meta.label}.{f.name}"] = detached
    for label, name, token_field in _PRIVATE_LINKS:
        model = apps.get_model(label)
        for pk in model.objects.filter(**{name: user}).values_list("pk", flat=True):
            model.objects.filter(pk=pk).update(**{token_field: secrets.token_urlsafe(32)})
    SampleRequest.objects.filter(requester=user).update(delivery_address="")
    placeholder = f"deleted-{secrets.token_hex(12)}@deleted.invalid"
    Invitation.objects.filter(email__iexact=old_email).update(email=placeholder)
    ReviewerInvitation.objects.filter(email__iexact=old_email).update(email=placeholder)
    for log in (AccessAttempt, AccessLog, AccessFailureLog):
        log.objects.filter(username__iexact=old_email).delete()
    user.email = placeholder
    user.full_name = ""
    user.language = ""
    user.timezone = ""
    user.email_confirmed_at = None
    user.last_login = None
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    # A new password hash also ends every session: Django checks it on each request.
    user.set_unusable_password()
    user.save()
    audit_log(actor=user, action="account.deleted", target=user, **counts)
    return counts
