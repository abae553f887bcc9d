"""Shapes of the joint-projects API."""

from datetime import date, datetime

from ninja import Field, Schema
from pydantic import StrictBool

from bridge.core.api.schemas import DateIn
from bridge.partnering.models.projects import (
    EVIDENCE_MAX,
    MILESTONE_TITLE_MAX,
    PROJECT_TITLE_MAX,
)

ID = {"ge": 1, "le": 2**63 - 1}


class PartnerOut(Schema):
    id: int = Field(description="The partner's place in the project (for confirm and consent).")
    organisation: int
    name: str
    country: str
    language: str
    confirmed: bool
    consented: bool


class StepOut(Schema):
    status: str
    recognition: str
    happened_on: date
    evidence_url: str
    note: str


class MilestoneOut(Schema):
    id: int
    title: str
    due_on: date
    done_on: date | None


class ProjectOut(Schema):
    id: int
    title: str
    type: str
    sector: str
    heritage: list[str]
    status: str
    public: bool
    descriptions: dict[str, str] = Field(description="Language code (ru, uz, en) → text.")
    partners: list[PartnerOut]
    created_at: datetime
    published_at: datetime | None
    url: str


class ProjectDetailOut(ProjectOut):
    meeting: int | None = Field(None, description="The held meeting it was started from.")
    history: list[StepOut]
    milestones: list[MilestoneOut]
    problems: list[str] = Field(
        description="Why the project cannot be published yet (empty once public)."
    )


class ProjectPage(Schema):
    count: int
    items: list[ProjectOut]


class ProjectFieldsIn(Schema):
    title: str | None = Field(None, max_length=PROJECT_TITLE_MAX)
    type: str | None = Field(None, max_length=32)
    sector: str | None = Field(None, max_length=16)
    heritage: list[str] | None = Field(None, max_length=20, description="Heritage concept ids.")
    descriptions: dict[str, str] | None = Field(
        None, description="Language code (ru, uz, uz-Cyrl, en) → text, at most 4,000 characters."
    )


class ProjectIn(ProjectFieldsIn):
    organisation: int = Field(..., **ID, description="Your organisation's id.")
    partners: list[int] = Field(
        [], max_length=12, description="Organisations to invite (ignored with `interest`)."
    )
    interest: int | None = Field(
        None, **ID, description="An accepted expression of interest to start from."
    )
    meeting: int | None = Field(
        None, **ID, description="A held meeting to start from: its other side is invited too."
    )
    language: str = Field("", max_length=8, description="The language your organisation writes.")
    started_on: DateIn | None = Field(None, description="When the talks began; today if absent.")


class AnswerIn(Schema):
    organisation: int = Field(..., **ID, description="The partner organisation you answer for.")


class ConsentIn(AnswerIn):
    consent: StrictBool = Field(True, description="false withdraws an earlier consent.")


class StatusIn(Schema):
    status: str = Field(..., max_length=20)
    happened_on: DateIn
    evidence_url: str = Field("", max_length=EVIDENCE_MAX)
    recognition: str = Field("", max_length=16, description="For the international level.")
    note: str = Field("", max_length=300)


class MilestoneIn(Schema):
    title: str = Field(..., max_length=MILESTONE_TITLE_MAX)
    due_on: DateIn
