"""The Materials Center in the browser.

1. A designer of a Russian brand searches in Russian, filters by certification and price, opens
   a silk ikat written in Uzbek by a Margʻilon workshop, saves it to a collection and asks for a
   sample; the workshop accepts and ships it; the designer marks it received.
2. A supplier uploads a CSV with three bad rows, sees each error by row and column, uploads the
   corrected file, imports it (the rows wait for moderation); a moderator publishes them and they
   appear in the public catalog.

Screenshots of the catalog, a material page, the supplier dashboard and the import report, as a
phone and a laptop, in every language."""

import csv
import importlib
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from bridge.accounts.models import Membership, Organisation, Role, User, Verification
from bridge.materials.models import Category, Collection, Material, MaterialImport, SampleRequest
from bridge.materials.tests import factories_catalog as fc
from bridge.materials.vocabulary import Status
from e2e import second_factor

PASSWORD = "Margilon-Atlas-2026!"
LANGUAGES = ("ru", "uz", "uz-cyrl", "en")
TRACKING = "RB123456785UZ"


def _reference_data() -> None:
    """Categories and certifications come from a data migration, which a transactional test's
    flush empties; put them back (the migration only adds what is missing)."""
    if not Category.objects.filter(code="ikat").exists():
        migration = importlib.import_module("bridge.materials.migrations.0002_reference_data")
        migration.forwards(apps, None)


def _person(email, name, language, *, group=None):
    user = User.objects.create_user(
        email=email, password=PASSWORD, full_name=name, language=language,
        email_confirmed_at=timezone.now(), is_staff=bool(group),
    )  # fmt: skip
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def _organisation(name, slug, country, person, role):
    organisation = Organisation.objects.create(
        name=name, slug=slug, country=country,
        legal_form="uz-mchj" if country == "UZ" else "ru-ooo",
        registration_number="305123456" if country == "UZ" else "7707083893",
        verification=Verification.VERIFIED,
    )  # fmt: skip
    Membership.objects.create(organisation=organisation, user=person, role=role)
    return organisation


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


def _shoot_signed_in(screenshot, user, path, name, storage):
    """A signed-in person's language is their own setting, not the cookie: switch it per shot."""
    for language in LANGUAGES:
        User.objects.filter(pk=user.pk).update(language=language)
        screenshot(path, name, language=language, storage_state=storage)
    User.objects.filter(pk=user.pk).update(language=user.language)


# ---------------------------------------------------------------- journey 1


def _silk_catalog():
    _reference_data()
    fc.rates()  # 80 RUB and 12 500 UZS per dollar
    designer = _person("anna.volkova@severnyi-len.example", "Анна Волкова", "ru")
    brand = _organisation("Северный лён", "severnyi-len", "RU", designer, Role.MEMBER)
    weaver = _person("d.yusupova@margilon-ipak.example", "Dilfuza Yusupova", "uz")
    workshop = _organisation("Margʻilon Ipak Atlas", "margilon-ipak", "UZ", weaver, Role.MEMBER)
    moscow = fc.supplier("moskva-tkani", "Москва Ткани", country="RU")
    gots = (("gots", "GOTS-2026-0117", date(2027, 6, 30)),)
    uzbek = {"supplier": workshop, "language": "uz", "origin_country": "UZ", "category": "ikat"}
    atlas = fc.material(
        **uzbek, sku="MIA-ATL-01", name="Xon atlas «Anor»",
        description="Qoʻlda toʻqilgan ipak atlas, abr usulida tabiiy boʻyoqlar bilan boʻyalgan.",
        techniques=["abr"], colours=["anor qizil", "oltin"], price=Decimal("250000"),
        currency="UZS", moq=Decimal(5), lead_time_days=14, sample_available=True,
        width_cm=Decimal(50), weight_gsm=Decimal(65), certifications=gots,
    )  # fmt: skip
    fc.material(
        **uzbek, sku="MIA-ADR-02", name="Adras «Bahor»", fibres=(("silk", 60), ("cotton", 40)),
        description="Ipak va paxtadan toʻqilgan abr adras.", price=Decimal("150000"),
        currency="UZS", moq=Decimal(10), lead_time_days=21, sample_available=True,
    )  # fmt: skip
    fc.material(
        **uzbek, sku="MIA-SHO-03", name="Shohi atlas «Oltin»", certifications=gots,
        description="Eng nozik ipak shohi, abr naqshli.", price=Decimal("2500000"),
        currency="UZS", moq=Decimal(3), lead_time_days=30, sample_available=True,
    )  # fmt: skip
    fc.material(
        supplier=moscow, sku="MT-POP-1", name="Поплин хлопковый", language="ru",
        description="Плотный хлопковый поплин.", origin_country="RU",
        fibres=(("cotton", 100),), category="cotton-fabrics", price=Decimal("800"),
        currency="RUB", moq=Decimal(1), lead_time_days=7, sample_available=True,
    )  # fmt: skip
    fc.reindex()
    return designer, brand, weaver, workshop, atlas


@pytest.mark.django_db(transaction=True)
def test_designer_finds_uzbek_silk_in_russian_and_gets_a_sample(
    browser, live_server, mailbox, screenshot
):
    designer, brand, weaver, workshop, atlas = _silk_catalog()
    page = _login(browser, live_server, designer.email)
    results = page.locator("#results .material-card")

    # 1. Search in Russian: the Uzbek listings have no Russian name, yet all three ikats come up.
    page.goto(live_server.url + "/materials/")
    assert page.locator("html").get_attribute("lang") == "ru"
    expect(results).to_have_count(4)
    page.fill("#id_q", "шёлк икат")
    page.press("#id_q", "Enter")
    expect(results).to_have_count(3)
    names = results.locator(".material-name").all_inner_texts()
    assert {"Xon atlas «Anor»", "Adras «Bahor»", "Shohi atlas «Oltin»"} == set(names)
    assert "Поплин хлопковый" not in names

    # 2. Certified only, then at most 5 000 RUB a metre (prices shown in roubles).
    page.locator("#facets input[name=certification][value=gots]").check()
    expect(results).to_have_count(2)
    page.fill("#id_price_max", "5000")
    page.press("#id_price_max", "Enter")
    expect(results).to_have_count(1)
    card = results.first
    expect(card.locator(".material-name")).to_have_text("Xon atlas «Anor»")
    price = card.locator(".material-price strong").inner_text()
    assert re.sub(r"\s", " ", price).startswith("1 600 ₽"), price  # 250 000 UZS = 20 USD
    # The whole state is in the address: the link can be shared.
    assert re.search(r"certification=gots", page.url) and re.search(r"price_max=5000", page.url)
    page.reload()
    expect(results).to_have_count(1)
    expect(page.locator("#facets input[name=certification][value=gots]")).to_be_checked()

    # 3. The material page, written in Uzbek, with its certificate and its supplier.
    card.locator(".material-name a").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/materials/m/{workshop.slug}/{atlas.sku}/")
    expect(page.locator("h1.material-title")).to_have_text("Xon atlas «Anor»")
    assert page.locator(".material-description").get_attribute("lang") == "uz"
    expect(page.locator(".spec-table")).to_contain_text("GOTS-2026-0117")
    expect(page.locator(".supplier-card h2")).to_have_text("Margʻilon Ipak Atlas")

    # 4. Into a new collection, and back to the material.
    page.locator(".material-actions a[href*='/materials/collections/add/']").click()
    page.fill("#new-name", "Осень 2026 — икаты")
    page.locator("form:has(#new-name) button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/materials/m/{workshop.slug}/{atlas.sku}/")
    collection = Collection.objects.get(owner=designer)
    assert collection.name == "Осень 2026 — икаты"
    page.goto(f"{live_server.url}/materials/collections/{collection.pk}/")
    expect(page.locator("main")).to_contain_text("Xon atlas «Anor»")

    # 5. Ask for a sample for the brand.
    page.go_back()
    page.locator(".material-actions a[href*='/materials/samples/new/']").click()
    page.wait_for_load_state()
    expect(page.locator(f"input[name=qty_{atlas.pk}]")).to_have_value("1")
    page.fill("textarea[name=purpose]", "Коллекция платков осень-зима 2026, нужен образец цвета.")
    page.fill("textarea[name=delivery_address]", "Москва, ул. Большая Ордынка, 17, стр. 1")
    page.locator("form.sample-form button[type=submit]").click()
    page.wait_for_load_state()
    sample = SampleRequest.objects.get(requester=designer)
    assert sample.organisation == brand and sample.supplier == workshop
    assert page.url.endswith(f"/materials/samples/{sample.pk}/")
    expect(page.locator(".page-head .sample-status")).to_have_class(re.compile("sample-requested"))
    assert any(weaver.email in mail and f"#{sample.pk}" in mail for mail in mailbox()), (
        "the workshop is told by e-mail"
    )

    # 6. The workshop, in its own browser, accepts and ships.
    supplier_page = _login(browser, live_server, weaver.email)
    supplier_page.goto(live_server.url + "/materials/dashboard/")
    assert supplier_page.url.endswith(f"/materials/dashboard/{workshop.slug}/")
    expect(
        supplier_page.locator(f".inbox a[href='/materials/samples/{sample.pk}/']")
    ).to_be_visible()
    # The request is news in the notification centre (one inbox): its line leads to it.
    storage = supplier_page.context.storage_state()
    _shoot_signed_in(screenshot, weaver, "/notifications/", "notification-centre", storage)
    supplier_page.goto(live_server.url + "/notifications/")
    news = supplier_page.locator(f".notif-unread a[href='/materials/samples/{sample.pk}/']")
    expect(news).to_contain_text(f"#{sample.pk}")
    news.click()
    supplier_page.wait_for_load_state()
    assert supplier_page.url.endswith(f"/materials/samples/{sample.pk}/")
    status = supplier_page.locator(".page-head .sample-status")
    shipping = (timezone.localdate() + timedelta(days=3)).isoformat()
    supplier_page.fill("input[name=shipping_estimate]", shipping)
    supplier_page.locator("form[action$='/accept/'] button[type=submit]").click()
    expect(status).to_have_class(re.compile("sample-accepted"))
    supplier_page.fill("input[name=tracking_number]", TRACKING)
    supplier_page.locator("form[action$='/ship/'] button[type=submit]").click()
    expect(status).to_have_class(re.compile("sample-shipped"))
    expect(supplier_page.locator(".sample-facts code")).to_have_text(TRACKING)
    assert supplier_page.locator("form[action$='/receive/']").count() == 0, "not theirs to say"

    # 7. The designer sees the parcel on its way and marks it received.
    page.reload()
    status = page.locator(".page-head .sample-status")
    expect(status).to_have_class(re.compile("sample-shipped"))
    expect(page.locator(".sample-facts code")).to_have_text(TRACKING)
    page.locator("form[action$='/receive/'] button[type=submit]").click()
    expect(status).to_have_class(re.compile("sample-received"))
    sample.refresh_from_db()
    assert sample.status == "received" and sample.tracking_number == TRACKING

    for language in LANGUAGES:
        screenshot("/materials/?q=%D1%88%D1%91%D0%BB%D0%BA", "materials-catalog", language=language)
        screenshot(
            f"/materials/m/{workshop.slug}/{atlas.sku}/", "materials-material", language=language
        )
    supplier_page.context.close()
    page.context.close()


# ---------------------------------------------------------------- journey 2

COLUMNS = [
    "supplier", "sku", "name", "description", "category", "country", "price", "currency", "unit",
    "moq", "lead_time_days", "language", "composition", "certifications", "sample_available",
]  # fmt: skip
NAMES = ["Chit «Anor gul»", "Chit «Paxta gul»", "Bekasam «Qizil»", "Bekasam «Yashil»",
         "Adras «Samarqand»", "Adras «Buxoro»", "Alacha «Sariq»"]  # fmt: skip


def _rows(supplier: str) -> list[dict]:
    return [
        {
            "supplier": supplier,
            "sku": f"FT-{n:03d}",
            "name": name,
            "description": "Fargʻona paxtasidan qoʻlda toʻqilgan mato.",
            "category": "textiles",
            "country": "UZ",
            "price": str(90000 + 1000 * n),
            "currency": "UZS",
            "unit": "m",
            "moq": "10",
            "lead_time_days": "21",
            "language": "uz",
            "composition": "cotton 80%; silk 20%",
            "certifications": "",
            "sample_available": "yes",
        }
        for n, name in enumerate(NAMES, start=1)
    ]


def _write_csv(path, rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.django_db(transaction=True)
def test_supplier_fixes_a_csv_and_a_moderator_publishes_it(
    browser, live_server, screenshot, tmp_path
):
    _reference_data()
    owner = _person("o.karimov@fargona-toqima.example", "Otabek Karimov", "uz")
    supplier = _organisation("Fargʻona Toʻqimachilik", "fargona-toqima", "UZ", owner, Role.OWNER)
    moderator = _person("moderator@bridge.example", "Ирина Соколова", "ru", group="moderator")

    bad = _rows(supplier.slug)
    bad[1]["price"] = "-5"  # row 3 of the file (the header is row 1)
    bad[3]["currency"] = "XYZ"  # row 5
    bad[5]["composition"] = "cotton 80%; silk 10%"  # row 7: 90%, not 100%
    bad_file = tmp_path / "fargona-2026.csv"
    _write_csv(bad_file, bad)

    # 1. The dry run lists the three errors and writes nothing.
    page = _login(browser, live_server, owner.email)
    page.goto(live_server.url + "/materials/dashboard/")
    page.locator(".dash-actions a[href*='/materials/import/']").click()
    page.wait_for_load_state()
    assert page.locator("select[name=supplier]").input_value() == supplier.slug
    page.set_input_files("input[name=file]", str(bad_file))
    page.locator("main form[enctype] button[type=submit]").click()
    page.wait_for_load_state()
    refused = MaterialImport.objects.get(supplier=supplier)
    assert refused.outcome == MaterialImport.Outcome.REFUSED
    assert page.url.endswith(f"/materials/import/{refused.pk}/")
    errors = page.locator(".import-errors tbody tr")
    expect(errors).to_have_count(3)
    found = [
        (row.locator("td").nth(0).inner_text(), row.locator("td").nth(1).inner_text())
        for row in errors.all()
    ]
    assert found == [("3", "price"), ("5", "currency"), ("7", "composition")]
    assert page.locator("form[action$='/commit/']").count() == 0, "nothing to confirm"
    assert not Material.objects.exists()
    report_storage = page.context.storage_state()

    # 2. The corrected file passes the check; confirming imports it, waiting for moderation.
    good_file = tmp_path / "fargona-2026-fixed.csv"
    _write_csv(good_file, _rows(supplier.slug))
    page.locator(".alert-error a[href*='/materials/import/']").click()
    page.wait_for_load_state()
    page.set_input_files("input[name=file]", str(good_file))
    page.locator("main form[enctype] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".import-errors").count() == 0
    assert not Material.objects.exists(), "a dry run writes nothing"
    page.locator("form[action$='/commit/'] button[type=submit]").click()
    page.wait_for_load_state()
    # Confirming runs the import as a task and lands on its run page (inline here, so finished).
    imported = MaterialImport.objects.get(outcome=MaterialImport.Outcome.IMPORTED)
    assert "/runs/" in page.url
    expect(page.locator(".run-status .alert-success")).to_be_visible()
    expect(page.locator(".run-status .import-figures dd").first).to_have_text(str(len(NAMES)))
    page.locator(f".run-status a[href$='/materials/import/{imported.pk}/']").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/materials/import/{imported.pk}/")
    expect(page.locator(".import-figures dd").nth(1)).to_have_text(str(len(NAMES)))  # created
    assert set(Material.objects.values_list("status", flat=True)) == {Status.PENDING}
    assert Material.objects.filter(supplier=supplier).count() == len(NAMES)

    page.goto(f"{live_server.url}/materials/dashboard/{supplier.slug}/?status=pending")
    expect(page.locator(".listing-table tbody tr")).to_have_count(len(NAMES))
    expect(page.locator(".listing-table .badge-warn")).to_have_count(len(NAMES))
    # Not public yet.
    anonymous = browser.new_context().new_page()
    anonymous.goto(live_server.url + "/materials/?q=bekasam")
    expect(anonymous.locator("#results .material-card")).to_have_count(0)

    _shoot_signed_in(
        screenshot,
        owner,
        f"/materials/import/{refused.pk}/",
        "materials-import-report",
        report_storage,
    )
    _shoot_signed_in(
        screenshot,
        owner,
        f"/materials/dashboard/{supplier.slug}/",
        "materials-dashboard",
        report_storage,
    )

    # 3. A moderator publishes all seven.
    moderation = _login(browser, live_server, moderator.email)
    moderation.goto(live_server.url + "/materials/moderation/")
    items = moderation.locator(".moderation-item")
    expect(items).to_have_count(len(NAMES))
    for box in moderation.locator(".moderation-item input[name=ids]").all():
        box.check()
    moderation.locator("input[name=action][value=publish]").check()
    moderation.locator(".decision-bar button[type=submit]").click()
    moderation.wait_for_load_state()
    expect(moderation.locator(".moderation-item")).to_have_count(0)
    assert set(Material.objects.values_list("status", flat=True)) == {Status.PUBLISHED}

    # 4. They are in the public catalog now, and the dashboard says so.
    anonymous.goto(live_server.url + "/materials/?q=bekasam")
    names = anonymous.locator("#results .material-name")
    expect(names).to_have_count(2)
    assert set(names.all_inner_texts()) == {"Bekasam «Qizil»", "Bekasam «Yashil»"}
    anonymous.goto(live_server.url + f"/materials/?supplier={supplier.slug}")
    expect(anonymous.locator("#results .material-card")).to_have_count(len(NAMES))
    page.goto(f"{live_server.url}/materials/dashboard/{supplier.slug}/")
    expect(page.locator(".listing-table .badge-ok")).to_have_count(len(NAMES))
    for context in (anonymous.context, moderation.context, page.context):
        context.close()
