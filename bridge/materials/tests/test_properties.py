"""Per-category property templates: inheritance, bounds, the supplier's edit form (with
certificates), the material page, the detail API, and the catalog's query count."""

from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from bridge.core.models import AuditEntry
from bridge.materials.models import (
    Category,
    Material,
    MaterialCertification,
    MaterialPropertyValue,
    PropertyDefinition,
)
from bridge.materials.selectors.properties import definitions_for_category
from bridge.materials.services import materials as services
from bridge.materials.services import properties as services_properties
from bridge.materials.tests.factories import MaterialFactory
from bridge.materials.tests.factories_supplier import published, supplier_with_owner
from bridge.materials.thumbnails import thumbnail_name
from bridge.materials.vocabulary import Status

pytestmark = pytest.mark.integration

NBSP = "\xa0"


def category(code: str) -> Category:
    return Category.objects.get(code=code)


def tile(supplier, **kwargs) -> Material:
    return MaterialFactory(
        supplier=supplier, category=category("tiles"), sku="RS-1", name="Koshin", **kwargs
    )


def set_values(material, **values) -> None:
    services_properties.material_properties_set(actor=None, material=material, values=values)


# ------------------------------------------------------------------ templates


def test_seeded_templates_cover_ceramics_wood_leather_paper_and_dyes(db):
    codes = lambda c: [d.code for d in definitions_for_category(category(c))]  # noqa: E731
    assert codes("ceramics") == ["firing-temperature", "water-absorption"]
    assert codes("wood") == ["wood-density", "moisture"]
    assert codes("leather") == ["hide-area"]
    assert codes("handmade-paper") == ["paper-ph"]
    assert codes("natural-dyes") == ["lightfastness"]
    assert codes("textiles") == []


def test_a_parent_definition_applies_to_subcategories_and_not_upwards(db):
    glaze = PropertyDefinition.objects.create(
        code="glaze-thickness", label_ru="Толщина глазури", label_uz="Sir qalinligi",
        label_en="Glaze thickness", unit="mm", position=9,
    )  # fmt: skip
    glaze.categories.add(category("tiles"))
    tiles = [d.code for d in definitions_for_category(category("tiles"))]
    assert tiles == ["firing-temperature", "water-absorption", "glaze-thickness"]
    assert "glaze-thickness" not in [d.code for d in definitions_for_category(category("ceramics"))]
    # Attached to both a parent and its child, it still appears once.
    glaze.categories.add(category("ceramics"))
    assert [d.code for d in definitions_for_category(category("tiles"))].count(
        "glaze-thickness"
    ) == 1


def test_labels_follow_the_language(db):
    firing = PropertyDefinition.objects.get(code="firing-temperature")
    assert firing.label("ru") == "Температура обжига"
    assert firing.label("uz") == "Pishirish harorati"
    assert firing.label("en") == "Firing temperature"


# ------------------------------------------------------------------ the service


def test_values_are_saved_as_numbers_and_audited(organisation, owner):
    material = tile(organisation)
    services_properties.material_properties_set(
        actor=owner, material=material, values={"firing-temperature": "1050", "water-absorption": 9}
    )
    stored = dict(material.property_values.values_list("definition__code", "value"))
    assert stored == {"firing-temperature": Decimal(1050), "water-absorption": Decimal(9)}
    entry = AuditEntry.objects.get(action="material.properties")
    assert entry.actor == owner
    # Saving the same numbers again changes nothing and logs nothing.
    set_values(material, **{"firing-temperature": "1050.0", "water-absorption": "9"})
    assert AuditEntry.objects.filter(action="material.properties").count() == 1


@pytest.mark.parametrize(
    ("code", "value", "message"),
    [
        ("firing-temperature", "200", "Firing temperature must be between 500 and 1,450."),
        ("firing-temperature", "1000.5", "Firing temperature must be a whole number."),
        ("water-absorption", "-1", "Water absorption must be between 0 and 100."),
        ("water-absorption", "12.25", "at most 1 digits after the decimal point"),
        ("water-absorption", "abc", "Enter a number."),
        ("lightfastness", "5", "does not belong to the material's category"),
    ],
)
def test_out_of_bounds_and_foreign_values_are_refused(organisation, code, value, message):
    material = tile(organisation)
    with pytest.raises(ValidationError) as error:
        set_values(material, **{code: value})
    assert message in " ".join(error.value.message_dict[code])
    assert not MaterialPropertyValue.objects.exists()


def test_changing_the_category_drops_values_outside_the_new_template(organisation):
    material = tile(organisation)
    set_values(material, **{"firing-temperature": "1000"})
    material.category = category("wood")
    material.save()
    set_values(material, **{"moisture": "10"})
    assert list(material.property_values.values_list("definition__code", flat=True)) == ["moisture"]


def test_supplier_b_cannot_set_supplier_a_properties(organisation):
    material = tile(organisation)
    _other, other_owner = supplier_with_owner()
    with pytest.raises(PermissionDenied):
        services_properties.material_properties_set(
            actor=other_owner, material=material, values={"firing-temperature": "1000"}
        )
    assert not material.property_values.exists()


# ------------------------------------------------------------------ the edit form


def edit_url(material):
    return reverse("materials_supplier:edit", args=[material.supplier.slug, material.pk])


def form_data(material, **overrides):
    data = {
        "sku": material.sku,
        "name": material.name,
        "description": material.description,
        "language": material.language,
        "category": material.category_id,
        "origin_country": "UZ",
        "price": "120000",
        "currency": "UZS",
        "unit": "m2",
        "moq": "5",
        "lead_time_days": "14",
        "fibres-TOTAL_FORMS": "0",
        "fibres-INITIAL_FORMS": "0",
        "certificates-TOTAL_FORMS": "1",
        "certificates-INITIAL_FORMS": "0",
        "certificates-0-certification": "",
        "certificates-0-number": "",
        "certificates-0-expires_on": "",
    }
    data.update(overrides)
    return data


def test_edit_form_shows_the_category_fields_with_units_and_bounds(client, organisation, owner):
    material = tile(organisation)
    set_values(material, **{"firing-temperature": "1000"})
    client.force_login(owner)
    page = client.get(edit_url(material)).content.decode()
    assert "Firing temperature, °C" in page
    assert "Water absorption, %" in page
    assert 'name="prop_firing-temperature"' in page and 'value="1000"' in page
    assert 'min="500"' in page and 'max="1450"' in page
    assert "From 500 to 1,450." in page
    assert 'name="certificates-0-certification"' in page


def test_edit_form_saves_properties_and_certificates_together(client, organisation, owner):
    material = tile(organisation)
    client.force_login(owner)
    expires = timezone.localdate() + timedelta(days=200)
    response = client.post(
        edit_url(material),
        form_data(
            material,
            **{
                "name": "Koshin, yangi",
                "prop_firing-temperature": "1050",
                "prop_water-absorption": "9.5",
                "certificates-0-certification": "eac",
                "certificates-0-number": "EAC-42",
                "certificates-0-expires_on": expires.isoformat(),
            },
        ),
    )
    assert response.status_code == 302
    material.refresh_from_db()
    assert material.name == "Koshin, yangi"
    assert dict(material.property_values.values_list("definition__code", "value")) == {
        "firing-temperature": Decimal(1050),
        "water-absorption": Decimal("9.5"),
    }
    certificate = MaterialCertification.objects.get(material=material)
    assert (certificate.certification.code, certificate.number, certificate.expires_on) == (
        "eac",
        "EAC-42",
        expires,
    )


def test_a_value_out_of_bounds_is_shown_at_its_field_and_nothing_is_saved(
    client, organisation, owner
):
    material = tile(organisation)
    client.force_login(owner)
    response = client.post(
        edit_url(material),
        form_data(material, **{"name": "Changed", "prop_firing-temperature": "3000"}),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    errors = response.context["properties"].errors
    assert errors["prop_firing-temperature"] == [
        "Firing temperature must be between 500 and 1,450."
    ]
    material.refresh_from_db()
    assert material.name == "Koshin"
    assert not material.property_values.exists()


def test_the_bounds_error_is_translated(client, organisation, owner):
    material = tile(organisation)
    client.force_login(owner)
    response = client.post(
        edit_url(material),
        form_data(material, **{"prop_firing-temperature": "3000"}),
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 400
    message = response.context["properties"].errors["prop_firing-temperature"][0]
    # The label is the Russian one and the numbers are in the Russian format.
    assert "Температура обжига" in message
    assert f"1{NBSP}450" in message


def test_an_expired_certificate_is_refused_and_nothing_is_saved(client, organisation, owner):
    material = tile(organisation)
    client.force_login(owner)
    response = client.post(
        edit_url(material),
        form_data(
            material,
            **{
                "name": "Changed",
                "prop_firing-temperature": "1000",
                "certificates-0-certification": "eac",
                "certificates-0-number": "EAC-1",
                "certificates-0-expires_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
            },
        ),
    )
    assert response.status_code == 400
    assert "expired on" in response.content.decode()
    material.refresh_from_db()
    assert material.name == "Koshin"
    assert not material.property_values.exists()
    assert not MaterialCertification.objects.exists()


def test_the_same_certification_twice_is_refused(client, organisation, owner):
    material = tile(organisation)
    client.force_login(owner)
    data = form_data(
        material,
        **{
            "certificates-TOTAL_FORMS": "2",
            "certificates-0-certification": "eac",
            "certificates-1-certification": "eac",
            "certificates-1-number": "",
            "certificates-1-expires_on": "",
        },
    )
    response = client.post(edit_url(material), data)
    assert response.status_code == 400
    assert "listed twice" in response.content.decode()


def test_removing_a_certificate_row_deletes_it(client, organisation, owner):
    material = tile(organisation)
    services.material_update(actor=owner, material=material, certifications=[("eac", "E-1", None)])
    client.force_login(owner)
    page = client.get(edit_url(material)).content.decode()
    assert 'value="E-1"' in page
    data = form_data(
        material,
        **{
            "certificates-TOTAL_FORMS": "2",
            "certificates-INITIAL_FORMS": "1",
            "certificates-0-certification": "eac",
            "certificates-0-number": "E-1",
            "certificates-0-DELETE": "on",
            "certificates-1-certification": "",
        },
    )
    assert client.post(edit_url(material), data).status_code == 302
    assert not MaterialCertification.objects.filter(material=material).exists()


def test_supplier_b_cannot_open_or_post_supplier_a_edit_form(client, organisation):
    material = tile(organisation)
    set_values(material, **{"firing-temperature": "1000"})
    _other, other_owner = supplier_with_owner()
    client.force_login(other_owner)
    assert client.get(edit_url(material)).status_code == 404
    response = client.post(
        edit_url(material), form_data(material, **{"prop_firing-temperature": "1400"})
    )
    assert response.status_code == 404
    assert material.property_values.get().value == Decimal(1000)


def test_a_plain_member_cannot_edit_properties(client, organisation, member):
    material = tile(organisation)
    client.force_login(member)
    response = client.post(
        edit_url(material), form_data(material, **{"prop_firing-temperature": "1400"})
    )
    assert response.status_code == 403
    assert not material.property_values.exists()


def photo():
    buffer = BytesIO()
    Image.new("RGB", (1200, 900), "teal").save(buffer, format="PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


def test_the_edit_page_shows_thumbnails_not_the_full_photo(client, organisation, owner):
    material = tile(organisation)
    image = services.material_image_add(actor=owner, material=material, upload=photo())
    client.force_login(owner)
    page = client.get(edit_url(material)).content.decode()
    assert thumbnail_name(image.image.name, 320) in page
    assert f'src="{image.image.url}"' not in page


# ------------------------------------------------------------------ the public side


def material_url(material):
    return reverse("materials_catalog:material", args=[material.supplier.slug, material.sku])


def test_material_page_lists_the_properties_with_units_in_each_language(client, organisation):
    material = published(supplier=organisation, category=category("tiles"), sku="RS-9")
    set_values(material, **{"firing-temperature": "1250", "water-absorption": "9.5"})
    english = client.get(material_url(material), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Firing temperature" in english and "1,250 °C" in english and "9.5%" in english
    russian = client.get(material_url(material), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Температура обжига" in russian and f"1{NBSP}250" in russian and "9,5" in russian
    uzbek = client.get(material_url(material), HTTP_ACCEPT_LANGUAGE="uz").content.decode()
    assert "Pishirish harorati" in uzbek


def test_detail_api_lists_properties_and_the_list_is_unchanged(client, organisation):
    material = published(supplier=organisation, category=category("tiles"), sku="RS-9")
    set_values(material, **{"firing-temperature": "1250", "water-absorption": "9.5"})
    body = client.get(f"/api/v1/materials/{organisation.slug}/RS-9", {"lang": "en"}).json()
    assert body["properties"] == [
        {
            "code": "firing-temperature",
            "label": "Firing temperature",
            "value": "1250",
            "unit": "°C",
        },
        {"code": "water-absorption", "label": "Water absorption", "value": "9.5", "unit": "%"},
    ]
    items = client.get("/api/v1/materials", {"supplier": organisation.slug}).json()["items"]
    assert all("properties" not in item for item in items)
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert "properties" in schema["MaterialDetailOut"]["properties"]
    assert "PropertyOut" in schema


def test_unpublished_properties_are_not_in_the_api_for_others(client, organisation):
    material = tile(organisation, status=Status.DRAFT)
    set_values(material, **{"firing-temperature": "1000"})
    assert client.get(f"/api/v1/materials/{organisation.slug}/RS-1").status_code == 404


def test_catalog_query_count_does_not_change_with_property_values(client, organisation):
    materials = [
        published(supplier=organisation, category=category("tiles"), sku=f"RS-{n}")
        for n in range(4)
    ]
    url = reverse("materials_catalog:catalog")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, {"category": "ceramics"})
        assert len(response.context["cards"]) == len(materials)
        return len(captured)

    before = queries()
    for material in materials:
        set_values(material, **{"firing-temperature": "1000", "water-absorption": "10"})
    assert queries() == before


def test_material_page_query_count_does_not_grow_with_properties(client, organisation):
    material = published(supplier=organisation, category=category("tiles"), sku="RS-9")
    set_values(material, **{"firing-temperature": "1000"})
    with CaptureQueriesContext(connection) as one:
        client.get(material_url(material))
    set_values(material, **{"firing-temperature": "1000", "water-absorption": "10"})
    with CaptureQueriesContext(connection) as two:
        client.get(material_url(material))
    assert len(two) == len(one)


def test_compare_page_shows_thumbnails_not_the_full_photo(client, organisation, owner):
    a = published(supplier=organisation, sku="A-1")
    b = published(supplier=organisation, sku="B-1")
    image = services.material_image_add(actor=owner, material=a, upload=photo())
    page = client.get(reverse("materials_collections:compare"), {"m": [a.pk, b.pk]})
    body = page.content.decode()
    assert thumbnail_name(image.image.name, 320) in body
    assert f'src="{image.image.url}"' not in body


# ------------------------------------------------------------------ staff and demo


def test_staff_edit_definitions_in_the_admin_and_others_cannot(client, admin_user, owner):
    url = reverse("admin:materials_propertydefinition_add")
    client.force_login(owner)
    assert client.get(url).status_code == 302  # to the admin's sign-in
    client.force_login(admin_user)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "code": "glaze-thickness",
            "label_ru": "Толщина глазури",
            "label_uz": "Sir qalinligi",
            "label_en": "Glaze thickness",
            "categories": [category("tiles").pk],
            "unit": "mm",
            "min_value": "0",
            "max_value": "5",
            "decimal_places": "1",
            "position": "5",
        },
    )
    assert response.status_code == 302
    assert "glaze-thickness" in [d.code for d in definitions_for_category(category("tiles"))]


def test_the_demo_puts_properties_on_its_materials_once(db):
    from django.core.management import call_command

    call_command("seed_demo", "--quiet-logins", verbosity=0)
    values = MaterialPropertyValue.objects.select_related("definition", "material")
    codes = {v.definition.code for v in values}
    assert {"firing-temperature", "hide-area", "wood-density", "lightfastness"} <= codes
    before = AuditEntry.objects.filter(action="material.properties").count()
    assert before == values.values("material").distinct().count()
    call_command("seed_demo", "--quiet-logins", verbosity=0)
    assert AuditEntry.objects.filter(action="material.properties").count() == before
