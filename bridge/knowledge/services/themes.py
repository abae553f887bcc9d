"""Staff keep the heritage theme pages: the short text in three languages, and images."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bridge.core.audit import audit_log
from bridge.core.images import logo_clean
from bridge.knowledge import rules, validators
from bridge.knowledge.models import ThemeImage, ThemePage
from bridge.knowledge.validators import Errors
from bridge.search.thesaurus import current

IMAGE_MAX_BYTES = 8 * 1024 * 1024
IMAGE_MAX_SIDE = 1600
MAX_IMAGES = 12


def _theme(concept_id: str) -> ThemePage:
    if concept_id not in current().heritage_ids:
        raise ValidationError(_("This is not a heritage theme."), code="theme")
    page, _created = ThemePage.objects.get_or_create(concept_id=concept_id)
    return page


@transaction.atomic
def theme_update(
    *,
    actor,
    concept_id: str,
    title_ru="",
    title_uz="",
    title_en="",
    text_ru="",
    text_uz="",
    text_en="",
) -> ThemePage:
    if not rules.can_edit_themes(actor):
        raise PermissionDenied
    errors = Errors()
    given = {
        "title_ru": title_ru,
        "title_uz": title_uz,
        "title_en": title_en,
        "text_ru": text_ru,
        "text_uz": text_uz,
        "text_en": text_en,
    }
    texts = {
        name: validators.text(
            errors, name, value, limit=120 if name.startswith("title") else 4000, required=False
        )
        for name, value in given.items()
    }
    errors.raise_any()
    page = _theme(concept_id)
    for name, value in texts.items():
        setattr(page, name, value)
    page.updated_by = actor
    page.save()
    audit_log(actor=actor, action="knowledge.theme_update", target=page)
    return page


@transaction.atomic
def theme_image_add(
    *, actor, concept_id: str, upload, caption_ru="", caption_uz="", caption_en="", credit=""
) -> ThemeImage:
    """The image is checked and re-encoded (no metadata travels on), at most 1600 px a side."""
    if not rules.can_edit_themes(actor):
        raise PermissionDenied
    page = _theme(concept_id)
    errors = Errors()
    captions = {
        f"caption_{code}": validators.text(
            errors, f"caption_{code}", value, limit=200, required=False
        )
        for code, value in (("ru", caption_ru), ("uz", caption_uz), ("en", caption_en))
    }
    credit = validators.text(errors, "credit", credit, limit=200, required=False)
    if page.images.count() >= MAX_IMAGES:
        errors.add("image", _("At most %(limit)s images per theme.") % {"limit": MAX_IMAGES})
    errors.raise_any()
    try:
        content = logo_clean(upload, max_bytes=IMAGE_MAX_BYTES, max_side=IMAGE_MAX_SIDE)
    except ValidationError as exc:
        raise ValidationError({"image": exc.messages}) from exc
    position = page.images.count()
    image = ThemeImage(theme=page, credit=credit, position=position, **captions)
    image.image.save(content.name, content, save=False)
    image.save()
    audit_log(actor=actor, action="knowledge.theme_image_add", target=page, image=image.pk)
    return image


@transaction.atomic
def theme_image_remove(*, actor, image: ThemeImage) -> None:
    if not rules.can_edit_themes(actor):
        raise PermissionDenied
    page = image.theme
    stored, storage = image.image.name, image.image.storage
    image.delete()
    audit_log(actor=actor, action="knowledge.theme_image_remove", target=page)
    transaction.on_commit(lambda: storage.delete(stored))
