"""Writes about collections (moodboards). Only the owner changes a collection."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bridge.accounts.models import User
from bridge.core.audit import audit_log
from bridge.materials.models import Collection, CollectionItem, Material
from bridge.materials.vocabulary import Status

MAX_COLLECTIONS = 200
MAX_ITEMS = 500


def _own(actor, collection: Collection) -> None:
    if not getattr(actor, "is_authenticated", False) or collection.owner_id != actor.pk:
        raise PermissionDenied


def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the collection a name.")})
    if len(name) > 120:
        raise ValidationError({"name": _("A name is at most 120 characters.")})
    return name


@transaction.atomic
def collection_create(*, actor: User, name: str, description: str = "") -> Collection:
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    if Collection.objects.filter(owner=actor).count() >= MAX_COLLECTIONS:
        raise ValidationError({"name": _("You have too many collections; delete some first.")})
    collection = Collection.objects.create(
        owner=actor, name=_clean_name(name), description=(description or "").strip()[:2000]
    )
    audit_log(actor=actor, action="collection.create", target=collection)
    return collection


@transaction.atomic
def collection_update(
    *, actor: User, collection: Collection, name: str, description: str = ""
) -> Collection:
    _own(actor, collection)
    collection.name = _clean_name(name)
    collection.description = (description or "").strip()[:2000]
    collection.save()
    audit_log(actor=actor, action="collection.update", target=collection)
    return collection


@transaction.atomic
def collection_delete(*, actor: User, collection: Collection) -> None:
    _own(actor, collection)
    audit_log(actor=actor, action="collection.delete", target=collection)
    collection.delete()


@transaction.atomic
def collection_share(*, actor: User, collection: Collection) -> Collection:
    """Make a fresh unguessable link; any earlier link stops working."""
    _own(actor, collection)
    collection.share_token = secrets.token_urlsafe(24)
    collection.save(update_fields=["share_token", "updated_at"])
    audit_log(actor=actor, action="collection.share", target=collection)
    return collection


@transaction.atomic
def collection_unshare(*, actor: User, collection: Collection) -> Collection:
    _own(actor, collection)
    collection.share_token = None
    collection.save(update_fields=["share_token", "updated_at"])
    audit_log(actor=actor, action="collection.unshare", target=collection)
    return collection


@transaction.atomic
def collection_item_add(
    *, actor: User, collection: Collection, material: Material
) -> CollectionItem:
    _own(actor, collection)
    if material.status != Status.PUBLISHED:
        raise ValidationError({"material": _("Only published materials can be collected.")})
    item = CollectionItem.objects.filter(collection=collection, material=material).first()
    if item is not None:
        return item
    if collection.items.count() >= MAX_ITEMS:
        raise ValidationError({"material": _("This collection is full.")})
    item = CollectionItem.objects.create(collection=collection, material=material)
    collection.save(update_fields=["updated_at"])
    audit_log(actor=actor, action="collection.add", target=collection, material=material.pk)
    return item


@transaction.atomic
def collection_item_remove(*, actor: User, collection: Collection, material: Material) -> None:
    _own(actor, collection)
    deleted, _rows = CollectionItem.objects.filter(
        collection=collection, material=material
    ).delete()
    if deleted:
        collection.save(update_fields=["updated_at"])
        audit_log(actor=actor, action="collection.remove", target=collection, material=material.pk)
