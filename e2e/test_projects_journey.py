"""Joint projects in the browser (issue 11, point 6): after the Tashkent B2B day, the Uzbek
studio whose interest the Russian studio accepted creates a joint project from it; offering it
for publication before the Russian side confirmed is refused with the reason; the Russian owner
confirms and agrees; once both agree, anyone finds it in the registry. Screenshots of the project
page in ru, uz, uz-Cyrl and en, phone and laptop."""

import pytest

from bridge.partnering.models import JointProject
from bridge.partnering.services import interest as interests
from bridge.partnering.services import listings
from e2e.test_partnering_journey import _login, _setup


def _accepted_interest(ru_owner, uz_owner, offer):
    """The Russian studio's interest in the Uzbek offer, accepted by the Uzbek owner."""
    ru_org = ru_owner.organisations.get()
    offer = listings.listing_update(actor=uz_owner, listing=offer, open_for_interest=True)
    interest = interests.interest_send(
        actor=ru_owner,
        listing=offer,
        organisation=ru_org,
        message="Давайте сделаем сериал вместе.",
        brings="Сценарии и анимация.",
        expects="Фоны и озвучание на узбекском.",
        timing="С марта.",
    )
    return interests.interest_accept(actor=uz_owner, interest=interest)


@pytest.mark.django_db(transaction=True)
def test_the_pair_creates_and_publishes_a_joint_project(browser, live_server, screenshot):
    ru_owner, uz_owner, _moderator, offer = _setup()
    interest = _accepted_interest(ru_owner, uz_owner, offer)

    # 1. The Uzbek owner starts the project from the accepted interest, in Uzbek.
    uz = _login(browser, live_server, uz_owner.email)
    uz.goto(f"{live_server.url}/partnering/interests/{interest.pk}/")
    uz.locator(f"a[href='/partnering/projects/from-interest/{interest.pk}/']").click()
    uz.wait_for_load_state()
    assert uz.input_value("input[name=title]") == offer.title
    uz.fill("textarea[name=description_ru]", "Сериал по сказкам о Насреддине Афанди.")
    uz.locator("form.listing-form button[type=submit]").click()
    uz.wait_for_load_state()
    project = JointProject.objects.get(interest=interest)
    assert uz.url.endswith(project.get_absolute_url())

    # 2. Offered for publication before the Russian side confirmed: refused, with the reason.
    uz.locator("button[name=action][value=consent]").click()
    uz.wait_for_load_state()
    assert "Тёплый свет" in uz.locator(".alert, .messages").first.inner_text()
    project.refresh_from_db()
    assert not project.is_public

    # 3. The Russian owner confirms the studio's part and agrees; then the Uzbek side agrees.
    ru = _login(browser, live_server, ru_owner.email)
    ru.goto(live_server.url + project.get_absolute_url())
    ru.locator("button[name=action][value=confirm]").click()
    ru.wait_for_load_state()
    ru.locator("button[name=action][value=consent]").click()
    ru.wait_for_load_state()
    uz.reload()
    uz.locator("button[name=action][value=consent]").click()
    uz.wait_for_load_state()
    project.refresh_from_db()
    assert project.is_public

    # 4. Anyone finds it in the registry, in Russian words for an Uzbek-titled project.
    anonymous = browser.new_page()
    anonymous.goto(f"{live_server.url}/partnering/projects/?q=Насреддин")
    assert offer.title in anonymous.locator("#results").inner_text()
    anonymous.close()
    for language in ("ru", "uz", "uz-cyrl", "en"):
        screenshot(project.get_absolute_url(), "joint-project", language=language)
