import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from bridge.core.audit import audit_trail
from bridge.materials.tests.factories import MaterialFactory
from bridge.materials.vocabulary import Status

pytestmark = pytest.mark.integration

URL = reverse("admin:materials_material_changelist")


def test_moderator_publishes_through_the_admin_action(client, moderator):
    materials = [MaterialFactory(status=Status.PENDING) for _ in range(2)]
    client.force_login(moderator)
    response = client.post(
        URL, {"action": "publish_selected", ACTION_CHECKBOX_NAME: [m.pk for m in materials]}
    )
    assert response.status_code == 302
    for material in materials:
        material.refresh_from_db()
        assert material.status == Status.PUBLISHED
        assert [e.action for e in audit_trail(material)] == ["material.publish"]


def test_moderator_rejects_with_a_reason(client, moderator):
    material = MaterialFactory(status=Status.PENDING)
    client.force_login(moderator)
    data = {"action": "reject_selected", ACTION_CHECKBOX_NAME: [material.pk]}
    page = client.post(URL, data)
    assert page.status_code == 200 and "reason" in page.content.decode()
    client.post(URL, {**data, "apply": "1", "reason": ""})
    material.refresh_from_db()
    assert material.status == Status.PENDING  # no reason, no rejection
    client.post(URL, {**data, "apply": "1", "reason": "Composition does not add up"})
    material.refresh_from_db()
    assert (material.status, material.rejection_reason) == (
        Status.REJECTED,
        "Composition does not add up",
    )


def test_staff_without_moderation_cannot_publish(client, analyst):
    material = MaterialFactory(status=Status.PENDING)
    client.force_login(analyst)
    response = client.get(URL)
    assert response.status_code == 200
    assert "publish_selected" not in response.content.decode()
    client.post(URL, {"action": "publish_selected", ACTION_CHECKBOX_NAME: [material.pk]})
    material.refresh_from_db()
    assert material.status == Status.PENDING


def test_changelist_queries_do_not_grow_with_rows(client, moderator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(moderator)

    def count(n):
        for _ in range(n):
            MaterialFactory()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    assert count(3) == count(6)


@pytest.mark.parametrize(
    "name",
    [
        "materials_category_changelist",
        "materials_certification_changelist",
        "materials_exchangerate_changelist",
        "materials_materialimport_changelist",
        "materials_material_add",
    ],
)
def test_admin_pages_open_for_a_superuser(client, admin_user, name):
    client.force_login(admin_user)
    assert client.get(reverse(f"admin:{name}")).status_code == 200


def test_admin_change_page_refuses_a_composition_that_does_not_add_up(client, admin_user):
    material = MaterialFactory()
    material.fibres.create(fibre="silk", percent=100)
    client.force_login(admin_user)
    url = reverse("admin:materials_material_change", args=[material.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        key: value
        for key, value in form.initial.items()
        if value is not None and key not in ("techniques", "colours")
    }
    data.update(
        supplier=material.supplier_id,
        category=material.category_id,
        techniques="[]",
        colours="[]",
        **{
            "fibres-TOTAL_FORMS": "1",
            "fibres-INITIAL_FORMS": "1",
            "fibres-0-id": str(material.fibres.get().pk),
            "fibres-0-material": str(material.pk),
            "fibres-0-fibre": "silk",
            "fibres-0-percent": "60",
            "fibres-0-position": "0",
            "certifications-TOTAL_FORMS": "0",
            "certifications-INITIAL_FORMS": "0",
            "images-TOTAL_FORMS": "0",
            "images-INITIAL_FORMS": "0",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the error
    assert "100%" in response.content.decode()
    assert material.fibres.get().percent == 100
    data["fibres-0-percent"] = "100"
    assert client.post(url, data).status_code == 302  # the same form saves once it adds up
