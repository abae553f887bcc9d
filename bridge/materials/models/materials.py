"""A material listing and what hangs off it: composition, certificates, images."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from bridge.materials.terms import Term, term
from bridge.materials.vocabulary import Currency, Language, Status, Unit

MAX_IMAGES = 10
_NON_NEGATIVE = [MinValueValidator(Decimal(0))]


class Material(models.Model):
    supplier = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("supplier"),
        on_delete=models.CASCADE,
        related_name="materials",
    )
    sku = models.CharField(_("SKU"), max_length=64)
    # As the supplier wrote it, in `language`; the translations are optional.
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    language = models.CharField(
        _("language of the original"), max_length=8, choices=Language.choices
    )
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    name_uz = models.CharField(_("name (Uzbek)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_uz = models.TextField(_("description (Uzbek)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    category = models.ForeignKey(
        "materials.Category",
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="materials",
    )
    techniques = models.JSONField(_("techniques"), default=list, blank=True)
    colours = models.JSONField(_("colours"), default=list, blank=True)
    width_cm = models.DecimalField(
        _("width, cm"), max_digits=8, decimal_places=2, null=True, blank=True,
        validators=_NON_NEGATIVE,
    )  # fmt: skip
    weight_gsm = models.DecimalField(
        _("weight, g/m²"), max_digits=8, decimal_places=2, null=True, blank=True,
        validators=_NON_NEGATIVE,
    )  # fmt: skip
    thickness_mm = models.DecimalField(
        _("thickness, mm"), max_digits=8, decimal_places=2, null=True, blank=True,
        validators=_NON_NEGATIVE,
    )  # fmt: skip
    origin_country = CountryField(_("country of origin"))
    origin_region = models.CharField(_("region of origin"), max_length=120, blank=True)
    sustainability_notes = models.TextField(_("sustainability notes"), blank=True)
    price = models.DecimalField(
        _("price"), max_digits=14, decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )  # fmt: skip
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices)
    moq = models.DecimalField(
        _("minimum order"), max_digits=12, decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("In the price unit."),
    )  # fmt: skip
    lead_time_days = models.PositiveIntegerField(
        _("lead time, days"), validators=[MaxValueValidator(3650)]
    )
    sample_available = models.BooleanField(_("sample available"), default=False)
    sample_price = models.DecimalField(
        _("sample price"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=_NON_NEGATIVE, help_text=_("In the listing's currency; empty means free."),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["-created_at", "-id"]
        permissions = [("moderate_material", _("Can publish or reject materials"))]
        constraints = [
            models.UniqueConstraint(fields=["supplier", "sku"], name="material_unique_sku"),
            models.CheckConstraint(condition=models.Q(price__gt=0), name="material_price_positive"),
            models.CheckConstraint(condition=models.Q(moq__gt=0), name="material_moq_positive"),
        ]
        indexes = [models.Index(fields=["status", "category"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.sku})"

    def display_name(self, language: str | None = None) -> str:
        language = (language or get_language() or "ru")[:2]
        if self.language[:2] == language:
            return self.name
        return getattr(self, f"name_{language}", "") or self.name

    def display_description(self, language: str | None = None) -> str:
        language = (language or get_language() or "ru")[:2]
        if self.language[:2] == language:
            return self.description
        return getattr(self, f"description_{language}", "") or self.description

    def technique_terms(self) -> list[Term]:
        return [term(word, "technique") for word in self.techniques or []]

    def colour_terms(self) -> list[Term]:
        return [term(word, "colour") for word in self.colours or []]

    def names(self) -> list[str]:
        return [
            n for n in dict.fromkeys([self.name, self.name_ru, self.name_uz, self.name_en]) if n
        ]

    def descriptions(self) -> list[str]:
        texts = [self.description, self.description_ru, self.description_uz, self.description_en]
        return [t for t in dict.fromkeys(texts) if t]


class MaterialFibre(models.Model):
    """One row of the composition; a material's rows sum to 100 (checked by the services).

    ``fibre`` is the thesaurus concept (bridge.materials.terms), ``other``, or empty when the
    thesaurus does not know the supplier's word, which ``written`` then keeps as written."""

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="fibres")
    fibre = models.CharField(_("fibre"), max_length=80, blank=True)
    written = models.CharField(_("fibre as written"), max_length=80, blank=True)
    percent = models.DecimalField(
        _("percent"), max_digits=5, decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(100))],
    )  # fmt: skip
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("fibre")
        verbose_name_plural = _("composition")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["material", "fibre"],
                condition=~models.Q(fibre=""),
                name="materialfibre_unique",
            ),
            models.UniqueConstraint(
                fields=["material", "written"],
                condition=models.Q(fibre=""),
                name="materialfibre_unknown_unique",
            ),
            models.CheckConstraint(
                condition=~models.Q(fibre="", written=""), name="materialfibre_named"
            ),
            models.CheckConstraint(
                condition=models.Q(percent__gt=0, percent__lte=100), name="materialfibre_percent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label()} {self.percent.normalize():f}%"

    @property
    def term(self) -> Term:
        return Term(self.fibre, self.written)

    def label(self, language: str | None = None) -> str:
        return self.term.label(language)


class MaterialCertification(models.Model):
    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="certifications")
    certification = models.ForeignKey(
        "materials.Certification",
        verbose_name=_("certification"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    number = models.CharField(_("certificate number"), max_length=80, blank=True)
    expires_on = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["material", "certification"], name="materialcertification_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.certification} {self.number}".strip()


def _image_path(instance: "MaterialImage", filename: str) -> str:
    return f"materials/{instance.material_id}/{filename}"


class MaterialImage(models.Model):
    """A photo, stored re-encoded (see services.material_image_add); at most MAX_IMAGES."""

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("image"), upload_to=_image_path)
    alt = models.CharField(_("description of the image"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.alt or self.image.name
