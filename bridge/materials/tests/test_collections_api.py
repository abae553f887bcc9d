"""Collections through the API: the owner's own, the same services as the pages; another
person's collection is a 404."""

import pytest
from django.test import Client

from bridge.accounts.tests.factories import UserFactory
from bridge.materials.models import Collection
from bridge.materials.tests.factories import MaterialFactory
from bridge.materials.tests.factories_api import bearer
from bridge.materials.tests.factories_samples import (
    CollectionFactory,
    CollectionItemFactory,
    published_material,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
BASE = "/api/v1/collections"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def send(client, method, url, user, data=None, read_only=False):
    return getattr(client, method)(
        url, data, content_type="application/json", **bearer(user, read_only=read_only)
    )


def test_create_rename_collect_share_and_delete(client):
    person = UserFactory()
    material = published_material()
    created = send(client, "post", BASE, person, {"name": "Spring", "description": "ikat"})
    assert created.status_code == 201, created.content
    url = f"{BASE}/{created.json()['id']}"
    renamed = send(client, "patch", url, person, {"name": "Spring 2027"})
    assert renamed.json()["name"] == "Spring 2027" and renamed.json()["description"] == "ikat"
    added = send(client, "post", url + "/materials", person, {"material_id": material.pk})
    assert [m["sku"] for m in added.json()["materials"]] == [material.sku]
    assert (
        send(client, "post", url + "/materials", person, {"material_id": material.pk}).json()[
            "material_count"
        ]
        == 1
    )  # twice changes nothing
    shared = send(client, "post", url + "/share", person).json()
    assert shared["shared"] is True
    assert client.get(shared["share_url"]).status_code == 200  # the public page
    unshared = send(client, "delete", url + "/share", person).json()
    assert unshared["share_url"] is None
    assert client.get(shared["share_url"]).status_code == 404  # revoked
    removed = send(client, "delete", f"{url}/materials/{material.pk}", person).json()
    assert removed["materials"] == []
    listed = client.get(BASE, **bearer(person)).json()
    assert [c["name"] for c in listed["items"]] == ["Spring 2027"]
    assert send(client, "delete", url, person).status_code == 204
    assert not Collection.objects.exists()


def test_bad_input_is_a_422_at_the_field(client):
    person = UserFactory()
    assert send(client, "post", BASE, person, {"name": ""}).json()["errors"][0]["field"] == "name"
    assert send(client, "post", BASE, person, {"name": "x" * 121}).status_code == 422
    collection = CollectionFactory(owner=person)
    draft = MaterialFactory()
    response = send(
        client, "post", f"{BASE}/{collection.pk}/materials", person, {"material_id": draft.pk}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "material_id"
    assert not collection.items.exists()
    assert Collection.objects.count() == 1


def test_anonymous_gets_401(client):
    collection = CollectionFactory()
    assert client.get(BASE).status_code == 401
    assert client.post(BASE, {"name": "x"}, content_type="application/json").status_code == 401
    assert client.get(f"{BASE}/{collection.pk}").status_code == 401
    assert client.delete(f"{BASE}/{collection.pk}").status_code == 401
    assert client.post(f"{BASE}/{collection.pk}/share").status_code == 401


def test_read_only_token_reads_but_may_not_write(client):
    collection = CollectionFactory()
    person = collection.owner
    url = f"{BASE}/{collection.pk}"
    assert client.get(url, **bearer(person, read_only=True)).status_code == 200
    assert send(client, "post", BASE, person, {"name": "x"}, read_only=True).status_code == 403
    assert send(client, "patch", url, person, {"name": "x"}, read_only=True).status_code == 403
    assert send(client, "post", url + "/share", person, read_only=True).status_code == 403
    assert send(client, "delete", url, person, read_only=True).status_code == 403
    collection.refresh_from_db()
    assert collection.name != "x" and not collection.is_shared


def test_another_persons_collection_is_404(client):
    item = CollectionItemFactory()
    collection = item.collection
    stranger = UserFactory()
    url = f"{BASE}/{collection.pk}"
    assert client.get(url, **bearer(stranger)).status_code == 404
    assert send(client, "patch", url, stranger, {"name": "Mine"}).status_code == 404
    assert send(client, "post", url + "/share", stranger).status_code == 404
    assert send(client, "delete", url + "/share", stranger).status_code == 404
    assert (
        send(
            client, "post", url + "/materials", stranger, {"material_id": item.material_id}
        ).status_code
        == 404
    )
    assert (
        send(client, "delete", f"{url}/materials/{item.material_id}", stranger).status_code == 404
    )
    assert send(client, "delete", url, stranger).status_code == 404
    assert client.get(BASE, **bearer(stranger)).json()["count"] == 0
    collection.refresh_from_db()
    assert collection.name != "Mine" and not collection.is_shared and collection.items.count() == 1


def test_the_browser_session_writes_only_with_its_csrf_token():
    person = UserFactory()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(person)
    assert browser.get(BASE).status_code == 200
    refused = browser.post(BASE, {"name": "x"}, content_type="application/json")
    assert refused.status_code == 403
    assert not Collection.objects.exists()
