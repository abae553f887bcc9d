"""Role × page/endpoint matrix for the programme pages and API owned by this module:
applicant, reviewer, programme manager, analyst, other staff (moderator), anonymous."""

import pytest
from django.urls import reverse

from bridge.programs.tests.factories import ApplicationFactory, CallFactory, ReviewerFactory

pytestmark = pytest.mark.integration

ROLES = ["applicant", "reviewer", "manager", "analyst", "moderator", "anonymous"]

# name → (method, url builder); url builders get (call, application)
PAGES = {
    "programme list": ("get", lambda c, a: reverse("programs:programme_list")),
    "call page": ("get", lambda c, a: reverse("programs:call_detail", args=[c.slug])),
    "start": ("get", lambda c, a: reverse("programs:application_start", args=[c.slug])),
    "my applications": ("get", lambda c, a: reverse("programs:my_applications")),
    "application": ("get", lambda c, a: reverse("programs:application_detail", args=[a.pk])),
    "edit": ("get", lambda c, a: reverse("programs:application_edit", args=[a.pk])),
    "autosave": ("post", lambda c, a: reverse("programs:application_autosave", args=[a.pk])),
    "submit": ("get", lambda c, a: reverse("programs:application_submit", args=[a.pk])),
    "withdraw": ("get", lambda c, a: reverse("programs:application_withdraw", args=[a.pk])),
    "cohort board": ("get", lambda c, a: reverse("programs:cohort_board", args=[c.slug])),
    "figures": ("get", lambda c, a: reverse("programs:figures", args=[c.slug])),
    "export": ("get", lambda c, a: reverse("programs:export", args=[c.slug, "csv"])),
    "api calls": ("get", lambda c, a: "/api/v1/programmes/calls"),
    "api call": ("get", lambda c, a: f"/api/v1/programmes/calls/{c.slug}"),
    "api applications": ("get", lambda c, a: "/api/v1/programmes/applications"),
    "api application": ("get", lambda c, a: f"/api/v1/programmes/applications/{a.pk}"),
    "api submit": ("post", lambda c, a: f"/api/v1/programmes/applications/{a.pk}/submit"),
}

LOGIN = 302  # a page that needs a person sends anonymous visitors to sign in
#                     applicant reviewer manager analyst moderator anonymous
EXPECTED = {
    "programme list":   (200, 200, 200, 200, 200, 200),
    "call page":        (200, 200, 200, 200, 200, 200),
    "start":            (200, 200, 200, 200, 200, LOGIN),
    "my applications":  (200, 200, 200, 200, 200, LOGIN),
    "application":      (200, 404, 200, 200, 404, LOGIN),
    "edit":             (200, 404, 302, 302, 404, LOGIN),
    "autosave":         (200, 404, 404, 404, 404, LOGIN),
    "submit":           (200, 404, 404, 404, 404, LOGIN),
    "withdraw":         (200, 404, 404, 404, 404, LOGIN),
    "cohort board":     (404, 404, 200, 200, 404, LOGIN),
    "figures":          (404, 404, 200, 200, 404, LOGIN),
    "export":           (404, 404, 200, 200, 404, LOGIN),
    "api calls":        (200, 200, 200, 200, 200, 200),
    "api call":         (200, 200, 200, 200, 200, 200),
    "api applications": (200, 200, 200, 200, 200, 401),
    "api application":  (200, 404, 404, 404, 404, 401),
    "api submit":       (200, 404, 404, 404, 404, 401),
}  # fmt: skip


@pytest.fixture
def people(organisation, member, programme_manager, analyst, moderator):
    call = CallFactory()
    application = ApplicationFactory(call=call, organisation=organisation)
    reviewer = ReviewerFactory(call=call).user
    return (
        call,
        application,
        {
            "applicant": member,
            "reviewer": reviewer,
            "manager": programme_manager,
            "analyst": analyst,
            "moderator": moderator,
            "anonymous": None,
        },
    )


@pytest.mark.parametrize("page", list(PAGES))
def test_role_matrix(client, people, page):
    call, application, users = people
    method, url = PAGES[page]
    got = {}
    for role in ROLES:
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        response = getattr(client, method)(url(call, application))
        got[role] = response.status_code
    assert tuple(got[r] for r in ROLES) == EXPECTED[page], got
