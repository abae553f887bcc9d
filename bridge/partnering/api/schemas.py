"""Shapes of the partnering API (docs/DESIGN.md, "Partnering API")."""

from datetime import datetime
from decimal import Decimal

from ninja import Field, Schema
from pydantic import StrictBool

from bridge.core.api.schemas import decimal_in
from bridge.partnering.models.interest import ANSWER_MAX
from bridge.partnering.vocabulary import DESCRIPTION_MAX, SUMMARY_MAX, TITLE_MAX


class ListingOrganisationOut(Schema):
    id: int | None = Field(description="Absent while the listing is anonymous to you.")
    name: str | None
    country: str
    kind: str
    size: str


class ListingOut(Schema):
    id: int
    ref: str
    kind: str
    type: str
    title: str
    summary: str
    language: str
    country: str = Field(description="The owner's country (ISO 3166).")
    sectors: list[str]
    keywords: list[str]
    heritage: list[str]
    countries_sought: list[str]
    status: str
    open_for_interest: bool
    published_at: datetime | None
    expires_at: datetime | None
    organisation: ListingOrganisationOut
    url: str


class ListingDetailOut(ListingOut):
    description: str
    partner_kinds: list[str]
    partner_sizes: list[str]
    stage: str
    budget_min: Decimal | None
    budget_max: Decimal | None
    currency: str
    anonymous: bool


class ListingPage(Schema):
    count: int
    items: list[ListingOut]


class MatchOut(Schema):
    listing: ListingOut
    score: float
    reasons: list[str]


class MatchList(Schema):
    items: list[MatchOut]


class ListingIn(Schema):
    organisation: int = Field(..., ge=1, le=2**63 - 1, description="Your organisation's id.")
    ref: str = Field("", max_length=64, description="Your reference; made up when empty.")
    kind: str = Field(..., max_length=16)
    type: str = Field(..., max_length=32)
    sectors: list[str] = Field(..., max_length=8)
    title: str = Field(..., max_length=TITLE_MAX)
    summary: str = Field(..., max_length=SUMMARY_MAX)
    description: str = Field("", max_length=DESCRIPTION_MAX)
    language: str = Field("", max_length=8, description="ru, uz, uz-Cyrl or en; detected if empty.")
    keywords: list[str] = Field([], max_length=5, description="Thesaurus concept ids.")
    heritage: list[str] = Field([], max_length=20, description="Heritage concept ids.")
    countries_sought: list[str] = Field([], max_length=250)
    partner_kinds: list[str] = Field([], max_length=20)
    partner_sizes: list[str] = Field([], max_length=10)
    stage: str = Field("", max_length=24)
    budget_min: decimal_in(max_digits=14, decimal_places=0) | None = None
    budget_max: decimal_in(max_digits=14, decimal_places=0) | None = None
    currency: str = Field("", max_length=3)
    anonymous: StrictBool = False
    open_for_interest: StrictBool = True


class ListingUpdateIn(Schema):
    kind: str | None = Field(None, max_length=16)
    type: str | None = Field(None, max_length=32)
    sectors: list[str] | None = Field(None, max_length=8)
    title: str | None = Field(None, max_length=TITLE_MAX)
    summary: str | None = Field(None, max_length=SUMMARY_MAX)
    description: str | None = Field(None, max_length=DESCRIPTION_MAX)
    language: str | None = Field(None, max_length=8)
    keywords: list[str] | None = Field(None, max_length=5)
    heritage: list[str] | None = Field(None, max_length=20)
    countries_sought: list[str] | None = Field(None, max_length=250)
    partner_kinds: list[str] | None = Field(None, max_length=20)
    partner_sizes: list[str] | None = Field(None, max_length=10)
    stage: str | None = Field(None, max_length=24)
    budget_min: decimal_in(max_digits=14, decimal_places=0) | None = None
    budget_max: decimal_in(max_digits=14, decimal_places=0) | None = None
    currency: str | None = Field(None, max_length=3)
    anonymous: StrictBool | None = None
    open_for_interest: StrictBool | None = None


class InterestIn(Schema):
    organisation: int = Field(..., ge=1, le=2**63 - 1, description="Your organisation's id.")
    message: str = Field(..., max_length=ANSWER_MAX)
    brings: str = Field(..., max_length=ANSWER_MAX, description="What we bring.")
    expects: str = Field(..., max_length=ANSWER_MAX, description="What we expect.")
    timing: str = Field(..., max_length=ANSWER_MAX, description="When.")
    anonymous: StrictBool = False


class PartneringDeclineIn(Schema):
    reason: str = Field(..., min_length=1, max_length=ANSWER_MAX)


class ContactOut(Schema):
    name: str
    email: str


class InterestOut(Schema):
    id: int
    listing: int
    listing_title: str
    status: str
    direction: str = Field(description='"received" or "sent", from your side.')
    organisation: ListingOrganisationOut
    message: str
    brings: str
    expects: str
    timing: str
    decline_reason: str
    created_at: datetime
    answered_at: datetime | None
    contacts: list[ContactOut] = Field(description="The other side's people, once accepted.")


class InterestPage(Schema):
    count: int
    items: list[InterestOut]
