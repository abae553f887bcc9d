"""Meeting days in the browser (issue 11): a Russian producer and an Uzbek studio register for an
upcoming B2B day in Tashkent; the producer asks for a meeting and the studio accepts, leaving the
time to the scheduler; staff run the scheduler and publish the agenda; each side reads the agenda
in the event's time and their own, and downloads an .ics whose time is the slot's. Screenshots in
ru, uz and en, phone and laptop."""

from datetime import time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from icalendar import Calendar

from bridge.accounts.models import Membership, Organisation, Role, User, Verification
from bridge.partnering.models import JointProject, Meeting, MeetingRequest, Registration
from bridge.partnering.services import events as event_services
from e2e import second_factor

PASSWORD = "Afandi-Latifalari-2026!"
LANGUAGES = ("ru", "uz", "en")


def _person(email, name, language, zone, group=None):
    user = User.objects.create_user(
        email=email, password=PASSWORD, full_name=name, language=language, timezone=zone,
        email_confirmed_at=timezone.now(), is_staff=bool(group),
    )  # fmt: skip
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def _organisation(name, slug, country, owner):
    organisation = Organisation.objects.create(
        name=name, slug=slug, country=country, verification=Verification.VERIFIED
    )
    Membership.objects.create(organisation=organisation, user=owner, role=Role.OWNER)
    return organisation


def _login(browser, live_server, email):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
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


def _setup():
    ru_owner = _person("m.lebedeva@teplysvet.example", "Мария Лебедева", "ru", "Europe/Moscow")
    uz_owner = _person("n.hasanova@motion.example", "Nilufar Hasanova", "uz", "Asia/Tashkent")
    moderator = _person("moderator@agency.example", "Ирина Морозова", "ru", "", "moderator")
    _organisation("Тёплый свет", "teply-svet", "RU", ru_owner)
    _organisation("Toshkent Motion", "toshkent-motion", "UZ", uz_owner)
    now = timezone.now()
    event = event_services.event_create(
        actor=moderator,
        slug="tashkent-b2b",
        name_ru="Деловые встречи в Ташкенте",
        name_uz="Toshkentdagi biznes uchrashuvlar",
        name_en="B2B meetings in Tashkent",
        venue="IT Park, Tashkent",
        time_zone="Asia/Tashkent",
        first_day=(now + timedelta(days=20)).date(),
        days=1,
        slot_minutes=30,
        day_start=time(10, 0),
        day_end=time(12, 0),
        breaks=[],
        tables=5,
        registration_opens=now - timedelta(days=1),
        registration_closes=now + timedelta(days=15),
    )
    event_services.event_publish(actor=moderator, event=event)
    return ru_owner, uz_owner, moderator, event


def _ics_start(page, url):
    with page.expect_download() as download:
        page.evaluate("url => { const a = document.createElement('a'); a.href = url; a.download = ''; document.body.append(a); a.click(); }", url)  # fmt: skip
    content = Path(download.value.path()).read_bytes()
    entries = [c for c in Calendar.from_ical(content).walk() if c.name == "VEVENT"]
    assert len(entries) == 1
    return entries[0].decoded("dtstart")


@pytest.mark.django_db(transaction=True)
def test_register_request_accept_schedule_publish_and_download(browser, live_server, screenshot):
    ru_owner, uz_owner, moderator, event = _setup()
    base = f"{live_server.url}/partnering/events/{event.slug}/"

    # 1. Both register from the event page.
    ru = _login(browser, live_server, ru_owner.email)
    ru.goto(base)
    ru.locator("form[action$='/register/'] button").click()
    ru.wait_for_load_state()
    uz = _login(browser, live_server, uz_owner.email)
    uz.goto(base)
    uz.locator("form[action$='/register/'] button").click()
    uz.wait_for_load_state()
    assert Registration.objects.filter(event=event).count() == 2

    # 2. The producer asks the studio for a meeting.
    ru.goto(base)
    form = ru.locator("form[action$='/request/']", has_text="Toshkent Motion")
    form.locator("textarea[name=message]").fill("Здравствуйте! Обсудим сериал об Афанди?")
    form.locator("button").click()
    ru.wait_for_load_state()
    request = MeetingRequest.objects.get()

    # 3. The studio accepts and leaves the time to the scheduler.
    uz.goto(base)
    assert "Обсудим сериал об Афанди" in uz.locator("main").inner_text()
    uz.locator("button[name=answer][value=accept]").click()
    uz.wait_for_load_state()
    request.refresh_from_db()
    assert request.status == "accepted" and Meeting.objects.get().slot is None

    # 4. Staff run the scheduler, then publish the agenda.
    staff = _login(browser, live_server, moderator.email)
    staff.goto(base + "staff/")
    staff.locator("button[name=action][value=schedule]").click()
    staff.wait_for_load_state()
    staff.locator("button[name=action][value=publish]").click()
    staff.wait_for_load_state()
    meeting = Meeting.objects.select_related("slot").get()
    assert meeting.published and meeting.slot is not None

    # 5. Each reads the agenda in both zones and downloads an .ics at the slot's instant.
    ru.goto(base + "agenda/")
    text = ru.locator("main").inner_text()
    assert "Tashkent UTC+5" in text and "Moscow UTC+3" in text
    local = meeting.slot.starts_at.astimezone(event.zone).strftime("%H:%M")
    moscow = meeting.slot.starts_at.astimezone(ZoneInfo("Europe/Moscow")).strftime("%H:%M")
    assert local in text and moscow in text
    for page in (ru, uz):
        start = _ics_start(page, f"{base}meetings/{meeting.pk}.ics")
        assert start == meeting.slot.starts_at

    # 6. On the day staff mark the meeting held; the producer turns it into a joint project
    #    with both sides already filled in.
    staff.goto(base + "staff/")
    staff.locator(f"form:has(input[name=pk][value='{meeting.pk}']) button[value=held]").click()
    staff.wait_for_load_state()
    meeting.refresh_from_db()
    assert meeting.status == "held"
    ru.goto(base + "agenda/")
    ru.locator(f"a[href$='?meeting={meeting.pk}']").click()
    ru.wait_for_load_state()
    ru.fill("input[name=title]", "Афанди: анимационный сериал")
    ru.fill("textarea[name=description_ru]", "Сериал по сказкам о Насреддине Афанди.")
    ru.locator("main form button[type=submit]").last.click()
    ru.wait_for_load_state()
    project = JointProject.objects.get()
    assert project.meeting_id == meeting.pk
    ru.goto(base + "agenda/")
    assert ru.locator(f"a[href='{project.get_absolute_url()}']").count() == 1

    # 7. Screenshots, phone and laptop, in each language.
    ru_state, staff_state = ru.context.storage_state(), staff.context.storage_state()
    for language in LANGUAGES:
        User.objects.filter(pk__in=[ru_owner.pk, moderator.pk]).update(language=language)
        screenshot("/partnering/events/", "meetings-list", language=language)
        screenshot(
            f"/partnering/events/{event.slug}/",
            "meetings-event",
            language=language,
            storage_state=ru_state,
        )
        screenshot(
            f"/partnering/events/{event.slug}/agenda/",
            "meetings-agenda",
            language=language,
            storage_state=ru_state,
        )
        screenshot(
            f"/partnering/events/{event.slug}/staff/",
            "meetings-staff",
            language=language,
            storage_state=staff_state,
        )
