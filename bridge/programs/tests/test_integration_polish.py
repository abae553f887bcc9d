"""What ties the programme pages together: the ineligible code callers can check, navigation to
the review and staff pages, the eligibility page, and reviewers invited before they have an
account."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.programs.models import (
    Application,
    EligibilityChange,
    Reviewer,
    ReviewerInvitation,
    ReviewerStatus,
)
from bridge.programs.navigation import is_reviewer
from bridge.programs.services.applications import IneligibleError, application_create
from bridge.programs.services.review import reviewer_invite
from bridge.programs.tests.factories import (
    CallFactory,
    DecisionFactory,
    ReviewerFactory,
    SubmittedApplicationFactory,
)

pytestmark = pytest.mark.integration


# --- 3. "ineligible" is a code callers can check ----------------------------------------------


def _uz_studio():
    user = UserFactory()
    studio = OrganisationFactory(
        country="UZ", legal_form="uz-mchj", registration_number="306284157"
    )
    Membership.objects.create(organisation=studio, user=user, role=Role.OWNER)
    return studio, user


def test_an_ineligible_start_carries_its_code_and_reasons(db):
    from django.core.exceptions import ValidationError

    studio, user = _uz_studio()
    call = CallFactory(eligibility={"countries": ["RU"]})
    with pytest.raises(ValidationError) as caught:
        application_create(actor=user, call=call, organisation=studio)
    exc = caught.value
    assert isinstance(exc, IneligibleError)
    assert exc.code == "ineligible"
    assert [e.code for e in exc.error_list] == ["ineligible"] * len(exc.error_list)
    assert any("Uzbekistan" in m for m in exc.messages)
    assert not Application.objects.exists()


def test_the_api_reports_ineligible_from_the_service(client, db):
    studio, user = _uz_studio()
    call = CallFactory(eligibility={"countries": ["RU"]})
    client.force_login(user)
    response = client.post(
        "/api/v1/programmes/applications",
        {"call": call.slug, "organisation": studio.pk},
        content_type="application/json",
    )
    body = response.json()
    assert response.status_code == 422 and body["code"] == "ineligible"
    assert body["errors"]["__all__"] and "Uzbekistan" in body["detail"]


# --- 4. navigation -----------------------------------------------------------------------------


def _nav_labels(client) -> str:
    html = client.get("/").content.decode()
    start = html.index("<nav")
    return html[start : html.index("</nav>", start)]


def test_my_reviews_is_in_the_menu_only_for_reviewers(client, outsider):
    call = CallFactory()
    reviewer = ReviewerFactory(call=call, status=ReviewerStatus.INVITED).user
    declined = ReviewerFactory(call=call, status=ReviewerStatus.DECLINED).user
    review_home = reverse("programs_review:home")
    client.force_login(reviewer)
    assert review_home in _nav_labels(client) and "My reviews" in _nav_labels(client)
    for person in (outsider, declined):
        client.force_login(person)
        assert review_home not in _nav_labels(client)
    client.logout()
    assert review_home not in _nav_labels(client)


def test_the_reviewer_check_is_one_query_per_request(db):
    user = ReviewerFactory().user
    request = RequestFactory().get("/")
    request.user = user
    with CaptureQueriesContext(connection) as queries:
        assert is_reviewer(request) and is_reviewer(request) and is_reviewer(request)
    assert len(queries) == 1


STAFF_LINKS = {
    "reviewers": "programs_review:staff_reviewers",
    "assignments": "programs_review:staff_assignments",
    "ranking": "programs_review:staff_ranking",
    "outbox": "programs_review:staff_outbox",
    "eligibility": "programs_review:staff_eligibility",
    "figures": "programs:figures",
}


@pytest.mark.parametrize(
    "who, expected",
    [
        ("programme_manager", set(STAFF_LINKS)),
        ("analyst", {"ranking", "figures"}),
        ("owner", set()),
        ("moderator", set()),
    ],
)
def test_the_call_page_links_staff_to_what_they_may_open(client, db, request, who, expected):
    call = CallFactory()
    client.force_login(request.getfixturevalue(who))
    html = client.get(reverse("programs:call_detail", args=[call.slug])).content.decode()
    shown = {key for key, name in STAFF_LINKS.items() if reverse(name, args=[call.slug]) in html}
    assert shown == expected
    # Every link shown opens.
    for key in shown:
        assert client.get(reverse(STAFF_LINKS[key], args=[call.slug])).status_code == 200


def test_figures_page_links_to_both_exports_and_back_to_the_review_pages(client, programme_manager):
    call = CallFactory()
    client.force_login(programme_manager)
    html = client.get(reverse("programs:figures", args=[call.slug])).content.decode()
    for fmt in ("csv", "xlsx"):
        url = reverse("programs:export", args=[call.slug, fmt])
        assert url in html
        response = client.get(url)
        assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert reverse("programs_review:staff_ranking", args=[call.slug]) in html


def test_the_application_page_shows_the_decision_only_once_sent(client, owner, organisation):
    application = SubmittedApplicationFactory(organisation=organisation, status="accepted")
    decision = DecisionFactory(
        application=application, outcome="accept", message="Welcome to the season!"
    )
    client.force_login(owner)
    url = reverse("programs:application_detail", args=[application.pk])
    html = client.get(url).content.decode()
    assert "Welcome to the season!" not in html and "Under review" in html
    decision.status = "sent"
    decision.save()
    html = client.get(url).content.decode()
    assert "Welcome to the season!" in html and "Accepted" in html


# --- eligibility page ----------------------------------------------------------------------------


def test_a_manager_opens_the_call_to_more_countries_from_the_page(client, programme_manager):
    call = CallFactory(eligibility={"countries": ["RU"]})
    client.force_login(programme_manager)
    url = reverse("programs_review:staff_eligibility", args=[call.slug])
    assert "RU" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "countries": "ru, uz, KZ",
            "verified_required": "on",
            "forms_UZ": ["uz-mchj", "uz-yatt"],
            "project_stages": ["prototype", "alpha"],
            "team_min": "2",
            "note": "CIS season",
        },
    )
    assert response.status_code == 302
    call.eligibility.refresh_from_db()
    rules = call.eligibility.as_rules()
    assert rules["countries"] == ["KZ", "RU", "UZ"]
    assert rules["legal_forms"] == {"UZ": ["uz-mchj", "uz-yatt"]}
    assert rules["team_min"] == 2 and rules["project_stages"] == ["prototype", "alpha"]
    change = EligibilityChange.objects.get(call=call)
    assert change.note == "CIS season" and change.actor == programme_manager
    assert "CIS season" in client.get(url).content.decode()


def test_eligibility_page_refuses_bad_input_and_other_people(client, programme_manager, analyst):
    call = CallFactory(eligibility={"countries": ["RU"]})
    url = reverse("programs_review:staff_eligibility", args=[call.slug])
    client.force_login(programme_manager)
    response = client.post(url, {"countries": "RU, XX", "team_min": "5", "team_max": "2"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Unknown country codes: XX" in html
    call.eligibility.refresh_from_db()
    assert call.eligibility.countries == ["RU"]
    client.force_login(analyst)
    assert client.get(url).status_code == 403
    assert client.post(url, {"countries": "UZ"}).status_code == 403


# --- 5. reviewers invited by e-mail before they have an account ----------------------------------


def test_an_address_without_an_account_is_invited_to_sign_up_and_back(
    client, programme_manager, django_capture_on_commit_callbacks
):
    call = CallFactory(title_en="Video Game Factory 2026")
    client.force_login(programme_manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("programs_review:staff_reviewers", args=[call.slug]),
            {"email": "Expert@Example.org", "languages": ["uz"]},
        )
    assert response.status_code == 302
    invitation = ReviewerInvitation.objects.get(call=call)
    assert invitation.email == "expert@example.org" and invitation.languages == ["uz"]
    assert not Reviewer.objects.filter(call=call).exists()
    # Staff see the pending address.
    page = client.get(reverse("programs_review:staff_reviewers", args=[call.slug]))
    assert "expert@example.org" in page.content.decode()

    (message,) = mail.outbox
    assert message.to == ["expert@example.org"]
    link = next(word for word in message.body.split() if "/accounts/signup/" in word)
    accept_path = reverse("programs_review:invitation", args=[invitation.token])
    assert urlsplit(link).path == reverse("accounts:signup")
    assert parse_qs(urlsplit(link).query)["next"] == [accept_path]

    # They sign up (an account with that address), follow the link back and accept.
    expert = UserFactory(email="expert@example.org")
    client.force_login(expert)
    response = client.get(accept_path)
    reviewer = Reviewer.objects.get(call=call, user=expert)
    assert reviewer.status == ReviewerStatus.INVITED and reviewer.languages == ["uz"]
    assert response.status_code == 302
    assert response["Location"] == reverse("programs_review:invitation", args=[reviewer.token])
    client.post(response["Location"], {"answer": "accept", "languages": ["uz", "ru"]})
    reviewer.refresh_from_db()
    assert reviewer.status == ReviewerStatus.ACCEPTED
    assert "My reviews" in _nav_labels(client)

    # The link is spent: someone else following it gets nothing.
    client.force_login(UserFactory())
    assert client.get(accept_path).status_code == 404
    assert Reviewer.objects.filter(call=call).count() == 1


def test_an_address_with_an_account_is_invited_straight_to_the_accept_page(
    programme_manager, django_capture_on_commit_callbacks
):
    call = CallFactory()
    expert = UserFactory(email="known@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        reviewer = reviewer_invite(
            actor=programme_manager, call=call, email="KNOWN@example.org", languages=["ru"]
        )
    assert reviewer.user == expert and not ReviewerInvitation.objects.exists()
    (message,) = mail.outbox
    assert reverse("programs_review:invitation", args=[reviewer.token]) in message.body
    assert "/accounts/signup/" not in message.body


def test_a_bad_address_is_refused(programme_manager):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        reviewer_invite(
            actor=programme_manager, call=CallFactory(), email="not an address", languages=["ru"]
        )
    assert "email" in caught.value.error_dict
    assert not ReviewerInvitation.objects.exists()
