"""Reads for the per-category property templates."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bridge.materials.models import Category, Material, PropertyDefinition
from bridge.materials.models.properties import PropertyUnit


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


@dataclass(frozen=True)
class Measure:
    """A numeric property the catalog filters by range: ``key`` is both the search index's
    number and the prefix of the URL's ``<key>_min`` / ``<key>_max``."""

    key: str
    label: str


# Every material may have these three (columns of Material); templates add the rest.
FIXED_MEASURES = (
    ("width_cm", gettext_lazy("Width"), PropertyUnit.CM),
    ("weight_gsm", gettext_lazy("Weight"), PropertyUnit.GSM),
    ("thickness_mm", gettext_lazy("Thickness"), PropertyUnit.MM),
)
PROPERTY_PREFIX = "p_"


def measure_key(definition: PropertyDefinition) -> str:
    return PROPERTY_PREFIX + definition.code


def _measure_label(name: str, unit: str) -> str:
    if unit == PropertyUnit.NONE:
        return name
    return _("%(property)s, %(unit)s") % {"property": name, "unit": PropertyUnit(unit).label}


def catalog_measures(category_codes: list[str], asked: set[str]) -> list[Measure]:
    """The range filters to offer: the fixed three, the templates of the chosen categories, and
    any property already in the URL (so a shared link shows what it filters by)."""
    measures = [Measure(key, _measure_label(str(name), unit)) for key, name, unit in FIXED_MEASURES]
    codes = {key.removeprefix(PROPERTY_PREFIX) for key in asked if key.startswith(PROPERTY_PREFIX)}
    wanted = set()
    for category in Category.objects.filter(code__in=category_codes[:5]):
        wanted |= {d.pk for d in definitions_for_category(category)}
    definitions = PropertyDefinition.objects.filter(Q(pk__in=wanted) | Q(code__in=codes)).order_by(
        "position", "code"
    )
    measures += [Measure(measure_key(d), _measure_label(d.label(), d.unit)) for d in definitions]
    return measures


def measure_keys(asked: set[str]) -> set[str]:
    """Which of the ``asked`` keys are real measures (one query, only for template keys)."""
    fixed = {key for key, _name, _unit in FIXED_MEASURES}
    codes = {key.removeprefix(PROPERTY_PREFIX) for key in asked if key.startswith(PROPERTY_PREFIX)}
    known = set()
    if codes:
        known = {
            PROPERTY_PREFIX + code
            for code in PropertyDefinition.objects.filter(code__in=codes).values_list(
                "code", flat=True
            )
        }
    return (asked & fixed) | known
