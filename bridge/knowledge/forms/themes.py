from django import forms
from django.utils.translation import gettext_lazy as _


class ThemeTextForm(forms.Form):
    title_ru = forms.CharField(
        label=_("Title (Russian)"),
        required=False,
        max_length=120,
        help_text=_("Leave empty to use the thesaurus label."),
    )
    title_uz = forms.CharField(label=_("Title (Uzbek)"), required=False, max_length=120)
    title_en = forms.CharField(label=_("Title (English)"), required=False, max_length=120)
    text_ru = forms.CharField(
        label=_("Text (Russian)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    text_uz = forms.CharField(
        label=_("Text (Uzbek)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    text_en = forms.CharField(
        label=_("Text (English)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ThemeImageForm(forms.Form):
    image = forms.ImageField(label=_("Image"), help_text=_("PNG, JPEG or WebP, up to 8 MB."))
    caption_ru = forms.CharField(label=_("Caption (Russian)"), required=False, max_length=200)
    caption_uz = forms.CharField(label=_("Caption (Uzbek)"), required=False, max_length=200)
    caption_en = forms.CharField(label=_("Caption (English)"), required=False, max_length=200)
    credit = forms.CharField(label=_("Credit"), required=False, max_length=200)
