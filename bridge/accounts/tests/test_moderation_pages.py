"""Moderators verify or refuse organisations; owners see the outcome; every decision is audited."""

import pytest
from django.contrib.admin import helpers
from django.core import mail
from django.urls import reverse

from bridge.accounts.models import Verification
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.core.models import AuditEntry

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The test people's passwords are never checked here; Argon2 would only slow set-up down.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


QUEUE = reverse("organisations:moderation")
ADMIN_ORGS = reverse("admin:accounts_organisation_changelist")


def decide(organisation):
    return reverse("organisations:moderation_decide", args=[organisation.slug])


@pytest.fixture
def pending(organisation, owner):
    organisation.verification = Verification.PENDING
    organisation.save()
    return organisation


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    def run(path, data=None, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(path, data or {}, **kwargs)

    return run


def test_queue_lists_only_pending_organisations(client, moderator, pending):
    OrganisationFactory(name="Already verified")
    OrganisationFactory(name="Never asked", verification=Verification.UNVERIFIED)
    client.force_login(moderator)
    response = client.get(QUEUE)
    assert response.status_code == 200
    assert [row["organisation"] for row in response.context["rows"]] == [pending]
    content = response.content.decode()
    assert pending.name in content
    assert pending.registration_number in content
    assert "Already verified" not in content
    assert "Never asked" not in content


def test_empty_queue_says_so(client, moderator):
    client.force_login(moderator)
    assert b"No organisation is waiting for verification." in client.get(QUEUE).content


def test_verify(client, post, moderator, pending, owner):
    client.force_login(moderator)
    response = post(decide(pending), {"decision": "verify"}, follow=True)
    assert f"{pending.name} is verified.".encode() in response.content
    pending.refresh_from_db()
    assert pending.verification == Verification.VERIFIED
    assert pending.verified_at is not None
    entry = AuditEntry.objects.get(action="organisation.verify")
    assert entry.actor == moderator
    assert entry.target_id == str(pending.pk)
    assert [m.to for m in mail.outbox] == [[owner.email]]
    assert pending.name in mail.outbox[0].subject
    # Gone from the queue.
    assert pending.name.encode() not in client.get(QUEUE).content


def test_refuse_needs_a_reason(client, post, moderator, pending):
    client.force_login(moderator)
    response = post(decide(pending), {"decision": "reject", f"o{pending.pk}-reason": "   "})
    assert response.status_code == 400
    assert b"This field is required." in response.content
    pending.refresh_from_db()
    assert pending.verification == Verification.PENDING
    assert not AuditEntry.objects.filter(action="organisation.reject").exists()
    assert not mail.outbox


def test_refuse_with_reason_is_shown_to_the_owner_only(client, post, moderator, pending, owner):
    reason = "The INN belongs to another company. <b>Send the certificate.</b>"
    client.force_login(moderator)
    response = post(decide(pending), {"decision": "reject", f"o{pending.pk}-reason": reason})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.verification == Verification.REJECTED
    assert pending.verification_reason == reason
    entry = AuditEntry.objects.get(action="organisation.reject")
    assert entry.actor == moderator
    assert entry.data["reason"] == reason
    assert "The INN belongs to another company." in mail.outbox[0].body

    client.force_login(owner)
    page = client.get(pending.get_absolute_url()).content.decode()
    assert "Verification refused" in page
    assert "The INN belongs to another company. &lt;b&gt;Send the certificate.&lt;/b&gt;" in page
    assert "Request verification" in page

    client.force_login(UserFactory())
    assert (
        "The INN belongs to another company"
        not in client.get(pending.get_absolute_url()).content.decode()
    )


def test_owner_asks_again_after_refusal(client, post, moderator, pending, owner):
    client.force_login(moderator)
    post(decide(pending), {"decision": "reject", f"o{pending.pk}-reason": "Wrong number."})
    client.force_login(owner)
    post(reverse("organisations:request_verification", args=[pending.slug]))
    pending.refresh_from_db()
    assert pending.verification == Verification.PENDING
    client.force_login(moderator)
    assert pending.name.encode() in client.get(QUEUE).content


def test_unknown_decision_changes_nothing(client, moderator, pending):
    client.force_login(moderator)
    response = client.post(decide(pending), {"decision": "delete"}, follow=True)
    assert "Choose “verify” or “refuse”." in response.content.decode()
    pending.refresh_from_db()
    assert pending.verification == Verification.PENDING
    assert not AuditEntry.objects.exists()


def test_decide_unknown_organisation_is_404(client, moderator):
    client.force_login(moderator)
    response = client.post("/organisations/moderation/no-such-org/", {"decision": "verify"})
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["owner", "member", "programme_manager", "analyst", "outsider"])
def test_only_moderators_decide(client, request, pending, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(QUEUE).status_code == 403
    assert client.post(decide(pending), {"decision": "verify"}).status_code == 403
    pending.refresh_from_db()
    assert pending.verification == Verification.PENDING


def test_navigation_shows_moderation_to_moderators_only(client, moderator, analyst):
    client.force_login(moderator)
    page = client.get(QUEUE).content.decode()
    assert f'<a href="{QUEUE}" aria-current="page">Moderation</a>' in page
    directory = reverse("organisations:directory")
    assert f'<a href="{directory}">Organisations</a>' in page  # not also marked current
    client.force_login(analyst)
    assert QUEUE not in client.get(directory).content.decode()
    client.logout()
    assert QUEUE not in client.get(directory).content.decode()


# --- Django admin ------------------------------------------------------------------------


def test_admin_verify_action_goes_through_the_service(client, post, moderator, pending):
    client.force_login(moderator)
    data = {"action": "verify_selected", helpers.ACTION_CHECKBOX_NAME: [pending.pk]}
    response = post(ADMIN_ORGS, data, follow=True)
    assert response.status_code == 200
    assert b"1 organisation verified." in response.content
    pending.refresh_from_db()
    assert pending.verification == Verification.VERIFIED
    assert AuditEntry.objects.get(action="organisation.verify").actor == moderator
    assert len(mail.outbox) == 1


def test_admin_reject_action_asks_for_the_reason(client, post, moderator, pending):
    client.force_login(moderator)
    data = {"action": "reject_selected", helpers.ACTION_CHECKBOX_NAME: [pending.pk]}
    page = client.post(ADMIN_ORGS, data)
    assert page.status_code == 200
    assert b"Reason for refusal" in page.content
    pending.refresh_from_db()
    assert pending.verification == Verification.PENDING
    # An empty reason keeps the question open.
    again = client.post(ADMIN_ORGS, {**data, "apply": "1", "reason": ""})
    assert again.status_code == 200
    assert b"This field is required." in again.content
    response = post(ADMIN_ORGS, {**data, "apply": "1", "reason": "Not a creative company."})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.verification == Verification.REJECTED
    assert pending.verification_reason == "Not a creative company."
    entry = AuditEntry.objects.get(action="organisation.reject")
    assert entry.actor == moderator
    assert entry.data == {"reason": "Not a creative company."}


def test_admin_actions_need_the_verify_permission(client, analyst, pending):
    client.force_login(analyst)
    response = client.get(ADMIN_ORGS)
    assert response.status_code == 200  # analysts may look
    assert b"verify_selected" not in response.content
    data = {"action": "verify_selected", helpers.ACTION_CHECKBOX_NAME: [pending.pk]}
    client.post(ADMIN_ORGS, data)
    pending.refresh_from_db()
    assert pending.verification == Verification.PENDING


def test_admin_lists_and_searches(client, moderator, pending):
    OrganisationFactory(name="Bukhara Weavers", registration_number="")
    client.force_login(moderator)
    response = client.get(ADMIN_ORGS, {"q": "bukhara"})
    assert response.status_code == 200
    assert b"Bukhara Weavers" in response.content
    assert pending.name.encode() not in response.content
    response = client.get(ADMIN_ORGS, {"verification__exact": "pending"})
    assert pending.name.encode() in response.content
    assert b"Bukhara Weavers" not in response.content
    for name in ("membership", "user"):  # what the moderator role may view
        assert client.get(reverse(f"admin:accounts_{name}_changelist")).status_code == 200


def test_superuser_admin_pages_open_and_people_can_be_added(client, pending, owner):
    from bridge.accounts.models import Invitation, Membership, User

    root = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(root)
    invitation = Invitation.objects.create(organisation=pending, email="a@example.org")
    pages = [
        reverse("admin:accounts_organisation_change", args=[pending.pk]),
        reverse("admin:accounts_organisation_add"),
        reverse("admin:accounts_membership_change", args=[Membership.objects.first().pk]),
        reverse("admin:accounts_invitation_change", args=[invitation.pk]),
        reverse("admin:accounts_user_change", args=[owner.pk]),
        reverse("admin:accounts_user_add"),
        reverse("admin:accounts_apitoken_changelist"),
    ]
    for page in pages:
        assert client.get(page).status_code == 200, page
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "Staff.Person@Example.org",
            "full_name": "Staff Person",
            "password1": "a-long-unusual-passphrase-42",
            "password2": "a-long-unusual-passphrase-42",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="staff.person@example.org").check_password(
        "a-long-unusual-passphrase-42"
    )
    # The verification status is not editable by hand: only the audited actions change it.
    change = client.get(reverse("admin:accounts_organisation_change", args=[pending.pk]))
    assert b'name="verification"' not in change.content
