"""A newcomer's first visit, in the browser: sign up, confirm, create an organisation, invite a
colleague, switch language. Then screenshots of the public pages in every language and size."""

import re

import pytest

from bridge.accounts.models import Organisation, User

PASSWORD = "Shoyi-Atlas-2026!"
LINK = re.compile(r"https?://\S+")


def _links(mail: str, fragment: str) -> list[str]:
    return [url for url in LINK.findall(mail) if fragment in url]


@pytest.mark.django_db(transaction=True)
def test_signup_to_invitation_and_language_switch(page, live_server, mailbox, screenshot):
    page.goto(live_server.url + "/")
    page.locator("header a[href^='/accounts/signup/']").first.click()

    page.fill("input[name=email]", "dilnoza@example.uz")
    page.fill("input[name=full_name]", "Dilnoza Karimova")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "dilnoza@example.uz" in page.content()

    confirm = _links(mailbox()[-1], "/accounts/confirm/")
    assert confirm, "the confirmation e-mail carries a link"
    page.goto(confirm[0])
    user = User.objects.get(email="dilnoza@example.uz")
    assert user.email_confirmed_at is not None
    if page.locator("input[name=password]").count():
        page.fill("input[name=username]", "dilnoza@example.uz")
        page.fill("input[name=password]", PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()

    page.goto(live_server.url + "/organisations/new/")
    page.fill("input[name=name]", "Shoyi Atlas Studio")
    page.select_option("select[name=country]", "UZ")
    page.wait_for_load_state("networkidle")
    page.select_option("select[name=legal_form]", index=1)
    page.fill("input[name=registration_number]", "305123456")
    page.locator("input[name=sectors][value=animation]").check()
    page.fill("textarea[name=description_en]", "Animated films on Uzbek fairy tales.")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()

    organisation = Organisation.objects.get(name="Shoyi Atlas Studio")
    assert page.url.rstrip("/").endswith(organisation.slug)
    assert page.get_by_role("heading", name="Shoyi Atlas Studio").is_visible()

    page.goto(live_server.url + f"/organisations/{organisation.slug}/members/")
    invite = page.locator("form:has(input[name=email])")
    invite.locator("input[name=email]").fill("aziz@example.uz")
    invite.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "aziz@example.uz" in page.content()
    assert _links(mailbox()[-1], "/organisations/invitations/"), "the invitation mail has a link"

    page.locator("form.lang-switch button[value=ru]").first.click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ru"
    user.refresh_from_db()
    assert user.language == "ru", "the choice is remembered for the person"
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "ru"

    for language in ("ru", "uz", "uz-cyrl", "en"):
        screenshot("/", "home", language=language)
        screenshot("/organisations/", "directory", language=language)
        screenshot(f"/organisations/{organisation.slug}/", "organisation", language=language)
