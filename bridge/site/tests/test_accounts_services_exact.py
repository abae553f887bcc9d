"""Deleting an account, to the exact row: the owner who is refused (which organisations, in name
order, and that nothing changed), the counts the service returns and writes to the audit row
(each kind deleted, each key detached, zero kinds included, keys with nothing detached left
out), the placeholder the person becomes (every personal field cleared, never able to sign in),
the free text and private links that are replaced (invitations by address in any case, delivery
addresses, calendar and reviewer tokens, sign-in records), and that another person's rows stay
as they were. Written for the mutation score of issue 18."""

import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.utils import timezone

from bridge.accounts.models import ApiToken, Invitation, Membership, Role, User
from bridge.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from bridge.core.audit import audit_log
from bridge.core.models import AuditEntry, Delivery, Notification, NotificationPreference
from bridge.core.tests.exact_support import trail
from bridge.materials.models import Collection, SampleRequest
from bridge.partnering.models import SavedSearch
from bridge.partnering.tests.factories import event_made, registered
from bridge.programs.models import Application, Reviewer, ReviewerInvitation
from bridge.programs.tests.factories import ApplicationFactory, CallFactory, ReviewerFactory
from bridge.site.services import accounts as services

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

PLACEHOLDER = re.compile(r"deleted-[0-9a-f]{24}@deleted\.invalid")
NOTHING_DELETED = {f"deleted {label}": 0 for label, _name in services.DELETED_WITH_ACCOUNT}


@pytest.fixture
def person(db):
    return UserFactory(
        email="aziza@example.org",
        full_name="Aziza Karimova",
        language="uz",
        timezone="Asia/Tashkent",
        last_login=timezone.now(),
        is_staff=True,
        is_superuser=True,
    )


def sign_in_records(username):
    common = {"user_agent": "x", "ip_address": "10.0.0.1", "http_accept": "*/*", "path_info": "/"}
    AccessAttempt.objects.create(
        username=username, get_data="", post_data="", failures_since_start=1, **common
    )
    AccessLog.objects.create(username=username, **common)
    AccessFailureLog.objects.create(username=username, **common)


def usernames(model):
    return sorted(model.objects.values_list("username", flat=True))


# --- refused ---------------------------------------------------------------------------------


def test_an_owner_is_refused_with_the_organisations_in_name_order_and_nothing_changes(person):
    zeta = OrganisationFactory(name="Zeta Games", owner=person)
    alpha = OrganisationFactory(name="Alpha Studio", owner=person)
    MembershipFactory(organisation=OrganisationFactory(), user=person, role=Role.ADMIN)
    ApiToken.objects.create(user=person, name="laptop", prefix="cb_x", key_hash="h" * 64)
    with pytest.raises(services.AccountDeletionBlocked) as refused:
        services.account_delete(user=person)
    assert refused.value.organisations == [alpha, zeta]
    assert str(refused.value) == "owner of organisations"
    person.refresh_from_db()
    assert (person.email, person.full_name, person.is_active) == (
        "aziza@example.org",
        "Aziza Karimova",
        True,
    )
    assert Membership.objects.filter(user=person).count() == 3
    assert ApiToken.objects.filter(user=person).count() == 1
    assert not AuditEntry.objects.exists()


def test_an_admin_or_member_of_organisations_is_not_refused(person):
    MembershipFactory(organisation=OrganisationFactory(), user=person, role=Role.ADMIN)
    MembershipFactory(organisation=OrganisationFactory(), user=person, role=Role.MEMBER)
    counts = services.account_delete(user=person)
    assert counts["deleted accounts.Membership"] == 2
    assert not Membership.objects.filter(user=person).exists()


# --- the placeholder -------------------------------------------------------------------------


def test_a_person_with_nothing_becomes_a_placeholder_and_the_counts_are_all_zero(person):
    counts = services.account_delete(user=person)
    assert counts == NOTHING_DELETED
    placeholder = User.objects.get(pk=person.pk)
    assert PLACEHOLDER.fullmatch(placeholder.email)
    assert (
        placeholder.full_name,
        placeholder.language,
        placeholder.timezone,
        placeholder.email_confirmed_at,
        placeholder.last_login,
        placeholder.is_active,
        placeholder.is_staff,
        placeholder.is_superuser,
        placeholder.has_usable_password(),
    ) == ("", "", "", None, None, False, False, False, False)
    assert trail(placeholder) == [("account.deleted", placeholder, NOTHING_DELETED)]


def test_each_placeholder_address_is_new(person):
    other = UserFactory()
    services.account_delete(user=person)
    services.account_delete(user=other)
    first, second = User.objects.get(pk=person.pk).email, User.objects.get(pk=other.pk).email
    assert first != second


def test_what_only_served_the_person_goes_and_what_others_keep_is_detached(person):
    studio = OrganisationFactory()
    MembershipFactory(organisation=studio, user=person, role=Role.MEMBER)
    ApiToken.objects.create(user=person, name="laptop", prefix="cb_x", key_hash="h" * 64)
    Collection.objects.create(owner=person, name="Tiles")
    for _ in range(2):
        Notification.objects.create(
            recipient=person, kind="meetings", template="t", delivery=Delivery.INSTANT
        )
    NotificationPreference.objects.create(user=person, kind="meetings", delivery="digest")
    SavedSearch.objects.create(user=person, q="ceramics")
    person.groups.add(Group.objects.get(name="moderator"))
    application = ApplicationFactory(created_by=person, organisation=studio)
    audit_log(actor=person, action="test.done", target=studio)
    audit_log(actor=person, action="test.again", target=studio)

    counts = services.account_delete(user=person)

    assert counts == {
        **NOTHING_DELETED,
        "deleted accounts.Membership": 1,
        "deleted accounts.ApiToken": 1,
        "deleted materials.Collection": 1,
        "deleted core.Notification": 2,
        "deleted core.NotificationPreference": 1,
        "deleted partnering.SavedSearch": 1,
        "deleted accounts.User_groups": 1,
        "detached core.AuditEntry.actor": 2,
        "detached programs.Application.created_by": 1,
    }
    assert not Membership.objects.filter(user=person).exists()
    assert not ApiToken.objects.filter(user=person).exists()
    assert not Collection.objects.filter(owner=person).exists()
    assert not Notification.objects.filter(recipient=person).exists()
    assert not NotificationPreference.objects.filter(user=person).exists()
    assert not SavedSearch.objects.filter(user=person).exists()
    assert not person.groups.exists()
    assert Application.objects.get(pk=application.pk).created_by is None
    assert list(AuditEntry.objects.order_by("pk").values_list("action", "actor")) == [
        ("test.done", None),
        ("test.again", None),
        ("account.deleted", person.pk),
    ]
    assert trail(person) == [("account.deleted", person, counts)]


def test_another_person_s_rows_stay_as_they_were(person):
    other = UserFactory(email="ivan@example.org", full_name="Ivan Petrov", language="ru")
    studio = OrganisationFactory()
    MembershipFactory(organisation=studio, user=other, role=Role.MEMBER)
    ApiToken.objects.create(user=other, name="phone", prefix="cb_y", key_hash="i" * 64)
    NotificationPreference.objects.create(user=other, kind="meetings", delivery="digest")
    application = ApplicationFactory(created_by=other, organisation=studio)
    audit_log(actor=other, action="test.done", target=studio)
    counts = services.account_delete(user=person)
    assert counts == NOTHING_DELETED
    other.refresh_from_db()
    assert (other.email, other.full_name, other.language, other.is_active) == (
        "ivan@example.org",
        "Ivan Petrov",
        "ru",
        True,
    )
    assert Membership.objects.filter(user=other).count() == 1
    assert ApiToken.objects.filter(user=other).count() == 1
    assert NotificationPreference.objects.filter(user=other).count() == 1
    assert Application.objects.get(pk=application.pk).created_by == other
    assert AuditEntry.objects.get(action="test.done").actor == other


# --- free text and private links -------------------------------------------------------------


def test_invitations_to_the_person_s_address_in_any_case_get_the_placeholder(person):
    studio = OrganisationFactory()
    call = CallFactory()
    mine = Invitation.objects.create(organisation=studio, email="AZIZA@Example.org")
    theirs = Invitation.objects.create(organisation=studio, email="ivan@example.org")
    review_mine = ReviewerInvitation.objects.create(call=call, email="aziza@example.org")
    review_theirs = ReviewerInvitation.objects.create(call=call, email="aziza@example.org.uk")
    services.account_delete(user=person)
    placeholder = User.objects.get(pk=person.pk).email
    assert [
        Invitation.objects.get(pk=mine.pk).email,
        Invitation.objects.get(pk=theirs.pk).email,
        ReviewerInvitation.objects.get(pk=review_mine.pk).email,
        ReviewerInvitation.objects.get(pk=review_theirs.pk).email,
    ] == [placeholder, "ivan@example.org", placeholder, "aziza@example.org.uk"]


def test_the_person_s_delivery_addresses_are_cleared_and_the_requests_kept(person):
    supplier, studio = OrganisationFactory(), OrganisationFactory()
    fields = {"organisation": studio, "supplier": supplier, "purpose": "Capsule"}
    mine = SampleRequest.objects.create(requester=person, delivery_address="Tashkent 1", **fields)
    other = UserFactory()
    theirs = SampleRequest.objects.create(requester=other, delivery_address="Moscow 2", **fields)
    counts = services.account_delete(user=person)
    assert counts == NOTHING_DELETED
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.requester_id, mine.delivery_address) == (person.pk, "")
    assert (theirs.requester_id, theirs.delivery_address) == (other.pk, "Moscow 2")


def test_the_person_s_calendar_and_reviewer_links_stop_working(person):
    event = event_made()
    mine, theirs = (
        registered(event, OrganisationFactory(), person),
        registered(event, OrganisationFactory()),
    )
    old_calendar = {r.pk: r.calendar_token for r in (mine, theirs)}
    call = CallFactory()
    review_mine = ReviewerFactory(call=call, user=person)
    review_theirs = ReviewerFactory(call=call)
    old_review = {r.pk: r.token for r in (review_mine, review_theirs)}
    services.account_delete(user=person)
    new_calendar = dict(
        type(mine).objects.filter(pk__in=old_calendar).values_list("pk", "calendar_token")
    )
    new_review = dict(Reviewer.objects.filter(pk__in=old_review).values_list("pk", "token"))
    assert new_calendar[theirs.pk] == old_calendar[theirs.pk]
    assert new_calendar[mine.pk] != old_calendar[mine.pk]
    assert len(new_calendar[mine.pk]) == 43  # 32 random bytes, URL-safe
    assert new_review[review_theirs.pk] == old_review[review_theirs.pk]
    assert new_review[review_mine.pk] != old_review[review_mine.pk]
    assert len(new_review[review_mine.pk]) == 43
    # The rows themselves stay, with the placeholder in them.
    assert type(mine).objects.get(pk=mine.pk).person_id == person.pk
    assert Reviewer.objects.get(pk=review_mine.pk).user_id == person.pk


def test_each_of_several_links_gets_its_own_new_token(person):
    first, second = event_made(), event_made()
    studio = OrganisationFactory()
    registered(first, studio, person)
    registered(second, studio, person)
    services.account_delete(user=person)
    tokens = set(type(first.registrations.get()).objects.values_list("calendar_token", flat=True))
    assert len(tokens) == 2


def test_the_person_s_sign_in_records_go_in_any_case(person):
    sign_in_records("Aziza@Example.org")
    sign_in_records("ivan@example.org")
    services.account_delete(user=person)
    assert usernames(AccessAttempt) == ["ivan@example.org"]
    assert usernames(AccessLog) == ["ivan@example.org"]
    assert usernames(AccessFailureLog) == ["ivan@example.org"]
