"""A person's own data: the page, the JSON download, the privacy page (issue 16, item 8)."""

import json

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from bridge.accounts.models import Role
from bridge.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from bridge.core.audit import audit_log
from bridge.materials.models import SampleRequest
from bridge.programs.tests.factories import ApplicationFactory, ReviewerFactory, ScoreFactory
from bridge.site.selectors.personal_data import (
    USER_FIELDS_COVERED,
    USER_FIELDS_LEFT_OUT,
    personal_data,
)

pytestmark = pytest.mark.integration


def give_a_lot(person, n: int) -> None:
    for i in range(n):
        organisation = OrganisationFactory()
        MembershipFactory(organisation=organisation, user=person, role=Role.MEMBER)
        ApplicationFactory(created_by=person, organisation=organisation, title=f"Caravan {i}")
        SampleRequest.objects.create(
            requester=person, organisation=organisation, supplier=OrganisationFactory(),
            purpose=f"Capsule {i}", delivery_address="Tashkent, Amir Temur 1",
        )  # fmt: skip
        ScoreFactory(review__assignment__reviewer__user=person, value=4)
        audit_log(actor=person, action="test.done", target=organisation)


def test_every_foreign_key_to_the_user_is_exported_or_explained():
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    found = {
        (model._meta.label, f.name)
        for model in apps.get_models(include_auto_created=True)
        for f in model._meta.get_fields(include_hidden=True)
        if f.is_relation and not f.auto_created and f.related_model is user_model
    }
    missing = found - USER_FIELDS_COVERED - set(USER_FIELDS_LEFT_OUT)
    assert not missing, f"add these to SECTIONS or USER_FIELDS_LEFT_OUT: {sorted(missing)}"
    assert all(USER_FIELDS_LEFT_OUT.values())


def test_download_holds_what_the_person_made_and_no_secret(client, db):
    person = UserFactory(full_name="Aziza Karimova")
    give_a_lot(person, 1)
    client.force_login(person)
    client.post(reverse("accounts:tokens"), {"name": "laptop", "days": 30, "scope": "read"})
    response = client.get(reverse("site:personal_data_json"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["profile"]["full_name"] == "Aziza Karimova"
    sections = data["sections"]
    assert sections["memberships"]["rows"][0]["role"] == "member"
    assert sections["applications"]["rows"][0]["title"] == "Caravan 0"
    assert sections["sample_requests"]["rows"][0]["purpose"] == "Capsule 0"
    assert sections["scores"]["rows"][0]["value"] == 4
    assert sections["audit_entries"]["rows"][0]["action"] == "test.done"
    token = sections["api_tokens"]["rows"][0]
    assert token["name"] == "laptop" and token["prefix"].startswith("cb_")
    text = response.content.decode()
    assert "key_hash" not in text and "pbkdf2" not in text and '"token"' not in text


def test_a_reviewer_sees_their_scores_but_not_a_blind_applicant(client, db):
    person = UserFactory()
    score = ScoreFactory(review__assignment__reviewer__user=person, value=5)
    applicant = score.review.assignment.application.organisation
    data = personal_data(user=person)
    assert data["sections"]["reviews"]["rows"][0]["comment"] == "Promising."
    assert applicant.name not in json.dumps(data, default=str)


def test_the_page_shows_the_data_and_links_to_the_profile(client, db):
    person = UserFactory()
    give_a_lot(person, 1)
    client.force_login(person)
    page = client.get(reverse("site:personal_data")).content.decode()
    assert "Caravan 0" in page and "Capsule 0" in page
    assert reverse("accounts:profile") in page
    assert reverse("site:account_delete") in page


def test_the_profile_is_labelled_in_the_readers_language(client, db):
    person = UserFactory(full_name="Aziza Karimova", language="ru")
    client.force_login(person)
    page = client.get(reverse("site:personal_data")).content.decode()
    assert "Полное имя" in page
    assert "Aziza Karimova" in page


def test_every_column_is_labelled_in_russian(db):
    # Django makes English labels ("created at") from field names; a Russian page must not
    # show them. The row number "ID" is the only Latin a column may carry.
    person = UserFactory(language="ru")
    with translation.override("ru"):
        sections = personal_data(user=person)["sections"]
    english = {
        (key, name): label
        for key, section in sections.items()
        for name, label in section["columns"].items()
        if (words := label.replace("(ID)", "").replace("ID", "").strip()) and words.isascii()
    }
    assert english == {}


def test_the_page_reads_as_a_person_reads(client, db):
    person = UserFactory(language="ru")
    MembershipFactory(user=person, organisation=OrganisationFactory(name="Ipak Yoʻli"))
    client.force_login(person)
    page = client.get(reverse("site:personal_data")).content.decode()
    memberships = page[page.index('id="data-memberships"') :]
    memberships = memberships[: memberships.index("</section>")]
    # The organisation by name beside its number, the role by its label, the date as a date.
    assert "Организация (ID)" in memberships and ">Организация<" in memberships
    assert "Ipak Yoʻli" in memberships
    with translation.override("ru"):
        assert f">{Role.MEMBER.label}<" in memberships
    assert ">member<" not in memberships and "+00:00" not in memberships
    assert "Organisation" not in memberships and "joined at" not in memberships


def test_the_uzbek_page_has_no_russian_fallback(client, db):
    # Django falls back to the default language (Russian) for a label our catalog lacks.
    person = UserFactory(language="uz")
    client.force_login(person)
    page = client.get(reverse("site:personal_data")).content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    assert "superfoydalanuvchi maqomi" in main.lower()
    assert not any("а" <= letter <= "я" for letter in main.lower())


def test_another_persons_data_is_not_in_the_download(client, db):
    person, other = UserFactory(), UserFactory(full_name="Someone Else")
    give_a_lot(other, 1)
    client.force_login(person)
    text = client.get(reverse("site:personal_data_json")).content.decode()
    assert "Someone Else" not in text and "Caravan 0" not in text


def test_query_count_does_not_grow_with_what_the_person_has(db):
    small, large = UserFactory(), UserFactory()
    give_a_lot(small, 1)
    give_a_lot(large, 6)
    ReviewerFactory(user=large)
    with CaptureQueriesContext(connection) as few:
        personal_data(user=small)
    with CaptureQueriesContext(connection) as many:
        data = personal_data(user=large)
    assert len(data["sections"]["applications"]["rows"]) == 6
    assert len(many) == len(few)


@pytest.mark.parametrize("name", ["site:personal_data", "site:personal_data_json"])
def test_anonymous_is_sent_to_sign_in(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("language", ["ru", "uz", "en"])
def test_privacy_page_is_public_in_three_languages_and_in_the_footer(client, db, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("site:privacy"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "152" in page and "547" in page
    assert reverse("site:privacy") in client.get(reverse("site:home")).content.decode()
