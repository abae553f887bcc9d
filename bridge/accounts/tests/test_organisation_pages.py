"""Organisation pages as people use them: directory, profile, create and edit, logo upload."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from bridge.accounts.models import Organisation, Role, Sector, Verification
from bridge.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from bridge.core.models import AuditEntry

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The test people's passwords are never checked here; Argon2 would only slow set-up down.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


DIRECTORY = reverse("organisations:directory")
CREATE = reverse("organisations:create")


def with_sectors(organisation, *codes):
    organisation.sectors.set(Sector.objects.filter(code__in=codes))
    return organisation


def names_in(response) -> set[str]:
    return {org.name for org in response.context["page"].object_list}


def valid_data(**overrides) -> dict:
    data = {
        "name": "Silk Road Games",
        "country": "RU",
        "legal_form": "ru-ooo",
        "registration_number": "7707083893",
        "sectors": ["games", "digital-it"],
        "website": "https://silkroad.example",
        "description_en": "We make games about the Silk Road.",
        "description_ru": "",
        "description_uz": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def image_file(fmt: str, *, name: str, exif: bool = False, size=(64, 48)) -> SimpleUploadedFile:
    image = Image.new("RGB", size, (200, 30, 30))
    out = BytesIO()
    kwargs = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "SpyCam"  # Make
        data[0x0131] = "secret-editor"  # Software
        kwargs["exif"] = data.tobytes()
    image.save(out, format=fmt, **kwargs)
    content_type = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}.get(fmt, "")
    return SimpleUploadedFile(name, out.getvalue(), content_type=content_type or "image/gif")


# --- Directory ---------------------------------------------------------------------------


@pytest.fixture
def directory_orgs(db):
    return {
        "ru_games": with_sectors(
            OrganisationFactory(name="Moscow Pixel", country="RU", description_en="Games."),
            "games",
        ),
        "uz_park": with_sectors(
            OrganisationFactory(
                name="Tashkent Code",
                country="UZ",
                legal_form="uz-mchj",
                registration_number="301234567",
                is_it_park_resident=True,
                verification=Verification.UNVERIFIED,
                description_en="Software for animation studios.",
            ),
            "digital-it",
            "animation",
        ),
        "uz_silk": with_sectors(
            OrganisationFactory(
                name="Margilan Silk",
                country="UZ",
                legal_form="uz-yatt",
                registration_number="302345678",
                description_en="",
                description_ru="Шёлковые ткани ручной работы: адрас и атлас.",
            ),
            "fashion",
            "materials-supply",
        ),
    }


def test_directory_lists_everyone_in_name_order(client, directory_orgs):
    response = client.get(DIRECTORY)
    assert response.status_code == 200
    assert [o.name for o in response.context["page"].object_list] == [
        "Margilan Silk",
        "Moscow Pixel",
        "Tashkent Code",
    ]
    assert b"3 organisations" in response.content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=UZ", {"Tashkent Code", "Margilan Silk"}),
        ("country=RU&country=UZ", {"Tashkent Code", "Margilan Silk", "Moscow Pixel"}),
        ("sector=games", {"Moscow Pixel"}),
        ("sector=games&sector=fashion", {"Moscow Pixel", "Margilan Silk"}),
        ("verified=on", {"Moscow Pixel", "Margilan Silk"}),
        ("it_park=on", {"Tashkent Code"}),
        ("country=UZ&verified=on", {"Margilan Silk"}),
        ("q=animation", {"Tashkent Code"}),
        ("q=атлас", {"Margilan Silk"}),
        ("q=pixel&country=UZ", set()),
        # Unknown values are dropped instead of failing the page.
        ("country=XX&sector=nope", {"Tashkent Code", "Margilan Silk", "Moscow Pixel"}),
    ],
)
def test_directory_filters(client, directory_orgs, query, expected):
    response = client.get(f"{DIRECTORY}?{query}")
    assert response.status_code == 200
    assert names_in(response) == expected


def test_directory_filter_shows_only_countries_that_have_organisations(client, directory_orgs):
    response = client.get(DIRECTORY)
    codes = [code for code, _name, _count in response.context["form"].country_rows]
    assert codes == ["UZ", "RU"]  # most organisations first
    assert b'value="KZ"' not in response.content


def test_directory_empty_result_says_so(client, directory_orgs):
    response = client.get(f"{DIRECTORY}?q=nothing-like-this")
    assert b"No organisation matches these filters." in response.content


def test_directory_htmx_request_gets_only_the_results(client, directory_orgs):
    response = client.get(f"{DIRECTORY}?country=RU", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b"Moscow Pixel" in response.content
    assert b"Tashkent Code" not in response.content
    assert "HX-Request" in response["Vary"]
    full = client.get(f"{DIRECTORY}?country=RU")
    assert b"<html" in full.content


@pytest.fixture
def many_orgs(db):
    return [OrganisationFactory(name=f"Org {n:02d}") for n in range(25)]


@pytest.mark.parametrize(
    ("page", "number", "first"),
    [("1", 1, "Org 00"), ("2", 2, "Org 20"), ("99999", 2, "Org 20"), ("abc", 1, "Org 00")],
)
def test_directory_pagination(client, many_orgs, page, number, first):
    response = client.get(f"{DIRECTORY}?page={page}")
    assert response.status_code == 200
    assert response.context["page"].number == number
    assert response.context["page"].object_list[0].name == first
    assert f"Page {number} of 2".encode() in response.content


def test_directory_next_link_keeps_the_filters(client, many_orgs):
    response = client.get(f"{DIRECTORY}?country=RU")
    assert b'href="/organisations/?country=RU&amp;page=2"' in response.content


# --- Detail ------------------------------------------------------------------------------


def test_detail_shows_the_profile_to_anyone(client, directory_orgs):
    organisation = directory_orgs["uz_silk"]
    response = client.get(organisation.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "Margilan Silk" in content
    assert "Uzbekistan" in content
    assert "302345678" in content
    assert "Materials supply" in content
    assert "Verified" in content
    # Only a Russian description exists: it is shown, marked as Russian.
    assert 'lang="ru"' in content
    assert "адрас" in content
    assert "Edit" not in content
    assert "Request verification" not in content


def test_detail_unknown_slug_is_404(client, db):
    assert client.get("/organisations/no-such-organisation/").status_code == 404


def test_detail_members_list_only_for_members(client, organisation, owner, member, outsider):
    client.force_login(outsider)
    assert owner.display_name.encode() not in client.get(organisation.get_absolute_url()).content
    client.force_login(member)
    response = client.get(organisation.get_absolute_url())
    assert owner.display_name.encode() in response.content
    assert b"Your role: Member" in response.content


def test_detail_owner_sees_status_and_request_button(client, owner, organisation):
    organisation.verification = Verification.UNVERIFIED
    organisation.save()
    client.force_login(owner)
    response = client.get(organisation.get_absolute_url())
    content = response.content.decode()
    assert "Not verified" in content
    assert "Request verification" in content
    assert reverse("organisations:request_verification", args=[organisation.slug]) in content


def test_request_verification_puts_the_organisation_in_the_queue(client, owner, organisation):
    organisation.verification = Verification.UNVERIFIED
    organisation.save()
    client.force_login(owner)
    url = reverse("organisations:request_verification", args=[organisation.slug])
    response = client.post(url, follow=True)
    organisation.refresh_from_db()
    assert organisation.verification == Verification.PENDING
    assert b"moderators will check your organisation" in response.content
    assert b"Waiting for verification" in response.content
    assert AuditEntry.objects.filter(action="organisation.verification_requested").count() == 1


def test_request_verification_without_number_explains_why(client, owner, organisation):
    organisation.verification = Verification.UNVERIFIED
    organisation.registration_number = ""
    organisation.save()
    client.force_login(owner)
    url = reverse("organisations:request_verification", args=[organisation.slug])
    response = client.post(url, follow=True)
    organisation.refresh_from_db()
    assert organisation.verification == Verification.UNVERIFIED
    assert b"Add the registration number before asking for verification." in response.content


# --- Create and edit ---------------------------------------------------------------------


def test_create_page_needs_login(client, db):
    response = client.get(CREATE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_create_makes_the_person_owner(client, outsider):
    client.force_login(outsider)
    response = client.post(CREATE, valid_data())
    organisation = Organisation.objects.get(name="Silk Road Games")
    assert response.status_code == 302
    assert response["Location"] == organisation.get_absolute_url()
    assert organisation.memberships.get().user == outsider
    assert organisation.memberships.get().role == Role.OWNER
    assert organisation.verification == Verification.UNVERIFIED
    assert sorted(s.code for s in organisation.sectors.all()) == ["digital-it", "games"]
    assert AuditEntry.objects.filter(action="organisation.create").count() == 1
    page = client.get(response["Location"])
    assert b"Your organisation is registered. You are its owner." in page.content


@pytest.mark.parametrize(
    ("country", "legal_form", "number", "stored"),
    [
        ("RU", "ru-ooo", "7707083893", "7707083893"),  # 10 digits
        ("RU", "ru-ip", "500100732259", "500100732259"),  # 12 digits
        ("RU", "ru-ooo", "7707 083 893", "7707083893"),  # spaces pasted along
        ("UZ", "uz-mchj", "301234567", "301234567"),  # STIR
        ("KZ", "company", "KZ-12/AB", "KZ12/AB"),  # free-form elsewhere
        ("UZ", "uz-self", "", ""),  # optional until verification
    ],
)
def test_create_accepts_valid_numbers(client, outsider, country, legal_form, number, stored):
    client.force_login(outsider)
    data = valid_data(country=country, legal_form=legal_form, registration_number=number)
    response = client.post(CREATE, data)
    assert response.status_code == 302, response.context["form"].errors
    assert Organisation.objects.get().registration_number == stored


@pytest.mark.parametrize(
    ("country", "number", "message"),
    [
        ("RU", "7707083894", "check digits do not match"),
        ("RU", "500100732258", "check digits do not match"),
        ("RU", "500100732249", "check digits do not match"),
        ("RU", "77070838", "10 digits (organisations) or 12 digits"),
        ("RU", "77070838931", "10 digits (organisations) or 12 digits"),
        ("RU", "770708389X", "10 digits (organisations) or 12 digits"),
        ("UZ", "30123456", "exactly 9 digits"),
        ("UZ", "3012345678", "exactly 9 digits"),
        ("UZ", "30123456A", "exactly 9 digits"),
    ],
)
def test_create_refuses_invalid_numbers_at_the_field(client, outsider, country, number, message):
    client.force_login(outsider)
    legal_form = "ru-ooo" if country == "RU" else "uz-mchj"
    data = valid_data(country=country, legal_form=legal_form, registration_number=number)
    response = client.post(CREATE, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["registration_number"]
    assert message in errors["registration_number"][0]
    assert message in response.content.decode()
    assert not Organisation.objects.exists()


def test_create_refuses_a_registration_number_already_registered(client, outsider):
    OrganisationFactory(name="First", country="RU", registration_number="7707083893")
    client.force_login(outsider)
    response = client.post(CREATE, valid_data(name="Second"))
    assert response.status_code == 200
    assert "already registered" in response.context["form"].errors["registration_number"][0]
    assert Organisation.objects.count() == 1


def test_same_number_in_another_country_is_not_a_duplicate(client, outsider):
    OrganisationFactory(country="KZ", legal_form="company", registration_number="301234567")
    client.force_login(outsider)
    data = valid_data(country="UZ", legal_form="uz-mchj", registration_number="301234567")
    assert client.post(CREATE, data).status_code == 302


def test_duplicate_name_gets_its_own_address(client, outsider):
    client.force_login(outsider)
    client.post(CREATE, valid_data(registration_number=""))
    client.post(CREATE, valid_data(registration_number=""))
    slugs = sorted(Organisation.objects.values_list("slug", flat=True))
    assert len(slugs) == 2
    assert slugs[0] == "silk-road-games"
    assert slugs[1].startswith("silk-road-games-")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": ""}, "name"),
        ({"country": ""}, "country"),
        ({"country": "ZZ"}, "country"),
        ({"legal_form": "uz-mchj"}, "legal_form"),  # an Uzbek form for a Russian company
        ({"website": "javascript:alert(1)"}, "website"),
        ({"description_en": "   "}, "description_en"),
        ({"sectors": ["space-travel"]}, "sectors"),
    ],
)
def test_create_bad_values_are_form_errors(client, outsider, overrides, field):
    client.force_login(outsider)
    response = client.post(CREATE, valid_data(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert b"Please correct the errors below." in response.content
    assert not Organisation.objects.exists()


def test_legal_forms_follow_the_country(client, db):
    url = reverse("organisations:legal_forms")
    uz = client.get(url, {"country": "UZ"}).content.decode()
    assert 'id="id_legal_form"' in uz
    assert "MChJ" in uz
    assert "OOO" not in uz
    ru = client.get(url, {"country": "RU"}).content.decode()
    assert "OOO" in ru
    assert "MChJ" not in ru
    anything = client.get(url, {"country": "<b>"}).content.decode()
    assert "MChJ" in anything and "OOO" in anything  # every form, grouped by country


def test_country_select_asks_htmx_for_the_legal_forms(client, outsider):
    client.force_login(outsider)
    content = client.get(CREATE).content.decode()
    assert f'hx-get="{reverse("organisations:legal_forms")}"' in content
    assert 'hx-target="#id_legal_form"' in content


def test_without_javascript_refresh_redraws_the_form_unsaved(client, outsider):
    client.force_login(outsider)
    data = valid_data(country="UZ", legal_form="", refresh="1")
    response = client.post(CREATE, data)
    assert response.status_code == 200
    assert not Organisation.objects.exists()
    form = response.context["form"]
    assert not form.is_bound
    assert [code for code, _label in form.fields["legal_form"].choices][1:4] == [
        "uz-mchj",
        "uz-aj",
        "uz-yatt",
    ]
    assert b'value="Silk Road Games"' in response.content


def test_edit_saves_changes(client, owner, organisation):
    client.force_login(owner)
    url = reverse("organisations:edit", args=[organisation.slug])
    page = client.get(url)
    assert page.status_code == 200
    assert f'value="{organisation.name}"'.encode() in page.content
    data = valid_data(
        name=organisation.name, description_en="New text.", website="https://new.example"
    )
    response = client.post(url, data)
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.description_en == "New text."
    assert organisation.website == "https://new.example"
    assert organisation.verification == Verification.VERIFIED  # no identity change


def test_edit_identity_of_verified_organisation_sends_it_back(client, owner, organisation):
    client.force_login(owner)
    url = reverse("organisations:edit", args=[organisation.slug])
    response = client.post(url, valid_data(name="Renamed Studio"), follow=True)
    organisation.refresh_from_db()
    assert organisation.verification == Verification.PENDING
    assert b"waits for verification again" in response.content


def test_edit_refuses_invalid_inn(client, org_admin, organisation):
    client.force_login(org_admin)
    url = reverse("organisations:edit", args=[organisation.slug])
    response = client.post(url, valid_data(registration_number="1234567890"))
    assert response.status_code == 200
    assert "check digits" in response.context["form"].errors["registration_number"][0]
    organisation.refresh_from_db()
    assert organisation.registration_number == "7707083893"


def test_edit_refuses_another_organisations_number(client, owner, organisation):
    OrganisationFactory(country="RU", registration_number="500100732259")
    client.force_login(owner)
    url = reverse("organisations:edit", args=[organisation.slug])
    response = client.post(url, valid_data(registration_number="500100732259"))
    assert "already registered" in response.context["form"].errors["registration_number"][0]


def test_edit_keeping_its_own_number_is_not_a_duplicate(client, owner, organisation):
    client.force_login(owner)
    url = reverse("organisations:edit", args=[organisation.slug])
    data = valid_data(name=organisation.name, registration_number="7707083893")
    assert client.post(url, data).status_code == 302


# --- Logo --------------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "name"), [("PNG", "a.png"), ("JPEG", "b.jpg"), ("WEBP", "c.webp")])
def test_logo_accepted_and_reencoded_without_metadata(client, outsider, fmt, name):
    client.force_login(outsider)
    upload = image_file(fmt, name=name, exif=fmt in ("JPEG", "WEBP"), size=(1200, 800))
    response = client.post(CREATE, {**valid_data(), "logo": upload})
    assert response.status_code == 302, response.context["form"].errors
    organisation = Organisation.objects.get()
    assert organisation.logo
    with organisation.logo.open("rb") as stored:
        raw = stored.read()
    assert b"SpyCam" not in raw and b"secret-editor" not in raw
    with Image.open(BytesIO(raw)) as image:
        assert image.format in ("WEBP", "PNG")
        assert max(image.size) == 512  # bounded, proportions kept
        assert image.size == (512, 341)
        assert not image.getexif()
    assert (
        organisation.logo.name.rsplit("/", 1)[-1] != name
    )  # renamed: the upload's name is not kept
    page = client.get(organisation.get_absolute_url())
    assert organisation.logo.url.encode() in page.content


def _svg() -> SimpleUploadedFile:
    body = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    return SimpleUploadedFile("logo.svg", body, content_type="image/svg+xml")


@pytest.mark.parametrize(
    ("make_upload", "message"),
    [
        (lambda: image_file("GIF", name="a.gif"), "Upload a PNG, JPEG or WebP image"),
        (_svg, "Upload a PNG, JPEG or WebP image"),
        (
            lambda: SimpleUploadedFile("a.png", b"just some text", content_type="image/png"),
            "Upload a PNG, JPEG or WebP image",
        ),
        (
            lambda: SimpleUploadedFile("big.png", b"\0" * (3 * 1024 * 1024), "image/png"),
            "larger than 2.0",
        ),
    ],
)
def test_logo_refused_with_a_clear_message_at_the_field(client, outsider, make_upload, message):
    client.force_login(outsider)
    response = client.post(CREATE, {**valid_data(), "logo": make_upload()})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["logo"]
    assert message in errors["logo"][0]
    content = response.content.decode()
    field = content[content.index('class="field logo-field') :]
    assert message in field[: field.index("</div>\n  </fieldset>")]
    assert not Organisation.objects.exists()


def test_logo_can_be_removed_and_stays_when_untouched(client, owner, organisation):
    client.force_login(owner)
    url = reverse("organisations:edit", args=[organisation.slug])
    data = valid_data(name=organisation.name)
    client.post(url, {**data, "logo": image_file("PNG", name="x.png")})
    organisation.refresh_from_db()
    assert organisation.logo
    page = client.get(url)
    assert b"Remove the current logo" in page.content
    client.post(url, data)  # no file, nothing ticked
    organisation.refresh_from_db()
    assert organisation.logo
    client.post(url, {**data, "logo-clear": "on"})
    organisation.refresh_from_db()
    assert not organisation.logo


# --- Escaping ----------------------------------------------------------------------------

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_user_text_is_rendered_escaped(client, outsider):
    client.force_login(outsider)
    data = valid_data(
        name=f"Evil {XSS}",
        description_en=f"About {XSS}",
        description_ru=f"О нас {XSS}",
        website='https://evil.example/"><script>alert(2)</script>',
        registration_number="",
    )
    response = client.post(CREATE, data)
    assert response.status_code == 302, response.context["form"].errors
    organisation = Organisation.objects.get()
    MembershipFactory(organisation=organisation, user=UserFactory(full_name=XSS), role=Role.MEMBER)
    pages = [
        client.get(organisation.get_absolute_url()),
        client.get(DIRECTORY),
        client.get(DIRECTORY, {"q": XSS}),
        client.get(reverse("organisations:edit", args=[organisation.slug])),
        client.get(reverse("organisations:members", args=[organisation.slug])),
    ]
    for page in pages:
        content = page.content.decode()
        assert "<script>alert" not in content
        assert "<img src=x" not in content
        assert '"><script>' not in content
    detail = pages[0].content.decode()
    assert "Evil &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in detail
    assert "&lt;img src=x onerror=alert(1)&gt;" in detail
