"""Applications whose applicants chose to show them appear on the heritage pages of the themes
they name, through the search engine; the others never do."""

import pytest
from django.urls import reverse

from bridge.accounts.models import Membership, Role
from bridge.accounts.tests.factories import UserFactory
from bridge.programs.models import ApplicationStatus
from bridge.programs.search_index import KEY, ApplicationIndex
from bridge.programs.tests.factories import ApplicationFactory, SubmittedApplicationFactory
from bridge.programs.tests.test_pages_applications import form_data
from bridge.search.grouped import search_grouped
from bridge.search.selectors import search
from bridge.search.thesaurus import thesaurus_override, yaml_concepts

pytestmark = pytest.mark.integration

AFANDI = "A puzzle game built on the Afandi tales, with his donkey as a companion."


@pytest.fixture(autouse=True)
def _thesaurus():
    with thesaurus_override(yaml_concepts()):
        yield


def test_a_submitted_application_shown_by_choice_is_found_by_its_theme(db):
    shown = SubmittedApplicationFactory(
        title="Afandi's Donkey", summary=AFANDI, show_on_heritage_pages=True
    )
    SubmittedApplicationFactory(summary=AFANDI)  # not chosen
    ApplicationFactory(summary=AFANDI, show_on_heritage_pages=True)  # a draft
    assert search(key=KEY, concepts=["afandi"]).ids == [shown.pk]
    (group,) = search_grouped(concepts=["afandi"], keys=[KEY])
    (card,) = group.cards
    assert (card.title, card.url) == ("Afandi's Donkey", f"/programmes/calls/{shown.call.slug}/")
    assert shown.organisation.name in card.meta


def test_taking_the_choice_back_or_withdrawing_removes_it(db):
    shown = SubmittedApplicationFactory(summary=AFANDI, show_on_heritage_pages=True)
    shown.show_on_heritage_pages = False
    shown.save()
    assert search(key=KEY, concepts=["afandi"]).count == 0
    again = SubmittedApplicationFactory(summary=AFANDI, show_on_heritage_pages=True)
    again.status = ApplicationStatus.WITHDRAWN
    again.save()
    assert search(key=KEY, concepts=["afandi"]).count == 0
    assert ApplicationIndex().cards([shown.pk, again.pk]) == []


def test_the_applicant_opts_in_on_the_form_and_takes_it_back(client, db):
    application = SubmittedApplicationFactory(title="Afandi's Donkey", summary=AFANDI)
    owner = UserFactory()
    Membership.objects.create(organisation=application.organisation, user=owner, role=Role.OWNER)
    client.force_login(owner)
    url = reverse("programs:application_edit", args=[application.pk])
    page = client.get(url).content.decode()
    assert 'name="show_on_heritage_pages"' in page
    data = form_data(application, then="save", show_on_heritage_pages="on")
    assert client.post(url, data).status_code == 302
    assert search(key=KEY, concepts=["afandi"]).ids == [application.pk]
    data.pop("show_on_heritage_pages")
    assert client.post(url, data).status_code == 302
    assert search(key=KEY, concepts=["afandi"]).count == 0


def test_the_applicant_opts_in_through_the_api(client, db):
    application = SubmittedApplicationFactory(summary=AFANDI)
    owner = UserFactory()
    Membership.objects.create(organisation=application.organisation, user=owner, role=Role.OWNER)
    client.force_login(owner)
    url = f"/api/v1/programmes/applications/{application.pk}"
    assert client.get(url).json()["show_on_heritage_pages"] is False
    response = client.patch(url, {"show_on_heritage_pages": True}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["show_on_heritage_pages"] is True
    assert search(key=KEY, concepts=["afandi"]).ids == [application.pk]
    outsider = UserFactory()
    client.force_login(outsider)
    response = client.patch(url, {"show_on_heritage_pages": False}, content_type="application/json")
    assert response.status_code == 404
    assert search(key=KEY, concepts=["afandi"]).ids == [application.pk]
