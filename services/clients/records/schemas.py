"""What coordinators record about a client: notes, assessments, the plan, feedback and the
labour-market status over time."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field

from services.common.text import Username, free_text_rules, name_rules

Sensitivity = Literal["normal", "health"]
ServiceNeedPath = Literal[
    "partial_work_ability", "skills", "work_ability_challenges", "open_labour_market"
]
LabourMarketStatus = Literal[
    "unemployed", "active_service", "employed", "student", "sick_leave", "outside_labour_force"
]
WORK_ABILITY_DOMAINS = (
    "health_and_functioning",
    "competence",
    "values_and_motivation",
    "work_and_community",
    "life_situation",
)
NoteText = Annotated[str, free_text_rules(min_length=1, max_length=20_000)]


class NoteCreate(BaseModel):
    text: NoteText
    sensitivity: Sensitivity = "normal"
    enrolment_id: uuid.UUID | None = None


class NoteCorrection(BaseModel):
    """The corrected text of one's own note."""

    text: NoteText


class NoteRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    client_id: uuid.UUID
    enrolment_id: uuid.UUID | None
    text: str
    sensitivity: str
    author: str
    created_at: dt.datetime
    corrected_at: dt.datetime | None = None


class DomainScores(BaseModel):
    """The five domain scores (0-10) of the self-assessment; never its licensed questions."""

    health_and_functioning: int = Field(ge=0, le=10)
    competence: int = Field(ge=0, le=10)
    values_and_motivation: int = Field(ge=0, le=10)
    work_and_community: int = Field(ge=0, le=10)
    life_situation: int = Field(ge=0, le=10)


class WorkAbilityAssessmentCreate(BaseModel):
    recorded_on: dt.date
    instrument_version: Annotated[str, name_rules(max_length=30)]
    language: str = Field(pattern=r"^[a-z]{2}$")
    overall: int = Field(ge=0, le=10)
    domain_scores: DomainScores


class ScoreChange(BaseModel):
    overall: int
    domain_scores: dict[str, int] | None


class WorkAbilityAssessmentRead(BaseModel):
    id: uuid.UUID
    client_id: uuid.UUID
    recorded_on: dt.date
    instrument_version: str
    language: str
    overall: int
    domain_scores: DomainScores | None = Field(
        description="Null for those who see the work-ability summary only (the overall score)"
    )
    change: ScoreChange | None = Field(None, description="Against the previous assessment")


class ServiceNeedAssessmentCreate(BaseModel):
    """Which of the four paths of the service need assessment the client takes, and why."""

    path: ServiceNeedPath
    assessed_on: dt.date
    reason: Annotated[str, free_text_rules(max_length=5000)] | None = None
    enrolment_id: uuid.UUID | None = None


class ServiceNeedAssessmentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    client_id: uuid.UUID
    enrolment_id: uuid.UUID | None
    path: str
    assessed_on: dt.date
    assessed_by: str
    reason: str | None = None


CLIENT_OWNER = "client"


class PlanAction(BaseModel):
    """One action of the plan. `owner` is `client` or a staff username: the client's
    responsible coordinator or the one writing the plan (an action keeps its owner when the
    plan is written again). An action without an `id` is new and gets one."""

    model_config = ConfigDict(populate_by_name=True)

    id: uuid.UUID | None = None
    # `text` and `done` are the names the first version of the plan used.
    what: Annotated[str, free_text_rules(min_length=1, max_length=2000)] = Field(
        validation_alias=AliasChoices("what", "text")
    )
    owner: Username = Field(description="client, or a staff username")
    due_on: dt.date | None = None
    done_on: dt.date | None = None
    done: bool | None = Field(None, description="Deprecated: `done_on`", exclude=True)


class PlanActionRead(BaseModel):
    """An action as stored; actions of older plans read with what they had."""

    id: uuid.UUID
    what: str
    owner: str | None = None
    due_on: dt.date | None = None
    done_on: dt.date | None = None


class ServicePlanWrite(BaseModel):
    goals: list[Annotated[str, free_text_rules(max_length=2000)]] = Field(
        default_factory=list, max_length=50
    )
    actions: list[PlanAction] = Field(default_factory=list, max_length=100)
    reviewed_on: dt.date | None = None


class ServicePlanRead(BaseModel):
    id: uuid.UUID
    client_id: uuid.UUID
    enrolment_id: uuid.UUID | None
    goals: list[str]
    actions: list[PlanActionRead]
    reviewed_on: dt.date | None
    updated_by: str
    updated_at: dt.datetime


class FeedbackCreate(BaseModel):
    grade: int = Field(ge=4, le=10, description="Finnish school scale 4-10")
    text: Annotated[str, free_text_rules(max_length=5000)] | None = None
    given_on: dt.date | None = None
    enrolment_id: uuid.UUID | None = None


class FeedbackRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    client_id: uuid.UUID
    enrolment_id: uuid.UUID | None
    grade: int
    text: str | None
    given_on: dt.date
    coordinator: str | None


class StatusEpisodeCreate(BaseModel):
    status: LabourMarketStatus
    service_type: Annotated[str, name_rules(min_length=None, max_length=60)] | None = None
    starts_on: dt.date
    ends_on: dt.date | None = None


class StatusEpisodeRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    client_id: uuid.UUID
    status: str
    service_type: str | None
    starts_on: dt.date
    ends_on: dt.date | None
    service_period_id: uuid.UUID | None = Field(
        None, description="Written by this active-service period"
    )
    withdrawn_at: dt.datetime | None = Field(
        None, description="Replaced by an active-service period; no longer counted"
    )
