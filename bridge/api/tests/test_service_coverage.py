"""Views and the API call the same services: every service function a view uses is used by
some API module too, or is on the written allow-list below with its reason.

The walk reads the source (no import, no database): in `bridge/<app>/views` and in
`bridge/<app>/api`, every name imported from a `bridge.<app>.services…` module, and every
attribute taken from one (`services.thing(...)`, or passed on as `services.thing`)."""

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

BRIDGE = Path(__file__).resolve().parents[2]

# UI-only: the action belongs to a page or an e-mail link, not to a script.
UI_ONLY = {
    "accounts.services.people.user_set_language": "the language switch of the pages",
    "accounts.services.people.user_sign_up": "sign-up needs the browser (CAPTCHA, e-mail link)",
    "accounts.services.people.user_confirm_email": "the link in the confirmation e-mail",
    "accounts.services.people.email_confirmation_resend": "part of the sign-up flow",
    "accounts.services.people.user_login_throttle_reset": "the sign-in page's lockout",
    "accounts.services.people.user_update_preferences": "profile page; `GET /me` reads it",
    "accounts.services.people.api_token_create": "a token may not mint tokens (profile page)",
    "accounts.services.people.api_token_revoke": "tokens are managed on the profile page",
    "accounts.services.security.totp_setup_begin": "second factor: the browser sign-in only",
    "accounts.services.security.totp_setup_confirm": "second factor: the browser sign-in only",
    "accounts.services.security.second_factor_verify": "second factor: the browser sign-in only",
    "accounts.services.security.second_factor_disable": "second factor: the browser sign-in only",
    "accounts.services.security.recovery_codes_regenerate": "second factor: browser only",
    "accounts.services.security.user_sessions_end_all": "sessions are the browser's",
    "site.services.accounts.account_delete": "deleting the account: the page, with password",
    "programs.services.review.reviewer_invitation_claim": "the e-mail link of a new reviewer",
    "programs.services.applications.application_claim_snapshot": "the form's autosave guard",
    "partnering.services.project_meeting.meeting_prefill": "fills a page's form; writes nothing",
    "materials.services.imports.import_confirm_later": (
        "the page's confirm as a task with a progress page; the API confirms with import_confirm"
    ),
    "core.notifications.services.notifications_mark_read_about": (
        "opening a sample request's page marks its notification lines read"
    ),
}

# Predicates and read helpers that happen to live in a services module: no action to expose.
NOT_AN_ACTION = {
    "accounts.services.memberships.invitation_is_open": "a predicate",
    "programs.services.cohort.can_plan_cohort": "a predicate",
    "programs.services.cohort.can_record_deals": "a predicate",
    "programs.services.cohort.can_report_progress": "a predicate",
    "programs.services.cohort.can_see_cohort": "a predicate",
    "programs.services.cohort.can_write_mentor_notes": "a predicate",
    # issue 16 item 1, partnering share: the event's page shows it; the API's registration
    # refuses a closed one (422 `closed`) through registration_create
    "partnering.services.events.registration_open": "a predicate",
}

# ---- not yet in the API: none since 2026-12-04 (issue #16 item 1). A service a view starts to
# call needs its operation, or a line in one of the lists above saying why it has none.
NOT_YET: dict[str, str] = {}

ALLOWED = {**UI_ONLY, **NOT_AN_ACTION, **NOT_YET}


def _service_uses(path: Path) -> set[str]:
    """Dotted names (`<app>.services.<module>.<function>`) of services the module uses."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("bridge."):
            if ".services" in node.module:
                for alias in node.names:
                    aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("bridge.") and ".services" in alias.name:
                    aliases[alias.asname or alias.name.split(".")[0]] = alias.name
    inner = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    used = set()
    for node in ast.walk(tree):
        if id(node) in inner or not isinstance(node, ast.Attribute | ast.Name):
            continue
        parts, current = [], node
        while isinstance(current, ast.Attribute):
            parts.append(current.attr)
            current = current.value
        if isinstance(current, ast.Name) and current.id in aliases:
            dotted = ".".join([aliases[current.id], *reversed(parts)])
            used.add(dotted.removeprefix("bridge."))
    # Functions only: exceptions (`InvitationError`) and constants (`MAX_REASON`) are not actions.
    return {name for name in used if name.rsplit(".", 1)[-1].islower()}


def _uses(*patterns: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for pattern in patterns:
        for path in BRIDGE.glob(pattern):
            if "tests" in path.parts:
                continue
            for name in _service_uses(path):
                found.setdefault(name, set()).add(str(path.relative_to(BRIDGE.parent)))
    return found


def _view_uses():
    return _uses("*/views/**/*.py", "*/views.py")


def _api_uses():
    return _uses("*/api/**/*.py", "*/api.py")


def test_every_service_a_view_calls_has_an_api_operation():
    api = _api_uses()
    missing = {
        name: sorted(views)
        for name, views in _view_uses().items()
        if name not in api and name not in ALLOWED
    }
    assert missing == {}, (
        "These services are called by a view but by no API operation. Add the operation "
        "(calling the same service), or put the service on an allow-list with its reason."
    )


def test_the_allow_list_holds_no_stale_entry():
    """An entry whose service gained an API operation, or that no view calls any more, goes."""
    views, api = _view_uses(), _api_uses()
    stale = sorted(name for name in ALLOWED if name in api or name not in views)
    assert stale == []


def test_the_walk_sees_what_it_should():
    """The walk itself: a known pair of view and API calls is found on both sides."""
    views, api = _view_uses(), _api_uses()
    name = "accounts.services.memberships.invitation_create"
    assert "bridge/accounts/views/members.py" in views[name]
    assert "bridge/accounts/api/members.py" in api[name]
    # Passed on rather than called: `_act(request, decision_services.decision_send, ...)`.
    assert "programs.services.decisions.decision_send" in views
