"""Collections (moodboards): owning, adding from a material page, sharing by link, comparing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bridge.accounts.tests.factories import PASSWORD, UserFactory
from bridge.materials.models import Collection, CollectionItem
from bridge.materials.services import collections as services
from bridge.materials.tests.factories_samples import (
    CollectionFactory,
    CollectionItemFactory,
    published_material,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def owner_client(client):
    user = UserFactory()
    client.force_login(user)
    client.user = user
    return client


def test_create_a_collection_and_see_it_listed(owner_client):
    response = owner_client.post(reverse("materials_collections:index"), {"name": "Ikat scarves"})
    collection = Collection.objects.get()
    assert response.status_code == 302
    assert collection.owner == owner_client.user
    page = owner_client.get(reverse("materials_collections:index"))
    assert "Ikat scarves" in page.content.decode()


def test_a_blank_name_is_refused(owner_client):
    response = owner_client.post(reverse("materials_collections:index"), {"name": "  "})
    assert response.status_code == 200
    assert not Collection.objects.exists()


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("materials_collections:index"))
    assert response.status_code == 302
    assert "/accounts/" in response["Location"]
    material = published_material()
    response = client.post(reverse("materials_collections:add"), {"material": material.pk})
    assert response.status_code == 302
    assert not CollectionItem.objects.exists()


def test_add_from_the_material_page_to_an_existing_collection(owner_client):
    collection = CollectionFactory(owner=owner_client.user)
    material = published_material()
    response = owner_client.post(
        reverse("materials_collections:add"),
        {"material": material.pk, "collection": collection.pk, "next": "/materials/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/materials/"
    assert list(collection.materials.all()) == [material]
    # Adding twice keeps one row.
    owner_client.post(
        reverse("materials_collections:add"), {"material": material.pk, "collection": collection.pk}
    )
    assert collection.items.count() == 1


def test_add_to_a_new_collection_by_name(owner_client):
    material = published_material()
    response = owner_client.post(
        reverse("materials_collections:add"), {"material": material.pk, "new_name": "Ceramics"}
    )
    collection = Collection.objects.get(name="Ceramics")
    assert response["Location"] == reverse("materials_collections:detail", args=[collection.pk])
    assert list(collection.materials.all()) == [material]


def test_add_refuses_an_offsite_next(owner_client):
    collection = CollectionFactory(owner=owner_client.user)
    material = published_material()
    response = owner_client.post(
        reverse("materials_collections:add"),
        {"material": material.pk, "collection": collection.pk, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("materials_collections:detail", args=[collection.pk])


def test_add_get_shows_a_chooser_and_odd_input_is_404(owner_client):
    material = published_material()
    CollectionFactory(owner=owner_client.user, name="Mine")
    page = owner_client.get(reverse("materials_collections:add"), {"material": material.pk})
    assert page.status_code == 200
    assert "Mine" in page.content.decode()
    for bad in ("abc", "0", "99999999999999999999", ""):
        response = owner_client.get(reverse("materials_collections:add"), {"material": bad})
        assert response.status_code == 404


def test_cannot_add_to_someone_elses_collection_or_an_unpublished_material(owner_client):
    theirs = CollectionFactory()
    material = published_material()
    response = owner_client.post(
        reverse("materials_collections:add"), {"material": material.pk, "collection": theirs.pk}
    )
    assert response.status_code == 404
    assert not theirs.items.exists()
    mine = CollectionFactory(owner=owner_client.user)
    draft = published_material(status="draft")
    response = owner_client.post(
        reverse("materials_collections:add"), {"material": draft.pk, "collection": mine.pk}
    )
    assert response.status_code == 404
    assert not mine.items.exists()


def test_another_person_cannot_see_or_change_a_private_collection(owner_client):
    theirs = CollectionItemFactory().collection
    for name in ("detail",):
        assert (
            owner_client.get(reverse(f"materials_collections:{name}", args=[theirs.pk])).status_code
            == 404
        )
    for name in ("share", "unshare", "delete", "edit", "remove"):
        response = owner_client.post(
            reverse(f"materials_collections:{name}", args=[theirs.pk]),
            {"name": "Hacked", "material": theirs.items.get().material_id},
        )
        assert response.status_code == 404, name
    theirs.refresh_from_db()
    assert theirs.name != "Hacked" and not theirs.is_shared and theirs.items.count() == 1


def test_remove_a_material(owner_client):
    item = CollectionItemFactory(collection=CollectionFactory(owner=owner_client.user))
    owner_client.post(
        reverse("materials_collections:remove", args=[item.collection_id]),
        {"material": item.material_id},
    )
    assert not CollectionItem.objects.exists()


def test_shared_link_works_for_anonymous_and_stops_when_revoked(owner_client, client):
    item = CollectionItemFactory(collection=CollectionFactory(owner=owner_client.user, name="Silk"))
    collection = item.collection
    owner_client.post(reverse("materials_collections:share", args=[collection.pk]))
    collection.refresh_from_db()
    token = collection.share_token
    assert token and len(token) >= 24
    owner_client.logout()
    url = reverse("materials_collections:shared", args=[token])
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Silk" in body and item.material.name in body
    assert "Remove" not in body  # visitors cannot change it
    assert (
        client.get(reverse("materials_collections:shared", args=["guess" * 5])).status_code == 404
    )
    services.collection_unshare(actor=collection.owner, collection=collection)
    assert client.get(url).status_code == 404
    # Sharing again makes a new link; the old one stays dead.
    services.collection_share(actor=collection.owner, collection=collection)
    assert client.get(url).status_code == 404


def test_the_share_form_needs_csrf(owner_client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(owner_client.user)
    collection = CollectionFactory(owner=owner_client.user)
    response = strict.post(reverse("materials_collections:share", args=[collection.pk]))
    assert response.status_code == 403
    collection.refresh_from_db()
    assert not collection.is_shared


def test_compare_shows_specifications_side_by_side(client):
    a = published_material(name="Adras A", weight_gsm=120, width_cm=50)
    b = published_material(name="Atlas B", weight_gsm=90, width_cm=45)
    page = client.get(reverse("materials_collections:compare"), {"m": [a.pk, b.pk]})
    assert page.status_code == 200
    body = page.content.decode()
    assert body.index("Adras A") < body.index("Atlas B")
    assert "120 g/m²" in body and "90 g/m²" in body
    assert "Weight" in body and "Minimum order" in body


def test_compare_more_than_four_is_refused(client):
    ids = [published_material().pk for _ in range(5)]
    response = client.get(reverse("materials_collections:compare"), {"m": ids})
    assert response.status_code == 400
    assert "at most 4" in response.content.decode()
    assert client.get(reverse("materials_collections:compare"), {"m": ids[:4]}).status_code == 200


def test_compare_ignores_garbage_and_unpublished(client):
    draft = published_material(status="draft", name="Secret draft")
    response = client.get(
        reverse("materials_collections:compare"), {"m": ["x", "-1", str(draft.pk), "9" * 30]}
    )
    assert response.status_code == 200
    assert "Secret draft" not in response.content.decode()


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_collections_list_query_count_does_not_grow(owner_client):
    url = reverse("materials_collections:index")
    for _ in range(2):
        CollectionItemFactory(collection=CollectionFactory(owner=owner_client.user))
    few = _count(owner_client, url)
    for _ in range(6):
        CollectionItemFactory(collection=CollectionFactory(owner=owner_client.user))
    assert _count(owner_client, url) == few


def test_collection_page_query_count_does_not_grow(owner_client):
    collection = CollectionFactory(owner=owner_client.user)
    url = reverse("materials_collections:detail", args=[collection.pk])
    for _ in range(2):
        CollectionItemFactory(collection=collection)
    few = _count(owner_client, url)
    for _ in range(4):
        CollectionItemFactory(collection=collection)
    assert _count(owner_client, url) == few


def test_signing_in_with_password_still_works_for_factories(client):
    """Sanity check of the fast hasher used in these tests."""
    user = UserFactory()
    assert client.login(email=user.email, password=PASSWORD)
