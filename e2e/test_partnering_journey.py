"""Partnering in the browser (issue 10): a Russian studio drafts a co-production request in
Russian and sends it for validation; staff validate it from the queue; the Uzbek studio finds it
among its Uzbek offer's matches and expresses interest; the Russian owner accepts and the
contacts appear on both sides. Screenshots of the pages in ru, uz, uz-Cyrl and en, phone and
laptop."""

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from bridge.accounts.models import Membership, Organisation, Role, User, Verification
from bridge.partnering.models import Interest, Listing, PartnerProfile
from bridge.partnering.services import listings as services
from bridge.partnering.vocabulary import InterestStatus, Status
from e2e import second_factor

PASSWORD = "Afandi-Latifalari-2026!"
LANGUAGES = ("ru", "uz", "uz-cyrl", "en")


def _person(email, name, language, group=None):
    user = User.objects.create_user(
        email=email, password=PASSWORD, full_name=name, language=language,
        email_confirmed_at=timezone.now(), is_staff=bool(group),
    )  # fmt: skip
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def _organisation(name, slug, country, owner, **extra):
    organisation = Organisation.objects.create(
        name=name, slug=slug, country=country, verification=Verification.VERIFIED, **extra
    )
    Membership.objects.create(organisation=organisation, user=owner, role=Role.OWNER)
    PartnerProfile.objects.create(organisation=organisation, kind="studio", size="10-49")
    return organisation


def _setup():
    ru_owner = _person("m.lebedeva@teplysvet.example", "Мария Лебедева", "ru")
    uz_owner = _person("n.hasanova@motion.example", "Nilufar Hasanova", "uz")
    moderator = _person("moderator@agency.example", "Ирина Морозова", "ru", group="moderator")
    _organisation("Тёплый свет", "teply-svet", "RU", ru_owner)
    uz_org = _organisation(
        "Toshkent Motion", "toshkent-motion", "UZ", uz_owner,
        legal_form="uz-mchj", registration_number="306517238",
    )  # fmt: skip
    offer = services.listing_create(
        actor=uz_owner,
        organisation=uz_org,
        kind="offer",
        type="co-production",
        sectors=["animation"],
        language="uz",
        title="Nasriddin Afandi latifalari asosida 2D animatsion serial",
        summary="Toshkentdagi studiyamiz Afandi haqidagi bolalar serialini milliy naqsh va "
        "liboslar bilan birgalikda ishlab chiqarishni taklif qiladi.",
        heritage=["afandi"],
    )
    services.listing_submit(actor=uz_owner, listing=offer)
    services.listing_validate(actor=moderator, listing=offer, decision="publish")
    return ru_owner, uz_owner, moderator, offer


def _login(browser, live_server, email):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    device = second_factor.prepare(email)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    second_factor.pass_it(page, device)
    return page


@pytest.mark.django_db(transaction=True)
def test_request_validated_matched_interest_accepted(browser, live_server, mailbox, screenshot):
    ru_owner, uz_owner, moderator, offer = _setup()

    # 1. The Russian studio drafts a co-production request in Russian and sends it.
    page = _login(browser, live_server, ru_owner.email)
    page.goto(f"{live_server.url}/partnering/new/")
    assert page.locator("html").get_attribute("lang") == "ru"
    page.check("input[name=kind][value=request]")
    page.select_option("select[name=type]", "co-production")
    assert page.locator("#staged-fields").is_visible()
    page.check("input[name=sectors][value=animation]")
    page.fill("input[name=title]", "Ищем сопродюсера анимационного сериала о Ходже Насреддине")
    page.fill(
        "textarea[name=summary]",
        "Московская студия готовит сериал по сказкам о Насреддине и ищет студию в "
        "Узбекистане: фоны с узбекским орнаментом, костюмы, озвучание.",
    )
    page.fill("input[name=keyword_q]", "анимац")
    page.locator("#keyword-suggestions input[value=animated-series]").check()
    page.check("input[name=heritage][value=afandi]")
    page.select_option("select[name=countries_sought]", "UZ")
    page.select_option("select[name=stage]", "development")
    page.locator("form.listing-form button[type=submit]").click()
    page.wait_for_load_state()
    request = Listing.objects.get(organisation__slug="teply-svet")
    assert request.status == Status.DRAFT
    assert request.keywords == ["animated-series"] and request.heritage == ["afandi"]
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_load_state()
    request.refresh_from_db()
    assert request.status == Status.PENDING

    # 2. Staff validate it from the queue.
    staff = _login(browser, live_server, moderator.email)
    staff.goto(f"{live_server.url}/partnering/staff/queue/")
    staff.check(f"input[name=listing][value='{request.pk}']")
    staff.select_option("select[name=decision]", "publish")
    staff.locator("form button[type=submit]", has_text="Применить").click()
    staff.wait_for_load_state()
    request.refresh_from_db()
    assert request.status == Status.PUBLISHED

    # 3. The Uzbek studio finds it among its offer's matches and expresses interest.
    uz = _login(browser, live_server, uz_owner.email)
    uz.goto(f"{live_server.url}/partnering/{offer.pk}/matches/")
    card = uz.locator(".match-card", has_text="Ходже Насреддине")
    assert "Nasriddin Afandi" in card.locator(".match-reasons").inner_text()
    card.locator("a", has_text="Qiziqish bildirish").click()
    uz.wait_for_load_state()
    uz.fill("textarea[name=message]", "Assalomu alaykum! Loyihangiz bizni juda qiziqtirdi.")
    uz.fill(
        "textarea[name=brings]",
        "25 nafar rassom va animator, Afandi serialini tayyorlash tajribasi.",
    )
    uz.fill("textarea[name=expects]", "Birgalikda moliyalashtirish va Rossiyada prokat.")
    uz.fill("textarea[name=timing]", "Martdan boshlab, 12 oy.")
    uz.locator("main form button[type=submit]").click()
    uz.wait_for_load_state()
    assert Interest.objects.filter(listing=request).exists(), uz.locator("main").inner_text()[:1500]
    interest = Interest.objects.get(listing=request)
    assert interest.status == InterestStatus.SENT
    assert ru_owner.email not in uz.content()

    # 4. The Russian owner accepts; the contacts appear both ways.
    page.goto(f"{live_server.url}/partnering/interests/{interest.pk}/")
    page.locator("button[name=action][value=accept]").click()
    page.wait_for_load_state()
    assert uz_owner.email in page.locator("#contacts").inner_text()
    uz.goto(f"{live_server.url}/partnering/interests/{interest.pk}/")
    assert ru_owner.email in uz.locator("#contacts").inner_text()
    assert any(uz_owner.email in mail and "qabul qilindi" in mail for mail in mailbox()), (
        "the Uzbek studio is told in Uzbek"
    )

    # 5. Screenshots in every language, phone and laptop.
    owner_state = page.context.storage_state()
    uz_state = uz.context.storage_state()
    for language in LANGUAGES:
        # A signed-in person's own language wins over the cookie: switch theirs for each round.
        User.objects.filter(pk__in=[ru_owner.pk, uz_owner.pk]).update(language=language)
        screenshot("/partnering/", "partnering-browse", language=language)
        screenshot(f"/partnering/{request.pk}/", "partnering-listing", language=language)
        screenshot(
            f"/partnering/{offer.pk}/matches/",
            "partnering-matches",
            language=language,
            storage_state=uz_state,
        )
        screenshot(
            f"/partnering/interests/{interest.pk}/",
            "partnering-interest",
            language=language,
            storage_state=owner_state,
        )
        screenshot(
            "/partnering/new/", "partnering-form", language=language, storage_state=owner_state
        )
