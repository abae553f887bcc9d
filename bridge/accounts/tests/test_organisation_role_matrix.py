"""Every organisation page and action × every kind of person: what is allowed and what is refused.

Also: each POST form refuses a request without a CSRF token, and the list pages make the same
number of queries whatever the number of rows.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bridge.accounts.models import Invitation, Membership, Role, Sector, Verification
from bridge.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The test people's passwords are never checked here; Argon2 would only slow set-up down.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


ROLES = [
    "owner",
    "admin",
    "member",
    "outsider",
    "anonymous",
    "moderator",
    "programme_manager",
    "analyst",
]
OK, DONE, DENIED, LOGIN, BAD = 200, 302, 403, "login", 400


def row(ok=None, **overrides):
    """Expected outcome per role: everybody gets `ok`, except those named."""
    return {role: overrides.get(role, ok) for role in ROLES}


# (name, method, expected per role). Anonymous visitors of a private page go to the login page.
MATRIX = [
    ("directory", "get", row(OK)),
    ("detail", "get", row(OK)),
    ("legal_forms", "get", row(OK)),
    ("invitation", "get", row(OK)),
    ("create", "get", row(OK, anonymous=LOGIN)),
    ("create", "post", row(DONE, anonymous=LOGIN)),
    ("edit", "get", row(DENIED, owner=OK, admin=OK, anonymous=LOGIN)),
    ("edit", "post", row(DENIED, owner=DONE, admin=DONE, anonymous=LOGIN)),
    ("request_verification", "get", row(405, anonymous=LOGIN)),
    ("request_verification", "post", row(DENIED, owner=DONE, admin=DONE, anonymous=LOGIN)),
    (
        "members",
        "get",
        row(
            OK,
            outsider=DENIED,
            anonymous=LOGIN,
        ),
    ),
    ("invite", "post", row(DENIED, owner=DONE, admin=DONE, anonymous=LOGIN)),
    ("member_role", "post", row(DENIED, owner=DONE, anonymous=LOGIN)),
    ("member_remove", "post", row(DENIED, owner=DONE, admin=DONE, anonymous=LOGIN)),
    ("invitation_revoke", "post", row(DENIED, owner=DONE, admin=DONE, anonymous=LOGIN)),
    ("leave", "get", row(DENIED, owner=OK, admin=OK, member=OK, anonymous=LOGIN)),
    # The owner is refused with an explanation (transfer first); the others leave.
    ("leave", "post", row(DENIED, owner=BAD, admin=DONE, member=DONE, anonymous=LOGIN)),
    ("transfer", "get", row(DENIED, owner=OK, anonymous=LOGIN)),
    ("transfer", "post", row(DENIED, owner=DONE, anonymous=LOGIN)),
    ("moderation", "get", row(DENIED, moderator=OK, anonymous=LOGIN)),
    ("moderation_decide", "post", row(DENIED, moderator=DONE, anonymous=LOGIN)),
]


@pytest.fixture
def world(organisation, owner, org_admin, member):
    """One organisation waiting for verification, a plain member to act on, an open invitation."""
    organisation.verification = Verification.PENDING
    organisation.save()
    target = MembershipFactory(organisation=organisation, role=Role.MEMBER)
    invitation = Invitation.objects.create(
        organisation=organisation, email="invited@example.org", invited_by=owner
    )
    return {"organisation": organisation, "target": target, "invitation": invitation}


def person(request, role):
    if role == "anonymous":
        return None
    return request.getfixturevalue("org_admin" if role == "admin" else role)


def address(name, world):
    slug = world["organisation"].slug
    args = {
        "directory": [],
        "create": [],
        "legal_forms": [],
        "moderation": [],
        "invitation": [world["invitation"].token],
        "member_role": [slug, world["target"].pk],
        "member_remove": [slug, world["target"].pk],
        "invitation_revoke": [slug, world["invitation"].pk],
    }.get(name, [slug])
    return reverse(f"organisations:{name}", args=args)


def payload(name, world):
    organisation = world["organisation"]
    return {
        "create": {
            "name": "Another Studio",
            "country": "UZ",
            "legal_form": "uz-mchj",
            "registration_number": "309876543",
            "description_en": "New.",
        },
        "edit": {
            "name": organisation.name,
            "country": "RU",
            "legal_form": "ru-ooo",
            "registration_number": organisation.registration_number,
            "description_en": "Changed.",
        },
        "invite": {"email": "someone@example.org", "role": "member"},
        "member_role": {"role": "admin"},
        "transfer": {"new_owner": world["target"].user_id, "confirm": "on"},
        "moderation_decide": {"decision": "verify"},
    }.get(name, {})


CASES = [
    pytest.param(name, method, role, expected[role], id=f"{method}-{name}-{role}")
    for name, method, expected in MATRIX
    for role in ROLES
]


@pytest.mark.parametrize(("name", "method", "role", "expected"), CASES)
def test_role_matrix(client, request, world, name, method, role, expected):
    user = person(request, role)
    if user is not None:
        client.force_login(user)
    path = address(name, world)
    data = payload(name, world)
    response = client.get(path) if method == "get" else client.post(path, data)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login") + "?next=")
    else:
        assert response.status_code == expected, response.content[:300]


def test_refused_posts_change_nothing(client, world, outsider, member):
    """A spot check that 403 means no effect, not an effect followed by a 403."""
    organisation = world["organisation"]
    for user in (outsider, member):
        client.force_login(user)
        for name in ("invite", "member_role", "member_remove", "invitation_revoke", "transfer"):
            client.post(address(name, world), payload(name, world))
        client.post(address("moderation_decide", world), {"decision": "verify"})
    organisation.refresh_from_db()
    assert organisation.verification == Verification.PENDING
    assert Membership.objects.get(pk=world["target"].pk).role == Role.MEMBER
    assert Invitation.objects.count() == 1
    assert Invitation.objects.get().revoked_at is None
    assert organisation.memberships.get(role=Role.OWNER).user.email != member.email


ODD_VALUES = [
    "/organisations/no-such-org/",
    "/organisations/no-such-org/edit/",
    "/organisations/no-such-org/members/",
    "/organisations/no-such-org/leave/",
    "/organisations/no-such-org/transfer/",
    "/organisations/invitations/nope/",
    "/organisations/{slug}/members/999999/remove/",
    "/organisations/{slug}/members/999999/role/",
    "/organisations/{slug}/invitations/999999/revoke/",
]


@pytest.mark.parametrize("path", ODD_VALUES)
def test_unknown_ids_are_404(client, world, owner, path):
    client.force_login(owner)
    path = path.format(slug=world["organisation"].slug)
    response = client.post(path) if "/members/9" in path or "/revoke/" in path else client.get(path)
    assert response.status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "page=-1",
        "page=1e9",
        "page=%00",
        "country=%00&sector=%FF",
        "q=" + "x" * 5000,
        "verified=maybe&it_park=[]",
        "q=%27%22%3C%3E",
    ],
)
def test_directory_odd_values_do_not_fail(client, world, query):
    assert client.get(f"/organisations/?{query}").status_code == 200


# --- CSRF --------------------------------------------------------------------------------

CSRF_FORMS = [
    ("create", "outsider"),
    ("edit", "owner"),
    ("request_verification", "owner"),
    ("invite", "owner"),
    ("member_role", "owner"),
    ("member_remove", "owner"),
    ("invitation_revoke", "owner"),
    ("leave", "member"),
    ("transfer", "owner"),
    ("invitation", "outsider"),
    ("moderation_decide", "moderator"),
]


@pytest.mark.parametrize(("name", "role"), CSRF_FORMS)
def test_post_without_csrf_token_is_refused(request, world, name, role):
    client = Client(enforce_csrf_checks=True)
    client.force_login(person(request, role))
    response = client.post(address(name, world), payload(name, world))
    assert response.status_code == 403
    organisation = world["organisation"]
    organisation.refresh_from_db()
    assert organisation.verification == Verification.PENDING
    assert organisation.memberships.count() == 4


@pytest.mark.parametrize(
    ("name", "role"),
    [("detail", "owner"), ("members", "owner"), ("moderation", "moderator"), ("edit", "owner")],
)
def test_every_post_form_carries_a_token(client, request, world, name, role):
    organisation = world["organisation"]
    organisation.verification = Verification.UNVERIFIED  # so the owner sees the request button
    organisation.save()
    client.force_login(person(request, role))
    content = client.get(address(name, world)).content.decode()
    forms = content.split('method="post"')[1:]
    assert len(forms) >= 2  # the page's own forms, besides the header's
    for form in forms:
        assert 'name="csrfmiddlewaretoken"' in form.split("</form>")[0]


# --- Query counts ------------------------------------------------------------------------


def count_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_directory_queries_do_not_grow_with_rows(client, request, role, member):
    if role == "member":
        client.force_login(member)
    for n in range(5):
        OrganisationFactory(name=f"A {n}", country="UZ", logo="logos/x.webp").sectors.set(
            Sector.objects.filter(code__in=["games", "film"])
        )
    few = count_queries(client, "/organisations/")
    for n in range(20):
        OrganisationFactory(name=f"B {n}", country="KZ").sectors.set(
            Sector.objects.filter(code__in=["music"])
        )
    many = count_queries(client, "/organisations/")
    assert few == many


def test_members_page_queries_do_not_grow_with_rows(client, organisation, owner):
    client.force_login(owner)

    def grow(n):
        for _ in range(n):
            Membership.objects.create(organisation=organisation, user=UserFactory())
            Invitation.objects.create(
                organisation=organisation, email=f"{UserFactory.build().email}", invited_by=owner
            )

    grow(4)  # five people with the owner
    few = count_queries(client, reverse("organisations:members", args=[organisation.slug]))
    grow(20)
    many = count_queries(client, reverse("organisations:members", args=[organisation.slug]))
    assert organisation.memberships.count() == 25
    assert few == many


def test_moderation_queue_queries_do_not_grow_with_rows(client, moderator):
    client.force_login(moderator)

    def grow(n):
        for _ in range(n):
            OrganisationFactory(verification=Verification.PENDING, owner=UserFactory())

    grow(5)
    few = count_queries(client, reverse("organisations:moderation"))
    grow(20)
    many = count_queries(client, reverse("organisations:moderation"))
    assert few == many


def test_detail_queries_do_not_grow_with_members(client, organisation, owner):
    client.force_login(owner)
    url = organisation.get_absolute_url()
    for _ in range(4):
        MembershipFactory(organisation=organisation)
    few = count_queries(client, url)
    for _ in range(20):
        MembershipFactory(organisation=organisation)
    assert count_queries(client, url) == few
