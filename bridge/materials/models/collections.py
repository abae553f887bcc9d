"""Collections (moodboards): a person's named sets of materials, private or shared by link."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Collection(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="material_collections",
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("notes"), blank=True)
    # Set while the collection is shared; clearing it revokes every copy of the link.
    share_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    materials = models.ManyToManyField(
        "materials.Material", through="CollectionItem", related_name="+"
    )

    class Meta:
        verbose_name = _("collection")
        verbose_name_plural = _("collections")
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_shared(self) -> bool:
        return bool(self.share_token)


class CollectionItem(models.Model):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="items")
    material = models.ForeignKey(
        "materials.Material", on_delete=models.CASCADE, related_name="collection_items"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("material in a collection")
        verbose_name_plural = _("materials in collections")
        ordering = ["-added_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["collection", "material"], name="collectionitem_unique")
        ]

    def __str__(self) -> str:
        return f"{self.collection_id}: {self.material_id}"
