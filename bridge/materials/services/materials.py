"""Writes about materials. Each is one transaction with its audit entry and its search-index
update, so the listing, the log and the catalog cannot disagree.

`actor=None` means the platform itself (a management command, the demo builder): it passes the
permission checks and is logged without a person.
"""

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bridge.accounts.models import Organisation
from bridge.core.audit import audit_log
from bridge.materials.models import (
    Certification,
    Material,
    MaterialCertification,
    MaterialFibre,
    MaterialImage,
)
from bridge.materials.models.materials import MAX_IMAGES
from bridge.materials.rules import materials as rules
from bridge.materials.terms import Term, term
from bridge.materials.vocabulary import Status
from bridge.search.services import search_index_update

INDEX_KEY = "materials"

EDITABLE_FIELDS = (
    "sku",
    "name",
    "description",
    "language",
    "name_ru",
    "name_uz",
    "name_en",
    "description_ru",
    "description_uz",
    "description_en",
    "category",
    "techniques",
    "colours",
    "width_cm",
    "weight_gsm",
    "thickness_mm",
    "origin_country",
    "origin_region",
    "sustainability_notes",
    "price",
    "currency",
    "unit",
    "moq",
    "lead_time_days",
    "sample_available",
    "sample_price",
)

# status → the statuses an action may start from
_SUBMITTABLE = {Status.DRAFT, Status.REJECTED}
_PUBLISHABLE = {Status.DRAFT, Status.PENDING, Status.REJECTED}
_REJECTABLE = {Status.PENDING, Status.PUBLISHED}

# (fibre, share): the fibre as a Term, or a supplier's word or thesaurus id to be looked up.
Fibres = Sequence[tuple[Term | str, Decimal | int | str]]
Certificates = Sequence[tuple[str, str, Any]]  # (certification code, number, expires_on)


def composition_terms(fibres: Fibres) -> list[tuple[Term, Decimal | int | str]]:
    return [(f if isinstance(f, Term) else term(str(f), "fibre"), share) for f, share in fibres]


def composition_errors(fibres: Fibres) -> list[str]:
    """Messages about a composition: each fibre once, positive percents summing to 100. A fibre
    the thesaurus does not know is no error: it is kept as written."""
    errors = []
    seen = set()
    total = Decimal(0)
    for fibre, percent in composition_terms(fibres):
        if not fibre.key:
            errors.append(_("Name each fibre of the composition."))
            continue
        if fibre.key in seen:
            errors.append(_("%(fibre)s is listed twice.") % {"fibre": fibre.label()})
        seen.add(fibre.key)
        try:
            value = Decimal(str(percent))
        except InvalidOperation:
            errors.append(_("The share of %(fibre)s is not a number.") % {"fibre": fibre.label()})
            continue
        if not Decimal(0) < value <= Decimal(100):
            errors.append(
                _("The share of %(fibre)s must be more than 0 and at most 100.")
                % {"fibre": fibre.label()}
            )
        total += value
    if fibres and not errors and total != Decimal(100):
        errors.append(
            _("The composition adds up to %(total)s%%; it must add up to 100%%.")
            % {"total": f"{total.normalize():f}"}
        )
    return errors


def _check_manage(actor, supplier: Organisation) -> None:
    if actor is not None and not rules.can_manage_materials(actor, supplier):
        raise PermissionDenied(_("You cannot change the listings of this supplier."))


def _check_moderate(actor) -> None:
    if actor is not None and not rules.can_moderate_materials(actor):
        raise PermissionDenied(_("Only moderators can publish or reject materials."))


def _validate(material: Material, fibres: Fibres | None) -> None:
    errors: dict[str, list[str]] = {}
    try:
        material.full_clean(validate_constraints=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    duplicate = (
        Material.objects.filter(supplier_id=material.supplier_id, sku=material.sku)
        .exclude(pk=material.pk)
        .exists()
    )
    if duplicate:
        errors.setdefault("sku", []).append(
            _("This supplier already has a material with this SKU.")
        )
    if fibres is not None:
        messages = composition_errors(fibres)
        if messages:
            errors["composition"] = messages
    if errors:
        raise ValidationError(errors)


def _set_fibres(material: Material, fibres: Fibres) -> None:
    material.fibres.all().delete()
    MaterialFibre.objects.bulk_create(
        MaterialFibre(
            material=material,
            fibre=fibre.concept,
            written="" if fibre.known else fibre.written,
            percent=Decimal(str(percent)),
            position=i,
        )
        for i, (fibre, percent) in enumerate(composition_terms(fibres))
    )


def _set_certifications(material: Material, certificates: Certificates) -> None:
    by_code = {
        c.code: c for c in Certification.objects.filter(code__in=[c for c, *_r in certificates])
    }
    unknown = [code for code, *_rest in certificates if code not in by_code]
    if unknown:
        raise ValidationError(
            {
                "certifications": _("Unknown certification: %(codes)s.")
                % {"codes": ", ".join(unknown)}
            }
        )
    material.certifications.exclude(certification__code__in=list(by_code)).delete()
    for code, number, expires_on in certificates:
        MaterialCertification.objects.update_or_create(
            material=material,
            certification=by_code[code],
            defaults={"number": number or "", "expires_on": expires_on},
        )


def _reindex(materials: Iterable[Material]) -> None:
    search_index_update(key=INDEX_KEY, objects=list(materials))


@transaction.atomic
def material_create(
    *,
    actor,
    supplier: Organisation,
    fibres: Fibres = (),
    certifications: Certificates = (),
    **fields,
) -> Material:
    """A new listing, as a draft (the supplier submits it for review when ready)."""
    _check_manage(actor, supplier)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    material = Material(supplier=supplier, status=Status.DRAFT, **fields)
    _validate(material, fibres)
    material.save()
    _set_fibres(material, fibres)
    _set_certifications(material, certifications)
    audit_log(actor=actor, action="material.create", target=material, sku=material.sku)
    _reindex([material])
    return material


@transaction.atomic
def material_update(
    *,
    actor,
    material: Material,
    fibres: Fibres | None = None,
    certifications: Certificates | None = None,
    **fields,
) -> Material:
    """Change a listing. A published listing stays published (moderators see the audit trail)."""
    _check_manage(actor, material.supplier)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    if material.status == Status.ARCHIVED:
        raise ValidationError(_("An archived material cannot be changed."))
    changed = sorted(name for name, value in fields.items() if getattr(material, name) != value)
    for name in changed:
        setattr(material, name, fields[name])
    _validate(material, fibres)
    material.save()
    if fibres is not None:
        _set_fibres(material, fibres)
    if certifications is not None:
        _set_certifications(material, certifications)
    audit_log(actor=actor, action="material.update", target=material, fields=changed)
    _reindex([material])
    return material


def _transition(material: Material, allowed: set[str], message: str) -> None:
    material.refresh_from_db(fields=["status"])
    if material.status not in allowed:
        raise ValidationError(message, code="invalid_transition")


@transaction.atomic
def material_submit(*, actor, material: Material) -> Material:
    """Ask the moderators to publish a draft (or a rejected listing, once fixed)."""
    _check_manage(actor, material.supplier)
    _transition(material, _SUBMITTABLE, _("Only drafts and rejected materials can be submitted."))
    material.status = Status.PENDING
    material.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, action="material.submit", target=material)
    _reindex([material])
    return material


@transaction.atomic
def material_publish(*, actor, material: Material) -> Material:
    _check_moderate(actor)
    _transition(material, _PUBLISHABLE, _("This material cannot be published from its status."))
    material.status = Status.PUBLISHED
    material.rejection_reason = ""
    material.published_at = timezone.now()
    material.save(update_fields=["status", "rejection_reason", "published_at", "updated_at"])
    audit_log(actor=actor, action="material.publish", target=material)
    _reindex([material])
    return material


@transaction.atomic
def material_reject(*, actor, material: Material, reason: str) -> Material:
    _check_moderate(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the material is rejected.")})
    _transition(
        material, _REJECTABLE, _("Only materials waiting for review or published can be rejected.")
    )
    material.status = Status.REJECTED
    material.rejection_reason = reason
    material.save(update_fields=["status", "rejection_reason", "updated_at"])
    audit_log(actor=actor, action="material.reject", target=material, reason=reason)
    _reindex([material])
    return material


@transaction.atomic
def material_archive(*, actor, material: Material) -> Material:
    """Take a listing out of the catalog for good (the supplier or a moderator)."""
    if actor is not None and not (
        rules.can_manage_materials(actor, material.supplier) or rules.can_moderate_materials(actor)
    ):
        raise PermissionDenied(_("You cannot change the listings of this supplier."))
    _transition(
        material,
        {Status.DRAFT, Status.PENDING, Status.PUBLISHED, Status.REJECTED},
        _("This material is archived already."),
    )
    material.status = Status.ARCHIVED
    material.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, action="material.archive", target=material)
    _reindex([material])
    return material


@transaction.atomic
def material_image_add(*, actor, material: Material, upload, alt: str = "") -> MaterialImage:
    from bridge.materials.images import material_image_clean
    from bridge.materials.thumbnails import thumbnails_create

    _check_manage(actor, material.supplier)
    if material.images.count() >= MAX_IMAGES:
        raise ValidationError(
            _("A material has at most %(count)d images; remove one first.") % {"count": MAX_IMAGES}
        )
    content = material_image_clean(upload)
    position = material.images.count()
    image = MaterialImage(material=material, alt=alt[:200], position=position)
    image.image.save(content.name, content, save=False)
    image.save()
    # 320 and 640 px wide copies beside the photo, for the catalog cards and the gallery.
    content.seek(0)
    thumbnails_create(storage=image.image.storage, name=image.image.name, data=content.read())
    audit_log(actor=actor, action="material.image_add", target=material, image=image.image.name)
    return image


@transaction.atomic
def material_image_remove(*, actor, image: MaterialImage) -> None:
    from bridge.materials.thumbnails import thumbnails_delete

    material = image.material
    _check_manage(actor, material.supplier)
    name = image.image.name
    storage = image.image.storage
    image.delete()

    def delete_files() -> None:
        storage.delete(name)
        thumbnails_delete(storage=storage, name=name)

    transaction.on_commit(delete_files)
    audit_log(actor=actor, action="material.image_remove", target=material, image=name)


# Errors of template properties are keyed "properties.<code>", apart from the listing's fields.
PROPERTY_ERROR_PREFIX = "properties."


@transaction.atomic
def material_save(
    *,
    actor,
    supplier: Organisation,
    material: Material | None,
    fields: Mapping[str, Any],
    fibres: Fibres | None = None,
    certifications: Certificates | None = None,
    properties: Mapping[str, Any] | None = None,
    images_add: Sequence = (),
    images_remove: Sequence[int] = (),
    submit: bool = False,
) -> Material:
    """The edit form's (and the API's) one save: the listing, its template properties and its
    photos, then optionally the submission, in one transaction, so a photo or a property that
    is refused leaves nothing half-saved. `material=None` creates a draft; `fibres`,
    `certifications` and `properties` left as None keep what the listing has."""
    from bridge.materials.services.properties import material_properties_set

    _check_manage(actor, supplier)
    kept = material.images.exclude(pk__in=images_remove).count() if material else 0
    if kept + len(images_add) > MAX_IMAGES:
        raise ValidationError(
            {"images": _("A material has at most %(count)d images.") % {"count": MAX_IMAGES}}
        )
    if material is None:
        material = material_create(
            actor=actor,
            supplier=supplier,
            fibres=fibres or (),
            certifications=certifications or (),
            **fields,
        )
    else:
        material = material_update(
            actor=actor,
            material=material,
            fibres=fibres,
            certifications=certifications,
            **fields,
        )
    if properties is not None:
        try:
            material_properties_set(actor=actor, material=material, values=properties)
        except ValidationError as exc:
            raise ValidationError(
                {PROPERTY_ERROR_PREFIX + code: errors for code, errors in exc.message_dict.items()}
            ) from exc
    for image in MaterialImage.objects.filter(material=material, pk__in=images_remove):
        material_image_remove(actor=actor, image=image)
    for upload in images_add:
        try:
            material_image_add(actor=actor, material=material, upload=upload)
        except ValidationError as exc:
            raise ValidationError({"images": exc.messages}) from exc
    if submit and material.status in _SUBMITTABLE:
        material_submit(actor=actor, material=material)
    return material
