"""The Video Game Factory in the browser: an Uzbek studio sees that the Russia-only season is not
open to it and why, applies to the CIS season (the draft saves itself as it types), submits; an
expert scores it blind; staff decide and send; the studio sees the decision in Uzbek.
Screenshots of the call page and the application page in every language."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from bridge.accounts.models import Membership, Organisation, Role, User, Verification
from bridge.programs.models import (
    Application,
    ApplicationStatus,
    Criterion,
    Decision,
    DecisionStatus,
    Eligibility,
    Programme,
    Question,
    Review,
    Reviewer,
    ReviewerStatus,
    ScoreLevel,
    Stage,
)
from bridge.programs.models import Call as ProgrammeCall
from e2e import second_factor

PASSWORD = "Samarqand-Pixel-2026!"
LANGUAGES = ("ru", "uz", "uz-cyrl", "en")


def _person(email, name, language, tz="Asia/Tashkent", group=None):
    user = User.objects.create_user(
        email=email, password=PASSWORD, full_name=name, language=language, timezone=tz,
        email_confirmed_at=timezone.now(), is_staff=bool(group),
    )  # fmt: skip
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def _call(programme, slug, number, countries, **extra):
    now = timezone.now()
    call = ProgrammeCall.objects.create(
        programme=programme, slug=slug, is_published=True, timezone="Europe/Moscow",
        title_ru=f"Фабрика видеоигр — сезон {number}", title_uz=f"Videoo‘yinlar fabrikasi — {number}-mavsum",
        title_en=f"Video Game Factory — Season {number}",
        description_ru="Акселератор для игровых студий.", description_uz="O‘yin studiyalari uchun akselerator.",
        description_en="An accelerator for game studios.", support_en="Mentors, playtests, an investor pitch.",
        opens_at=now - timedelta(days=5), closes_at=now + timedelta(days=10), **extra,
    )  # fmt: skip
    Eligibility.objects.create(call=call, countries=countries, verified_required=True)
    Stage.objects.create(
        call=call, position=0, name_ru="Заявка", name_uz="Ariza", name_en="Application"
    )
    return call


def _setup():
    programme = Programme.objects.create(
        slug="video-game-factory", name_ru="Фабрика видеоигр", name_uz="Videoo‘yinlar fabrikasi",
        name_en="Video Game Factory",
    )  # fmt: skip
    russia_only = _call(programme, "vgf-season-6", 6, ["RU"])
    cis = _call(programme, "vgf-season-7", 7, ["RU", "UZ", "KZ"], blind_review=True)
    question = Question.objects.create(
        call=cis, kind="text", required=True, position=0,
        label_ru="Почему вам нужен акселератор?", label_uz="Nima uchun sizga akselerator kerak?",
        label_en="Why do you need the accelerator?",
    )  # fmt: skip
    for position, (ru, uz, en) in enumerate(
        [("Идея", "G‘oya", "Idea"), ("Команда", "Jamoa", "Team")]
    ):
        criterion = Criterion.objects.create(
            call=cis, position=position, name_ru=ru, name_uz=uz, name_en=en, weight=Decimal(1)
        )
        for value in range(1, 6):
            ScoreLevel.objects.create(
                criterion=criterion, value=value, description_en=f"Level {value}"
            )
    studio_owner = _person("j.abdullaev@sampixel.example", "Jasur Abdullayev", "uz")
    studio = Organisation.objects.create(
        name="Samarqand Pixel", slug="samarqand-pixel", country="UZ", legal_form="uz-mchj",
        registration_number="306284157", verification=Verification.VERIFIED,
    )  # fmt: skip
    Membership.objects.create(organisation=studio, user=studio_owner, role=Role.OWNER)
    expert = _person("expert@vgf.example", "Елена Журавлёва", "ru", "Europe/Moscow")
    Reviewer.objects.create(
        call=cis, user=expert, languages=["ru", "uz", "en"], status=ReviewerStatus.ACCEPTED,
        accepted_at=timezone.now(),
    )  # fmt: skip
    manager = _person("manager@vgf.example", "Shahnoza Qodirova", "uz", group="programme manager")
    return russia_only, cis, question, studio, studio_owner, expert, manager


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
def test_uzbek_studio_applies_and_gets_a_decision_in_uzbek(
    browser, live_server, mailbox, screenshot, tmp_path
):
    russia_only, cis, question, studio, owner, expert, manager = _setup()

    # 1. The Russia-only season says, before anything is filled, that the studio cannot apply.
    page = _login(browser, live_server, owner.email)
    page.goto(f"{live_server.url}/programmes/calls/{russia_only.slug}/")
    assert page.locator("html").get_attribute("lang") == "uz"
    row = page.locator(".eligibility-row", has_text="Samarqand Pixel")
    assert row.get_attribute("class").split()[-1] == "is-ineligible"
    assert row.locator(".reasons li").count() == 1
    assert row.locator("form").count() == 0, "no way to apply to a season not open to it"

    # 2. The CIS season is open to it: apply.
    page.goto(f"{live_server.url}/programmes/calls/{cis.slug}/")
    row = page.locator(".eligibility-row", has_text="Samarqand Pixel")
    assert "is-eligible" in row.get_attribute("class")
    row.locator("form button[type=submit]").click()
    page.wait_for_load_state()
    application = Application.objects.get(call=cis, organisation=studio)
    assert page.url.endswith(f"/programmes/applications/{application.pk}/edit/")

    # 3. The draft saves itself as one types.
    page.fill("input[name=title]", "Ipak yo‘li karvoni")
    page.locator("#autosave-status .autosave-ok").wait_for()
    application.refresh_from_db()
    assert application.title == "Ipak yo‘li karvoni"
    assert application.status == ApplicationStatus.DRAFT
    assert application.form_snapshot_at, "the page's script stamps each autosave"

    # 4. Fill in the rest, upload the deck, save the draft, check and submit.
    page.fill(
        "textarea[name=summary]", "Ipak yo‘lidagi karvon haqida o‘ylantiruvchi jumboq o‘yini."
    )
    page.select_option("select[name=genre]", "puzzle")
    page.select_option("select[name=engine]", "unity")
    page.select_option("select[name=project_stage]", "prototype")
    page.locator("input[name=platforms][value=mobile]").check()
    page.fill("input[name=budget]", "900000000")
    page.fill("input[name=amount_asked]", "300000000")
    page.fill("input[name='team-0-name']", "Jasur Abdullayev")
    page.fill("input[name='team-0-role']", "Prodyuser")
    page.fill(
        f"textarea[name=q-{question.pk}]",
        "Rossiya bozoriga chiqish va investorlar bilan tanishish.",
    )
    from bridge.programs.tests.factories import pdf_bytes

    deck = tmp_path / "Samarqand Pixel pitch.pdf"
    deck.write_bytes(pdf_bytes())
    page.set_input_files("input[name=pitch_deck]", str(deck))
    page.locator("button[name=then][value=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/programmes/applications/{application.pk}/submit/")
    missing = page.locator(".checklist")
    assert missing.count() == 0, f"nothing is missing: {missing.all_inner_texts()}"
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert "Samarqand" not in application.pitch_deck.name
    assert page.locator(".application-status.status-submitted").is_visible()
    assert any("Ipak yo‘li karvoni" in m for m in mailbox()), "a confirmation e-mail"

    storage = page.context.storage_state()
    for language in LANGUAGES:
        User.objects.filter(pk=owner.pk).update(language=language)
        screenshot(
            f"/programmes/calls/{russia_only.slug}/",
            "vgf-call-closed-to-uz",
            language=language,
            storage_state=storage,
        )
        screenshot(
            f"/programmes/calls/{cis.slug}/", "vgf-call", language=language, storage_state=storage
        )
        screenshot(
            f"/programmes/applications/{application.pk}/",
            "vgf-application",
            language=language,
            storage_state=storage,
        )
    User.objects.filter(pk=owner.pk).update(language="uz")

    # 5. An expert scores it blind: the studio's name appears nowhere on the review page.
    from bridge.programs.services.assignment import assignment_add

    assignment = assignment_add(
        actor=manager, reviewer=Reviewer.objects.get(call=cis, user=expert), application=application
    )
    reviewer_page = _login(browser, live_server, expert.email)
    # They find it from the menu: "My reviews" (shown to reviewers only), then the application.
    reviewer_page.goto(f"{live_server.url}/")
    reviewer_page.locator("header a[href$='/programmes/review/']").first.click()
    reviewer_page.locator(f"main a[href$='/review/applications/{application.pk}/']").first.click()
    reviewer_page.wait_for_load_state()
    content = reviewer_page.content()
    assert "Ipak yo‘li karvoni" in content
    assert "Samarqand Pixel" not in content and "Abdullayev" not in content
    for criterion in Criterion.objects.filter(call=cis):
        reviewer_page.locator(f"input[name=criterion-{criterion.pk}][value='4']").check()
    reviewer_page.locator("button[name=submit]").click()
    reviewer_page.wait_for_load_state()
    assert Review.objects.get(assignment=assignment).submitted_at is not None

    # 6. Staff rank, decide and send from the outbox.
    staff = _login(browser, live_server, manager.email)
    # From the call page's staff links: figures (with both exports), then the ranking.
    staff.goto(f"{live_server.url}/programmes/calls/{cis.slug}/")
    staff.locator(f"main a[href$='/calls/{cis.slug}/figures/']").first.click()
    staff.wait_for_load_state()
    for fmt in ("csv", "xlsx"):
        assert staff.locator(f"main a[href$='/calls/{cis.slug}/export.{fmt}']").count() == 1
    staff.locator(f"main a[href$='/staff/calls/{cis.slug}/ranking/']").first.click()
    staff.wait_for_load_state()
    decide = staff.locator(f"form[action$='/applications/{application.pk}/decide/']")
    decide.locator("select[name=outcome]").select_option("accept")
    if decide.locator("textarea[name=message]").count():
        decide.locator("textarea[name=message]").fill("Tabriklaymiz! Onbordingda kutamiz.")
    decide.locator("button[type=submit]").click()
    staff.wait_for_load_state()
    decision = Decision.objects.get(application=application)
    assert decision.status == DecisionStatus.PENDING
    staff.locator(f"main a[href$='/staff/calls/{cis.slug}/outbox/']").first.click()
    staff.wait_for_load_state()
    staff.locator(f"form[action$='/outbox/{decision.pk}/send/'] button").click()
    staff.wait_for_load_state()
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.SENT

    # 7. The studio sees the decision, in Uzbek.
    page.goto(f"{live_server.url}/programmes/applications/{application.pk}/")
    assert page.locator("html").get_attribute("lang") == "uz"
    assert page.locator(".decision.decision-accept").is_visible()
    assert page.locator(".application-status.status-accepted").is_visible()
    screenshot(
        f"/programmes/applications/{application.pk}/",
        "vgf-decision",
        language="uz",
        storage_state=page.context.storage_state(),
    )
    for context in {page.context, reviewer_page.context, staff.context}:
        context.close()
