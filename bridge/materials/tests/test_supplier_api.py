"""A supplier's listings through the API: the dashboard's services and rules (who may read,
who may write, nothing half-saved, photos re-encoded)."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from PIL import Image

from bridge.accounts.tests.factories import OrganisationFactory
from bridge.core.tests.files import SVG, has_metadata, jpeg_with_gps
from bridge.materials.models import Material
from bridge.materials.tests.factories import MaterialFactory
from bridge.materials.tests.factories_api import bearer
from bridge.materials.tests.factories_supplier import published, supplier_with_owner
from bridge.materials.vocabulary import Status

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def base(organisation) -> str:
    return f"/api/v1/suppliers/{organisation.slug}/listings"


def listing(**overrides) -> dict:
    data = {
        "sku": "IK-1",
        "name": "Xon atlas",
        "description": "Qoʻlda toʻqilgan ipak atlas.",
        "language": "uz",
        "category": "textiles",
        "origin_country": "UZ",
        "price": "125000",
        "currency": "UZS",
        "unit": "m",
        "moq": "5",
        "lead_time_days": 14,
        "composition": [{"fibre": "ipak", "percent": 70}, {"fibre": "cotton", "percent": 30}],
        "certifications": [{"code": "gots", "number": "CU-1"}],
        "techniques": ["ikat"],
    }
    data.update(overrides)
    return data


def post(client, url, data, user, **kw):
    return client.post(url, data, content_type="application/json", **bearer(user, **kw))


def patch(client, url, data, user):
    return client.patch(url, data, content_type="application/json", **bearer(user))


def errors(response) -> dict:
    assert response.status_code == 422, response.content
    return {e["field"]: e["message"] for e in response.json()["errors"]}


def test_owner_creates_a_draft_reads_and_changes_it(client, organisation, owner):
    response = post(client, base(organisation), listing(), owner)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"]["code"] == "draft"
    assert [(f["fibre"], f["percent"]) for f in body["composition"]] == [
        ("silk", "70"),
        ("cotton", "30"),
    ]
    assert body["certifications"][0]["code"] == "gots"
    assert body["url"] is None  # not public yet
    url = f"{base(organisation)}/{body['id']}"
    assert client.get(url, **bearer(owner)).json()["sku"] == "IK-1"
    changed = patch(client, url, {"price": "130000", "submit": True}, owner)
    assert changed.status_code == 200, changed.content
    assert changed.json()["price"] == "130000.00"
    assert changed.json()["status"]["code"] == "pending"
    assert changed.json()["composition"][0]["fibre"] == "silk"  # left out: kept
    listed = client.get(base(organisation) + "?status=pending", **bearer(owner)).json()
    assert [item["id"] for item in listed["items"]] == [body["id"]]


def test_cross_field_errors_come_back_at_their_fields_and_nothing_is_saved(
    client, organisation, owner
):
    MaterialFactory(supplier=organisation, sku="IK-1")
    response = post(
        client,
        base(organisation),
        listing(composition=[{"fibre": "silk", "percent": 60}], category="no-such"),
        owner,
    )
    assert set(errors(response)) == {"category"}
    response = post(
        client, base(organisation), listing(composition=[{"fibre": "silk", "percent": 60}]), owner
    )
    found = errors(response)
    assert set(found) == {"sku", "composition"}
    assert "100" in found["composition"]
    assert Material.objects.filter(supplier=organisation).count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("sku", ""),
        ("name", "x" * 201),
        ("price", "0"),
        ("currency", "XYZ"),
        ("unit", "litre"),
        ("lead_time_days", 5000),
        ("origin_country", "UZB"),
        ("language", "fr"),
    ],
)
def test_bad_input_is_a_422_at_the_field(client, organisation, owner, field, value):
    response = post(client, base(organisation), listing(**{field: value}), owner)
    assert field in errors(response)
    assert not Material.objects.exists()


def test_messages_follow_the_callers_language(client, organisation, owner):
    MaterialFactory(supplier=organisation, sku="IK-1")
    response = post(client, base(organisation) + "?lang=ru", listing(), owner)
    assert "артикул" in errors(response)["sku"]


def test_archive_then_changes_are_refused(client, organisation, owner):
    material = published(supplier=organisation)
    url = f"{base(organisation)}/{material.pk}"
    archived = client.post(url + "/archive", **bearer(owner))
    assert archived.status_code == 200
    assert archived.json()["status"]["code"] == "archived"
    assert client.post(url + "/archive", **bearer(owner)).status_code == 409
    assert patch(client, url, {"name": "New"}, owner).status_code == 409
    assert client.post(url + "/submit", **bearer(owner)).status_code == 409


def _png() -> bytes:
    out = BytesIO()
    Image.new("RGB", (60, 40), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def test_photos_are_re_encoded_without_metadata_and_svg_is_refused(client, organisation, owner):
    material = MaterialFactory(supplier=organisation)
    url = f"{base(organisation)}/{material.pk}/images"
    photo = SimpleUploadedFile("p.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = client.post(url, {"image": photo, "alt": "Red"}, **bearer(owner))
    assert response.status_code == 201, response.content
    image = material.images.get()
    assert not has_metadata(image.image.read())
    assert response.json()["images"][0]["alt"] == "Red"
    svg = SimpleUploadedFile("x.svg", SVG, content_type="image/svg+xml")
    assert "image" in errors(client.post(url, {"image": svg}, **bearer(owner)))
    removed = client.delete(f"{url}/{image.pk}", **bearer(owner))
    assert removed.status_code == 200
    assert removed.json()["images"] == []


def test_at_most_ten_photos(client, organisation, owner):
    material = MaterialFactory(supplier=organisation)
    url = f"{base(organisation)}/{material.pk}/images"
    for _n in range(10):
        image = SimpleUploadedFile("p.png", _png(), content_type="image/png")
        assert client.post(url, {"image": image}, **bearer(owner)).status_code == 201
    image = SimpleUploadedFile("p.png", _png(), content_type="image/png")
    assert "image" in errors(client.post(url, {"image": image}, **bearer(owner)))
    assert material.images.count() == 10


def test_anonymous_gets_401(client, organisation):
    material = MaterialFactory(supplier=organisation)
    url = f"{base(organisation)}/{material.pk}"
    assert client.get(base(organisation)).status_code == 401
    assert client.get(url).status_code == 401
    assert (
        client.post(base(organisation), listing(), content_type="application/json").status_code
        == 401
    )
    assert client.post(url + "/archive").status_code == 401


def test_read_only_token_reads_but_may_not_write(client, organisation, owner):
    material = MaterialFactory(supplier=organisation)
    url = f"{base(organisation)}/{material.pk}"
    assert client.get(url, **bearer(owner, read_only=True)).status_code == 200
    assert post(client, base(organisation), listing(), owner, read_only=True).status_code == 403
    assert client.post(url + "/archive", **bearer(owner, read_only=True)).status_code == 403
    assert not Material.objects.exclude(pk=material.pk).exists()
    material.refresh_from_db()
    assert material.status == Status.DRAFT


def test_member_without_a_role_reads_but_gets_403_on_writes(client, organisation, member):
    material = MaterialFactory(supplier=organisation)
    url = f"{base(organisation)}/{material.pk}"
    assert client.get(url, **bearer(member)).status_code == 200
    assert post(client, base(organisation), listing(), member).status_code == 403
    assert patch(client, url, {"name": "Mine"}, member).status_code == 403
    assert client.post(url + "/archive", **bearer(member)).status_code == 403
    image = SimpleUploadedFile("p.png", _png(), content_type="image/png")
    assert client.post(url + "/images", {"image": image}, **bearer(member)).status_code == 403


def test_another_organisations_supplier_and_listing_are_404(client, organisation, owner):
    other, other_owner = supplier_with_owner()
    theirs = MaterialFactory(supplier=other)
    mine = MaterialFactory(supplier=organisation)
    assert client.get(base(other), **bearer(owner)).status_code == 404
    assert client.get(f"{base(other)}/{theirs.pk}", **bearer(owner)).status_code == 404
    assert post(client, base(other), listing(), owner).status_code == 404
    assert client.post(f"{base(other)}/{theirs.pk}/archive", **bearer(owner)).status_code == 404
    # Their listing under my supplier's address: as if it did not exist.
    assert client.get(f"{base(organisation)}/{theirs.pk}", **bearer(owner)).status_code == 404
    assert (
        patch(client, f"{base(organisation)}/{theirs.pk}", {"name": "x"}, owner).status_code == 404
    )
    assert client.delete(f"{base(other)}/{theirs.pk}/images/1", **bearer(owner)).status_code == 404
    assert client.get(f"{base(other)}/{mine.pk}", **bearer(other_owner)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.name != "x" and theirs.status == Status.DRAFT
    assert client.get(base(OrganisationFactory()) + "/1", **bearer(owner)).status_code == 404


def test_staff_may_change_any_suppliers_listing(client, organisation, moderator):
    material = MaterialFactory(supplier=organisation)
    response = client.post(f"{base(organisation)}/{material.pk}/archive", **bearer(moderator))
    assert response.status_code == 200


def test_the_page_and_the_api_refuse_a_taken_sku_alike(client, organisation, owner):
    """Both go through services.material_save: the same rule, the same words."""
    MaterialFactory(supplier=organisation, sku="ADR-1")
    material = MaterialFactory(supplier=organisation, sku="ADR-2")
    message = errors(patch(client, f"{base(organisation)}/{material.pk}", {"sku": "ADR-1"}, owner))[
        "sku"
    ]
    client.force_login(owner)
    data = {
        **{k: v for k, v in listing(sku="ADR-1").items() if isinstance(v, str | int)},
        "category": material.category.pk,
        "fibres-TOTAL_FORMS": "0",
        "fibres-INITIAL_FORMS": "0",
    }
    page = client.post(
        reverse("materials_supplier:edit", args=[organisation.slug, material.pk]), data
    )
    assert page.status_code == 400
    assert escape(message) in page.content.decode()
    material.refresh_from_db()
    assert material.sku == "ADR-2"


def test_template_properties_are_checked_against_the_category(client, organisation, owner):
    created = post(
        client,
        base(organisation),
        listing(category="ceramics", composition=[], certifications=[],
                properties={"firing-temperature": 1050}),
        owner,
    )  # fmt: skip
    assert created.status_code == 201, created.content
    assert created.json()["properties"] == {"firing-temperature": "1050"}
    url = f"{base(organisation)}/{created.json()['id']}"
    found = errors(patch(client, url, {"properties": {"firing-temperature": 99999}}, owner))
    assert "properties.firing-temperature" in found
    found = errors(patch(client, url, {"properties": {"lightfastness": 5}}, owner))
    assert "properties.lightfastness" in found
    assert client.get(url, **bearer(owner)).json()["properties"] == {"firing-temperature": "1050"}
