"""Forms for the organisation pages. They check input; the services decide and write."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from bridge.accounts.legal_forms import LEGAL_FORMS, OTHER_FORMS, legal_forms_for
from bridge.accounts.models import Role
from bridge.accounts.sectors import SECTORS
from bridge.accounts.validators import validate_registration_number
from bridge.core.images import logo_clean

FIRST_COUNTRIES = ("RU", "UZ")
QUERY_MAX_LENGTH = 200


def country_choices() -> list:
    """Russia and Uzbekistan first, then every other country, in the reader's language."""
    names = dict(countries)
    first = [(code, names[code]) for code in FIRST_COUNTRIES]
    rest = [(code, name) for code, name in countries if code not in FIRST_COUNTRIES]
    return [("", _("Choose a country")), *first, (_("Other countries"), rest)]


def legal_form_choices(country: str) -> list:
    """The forms of one country; without a country, every form grouped by country."""
    country = (country or "").upper()
    if country:
        return [("", "—"), *legal_forms_for(country)]
    names = dict(countries)
    groups = [(names[code], forms_) for code, forms_ in LEGAL_FORMS.items()]
    return [("", "—"), *groups, (_("Other countries"), OTHER_FORMS)]


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    country = forms.ChoiceField(label=_("Country"))
    legal_form = forms.ChoiceField(label=_("Legal form"), required=False)
    registration_number = forms.CharField(
        label=_("Registration number"),
        max_length=40,
        required=False,
        help_text=_(
            "Russia: INN, 10 digits for organisations or 12 for individuals. "
            "Uzbekistan: STIR (TIN), 9 digits. Needed for verification."
        ),
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"), choices=SECTORS, required=False, widget=forms.CheckboxSelectMultiple
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG, JPEG or WebP, up to 2 MB. It is shown at most 512 × 512 pixels."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    description_ru = forms.CharField(
        label=_("Description in Russian"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "ru"}),
    )
    description_uz = forms.CharField(
        label=_("Description in Uzbek"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "uz"}),
    )
    description_en = forms.CharField(
        label=_("Description in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "en"}),
        help_text=_("Write at least one description; readers see the one in their language."),
    )
    is_it_park_resident = forms.BooleanField(label=_("IT Park resident"), required=False)

    DESCRIPTIONS = ("description_ru", "description_uz", "description_en")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()
        self.fields["country"].widget.attrs.update(
            {
                "hx-get": reverse("organisations:legal_forms"),
                "hx-target": "#id_legal_form",
                "hx-swap": "outerHTML",
                "hx-trigger": "change",
            }
        )
        country = self.data.get("country") if self.is_bound else self.initial.get("country")
        country = str(country or "").upper()
        if country not in dict(countries):
            country = ""
        self.fields["legal_form"].choices = legal_form_choices(country)

    def clean_registration_number(self):
        return self.cleaned_data["registration_number"].strip()

    def clean_logo(self):
        upload = self.cleaned_data.get("logo")
        if upload is False:  # "clear" was ticked
            return False
        if not isinstance(upload, UploadedFile):  # nothing new: the current logo stays
            return None
        return logo_clean(upload)

    def clean(self):
        cleaned = super().clean()
        if not any((cleaned.get(name) or "").strip() for name in self.DESCRIPTIONS):
            self.add_error(
                "description_en",
                ValidationError(
                    _("Write a description in at least one language."), code="description"
                ),
            )
        number = cleaned.get("registration_number")
        if number and cleaned.get("country"):
            try:
                cleaned["registration_number"] = validate_registration_number(
                    country=cleaned["country"], value=number
                )
            except ValidationError as exc:
                self.add_error("registration_number", exc)
        return cleaned

    def service_fields(self) -> dict:
        """cleaned_data in the shape the services take (sectors apart, logo only if changed)."""
        data = dict(self.cleaned_data)
        data.pop("sectors", None)
        logo = data.pop("logo", None)
        if logo is False:
            data["logo"] = ""
        elif logo:
            data["logo"] = logo
        return data


class DirectoryFilterForm(forms.Form):
    """The directory's GET parameters. Invalid values are dropped, never an error page."""

    q = forms.CharField(label=_("Search"), required=False)
    country = forms.MultipleChoiceField(
        label=_("Country"), required=False, widget=forms.CheckboxSelectMultiple
    )
    sector = forms.MultipleChoiceField(
        label=_("Sector"), choices=SECTORS, required=False, widget=forms.CheckboxSelectMultiple
    )
    verified = forms.BooleanField(label=_("Verified only"), required=False)
    it_park = forms.BooleanField(label=_("IT Park residents only"), required=False)

    def __init__(self, *args, country_counts: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(countries)
        present = sorted(
            ((code, names.get(code, code), n) for code, n in country_counts.items()),
            key=lambda row: (-row[2], str(row[1])),
        )
        self.fields["country"].choices = [(code, name) for code, name, _n in present]
        self.country_rows = present

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())[:QUERY_MAX_LENGTH]

    def filters(self) -> dict:
        """Keyword arguments for selectors.organisation_directory, from the fields that are valid."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "q": data.get("q", ""),
            "countries": data.get("country") or None,
            "sectors": data.get("sector") or None,
            "verified": True if data.get("verified") else None,
            "it_park": True if data.get("it_park") else None,
        }


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(
        label=_("Role"), choices=[(Role.MEMBER, Role.MEMBER.label), (Role.ADMIN, Role.ADMIN.label)]
    )

    def __init__(self, *args, can_invite_admins: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_invite_admins:
            self.fields["role"].choices = [(Role.MEMBER, Role.MEMBER.label)]


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"), choices=[(Role.ADMIN, Role.ADMIN.label), (Role.MEMBER, Role.MEMBER.label)]
    )


class TransferForm(forms.Form):
    new_owner = forms.TypedChoiceField(label=_("New owner"), coerce=int)
    confirm = forms.BooleanField(
        label=_("I understand that I will become an administrator and cannot undo this myself.")
    )

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_owner"].choices = [
            (m.user_id, f"{m.user.display_name} <{m.user.email}> ({m.get_role_display()})")
            for m in memberships
        ]


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for refusal"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The owners receive it by e-mail and see it on their organisation's page."),
    )
