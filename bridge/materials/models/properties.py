"""Per-category property templates (as InvenTree and Saleor do it): staff define a numeric
property once, with its unit and bounds, and attach it to categories; a material of such a
category (or of any subcategory below it) then carries a value for it, stored as a number so it
can be compared and filtered as a range.

width_cm, weight_gsm and thickness_mm stay columns of Material: the import contract and the search
index use them. Definitions cover what the other categories need.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bridge.core.money import format_number
from bridge.materials.models.catalog import in_language


class PropertyUnit(models.TextChoices):
    # The stored code is ASCII; `symbol` gives the international symbol the API shows.
    GSM = "gsm", _("g/m²")
    CM = "cm", _("cm")
    MM = "mm", _("mm")
    KG = "kg", _("kg")
    G = "g", _("g")
    KG_M3 = "kg_m3", _("kg/m³")
    DM2 = "dm2", _("dm²")
    CELSIUS = "celsius", _("°C")
    PERCENT = "percent", _("%")
    NONE = "none", pgettext_lazy("property unit", "no unit (a score or a count)")


UNIT_SYMBOLS = {
    PropertyUnit.GSM: "g/m²",
    PropertyUnit.CM: "cm",
    PropertyUnit.MM: "mm",
    PropertyUnit.KG: "kg",
    PropertyUnit.G: "g",
    PropertyUnit.KG_M3: "kg/m³",
    PropertyUnit.DM2: "dm²",
    PropertyUnit.CELSIUS: "°C",
    PropertyUnit.PERCENT: "%",
    PropertyUnit.NONE: "",
}

# Whole phrases, so a translator can put the unit before the number or drop the space.
VALUE_FORMATS = {
    PropertyUnit.GSM: _("%(value)s g/m²"),
    PropertyUnit.CM: _("%(value)s cm"),
    PropertyUnit.MM: _("%(value)s mm"),
    PropertyUnit.KG: _("%(value)s kg"),
    PropertyUnit.G: _("%(value)s g"),
    PropertyUnit.KG_M3: _("%(value)s kg/m³"),
    PropertyUnit.DM2: _("%(value)s dm²"),
    PropertyUnit.CELSIUS: _("%(value)s °C"),
    PropertyUnit.PERCENT: _("%(value)s%%"),
    PropertyUnit.NONE: "%(value)s",
}


def format_value(value: Decimal | None, unit: str) -> str:
    """`1250` and °C → "1 250 °C" in the active language's number format."""
    if value is None:
        return ""
    number = format_number(value.normalize() if isinstance(value, Decimal) else value)
    return str(VALUE_FORMATS.get(unit, "%(value)s")) % {"value": number}


class PropertyDefinition(models.Model):
    """One numeric property of a category's template (firing temperature, density, …)."""

    code = models.SlugField(
        _("code"),
        max_length=64,
        unique=True,
        help_text=_("Stable identifier used by the API, e.g. firing-temperature."),
    )
    label_ru = models.CharField(_("label (Russian)"), max_length=120)
    label_uz = models.CharField(_("label (Uzbek)"), max_length=120)
    label_en = models.CharField(_("label (English)"), max_length=120)
    unit = models.CharField(_("unit"), max_length=16, choices=PropertyUnit.choices)
    min_value = models.DecimalField(
        _("lowest value"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("highest value"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    decimal_places = models.PositiveSmallIntegerField(
        _("decimal places"),
        default=1,
        validators=[MaxValueValidator(4)],
        help_text=_("0 for whole numbers such as a 1–8 score."),
    )
    categories = models.ManyToManyField(
        "materials.Category",
        verbose_name=_("categories"),
        related_name="property_definitions",
        help_text=_("A property of a category applies to all its subcategories too."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("property definition")
        verbose_name_plural = _("property definitions")
        ordering = ["position", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_value__isnull=True)
                | models.Q(max_value__isnull=True)
                | models.Q(min_value__lte=models.F("max_value")),
                name="propertydefinition_bounds_order",
            ),
        ]

    def __str__(self) -> str:
        return self.label()

    def label(self, language: str | None = None) -> str:
        return in_language(self, "label", language)

    @property
    def symbol(self) -> str:
        return UNIT_SYMBOLS.get(self.unit, "")

    def format(self, value: Decimal | None) -> str:
        return format_value(value, self.unit)


class MaterialPropertyValue(models.Model):
    material = models.ForeignKey(
        "materials.Material", on_delete=models.CASCADE, related_name="property_values"
    )
    # PROTECT: deleting a definition must not silently wipe what suppliers entered.
    definition = models.ForeignKey(
        PropertyDefinition,
        verbose_name=_("property"),
        on_delete=models.PROTECT,
        related_name="values",
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)

    class Meta:
        verbose_name = _("property value")
        verbose_name_plural = _("property values")
        ordering = ["definition__position", "definition__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["material", "definition"], name="materialpropertyvalue_unique"
            )
        ]
        indexes = [models.Index(fields=["definition", "value"])]

    def __str__(self) -> str:
        return f"{self.definition.label()}: {self.display()}"

    def display(self) -> str:
        return self.definition.format(self.value)
