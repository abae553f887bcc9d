"""Reads for the per-category property templates."""

from django.db.models import QuerySet

from bridge.materials.models import Category, Material, PropertyDefinition


def definitions_for_category(category: Category | None) -> QuerySet[PropertyDefinition]:
    """The template of a category: its own definitions and those of every ancestor (a definition
    on "ceramics" applies to "tiles" too), each once, in position order."""
    if category is None:
        return PropertyDefinition.objects.none()
    ids = [c.pk for c in category.ancestors()]
    return (
        PropertyDefinition.objects.filter(categories__in=ids)
        .distinct()
        .order_by("position", "code")
    )


def property_values(material: Material) -> dict[str, object]:
    """definition code → stored value, for filling the edit form."""
    if material.pk is None:
        return {}
    return dict(material.property_values.values_list("definition__code", "value"))
