"""The audit log is append-only evidence: nothing changes or deletes an entry, a deleted account
leaves its entries without the person, token changes are logged, and staff export what they
filtered, safe to open in a spreadsheet."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from bridge.accounts.services.people import api_token_create, api_token_revoke
from bridge.accounts.tests.factories import UserFactory
from bridge.core.audit import audit_log
from bridge.core.models import AppendOnly, AuditEntry

pytestmark = pytest.mark.django_db

EXPORT = "admin:core_auditentry_export"


def rows_of(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def entry():
    actor = UserFactory()
    return audit_log(actor=actor, action="organisation.verify", target=actor, note="ok")


def test_an_entry_cannot_be_changed_or_deleted_through_the_orm(entry):
    entry.action = "organisation.reject"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(action="nothing")
    with pytest.raises(AppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "organisation.verify"


def test_a_deleted_account_leaves_its_entries_without_the_person(entry):
    entry.actor.delete()
    kept = AuditEntry.objects.get(pk=entry.pk)
    assert kept.actor is None
    assert kept.action == "organisation.verify"


def test_creating_and_revoking_a_token_is_logged():
    user = UserFactory()
    token, secret = api_token_create(user=user, name="Import robot")
    api_token_revoke(user=user, token_id=token.pk)
    api_token_revoke(user=user, token_id=token.pk)  # revoking twice logs once
    entries = AuditEntry.objects.filter(target_type="accounts.apitoken", target_id=str(token.pk))
    assert sorted(entries.values_list("action", flat=True)) == ["token.create", "token.revoke"]
    assert all(secret not in str(e.data) + e.target_repr for e in entries)


def test_staff_export_what_they_filtered_and_formulas_are_neutralised(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    hostile = UserFactory(full_name='=HYPERLINK("http://evil.example","Open")')
    audit_log(actor=hostile, action="organisation.verify", target=hostile)
    audit_log(actor=hostile, action="membership.leave", target=hostile, member="a@b.c")
    client.force_login(admin)
    response = client.get(reverse(EXPORT), {"action": "organisation.verify"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    header, *rows = rows_of(response)
    assert header[:3] == ["when", "who", "action"]
    assert [row[2] for row in rows] == ["organisation.verify"]
    assert rows[0][1] == hostile.email
    assert not rows[0][5].startswith("=")


def test_the_list_links_to_the_export_of_its_filter(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    page = client.get(reverse("admin:core_auditentry_changelist"), {"action": "token.create"})
    assert page.status_code == 200
    assert reverse(EXPORT) + "?action=token.create" in page.content.decode()


def test_staff_with_the_view_permission_may_export_and_others_may_not(client):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_auditentry"))
    client.force_login(viewer)
    assert client.get(reverse(EXPORT)).status_code == 200
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse(EXPORT)).status_code == 403
    client.force_login(UserFactory())
    assert client.get(reverse(EXPORT)).status_code == 302  # to the admin's sign-in
    client.logout()
    response = client.get(reverse(EXPORT))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_broken_filter_is_not_a_server_error(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(reverse(EXPORT), {"created_at__year": "not-a-year"})
    assert response.status_code in (200, 302)
    response = client.get(reverse(EXPORT), {"nonsense__field": "1"})
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+7 999 000-00-00", "'+7 999 000-00-00"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),
        ("Atlas", "Atlas"),
        (-2, -2),
        (None, None),
    ],
)
def test_spreadsheet_cells_that_would_run_as_formulas_become_text(value, written):
    from bridge.core.spreadsheets import safe_cell

    assert safe_cell(value) == written
