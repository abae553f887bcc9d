"""Collection services, to the exact value a person or a caller sees: which field an error is
shown at and what it says, the limits on both sides of the edge (120 characters for a name,
2,000 for the notes, 200 collections, 500 materials), the audit rows, who may change what, what
a share link looks like and that only the columns a step owns are written. Written for the
mutation score of issue 18."""

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from bridge.accounts.tests.factories import UserFactory
from bridge.core.models import AuditEntry
from bridge.materials.models import Collection, CollectionItem, Material
from bridge.materials.services import collections as services
from bridge.materials.tests.factories import MaterialFactory
from bridge.materials.tests.factories_samples import (
    CollectionFactory,
    CollectionItemFactory,
    published_material,
)
from bridge.materials.vocabulary import Status

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.usefixtures("in_english"),
]

LONG_AGO = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)


def errors(exc) -> dict:
    return exc.value.message_dict


def trail(collection_pk) -> list[tuple]:
    """The collection's audit rows, oldest first (by pk: it survives the collection)."""
    return [
        (e.action, e.actor, e.data, e.target_repr)
        for e in AuditEntry.objects.filter(
            target_type="materials.collection", target_id=str(collection_pk)
        ).order_by("pk")
    ]


def backdated(collection) -> Collection:
    """The collection as the database holds it, last changed long ago."""
    Collection.objects.filter(pk=collection.pk).update(updated_at=LONG_AGO)
    collection.refresh_from_db()
    return collection


def stored(collection) -> Collection:
    return Collection.objects.get(pk=collection.pk)


def signed_out_with(pk):
    """Someone not signed in whose request somehow carries the owner's id: still refused."""
    return SimpleNamespace(pk=pk, is_authenticated=False)


def without_sign_in_flag(pk):
    """An actor that says nothing about being signed in counts as not signed in."""
    return SimpleNamespace(pk=pk)


# --- creating -------------------------------------------------------------------------------


def test_create_stores_the_trimmed_name_and_notes_for_the_owner_and_audits_it():
    owner = UserFactory()
    collection = services.collection_create(
        actor=owner, name="  Ikat scarves ", description="  for the spring line \n"
    )
    saved = stored(collection)
    assert (saved.owner, saved.name, saved.description) == (
        owner,
        "Ikat scarves",
        "for the spring line",
    )
    assert saved.share_token is None
    assert trail(collection.pk) == [("collection.create", owner, {}, "Ikat scarves")]


def test_create_without_notes_stores_empty_notes():
    collection = services.collection_create(actor=UserFactory(), name="Ceramics")
    assert stored(collection).description == ""
    other = services.collection_create(actor=UserFactory(), name="Glass", description=None)
    assert stored(other).description == ""


def test_notes_keep_their_first_2000_characters():
    owner = UserFactory()
    exact = services.collection_create(actor=owner, name="A", description="n" * 2000)
    longer = services.collection_create(actor=owner, name="B", description=" " + "m" * 2001)
    assert stored(exact).description == "n" * 2000
    assert stored(longer).description == "m" * 2000


@pytest.mark.parametrize("actor", [AnonymousUser(), None])
def test_create_refuses_anyone_not_signed_in(actor):
    with pytest.raises(PermissionDenied):
        services.collection_create(actor=actor, name="Mine")
    assert not Collection.objects.exists()
    assert not AuditEntry.objects.exists()


def test_create_refuses_an_actor_that_does_not_say_it_is_signed_in():
    owner = UserFactory()
    with pytest.raises(PermissionDenied):
        services.collection_create(actor=without_sign_in_flag(owner.pk), name="Mine")
    assert not Collection.objects.exists()


@pytest.mark.parametrize("name", ["", "   ", None])
def test_a_missing_name_is_refused_at_the_name(name):
    with pytest.raises(ValidationError) as exc:
        services.collection_create(actor=UserFactory(), name=name)
    assert errors(exc) == {"name": ["Give the collection a name."]}
    assert not Collection.objects.exists()


def test_a_name_of_120_characters_is_kept_and_121_is_refused_at_the_name():
    owner = UserFactory()
    collection = services.collection_create(actor=owner, name=" " + "x" * 120 + " ")
    assert stored(collection).name == "x" * 120
    with pytest.raises(ValidationError) as exc:
        services.collection_create(actor=owner, name="y" * 121)
    assert errors(exc) == {"name": ["A name is at most 120 characters."]}
    assert Collection.objects.count() == 1


def test_the_200th_collection_is_allowed_and_the_201st_refused_at_the_name():
    owner = UserFactory()
    # Another person's collections do not count against this owner's limit.
    Collection.objects.bulk_create(
        [Collection(owner=UserFactory(), name="Theirs")]
        + [Collection(owner=owner, name=f"Mine {n}") for n in range(199)]
    )
    last = services.collection_create(actor=owner, name="The last one")
    assert stored(last).name == "The last one"
    with pytest.raises(ValidationError) as exc:
        services.collection_create(actor=owner, name="One too many")
    assert errors(exc) == {"name": ["You have too many collections; delete some first."]}
    assert Collection.objects.filter(owner=owner).count() == services.MAX_COLLECTIONS == 200
    assert not Collection.objects.filter(name="One too many").exists()


# --- renaming -------------------------------------------------------------------------------


def test_update_renames_rewrites_the_notes_and_audits_it():
    collection = CollectionFactory(name="Old", description="Old notes")
    owner = collection.owner
    services.collection_update(
        actor=owner, collection=collection, name="  New name ", description=" New notes "
    )
    saved = stored(collection)
    assert (saved.name, saved.description) == ("New name", "New notes")
    assert trail(collection.pk) == [("collection.update", owner, {}, "New name")]


def test_update_without_notes_clears_them_and_long_notes_are_cut_at_2000():
    collection = CollectionFactory(description="Old notes")
    services.collection_update(actor=collection.owner, collection=collection, name="Same")
    assert stored(collection).description == ""
    services.collection_update(
        actor=collection.owner, collection=collection, name="Same", description=None
    )
    assert stored(collection).description == ""
    services.collection_update(
        actor=collection.owner, collection=collection, name="Same", description="d" * 2001
    )
    assert stored(collection).description == "d" * 2000


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("  ", "Give the collection a name."),
        (None, "Give the collection a name."),
        ("z" * 121, "A name is at most 120 characters."),
    ],
)
def test_update_refuses_a_bad_name_at_the_name_and_keeps_the_old_one(name, message):
    collection = CollectionFactory(name="Kept")
    with pytest.raises(ValidationError) as exc:
        services.collection_update(actor=collection.owner, collection=collection, name=name)
    assert errors(exc) == {"name": [message]}
    assert stored(collection).name == "Kept"
    assert trail(collection.pk) == []


def test_update_keeps_a_name_of_exactly_120_characters():
    collection = CollectionFactory()
    services.collection_update(actor=collection.owner, collection=collection, name="q" * 120)
    assert stored(collection).name == "q" * 120


# --- who may change a collection ------------------------------------------------------------


def _every_change(actor, collection, material):
    return {
        "update": lambda: services.collection_update(
            actor=actor, collection=collection, name="Hacked"
        ),
        "delete": lambda: services.collection_delete(actor=actor, collection=collection),
        "share": lambda: services.collection_share(actor=actor, collection=collection),
        "unshare": lambda: services.collection_unshare(actor=actor, collection=collection),
        "add": lambda: services.collection_item_add(
            actor=actor, collection=collection, material=material
        ),
        "remove": lambda: services.collection_item_remove(
            actor=actor, collection=collection, material=material
        ),
    }


@pytest.mark.parametrize("who", ["another person", "anonymous", "signed out", "no sign-in flag"])
def test_only_the_signed_in_owner_changes_a_collection(who):
    item = CollectionItemFactory(collection=CollectionFactory(name="Private"))
    collection = item.collection
    collection.share_token = "existing-token"
    collection.save()
    owner_pk = collection.owner_id
    actor = {
        "another person": UserFactory(),
        "anonymous": AnonymousUser(),
        "signed out": signed_out_with(owner_pk),
        "no sign-in flag": without_sign_in_flag(owner_pk),
    }[who]
    for step, change in _every_change(actor, collection, item.material).items():
        with pytest.raises(PermissionDenied):
            change()
        saved = stored(collection)
        assert (saved.name, saved.share_token) == ("Private", "existing-token"), step
        assert list(saved.items.values_list("material", flat=True)) == [item.material_id], step
    assert not AuditEntry.objects.exists()


# --- deleting -------------------------------------------------------------------------------


def test_delete_removes_the_collection_and_its_items_and_leaves_its_audit_row():
    item = CollectionItemFactory(collection=CollectionFactory(name="Gone"))
    collection, owner, pk = item.collection, item.collection.owner, item.collection.pk
    services.collection_delete(actor=owner, collection=collection)
    assert not Collection.objects.filter(pk=pk).exists()
    assert not CollectionItem.objects.exists()
    assert Material.objects.filter(pk=item.material_id).exists()
    assert trail(pk) == [("collection.delete", owner, {}, "Gone")]


# --- sharing --------------------------------------------------------------------------------


def test_share_sets_a_fresh_32_character_link_each_time_and_audits_it():
    collection = backdated(CollectionFactory())
    owner = collection.owner
    first = services.collection_share(actor=owner, collection=collection).share_token
    saved = stored(collection)
    assert saved.share_token == first
    assert len(first) == 32  # 24 random bytes, URL-safe base64
    assert saved.is_shared
    assert saved.updated_at > LONG_AGO
    second = services.collection_share(actor=owner, collection=collection).share_token
    assert len(second) == 32 and second != first
    assert stored(collection).share_token == second
    assert [row[:3] for row in trail(collection.pk)] == [
        ("collection.share", owner, {}),
        ("collection.share", owner, {}),
    ]


def test_unshare_clears_the_link_to_null_and_audits_it():
    collection = CollectionFactory(share_token="some-token")
    other = CollectionFactory(share_token="other-token")
    collection = backdated(collection)
    services.collection_unshare(actor=collection.owner, collection=collection)
    services.collection_unshare(actor=other.owner, collection=other)
    saved = stored(collection)
    assert saved.share_token is None and stored(other).share_token is None
    assert not saved.is_shared
    assert saved.updated_at > LONG_AGO
    assert trail(collection.pk) == [("collection.unshare", collection.owner, {}, saved.name)]


@pytest.mark.parametrize("step", ["share", "unshare"])
def test_sharing_writes_only_the_link_not_a_stale_copy_of_the_rest(step):
    """A page loaded before a rename elsewhere must not undo the rename when it shares."""
    collection = CollectionFactory(name="Before", share_token="old-token")
    Collection.objects.filter(pk=collection.pk).update(name="Renamed elsewhere")
    getattr(services, f"collection_{step}")(actor=collection.owner, collection=collection)
    assert stored(collection).name == "Renamed elsewhere"


# --- adding and removing materials ----------------------------------------------------------


def test_add_puts_the_material_in_touches_the_collection_and_audits_it():
    collection = backdated(CollectionFactory(name="Silk"))
    material = published_material()
    item = services.collection_item_add(
        actor=collection.owner, collection=collection, material=material
    )
    assert (item.pk, item.collection, item.material) == (
        CollectionItem.objects.get().pk,
        collection,
        material,
    )
    assert stored(collection).updated_at > LONG_AGO
    assert trail(collection.pk) == [
        ("collection.add", collection.owner, {"material": material.pk}, "Silk")
    ]


def test_adding_twice_returns_the_first_item_without_a_second_row_or_audit():
    collection = CollectionFactory()
    material = published_material()
    first = services.collection_item_add(
        actor=collection.owner, collection=collection, material=material
    )
    backdated(collection)
    again = services.collection_item_add(
        actor=collection.owner, collection=collection, material=material
    )
    assert again.pk == first.pk
    assert CollectionItem.objects.count() == 1
    assert stored(collection).updated_at == LONG_AGO
    assert [row[0] for row in trail(collection.pk)] == ["collection.add"]


def test_the_same_material_goes_into_two_collections():
    material = published_material()
    owner = UserFactory()
    a, b = CollectionFactory(owner=owner), CollectionFactory(owner=owner)
    services.collection_item_add(actor=owner, collection=a, material=material)
    item = services.collection_item_add(actor=owner, collection=b, material=material)
    assert item.collection == b
    assert sorted(CollectionItem.objects.values_list("collection", flat=True)) == sorted(
        [a.pk, b.pk]
    )


@pytest.mark.parametrize("status", [Status.DRAFT, Status.ARCHIVED])
def test_only_published_materials_are_added_and_the_error_is_at_the_material(status):
    collection = CollectionFactory()
    material = published_material(status=status)
    with pytest.raises(ValidationError) as exc:
        services.collection_item_add(
            actor=collection.owner, collection=collection, material=material
        )
    assert errors(exc) == {"material": ["Only published materials can be collected."]}
    assert not CollectionItem.objects.exists()
    assert trail(collection.pk) == []


def _fill(collection, count):
    supplier = published_material().supplier
    materials = Material.objects.bulk_create(
        MaterialFactory.build(supplier=supplier, status=Status.PUBLISHED) for _ in range(count)
    )
    CollectionItem.objects.bulk_create(
        CollectionItem(collection=collection, material=m) for m in materials
    )


def test_the_500th_material_fits_and_the_501st_is_refused_at_the_material():
    collection = CollectionFactory()
    _fill(collection, 499)
    last = published_material()
    services.collection_item_add(actor=collection.owner, collection=collection, material=last)
    assert collection.items.count() == services.MAX_ITEMS == 500
    # A material already in a full collection is still answered with its row.
    assert (
        services.collection_item_add(
            actor=collection.owner, collection=collection, material=last
        ).material_id
        == last.pk
    )
    with pytest.raises(ValidationError) as exc:
        services.collection_item_add(
            actor=collection.owner, collection=collection, material=published_material()
        )
    assert errors(exc) == {"material": ["This collection is full."]}
    assert collection.items.count() == 500


def test_add_writes_only_the_date_not_a_stale_copy_of_the_rest():
    collection = CollectionFactory(name="Before")
    Collection.objects.filter(pk=collection.pk).update(name="Renamed elsewhere")
    services.collection_item_add(
        actor=collection.owner, collection=collection, material=published_material()
    )
    assert stored(collection).name == "Renamed elsewhere"


def test_remove_takes_the_material_out_of_this_collection_only_and_audits_it():
    owner = UserFactory()
    item = CollectionItemFactory(collection=CollectionFactory(owner=owner, name="Wool"))
    kept = CollectionItemFactory(collection=item.collection)
    elsewhere = CollectionItemFactory(
        collection=CollectionFactory(owner=owner), material=item.material
    )
    collection = backdated(item.collection)
    Collection.objects.filter(pk=collection.pk).update(name="Wool, renamed")
    services.collection_item_remove(actor=owner, collection=collection, material=item.material)
    assert list(CollectionItem.objects.order_by("pk")) == [kept, elsewhere]
    saved = stored(collection)
    assert saved.updated_at > LONG_AGO
    assert saved.name == "Wool, renamed"
    assert trail(collection.pk) == [
        ("collection.remove", owner, {"material": item.material_id}, "Wool")
    ]


def test_removing_a_material_not_in_the_collection_changes_nothing():
    collection = backdated(CollectionFactory())
    elsewhere = CollectionItemFactory()
    services.collection_item_remove(
        actor=collection.owner, collection=collection, material=elsewhere.material
    )
    assert CollectionItem.objects.get() == elsewhere
    assert stored(collection).updated_at == LONG_AGO
    assert trail(collection.pk) == []
