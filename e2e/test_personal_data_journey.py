"""A person takes their data out and then leaves, in the browser, in Russian, Uzbek and English
(issue 16): from the profile to the data page, the JSON download, a wrong password refused at its
field, the account deleted, and the organisation's records kept without the person.
Screenshots: var/screenshots/personal-data-*, account-delete-*."""

import json
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext as _
from playwright.sync_api import expect

from bridge.accounts.models import Membership, User
from bridge.accounts.tests.factories import PASSWORD, MembershipFactory, UserFactory

PEOPLE = {
    "ru": ("Айгуль Сафина", "aigul@kinostudia.ru"),
    "uz": ("Aziza Karimova", "aziza@ipak-yoli.uz"),
    "en": ("Madina Rashidova", "madina@silkroad.example"),
}


def sign_in(page, url: str, email: str, password: str) -> None:
    page.goto(url + "/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("language", PEOPLE)
def test_a_person_downloads_their_data_and_deletes_the_account(
    browser, live_server, screenshot, language
):
    full_name, email = PEOPLE[language]
    person = UserFactory(email=email, full_name=full_name, language=language)
    membership = MembershipFactory(user=person)
    organisation = membership.organisation
    with translation.override(language):
        words = {
            text: _(text)
            for text in (
                "Your data: download or delete",
                "Download all of it as a JSON file",
                "Delete your account",
                "The password is not correct.",
                "Delete my account for ever",
                "Your account is deleted. Thank you for being with us.",
            )
        }
    if language != "en":  # the page must really speak the person's language
        assert words["Delete your account"] != "Delete your account"

    context = browser.new_context(viewport={"width": 390, "height": 844}, accept_downloads=True)
    page = context.new_page()
    sign_in(page, live_server.url, email, PASSWORD)
    storage = context.storage_state()
    screenshot("/accounts/data/", "personal-data", language=language, storage_state=storage)
    screenshot("/accounts/delete/", "account-delete", language=language, storage_state=storage)

    page.goto(live_server.url + "/accounts/profile/")
    page.get_by_role("link", name=words["Your data: download or delete"]).click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("main")).to_contain_text(full_name)

    with page.expect_download() as download:
        page.get_by_role("link", name=words["Download all of it as a JSON file"]).click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["profile"]["full_name"] == full_name
    assert data["profile"]["email"] == email
    assert [row["role"] for row in data["sections"]["memberships"]["rows"]] == ["member"]

    page.get_by_role("link", name=words["Delete your account"]).click()
    page.fill("input[name=password]", "not-my-password")
    page.get_by_role("button", name=words["Delete my account for ever"]).click()
    # Refused at the field, in the person's language, and nothing is gone.
    field = page.locator("input[name=password]")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("main form")).to_contain_text(words["The password is not correct."])
    assert User.objects.filter(email=email).exists()

    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name=words["Delete my account for ever"]).click()
    expect(page.locator("body")).to_contain_text(
        words["Your account is deleted. Thank you for being with us."]
    )
    assert not User.objects.filter(email=email).exists()
    assert not Membership.objects.filter(organisation=organisation, user__full_name=full_name)

    # The old password opens nothing: the sign-in page is shown again.
    sign_in(page, live_server.url, email, PASSWORD)
    expect(page).to_have_url(live_server.url + "/accounts/login/")
    context.close()
