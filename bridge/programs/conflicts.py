"""Conflicts of interest: which applications a reviewer must never see.

A reviewer is conflicted with an application when
- they declared a conflict with it, or with its organisation (source "declared", with a reason);
- staff or the automatic check recorded one (source "automatic");
- they are a member of the applicant organisation now, or left it (or were removed from it)
  within the last RECENT_MONTHS months — read from the audit log of memberships.

Computed live on every read, so a membership that starts after assignment still hides the
application; `conflicts_detect` also writes the automatic ones down so staff can see them.
"""

from collections import defaultdict
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from bridge.accounts.models import Membership
from bridge.core.models import AuditEntry
from bridge.programs.models import Application, ConflictOfInterest, Reviewer

RECENT_MONTHS = 24
_ORG_TYPE = "accounts.organisation"


def _since(now=None):
    return (now or timezone.now()) - timedelta(days=round(RECENT_MONTHS * 30.44))


def organisations_of(users, now=None) -> dict[int, set[int]]:
    """user id → ids of organisations they belong to or left recently (a few queries for all)."""
    users = list(users)
    result: dict[int, set[int]] = defaultdict(set)
    if not users:
        return result
    by_id = {u.pk: u for u in users}
    by_email = {u.email.lower(): u.pk for u in users}
    for user_id, org_id in Membership.objects.filter(user_id__in=by_id).values_list(
        "user_id", "organisation_id"
    ):
        result[user_id].add(org_id)
    past = AuditEntry.objects.filter(target_type=_ORG_TYPE, created_at__gte=_since(now)).filter(
        Q(action="membership.leave", actor_id__in=by_id)
        | Q(action="membership.remove", data__member__in=list(by_email))
    )
    for action, actor_id, target_id, data in past.values_list(
        "action", "actor_id", "target_id", "data"
    ):
        if not str(target_id).isdigit():
            continue
        if action == "membership.leave":
            user_id = actor_id
        else:
            user_id = by_email.get(str((data or {}).get("member", "")).lower())
        if user_id is not None:
            result[user_id].add(int(target_id))
    return result


def conflicts_for_call(call, reviewers=None, now=None) -> dict[int, set[int]]:
    """reviewer id → ids of the call's applications they are conflicted with."""
    reviewers = list(
        reviewers
        if reviewers is not None
        else Reviewer.objects.filter(call=call).select_related("user")
    )
    result: dict[int, set[int]] = {r.pk: set() for r in reviewers}
    if not reviewers:
        return result
    apps_by_org: dict[int, set[int]] = defaultdict(set)
    for app_id, org_id in Application.objects.filter(call=call).values_list(
        "pk", "organisation_id"
    ):
        apps_by_org[org_id].add(app_id)
    rows = ConflictOfInterest.objects.filter(reviewer__in=[r.pk for r in reviewers])
    for reviewer_id, app_id, org_id in rows.values_list(
        "reviewer_id", "application_id", "organisation_id"
    ):
        if app_id is not None:
            result[reviewer_id].add(app_id)
        if org_id is not None:
            result[reviewer_id] |= apps_by_org.get(org_id, set())
    orgs = organisations_of([r.user for r in reviewers], now)
    for reviewer in reviewers:
        for org_id in orgs.get(reviewer.user_id, ()):
            result[reviewer.pk] |= apps_by_org.get(org_id, set())
    return result


def is_conflicted(reviewer: Reviewer, application: Application, now=None) -> bool:
    explicit = ConflictOfInterest.objects.filter(reviewer=reviewer).filter(
        Q(application=application) | Q(organisation_id=application.organisation_id)
    )
    if explicit.exists():
        return True
    return application.organisation_id in organisations_of([reviewer.user], now).get(
        reviewer.user_id, set()
    )
