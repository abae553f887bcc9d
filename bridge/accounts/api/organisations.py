"""API router for people and organisations: the public directory and the caller's own profile."""

from typing import Literal

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django_countries import countries
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from pydantic import field_validator

from bridge.accounts.api.auth import PUBLIC, PUBLIC_OPENAPI, SIGNED_IN
from bridge.accounts.api.organisation_writes import (
    DESCRIPTIONS,
    WRITE_RULES,
    OrganisationCreateIn,
    OrganisationUpdateIn,
    require_description,
)
from bridge.accounts.models import Organisation, Role
from bridge.accounts.sectors import SECTORS, sector_label
from bridge.accounts.selectors import (
    organisation_directory,
    organisation_list,
    organisations_for_user,
)
from bridge.accounts.services import organisations as services
from bridge.core.api.errors import invalid, service_refusal
from bridge.core.api.pagination import PageParams, paginate
from bridge.core.api.schemas import (
    CodeLabel,
    CountryOut,
    ErrorOut,
    TranslatedText,
    ValidationErrorOut,
)
from bridge.core.pagecache import anonymous_page

router = Router()

Language = Literal["ru", "uz", "en"]
# Database ids are signed 64-bit; a larger number could only ever be "not found".
MAX_ID = 2**63 - 1


class OrganisationOut(Schema):
    id: int
    slug: str
    name: str
    country: CountryOut
    legal_form: CodeLabel | None
    registration_number: str
    sectors: list[CodeLabel]
    website: str
    logo_url: str | None
    description: TranslatedText
    is_it_park_resident: bool
    verification: Literal["unverified", "pending", "verified", "rejected"]
    url: str


class OrganisationPage(Schema):
    count: int
    items: list[OrganisationOut]


class OrganisationFilters(Schema):
    q: str = Field("", max_length=200, description="Words in the name or a description.")
    # The known codes are in the schema; the handler refuses others with the same list in words
    # (an empty value is no filter).
    country: list[str] = Field(
        default_factory=list,
        description="ISO 3166 alpha-2 codes; repeat for several.",
        json_schema_extra={"items": {"type": "string", "enum": ["", *sorted(countries.countries)]}},
    )
    sector: list[str] = Field(
        default_factory=list,
        description="Sector codes; repeat for several.",
        json_schema_extra={"items": {"type": "string", "enum": ["", *dict(SECTORS)]}},
    )
    verified: bool | None = None
    it_park: bool | None = Field(None, description="IT Park Uzbekistan residents only (or not).")
    lang: Language | None = Field(None, description="Language of names and labels.")

    @field_validator("verified", "it_park", "lang", mode="before")
    @classmethod
    def _blank_is_unset(cls, value):
        # An HTML form sends `verified=` for "any"; that means no filter, not a bad boolean.
        return None if isinstance(value, str) and not value.strip() else value


class OrganisationRef(Schema):
    id: int
    slug: str
    name: str
    url: str


class MembershipOut(Schema):
    organisation: OrganisationRef
    role: CodeLabel


class MeOut(Schema):
    id: int
    email: str
    full_name: str
    language: str
    is_staff: bool
    staff_roles: list[str]
    memberships: list[MembershipOut]


def organisation_out(request: HttpRequest, organisation: Organisation) -> dict:
    """Expects `sectors` prefetched, as the selectors do, so a page costs a fixed number of queries."""
    country_code = str(organisation.country)
    return {
        "id": organisation.pk,
        "slug": organisation.slug,
        "name": organisation.name,
        "country": {"code": country_code, "name": str(organisation.country.name)},
        "legal_form": (
            {"code": organisation.legal_form, "label": str(organisation.legal_form_label)}
            if organisation.legal_form
            else None
        ),
        "registration_number": organisation.registration_number,
        "sectors": [
            {"code": sector.code, "label": str(sector_label(sector.code))}
            for sector in organisation.sectors.all()
        ],
        "website": organisation.website,
        "logo_url": request.build_absolute_uri(organisation.logo.url)
        if organisation.logo
        else None,
        "description": {
            "ru": organisation.description_ru,
            "uz": organisation.description_uz,
            "en": organisation.description_en,
        },
        "is_it_park_resident": organisation.is_it_park_resident,
        "verification": organisation.verification,
        "url": request.build_absolute_uri(organisation.get_absolute_url()),
    }


def _country_codes(values: list[str]) -> list[str]:
    codes = []
    for value in values:
        code = value.strip().upper()
        if not code:
            continue
        if code not in countries:
            raise invalid(
                field="country",
                message=_("Unknown country code “%(code)s”; use ISO 3166 alpha-2, e.g. RU or UZ.")
                % {"code": value[:10]},
            )
        codes.append(code)
    return codes


def _sector_codes(values: list[str]) -> list[str]:
    known = dict(SECTORS)
    codes = []
    for value in values:
        code = value.strip()
        if not code:
            continue
        if code not in known:
            raise invalid(
                field="sector",
                message=_("Unknown sector “%(code)s”; known sectors: %(known)s.")
                % {"code": value[:40], "known": ", ".join(known)},
            )
        codes.append(code)
    return codes


@decorate_view(anonymous_page(namespaces=("accounts", "search"), name="api:organisation_list"))
@router.get(
    "/organisations",
    response={200: OrganisationPage, 401: ErrorOut, 422: ValidationErrorOut},
    auth=PUBLIC,
    openapi_extra=PUBLIC_OPENAPI,
    tags=["organisations"],
    summary="List organisations",
)
def list_organisations(
    request, filters: Query[OrganisationFilters], paging: Query[PageParams]
) -> dict:
    """The public directory, ordered by name, or best match first with `q` (any script,
    apostrophe or case; other languages through the thesaurus; typos tolerated). Filters combine
    with AND; repeated values of one filter with OR."""
    queryset = organisation_directory(
        q=filters.q.strip(),
        countries=_country_codes(filters.country),
        sectors=_sector_codes(filters.sector),
        verified=filters.verified,
        it_park=filters.it_park,
        per_page=paging.page_size,
    )
    count, page = paginate(queryset, paging)
    return {"count": count, "items": [organisation_out(request, org) for org in page]}


@router.get(
    "/organisations/{organisation_id}",
    response={200: OrganisationOut, 401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
    auth=PUBLIC,
    openapi_extra=PUBLIC_OPENAPI,
    tags=["organisations"],
    summary="One organisation",
)
def get_organisation(
    request,
    organisation_id: int = Path(..., description="The organisation's `id` from the list."),
    lang: Language | None = None,
) -> dict:
    # An id no row can have (0, negative, past 64 bits) is simply unknown: 404, like any other,
    # and it never reaches the database, where it would overflow the column type.
    if not 1 <= organisation_id <= MAX_ID:
        raise Http404
    organisation = organisation_list().filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404
    return organisation_out(request, organisation)


@router.get(
    "/me",
    response={200: MeOut, 401: ErrorOut},
    auth=SIGNED_IN,
    tags=["people"],
    summary="The caller's profile and memberships",
)
def me(request, lang: Language | None = None) -> dict:
    user = request.auth
    memberships = organisations_for_user(user=user)
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "language": user.language,
        "is_staff": user.is_staff,
        "staff_roles": sorted(user.groups.values_list("name", flat=True)) if user.is_staff else [],
        "memberships": [
            {
                "organisation": {
                    "id": m.organisation.pk,
                    "slug": m.organisation.slug,
                    "name": m.organisation.name,
                    "url": request.build_absolute_uri(m.organisation.get_absolute_url()),
                },
                "role": {"code": m.role, "label": str(Role(m.role).label)},
            }
            for m in memberships
        ],
    }


# --- writes: register, change, ask for verification ------------------------------------------


def organisation_for_write(organisation_id: int) -> Organisation:
    """The organisation a write names (404 when there is none); permission is the service's."""
    if not 1 <= organisation_id <= MAX_ID:
        raise Http404
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404
    return organisation


def _fresh(request, organisation: Organisation) -> dict:
    return organisation_out(request, organisation_list().get(pk=organisation.pk))


WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 422: ValidationErrorOut}


@router.post(
    "/organisations",
    response={201: OrganisationOut, **WRITE_ERRORS},
    auth=SIGNED_IN,
    tags=["organisations"],
    summary="Register an organisation (the caller becomes its owner)",
    description="Starts unverified; ask for verification with "
    "`POST /organisations/{id}/verification-request`." + WRITE_RULES,
)
def create_organisation(request, payload: OrganisationCreateIn):
    fields = payload.dict()
    sectors = fields.pop("sectors")
    require_description(fields)
    try:
        organisation = services.organisation_create(actor=request.auth, sectors=sectors, **fields)
    except DjangoValidationError as exc:
        return service_refusal(exc)
    return Status(201, _fresh(request, organisation))


@router.patch(
    "/organisations/{organisation_id}",
    response={200: OrganisationOut, 404: ErrorOut, **WRITE_ERRORS},
    auth=SIGNED_IN,
    tags=["organisations"],
    summary="Change your organisation's profile (owner, administrators)",
    description="Changing `name`, `country`, `legal_form` or `registration_number` of a verified "
    "organisation sends it back to `pending` verification. 403 for anyone but the owner and "
    "administrators." + WRITE_RULES,
)
def update_organisation(request, organisation_id: int, payload: OrganisationUpdateIn):
    organisation = organisation_for_write(organisation_id)
    fields = payload.dict(exclude_unset=True)
    sectors = fields.pop("sectors", None)
    current = {name: getattr(organisation, name) for name in DESCRIPTIONS}
    require_description({**current, **fields})
    try:
        services.organisation_update(
            actor=request.auth, organisation=organisation, sectors=sectors, **fields
        )
    except PermissionDenied:
        raise HttpError(403, _("Only the owner and administrators may change it.")) from None
    except DjangoValidationError as exc:
        return service_refusal(exc)
    return Status(200, _fresh(request, organisation))


@router.post(
    "/organisations/{organisation_id}/verification-request",
    response={200: OrganisationOut, 404: ErrorOut, **WRITE_ERRORS},
    auth=SIGNED_IN,
    tags=["organisations"],
    summary="Ask the agency to verify your organisation (owner, administrators)",
    description="Needs a registration number (422 at `registration_number` otherwise). "
    "Asking again while pending or once verified changes nothing.",
)
def request_verification(request, organisation_id: int):
    organisation = organisation_for_write(organisation_id)
    try:
        services.organisation_request_verification(actor=request.auth, organisation=organisation)
    except PermissionDenied:
        raise HttpError(403, _("Only the owner and administrators may ask for it.")) from None
    except DjangoValidationError as exc:
        return service_refusal(exc)
    return Status(200, _fresh(request, organisation))
