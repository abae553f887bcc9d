"""Heritage theme pages: one per heritage concept of the thesaurus. Staff write a short text and
add images here; everything else on a page is found through the search engine."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bridge.knowledge.languages import translated


class ThemePage(models.Model):
    concept_id = models.SlugField(_("thesaurus concept"), max_length=80, primary_key=True)
    # The page's name where the thesaurus label is not what people call the theme: «Abr (ikat)».
    title_ru = models.CharField(_("title (Russian)"), max_length=120, blank=True)
    title_uz = models.CharField(_("title (Uzbek)"), max_length=120, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=120, blank=True)
    text_ru = models.TextField(_("text (Russian)"), blank=True, max_length=4000)
    text_uz = models.TextField(_("text (Uzbek)"), blank=True, max_length=4000)
    text_en = models.TextField(_("text (English)"), blank=True, max_length=4000)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("heritage theme page")
        verbose_name_plural = _("heritage theme pages")
        ordering = ["concept_id"]

    def __str__(self) -> str:
        return self.concept_id

    def get_absolute_url(self) -> str:
        return reverse("knowledge:theme", kwargs={"concept_id": self.concept_id})

    def title(self, language: str | None = None) -> str:
        return translated(self, "title", language)

    def text(self, language: str | None = None) -> str:
        return translated(self, "text", language)


class ThemeImage(models.Model):
    theme = models.ForeignKey(ThemePage, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("image"), upload_to="heritage/%Y/")
    caption_ru = models.CharField(_("caption (Russian)"), max_length=200, blank=True)
    caption_uz = models.CharField(_("caption (Uzbek)"), max_length=200, blank=True)
    caption_en = models.CharField(_("caption (English)"), max_length=200, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("heritage theme image")
        verbose_name_plural = _("heritage theme images")
        ordering = ["theme", "position", "id"]

    def __str__(self) -> str:
        return f"{self.theme_id} #{self.position}"

    def caption(self, language: str | None = None) -> str:
        return translated(self, "caption", language)
