"""The joint-project pages as people use them: the public registry and its filters, a private
project hidden from outsiders, creation by hand and from an accepted expression of interest,
the partner's answers on the project page, and query counts on the lists."""

from datetime import timedelta

import pytest
from django.utils import timezone

from bridge.accounts.tests.factories import OrganisationFactory, UserFactory
from bridge.partnering.models import JointProject
from bridge.partnering.models.projects import ProjectStatus
from bridge.partnering.services import project_status as course
from bridge.partnering.tests.factories import InterestFactory, ListingFactory, member_of
from bridge.partnering.tests.factories_projects import project_between, published_project

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

FORM = {
    "title": "Suzani: a game of patterns",
    "type": "co-production",
    "sector": "games",
    "heritage": ["suzani"],
    "language": "uz",
    "description_ru": "Игра-головоломка об узорах сюзане.",
    "description_uz": "Suzani naqshlari haqida boshqotirma o‘yin.",
}


def test_the_registry_shows_published_projects_only_and_filters_them(client, ru_org, uz_org):
    public = published_project(ru_org, uz_org)
    kz = OrganisationFactory(country="KZ")
    private = project_between(ru_org, kz, title="Secret steppe western", sector="film")
    response = client.get("/partnering/projects/")
    assert response.status_code == 200
    assert public.title in response.text and private.title not in response.text
    assert client.get("/partnering/projects/?sector=film").text.count(public.title) == 0
    assert public.title in client.get("/partnering/projects/?country=UZ&status=talks").text
    assert public.title not in client.get("/partnering/projects/?status=released").text
    assert public.title in client.get("/partnering/projects/?heritage=afandi").text
    # Across languages and scripts: Russian and Uzbek words find the English title.
    for q in ("мультфильм", "animatsiya", "Ташкент"):
        assert public.title in client.get(f"/partnering/projects/?q={q}").text, q
    assert public.title not in client.get("/partnering/projects/?q=hunarmandchilik").text
    assert client.get("/partnering/projects/?page=x&status=<script>").status_code == 200


def test_a_private_project_is_hidden_from_outsiders_and_shown_to_partners_and_staff(
    client, ru_org, uz_org, uz_owner, analyst
):
    project = project_between(ru_org, uz_org)
    url = f"/partnering/projects/{project.pk}/"
    assert client.get(url).status_code == 404
    client.force_login(member_of(OrganisationFactory()))
    assert client.get(url).status_code == 404
    client.force_login(analyst)
    assert client.get(url).status_code == 200
    client.force_login(uz_owner)
    response = client.get(url)
    assert 'value="confirm"' in response.text
    assert client.get("/partnering/projects/999999999999999999999/").status_code == 404


def test_a_member_creates_a_project_by_hand_and_bad_input_stays_at_the_field(
    client, ru_org, uz_org, ru_owner
):
    client.force_login(ru_owner)
    response = client.post(
        "/partnering/projects/new/",
        {**FORM, "organisation": ru_org.pk, "title": "", "partners": []},
    )
    assert response.status_code == 200 and not JointProject.objects.exists()
    assert response.context["form"].errors.keys() >= {"title", "partners"}
    response = client.post(
        "/partnering/projects/new/",
        {**FORM, "organisation": ru_org.pk, "partners": [uz_org.pk], "started_on": "2099-01-01"},
    )
    assert "started_on" in response.context["form"].errors
    response = client.post(
        "/partnering/projects/new/", {**FORM, "organisation": ru_org.pk, "partners": [uz_org.pk]}
    )
    project = JointProject.objects.get()
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert project.descriptions.keys() == {"ru", "uz"} and project.heritage == ["suzani"]
    assert client.get("/partnering/projects/mine/").text.count(project.title) == 1


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in ("/partnering/projects/new/", "/partnering/projects/mine/"):
        assert client.get(url).status_code == 302


def test_the_pair_creates_a_project_from_an_accepted_interest(client, ru_org, uz_org, uz_owner):
    interest = InterestFactory(
        listing=ListingFactory(organisation=ru_org), organisation=uz_org, status="accepted"
    )
    client.force_login(uz_owner)
    page = client.get(f"/partnering/interests/{interest.pk}/")
    assert f"/partnering/projects/from-interest/{interest.pk}/" in page.text
    form = client.get(f"/partnering/projects/from-interest/{interest.pk}/")
    assert form.context["form"].initial["title"] == interest.listing.title
    response = client.post(
        f"/partnering/projects/from-interest/{interest.pk}/",
        {**FORM, "title": "Afandi together"},
    )
    project = JointProject.objects.get(interest=interest)
    assert response["Location"] == project.get_absolute_url()
    # A second visit leads to the project, not to a second one.
    again = client.get(f"/partnering/projects/from-interest/{interest.pk}/")
    assert again["Location"] == project.get_absolute_url()
    sent = InterestFactory(listing=ListingFactory(organisation=ru_org), organisation=uz_org)
    assert client.get(f"/partnering/projects/from-interest/{sent.pk}/").status_code == 403


def test_partners_confirm_consent_and_the_project_goes_public(
    client, ru_org, uz_org, ru_owner, uz_owner
):
    project = project_between(ru_org, uz_org, actor=ru_owner)
    action = f"/partnering/projects/{project.pk}/action/"
    ru_place = project.partners.get(organisation=ru_org)
    uz_place = project.partners.get(organisation=uz_org)
    client.force_login(ru_owner)
    refused = client.post(action, {"action": "consent", "partner": ru_place.pk}, follow=True)
    # The reason, in the reader's language, names the partner still to confirm.
    reasons = [str(m) for m in refused.context["messages"] if m.level_tag == "error"]
    assert len(reasons) == 1 and "Toshkent Motion" in reasons[0]
    assert client.post(action, {"action": "confirm", "partner": uz_place.pk}).status_code == 403
    client.force_login(uz_owner)
    client.post(action, {"action": "confirm", "partner": uz_place.pk})
    client.post(action, {"action": "consent", "partner": uz_place.pk})
    client.force_login(ru_owner)
    client.post(action, {"action": "consent", "partner": ru_place.pk})
    project.refresh_from_db()
    assert project.is_public
    client.logout()
    assert client.get(project.get_absolute_url()).status_code == 200


def test_a_partner_records_a_step_and_a_milestone_with_errors_at_the_field(
    client, ru_org, uz_org, ru_owner, uz_owner
):
    project = project_between(ru_org, uz_org, actor=ru_owner)
    action = f"/partnering/projects/{project.pk}/action/"
    today = timezone.localdate()
    client.force_login(uz_owner)  # invited, not confirmed: may not record
    response = client.post(
        action, {"action": "status", "status": "agreement-signed", "happened_on": today}
    )
    assert response.status_code == 403
    client.force_login(ru_owner)
    response = client.post(action, {"action": "status", "status": "released", "happened_on": today})
    assert response.status_code == 200 and "evidence_url" in response.context["status_form"].errors
    response = client.post(
        action, {"action": "status", "status": "agreement-signed", "happened_on": today}
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == ProjectStatus.AGREEMENT
    client.post(
        action, {"action": "milestone", "title": "Demo build", "due_on": today + timedelta(30)}
    )
    milestone = project.milestones.get()
    client.post(action, {"action": "milestone_done", "milestone": milestone.pk})
    milestone.refresh_from_db()
    assert milestone.done_on == today
    assert client.post(action, {"action": "nonsense"}).status_code == 404


def test_list_pages_take_a_fixed_number_of_queries(
    client, ru_org, uz_org, ru_owner, django_assert_max_num_queries
):
    for n in range(6):
        project = published_project(ru_org, uz_org, title=f"Project {n}")
        course.milestone_add(
            actor=ru_owner, project=project, title="Pilot", due_on=timezone.localdate()
        )
    with django_assert_max_num_queries(12):
        assert client.get("/partnering/projects/").status_code == 200
    client.force_login(ru_owner)
    with django_assert_max_num_queries(14):
        assert client.get("/partnering/projects/mine/").status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(project.get_absolute_url()).status_code == 200


def test_a_signed_in_person_without_organisation_cannot_create(client):
    client.force_login(UserFactory())
    assert client.get("/partnering/projects/new/").status_code == 403


def test_staff_read_projects_in_the_admin_and_cannot_change_them(client, ru_org, uz_org, analyst):
    project = project_between(ru_org, uz_org)
    client.force_login(analyst)
    assert client.get("/staff/admin/partnering/jointproject/").status_code == 200
    page = client.get(f"/staff/admin/partnering/jointproject/{project.pk}/change/")
    assert page.status_code == 200 and project.title in page.text
    response = client.post(
        f"/staff/admin/partnering/jointproject/{project.pk}/change/",
        {"title": "Hijacked"},
        follow=True,
    )
    # The audited admin answers a refused change with the reason on the same page.
    assert response.redirect_chain[-1][1] == 302
    assert "You may not make this change." in response.text
    project.refresh_from_db()
    assert project.title != "Hijacked"
    client.force_login(member_of(ru_org))
    assert client.get("/staff/admin/partnering/jointproject/").status_code == 302
