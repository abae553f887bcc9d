"""The schemas and rules of the organisation write operations (in `organisations`): register
one, change it. The form's own rule (a description in at least one language) is checked here
too, since the services leave it to the form."""

from typing import Literal

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import StrictBool

from bridge.accounts.sectors import SECTORS
from bridge.core.api.errors import invalid
from bridge.core.api.schemas import CountryCode

# The codes the directory filters by, as a schema enum: an unknown sector is a 422 at the field.
SectorCode = Literal[tuple(code for code, _label in SECTORS)]  # type: ignore[valid-type]
DESCRIPTIONS = ("description_ru", "description_uz", "description_en")
# No `\S`: pydantic's regex counts U+0085 as a space and JSON Schema's (ECMA-262) counts U+FEFF,
# so a URL holding either passed one and failed the other. Excluding both, they agree.
WEBSITE = r"^(https?://[^\s\x85\uFEFF]+)?$"


class OrganisationWriteFields(Schema):
    """Fields of the profile form, minus the logo (upload it on the organisation's page)."""

    legal_form: str = Field(
        "", max_length=32, description="A code of `country`'s legal forms (e.g. `ooo`); optional."
    )
    registration_number: str = Field(
        "",
        max_length=32,
        description="Russia: INN, 10 or 12 digits with check digits; Uzbekistan: STIR, 9 digits. "
        "Needed for verification; unique per country.",
    )
    sectors: list[SectorCode] = Field(default_factory=list, max_length=len(SECTORS))
    website: str = Field("", max_length=200, pattern=WEBSITE)
    description_ru: str = Field("", max_length=5000)
    description_uz: str = Field("", max_length=5000)
    description_en: str = Field("", max_length=5000)
    is_it_park_resident: StrictBool = False


class OrganisationCreateIn(OrganisationWriteFields):
    name: str = Field(..., min_length=1, max_length=200)
    country: CountryCode = Field(..., description="ISO 3166 alpha-2, upper case.")


class OrganisationUpdateIn(OrganisationWriteFields):
    """Only the fields sent change. All fields of the create schema, each optional."""

    name: str = Field(None, min_length=1, max_length=200)
    country: CountryCode = Field(None, description="ISO 3166 alpha-2, upper case.")
    legal_form: str = Field(None, max_length=32)
    registration_number: str = Field(None, max_length=32)
    sectors: list[SectorCode] = Field(None, max_length=len(SECTORS))
    website: str = Field(None, max_length=200, pattern=WEBSITE)
    description_ru: str = Field(None, max_length=5000)
    description_uz: str = Field(None, max_length=5000)
    description_en: str = Field(None, max_length=5000)
    is_it_park_resident: StrictBool = Field(None)


WRITE_RULES = (
    " Cross-field rules (422 at the field): `legal_form` must be one of `country`'s forms; "
    "`registration_number` must fit `country`'s format and not belong to another organisation "
    "of that country; at least one of `description_ru|uz|en` must be non-blank."
)


def require_description(merged: dict) -> None:
    # The profile form's rule: a directory entry nobody can read in any language is useless.
    if not any((merged.get(name) or "").strip() for name in DESCRIPTIONS):
        raise invalid(
            field="description_en",
            message=_("Write a description in at least one language."),
            location="body",
            # Well formed, refused by the form's rule over three fields (WRITE_RULES).
            code="refused",
        )
