"""API of the staff who keep the heritage theme pages: the title and short text in three
languages, and the images. The same services and rule as the page's staff form (moderators and
superusers); anyone else gets 403, a concept that is not a heritage theme 404."""

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Path, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from bridge.accounts.api.auth import SIGNED_IN
from bridge.knowledge import rules
from bridge.knowledge.api.writes import ERRORS, Id, act
from bridge.knowledge.models import ThemeImage, ThemePage
from bridge.knowledge.selectors import themes as selectors
from bridge.knowledge.services import themes as services

router = Router(tags=["knowledge: staff"])
CONCEPT = Path(..., max_length=80, description="A heritage theme's id (`GET /knowledge/themes`).")


class ThemeTextIn(Schema):
    """All six replace what was there; an empty title shows the thesaurus label."""

    title_ru: str = Field("", max_length=120)
    title_uz: str = Field("", max_length=120)
    title_en: str = Field("", max_length=120)
    text_ru: str = Field("", max_length=4000)
    text_uz: str = Field("", max_length=4000)
    text_en: str = Field("", max_length=4000)


class ThemeImageWriteOut(Schema):
    id: int
    url: str
    caption_ru: str
    caption_uz: str
    caption_en: str
    credit: str
    position: int


class ThemeWriteOut(ThemeTextIn):
    id: str
    images: list[ThemeImageWriteOut]


def _editor(request, concept_id: str) -> None:
    if not rules.can_edit_themes(request.auth):
        raise HttpError(403, _("Only the staff who keep the heritage pages do this."))
    if not selectors.is_theme(concept_id):
        raise Http404


def _out(request, concept_id: str) -> dict:
    page = ThemePage.objects.filter(concept_id=concept_id).first()
    images = page.images.order_by("position", "id") if page else []
    return {
        "id": concept_id,
        **selectors.theme_texts(page),
        "images": [
            {
                "id": i.pk,
                "url": request.build_absolute_uri(i.image.url),
                "caption_ru": i.caption_ru,
                "caption_uz": i.caption_uz,
                "caption_en": i.caption_en,
                "credit": i.credit,
                "position": i.position,
            }
            for i in images
        ],
    }


@router.put(
    "/knowledge/themes/{concept_id}/text",
    response={200: ThemeWriteOut, **ERRORS},
    auth=SIGNED_IN,
    summary="Replace a theme page's titles and texts (staff)",
)
def update_theme_text(request: HttpRequest, payload: ThemeTextIn, concept_id: str = CONCEPT):
    _editor(request, concept_id)
    _done, refusal = act(
        services.theme_update, actor=request.auth, concept_id=concept_id, **payload.dict()
    )
    return refusal or _out(request, concept_id)


@router.post(
    "/knowledge/themes/{concept_id}/images",
    response={201: ThemeWriteOut, **ERRORS},
    auth=SIGNED_IN,
    summary="Add an image to a theme page (staff, multipart)",
    description="`multipart/form-data` with `image` (PNG, JPEG or WebP, at most "
    f"{services.IMAGE_MAX_BYTES // (1024 * 1024)} MB; SVG and other formats are refused) and "
    "optional captions and credit. The image is re-encoded without its metadata (EXIF, GPS), "
    f"at most {services.IMAGE_MAX_SIDE} px a side. At most {services.MAX_IMAGES} images per "
    "theme. A refused image is a 422 at `image`.",
)
def add_theme_image(
    request: HttpRequest,
    image: File[UploadedFile],
    concept_id: str = CONCEPT,
    caption_ru: str = Form("", max_length=200),
    caption_uz: str = Form("", max_length=200),
    caption_en: str = Form("", max_length=200),
    credit: str = Form("", max_length=200),
):
    _editor(request, concept_id)
    _done, refusal = act(
        services.theme_image_add,
        actor=request.auth,
        concept_id=concept_id,
        upload=image,
        caption_ru=caption_ru,
        caption_uz=caption_uz,
        caption_en=caption_en,
        credit=credit,
    )
    return refusal or Status(201, _out(request, concept_id))


@router.delete(
    "/knowledge/themes/{concept_id}/images/{image_id}",
    response={200: ThemeWriteOut, **ERRORS},
    auth=SIGNED_IN,
    summary="Remove an image from a theme page (staff)",
)
def remove_theme_image(request: HttpRequest, image_id: Id, concept_id: str = CONCEPT):
    _editor(request, concept_id)
    image = ThemeImage.objects.filter(pk=image_id, theme_id=concept_id).first()
    if image is None:
        raise Http404
    _done, refusal = act(services.theme_image_remove, actor=request.auth, image=image)
    return refusal or _out(request, concept_id)
