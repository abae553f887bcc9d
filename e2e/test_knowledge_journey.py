"""Exchange of experience in the browser (issue 12).

An Uzbek reader searches the practice library for «ko-prodyuserlik» and finds the Russian guide
on co-producing animation, in its Uzbek version; registers for a full webinar, lands on the
waitlist and moves up when a registrant cancels (and is told by e-mail); opens the heritage page
"Abr (ikat)", which shows the ikat silks of Margilan and a partner's listing.

The listing is partnering's own, found through the index partnering registers with the engine,
which is all the heritage page knows about any app. Screenshots of the library, a practice, the calendar, an
event and the heritage pages, as a phone and a laptop, in ru, uz, uz-cyrl and en."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bridge.accounts.models import Role, User
from bridge.knowledge.models import EventStatus, RegistrationStatus, ThemePage
from bridge.knowledge.services import events, practices, review
from bridge.materials.tests import factories_catalog as fc
from bridge.partnering.services import listings
from e2e.test_materials_journey import PASSWORD, _login, _organisation, _person, _reference_data

LANGUAGES = ("ru", "uz", "uz-cyrl", "en")


@pytest.fixture
def listing():
    """An Uzbek workshop's published offer on abr weaving, through partnering's services: its
    index puts it on the heritage page like any registered app's."""
    owner = _person("d.yusupova@atlas-lab.example", "Dilnoza Yusupova", "uz")
    workshop = _organisation("Atlas Lab", "atlas-lab", "UZ", owner, Role.OWNER)
    offer = listings.listing_create(
        actor=owner, organisation=workshop, kind="offer", type="supply", sectors=["fashion"],
        language="en", title="Offer: hand-woven adras for a film's costumes",
        summary="Our Margilan workshop weaves adras and khan atlas in the abr technique.",
        heritage=["ikat"],
    )  # fmt: skip
    return listings.listing_publish_direct(actor=None, listing=offer)


def _world():
    _reference_data()
    moderator = _person("moderator@agency.example", "Ирина Морозова", "ru", group="moderator")
    manager = _person(
        "manager@agency.example", "Shahnoza Qodirova", "uz", group="programme manager"
    )
    author = _person("m.lebedeva@teply-svet.example", "Мария Лебедева", "ru")
    studio = _organisation("Тёплый свет", "teply-svet", "RU", author, Role.OWNER)
    reader = _person("a.karimov@samarqand-pixel.example", "Aziz Karimov", "uz")
    other = _person("t.ahmedov@sirin.example", "Тимур Ахмедов", "ru")
    reader.timezone, other.timezone = "Asia/Tashkent", "Europe/Moscow"
    reader.save(), other.save()

    guide = practices.practice_create(
        actor=author, organisation=studio, kind="guide", language="ru",
        title="Копродукция анимации между Россией и Узбекистаном: права и финансирование",
        summary="Как мы делили права, бюджет и работу над сериалом с ташкентской студией.",
        body="## Права\n\nПо вкладу: 60 % и 40 %.\n\n## Финансирование\n\nСубсидии двух стран.",
        keywords=["co-production"], themes=["alpamysh"], sectors=[],
    )  # fmt: skip
    practices.entry_create(
        actor=author, practice=guide, language="uz",
        title="Rossiya va Oʻzbekiston oʻrtasida animatsiya ko-prodyuserligi: huquqlar va moliyalashtirish",
        summary="Toshkent studiyasi bilan huquqlar va byudjetni qanday taqsimladik.",
        body="## Huquqlar\n\nHissaga qarab: 60 % va 40 %.",
    )  # fmt: skip
    for entry in guide.entries.all():
        review.entry_submit(actor=author, entry=entry)
        review.entry_publish(actor=moderator, entry=entry)

    start = (timezone.now() + timedelta(days=5)).replace(minute=0, second=0, microsecond=0)
    webinar = events.event_save(
        actor=manager, kind="webinar", language="uz", timezone="Asia/Tashkent",
        title_uz="Vebinar: oʻyinlarni eksport qilish", title_ru="Вебинар: экспорт игр",
        title_en="Webinar: exporting games", description_uz="Noshirlar va toʻlovlar haqida.",
        starts_at=start, ends_at=start + timedelta(hours=1), online=True,
        join_url="https://meet.example/export", capacity=1,
    )  # fmt: skip
    webinar = events.event_publish(actor=manager, event=webinar)
    events.registration_create(actor=other, event=webinar)

    workshop = fc.supplier("margilon-atlas", "Margʻilon Atlas", country="UZ")
    fc.material(
        supplier=workshop, language="uz", origin_country="UZ", category="ikat",
        sku="MA-XA-01", name="Xon atlas «Tovus pati»", techniques=["abr"],
        description="Klassik Margʻilon xon atlasi, abr usulida boʻyalgan.",
        price=Decimal("250000"), currency="UZS", moq=Decimal(5), lead_time_days=14,
    )  # fmt: skip
    fc.reindex()
    ThemePage.objects.create(
        concept_id="ikat", title_ru="Абр (икат)", title_uz="Abr (ikat)", title_en="Abr (ikat)",
        text_uz="Abr — «bulut»: oʻzbek ikati.", text_ru="Абр — «облако»: узбекский икат.",
        text_en="Abr means “cloud”: Uzbek ikat.",
    )  # fmt: skip
    return {"reader": reader, "other": other, "guide": guide, "webinar": webinar}


def _shoot(screenshot, user, path, name, storage):
    for language in LANGUAGES:
        User.objects.filter(pk=user.pk).update(language=language)
        screenshot(path, name, language=language, storage_state=storage)
    User.objects.filter(pk=user.pk).update(language=user.language)


@pytest.mark.django_db(transaction=True)
def test_an_uzbek_reader_finds_a_russian_guide_waits_for_a_place_and_reads_about_abr(
    browser, live_server, mailbox, screenshot, listing
):
    world = _world()
    reader, guide, webinar = world["reader"], world["guide"], world["webinar"]
    page = _login(browser, live_server, reader.email)

    # 1. «ko-prodyuserlik» in the library: the Russian guide, once, in its Uzbek version.
    page.goto(live_server.url + "/knowledge/")
    assert page.locator("html").get_attribute("lang") == "uz"
    page.fill("#id_q", "ko-prodyuserlik")
    page.press("#id_q", "Enter")
    cards = page.locator("#results .kn-card")
    expect(cards).to_have_count(1)
    expect(cards.first.locator("h2")).to_contain_text("animatsiya ko-prodyuserligi")
    expect(cards.first.locator(".kn-lang")).to_have_count(2)  # ru and uz
    cards.first.locator("h2 a").click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_contain_text("Rossiya va Oʻzbekiston oʻrtasida")
    assert page.locator("article").get_attribute("lang") == "uz"
    page.locator("a[hreflang=ru]").click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_contain_text("Копродукция анимации")
    storage = page.context.storage_state()

    # 2. The webinar is full: the reader joins the waitlist, first in line.
    page.goto(live_server.url + webinar.get_absolute_url())
    expect(page.locator(".kn-when")).to_contain_text("Toshkent")
    page.locator(f"form[action$='/{webinar.slug}/register/'] button").click()
    page.wait_for_load_state()
    expect(page.locator("#registration-status")).to_contain_text("1")
    assert webinar.registrations.get(user=reader).status == RegistrationStatus.WAITLISTED

    # 3. The other registrant cancels in their own browser; the reader moves up and is told.
    other_page = _login(browser, live_server, world["other"].email)
    other_page.goto(live_server.url + webinar.get_absolute_url())
    other_page.locator(f"form[action$='/{webinar.slug}/cancel/'] button").click()
    other_page.wait_for_load_state()
    page.reload()
    expect(page.locator("#registration-status")).to_have_class("kn-seat kn-seat-ok")
    expect(page.locator("a[href='https://meet.example/export']")).to_be_visible()
    assert any(reader.email in mail and "https://meet.example/export" in mail for mail in mailbox())

    # 4. The heritage page "Abr (ikat)": the Margilan silk and a partner's listing.
    page.goto(live_server.url + "/knowledge/heritage/")
    page.locator("a:has-text('Abr (ikat)')").first.click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text("Abr (ikat)")
    expect(page.locator("#group-materials")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Xon atlas «Tovus pati»")
    expect(page.locator("#group-partnering")).to_be_visible()
    expect(page.locator("main")).to_contain_text("hand-woven adras")

    # Screenshots, every language, phone and laptop.
    assert webinar.status == EventStatus.PUBLISHED and PASSWORD
    for path, name in (
        ("/knowledge/?q=ko-prodyuserlik", "knowledge-search"),
        (guide.get_absolute_url(), "knowledge-practice"),
        ("/knowledge/events/", "knowledge-calendar"),
        (webinar.get_absolute_url(), "knowledge-event"),
        ("/knowledge/heritage/", "knowledge-themes"),
        ("/knowledge/heritage/ikat/", "knowledge-theme-abr"),
    ):
        _shoot(screenshot, reader, path, name, storage)
