"""Everything the platform holds about one person, for their own download (issue 16, item 8).

The export is a table of sections, one per model that points at the person, each read with one
query (`values()` over the model's own columns plus a few readable labels), so the number of
queries does not grow with how much the person has. Secrets never leave: password hashes, API
token hashes and the private link tokens are left out by name (`_is_secret`).

`USER_FIELDS_COVERED` and `USER_FIELDS_LEFT_OUT` together must name every foreign key to the
user model; a test fails when a new one appears that is in neither.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import reduce
from operator import or_
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from bridge.accounts.models import Organisation, Role
from bridge.site.selectors.personal_data_labels import field_label


@dataclass(frozen=True)
class Section:
    key: str
    model: str  # "app_label.ModelName"
    user_lookups: tuple[str, ...]  # each is `user`-valued: "owner", "assignment__reviewer__user"
    labels: tuple[str, ...] = ()  # readable values of related rows: "organisation__name"
    leave_out: tuple[str, ...] = field(default=())  # columns not about the person (blind review)


SECTIONS: tuple[Section, ...] = (
    Section("memberships", "accounts.Membership", ("user",), ("organisation__name",)),
    Section("api_tokens", "accounts.ApiToken", ("user",)),
    Section("invitations_sent", "accounts.Invitation", ("invited_by",), ("organisation__name",)),
    Section("collections", "materials.Collection", ("owner",)),
    Section("material_imports", "materials.MaterialImport", ("created_by",)),
    Section(
        "sample_requests",
        "materials.SampleRequest",
        ("requester",),
        ("organisation__name", "supplier__name"),
    ),
    Section("sample_request_messages", "materials.SampleRequestMessage", ("author",)),
    Section("notification_centre", "core.Notification", ("recipient",)),
    Section("notification_preferences", "core.NotificationPreference", ("user",)),
    # The second factor: which devices exist and when they were used, never their keys.
    Section("authenticator_apps", "otp_totp.TOTPDevice", ("user",), leave_out=("key",)),
    Section("recovery_code_sets", "otp_static.StaticDevice", ("user",)),
    Section(
        "applications",
        "programs.Application",
        ("created_by",),
        ("call__slug", "organisation__name"),
    ),
    Section("reviewer_roles", "programs.Reviewer", ("user", "invited_by"), ("call__slug",)),
    Section("reviewer_invitations_sent", "programs.ReviewerInvitation", ("invited_by",)),
    Section("assignments_made", "programs.Assignment", ("created_by",)),
    # The person's own reviews and scores. The applicant is not named: for a blind call the
    # reviewer never learns it, and the download must not tell them either.
    Section(
        "reviews",
        "programs.Review",
        ("assignment__reviewer__user",),
        ("assignment__reviewer__call__slug",),
    ),
    Section(
        "scores", "programs.Score", ("review__assignment__reviewer__user",), ("criterion__name_en",)
    ),
    Section("decisions", "programs.Decision", ("decided_by",)),
    Section("eligibility_changes", "programs.EligibilityChange", ("actor",)),
    Section("stage_invitations_sent", "programs.StageInvitation", ("invited_by",)),
    Section("milestone_reports", "programs.MilestoneProgress", ("reported_by",)),
    Section("mentor_notes", "programs.MentorNote", ("author",)),
    Section("deals_recorded", "programs.Deal", ("recorded_by",)),
    Section("listings", "partnering.Listing", ("author",), ("organisation__name",)),
    Section("saved_searches", "partnering.SavedSearch", ("user",)),
    Section("listing_imports", "partnering.ListingImport", ("created_by",)),
    Section(
        "interests",
        "partnering.Interest",
        ("sender", "answered_by"),
        ("listing__title", "organisation__name"),
    ),
    Section("interest_messages", "partnering.InterestMessage", ("author",)),
    Section(
        "meeting_registrations",
        "partnering.Registration",
        ("person",),
        ("event__slug", "organisation__name"),
    ),
    Section("meeting_requests", "partnering.MeetingRequest", ("sender__person",)),
    Section("meeting_bookings", "partnering.Booking", ("registration__person",)),
    Section("joint_projects", "partnering.JointProject", ("created_by",)),
    Section(
        "project_partners",
        "partnering.ProjectPartner",
        ("invited_by", "confirmed_by", "consented_by"),
    ),
    Section("project_status_changes", "partnering.ProjectStatusChange", ("created_by",)),
    Section("practices", "knowledge.Practice", ("authors", "created_by")),
    Section("knowledge_entries", "knowledge.Entry", ("created_by",)),
    Section("practice_revisions", "knowledge.Revision", ("author",)),
    Section("practice_attachments", "knowledge.Attachment", ("uploaded_by",)),
    Section("useful_votes", "knowledge.UsefulVote", ("user",)),
    Section("questions", "knowledge.Question", ("asked_by", "moderated_by", "answered_by")),
    Section("translation_requests", "knowledge.TranslationRequest", ("requested_by",)),
    Section("events_created", "knowledge.Event", ("created_by",)),
    Section("event_registrations", "knowledge.Registration", ("user",), ("event__slug",)),
    Section("theme_pages_edited", "knowledge.ThemePage", ("updated_by",)),
    Section("audit_entries", "core.AuditEntry", ("actor",)),
    Section("rollup_runs", "insights.RollupRun", ("actor",)),
    Section("admin_log", "admin.LogEntry", ("user",)),
)

# Foreign keys to the user that the sections above do not read directly, and why.
USER_FIELDS_LEFT_OUT: dict[tuple[str, str], str] = {
    ("core.Progress", "owner"): "a run's counts and messages; its import is exported as such",
    ("accounts.Organisation", "members"): "the same rows as memberships (its through model)",
    ("accounts.User_groups", "user"): "read as `roles` (the names of the person's groups)",
    ("accounts.User_user_permissions", "user"): "read as `permissions`",
    ("knowledge.Practice_authors", "user"): "the through table of practices.authors",
}

USER_FIELDS_COVERED: frozenset[tuple[str, str]] = frozenset(
    (section.model, lookup)
    for section in SECTIONS
    for lookup in section.user_lookups
    if "__" not in lookup
)


def _is_secret(name: str) -> bool:
    return name in {"password", "key_hash", "token"} or name.endswith("_token")


def _label(model: type[Model], lookup: str) -> str:
    return field_label(model._meta.get_field(lookup.split("__")[0]))


def _columns(section: Section) -> tuple[type[Model], list[str], dict[str, str]]:
    model = apps.get_model(section.model)
    names, labels = [], {}
    for f in model._meta.concrete_fields:
        if _is_secret(f.name) or f.name in section.leave_out:
            continue
        names.append(f.attname)
        # A related row is shown by its number; "(ID)" tells it from the readable column beside.
        labels[f.attname] = f"{field_label(f)} (ID)" if f.is_relation else field_label(f)
    for lookup in section.labels:
        names.append(lookup)
        labels[lookup] = _label(model, lookup)
    return model, names, labels


def profile_rows(profile: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """(label in the reader's language, key as in the JSON, value) for the page."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    fields = {f.name: f for f in user_model._meta.concrete_fields}
    return [
        (field_label(fields[key]) if key in fields else key, key, value)
        for key, value in profile.items()
    ]


def page_sections(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The sections of `personal_data` for the page: columns in order, and each value as a
    person reads it (the JSON keeps the raw values, for machines)."""
    sections = []
    for section in SECTIONS:
        model, names, labels = _columns(section)
        fields = {f.attname: f for f in model._meta.concrete_fields}
        got = data["sections"][section.key]
        rows = [
            [readable(fields.get(name), row.get(name)) for name in names] for row in got["rows"]
        ]
        columns = [(name, labels[name]) for name in names]
        sections.append(
            {"key": section.key, "title": got["title"], "columns": columns, "rows": rows}
        )
    return sections


def readable(f, value: Any) -> Any:
    """A choice by its label, yes or no, a moment in the reader's time zone and format."""
    if value is None or value == "":
        return value
    if f is not None and f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        moment = timezone.localtime(value) if timezone.is_aware(value) else value
        return date_format(moment, "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return value


def personal_data(*, user) -> dict[str, Any]:
    """{"profile": {...}, "roles": [...], "permissions": [...], "sign_in": [...],
    "sections": {key: {"title", "columns", "rows"}}}; queries: a constant (one per section)."""
    profile = {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "language": user.language,
        "timezone": user.timezone,
        "email_confirmed_at": user.email_confirmed_at,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
    }
    sections = {}
    for section in SECTIONS:
        model, names, labels = _columns(section)
        where = reduce(or_, (Q(**{lookup: user}) for lookup in section.user_lookups))
        rows = list(model.objects.filter(where).distinct().order_by("pk").values(*names))
        sections[section.key] = {
            "title": str(model._meta.verbose_name_plural),
            "columns": labels,
            "rows": rows,
        }
    return {
        "profile": profile,
        "roles": list(user.groups.order_by("name").values_list("name", flat=True)),
        "permissions": sorted(
            f"{app}.{code}"
            for app, code in user.user_permissions.values_list(
                "content_type__app_label", "codename"
            )
        ),
        "sign_in": _sign_in_records(user),
        "sections": sections,
    }


def _sign_in_records(user) -> list[dict[str, Any]]:
    """What django-axes stored about sign-ins with this address (successes and failures)."""
    from axes.models import AccessFailureLog, AccessLog

    fields = ("attempt_time", "ip_address", "user_agent")
    successes = AccessLog.objects.filter(username__iexact=user.email).values(*fields)
    failures = AccessFailureLog.objects.filter(username__iexact=user.email).values(*fields)
    return [{"outcome": "signed in", **row} for row in successes.order_by("attempt_time")] + [
        {"outcome": "failed", **row} for row in failures.order_by("attempt_time")
    ]


def owned_organisations(*, user) -> list:
    """The organisations the person owns: each blocks deleting the account until ownership passes."""
    return list(
        Organisation.objects.filter(memberships__user=user, memberships__role=Role.OWNER)
        .order_by("name")
        .only("pk", "name", "slug")
    )


SIGN_IN_TITLE = _("Sign-in records")
