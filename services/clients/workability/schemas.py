"""The work-ability method: the roadmap of an investigation, functional measures, the means
to support work and the work-ability summary derived from them.

All of it is health data except the summary, which is built from catalogue values only (no
diagnosis, no note text) and reaches others only once a work-ability coordinator approves it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from services.common.text import Username, free_text_rules, name_rules

StageStatus = Literal["not_started", "in_progress", "done", "skipped"]
StageKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
StageName = Annotated[str, name_rules(max_length=120)]
ClientText = Annotated[str, free_text_rules(min_length=1, max_length=500, strip=True)]
Received = Annotated[str, free_text_rules(max_length=500)]


# --- the roadmap ---------------------------------------------------------------------------


class RoadmapStageDefinition(BaseModel):
    """One stage as the city defines it, with a plain-language text for the client."""

    model_config = ConfigDict(from_attributes=True)

    key: StageKey
    name_fi: StageName
    name_en: StageName
    client_text_fi: ClientText
    client_text_en: ClientText


class RoadmapTemplateCreate(BaseModel):
    """A new version of the stages; roadmaps already running keep theirs."""

    stages: list[RoadmapStageDefinition] = Field(min_length=1, max_length=20)


class RoadmapTemplateRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    version: int
    stages: list[RoadmapStageDefinition]
    created_by: str
    created_at: dt.datetime


class RoadmapStageUpdate(BaseModel):
    key: StageKey
    status: StageStatus
    started_on: dt.date | None = None
    completed_on: dt.date | None = None
    responsible: Username | None = Field(None, description="A staff username")
    partner_id: uuid.UUID | None = Field(None, description="A partner of the referrals directory")
    received: Received | None = Field(None, description="What was received, e.g. a statement")


class RoadmapUpdate(BaseModel):
    """The stages to change (the others stay as they are). The first PUT starts the roadmap
    on the newest stage definitions."""

    stages: list[RoadmapStageUpdate] = Field(default_factory=list, max_length=20)


class RoadmapStageRead(BaseModel):
    key: str
    name_fi: str
    name_en: str
    status: StageStatus
    started_on: dt.date | None = None
    completed_on: dt.date | None = None
    responsible: str | None = None
    partner_id: uuid.UUID | None = None
    received: str | None = None


class RoadmapRead(BaseModel):
    """The roadmap. Those who may not read health data learn only whether an investigation
    is under way: `stages` is then null."""

    client_id: uuid.UUID
    under_way: bool
    template_version: int | None = None
    stages: list[RoadmapStageRead] | None = None
    next_stage: str | None = Field(None, description="The key of the first stage not finished")
    started_at: dt.datetime | None = None
    updated_by: str | None = None
    updated_at: dt.datetime | None = None


class ClientRoadmapStage(BaseModel):
    name: str
    text: str
    status: StageStatus


class ClientRoadmapRead(BaseModel):
    """The client's own version, in plain language: the stages and the next step only."""

    language: Literal["fi", "en"]
    stages: list[ClientRoadmapStage]
    next_step: str | None


# --- functional measures -------------------------------------------------------------------

InstrumentCode = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
Setting = Literal[
    "workshop", "work_trial", "rehabilitative_work", "wellbeing_services", "interview", "other"
]


class InstrumentItem(BaseModel):
    key: StageKey
    label_fi: StageName
    label_en: StageName


class FunctionalInstrumentCreate(BaseModel):
    """A new instrument, or a new version of one (its items or scale changed)."""

    code: InstrumentCode
    name_fi: StageName
    name_en: StageName
    items: list[InstrumentItem] = Field(min_length=1, max_length=40)
    scale_min: int = Field(ge=0, le=10)
    scale_max: int = Field(ge=1, le=100)


class FunctionalInstrumentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    version: int
    name_fi: str
    name_en: str
    items: list[InstrumentItem]
    scale_min: int
    scale_max: int


class FunctionalAssessmentCreate(BaseModel):
    instrument_code: InstrumentCode
    instrument_version: int = Field(ge=1)
    observed_on: dt.date
    item_scores: dict[StageKey, int] = Field(max_length=40)
    observer: Username | None = Field(None, description="A staff username; the recorder if none")
    setting: Setting


class FunctionalChange(BaseModel):
    overall: float
    item_scores: dict[str, int]


class FunctionalAssessmentRead(BaseModel):
    id: uuid.UUID
    client_id: uuid.UUID
    instrument_code: str
    instrument_version: int
    observed_on: dt.date
    item_scores: dict[str, int]
    overall: float = Field(description="The mean of the item scores, to one decimal")
    observer: str
    setting: str
    recorded_by: str
    change: FunctionalChange | None = Field(
        None, description="Against the previous observation with the same instrument"
    )


# --- the means to support work and the summary ---------------------------------------------

Avoid = Literal[
    "heavy_lifting",
    "prolonged_standing",
    "prolonged_sitting",
    "repetitive_movements",
    "night_shifts",
    "time_pressure",
    "noise",
    "customer_service",
    "working_alone",
    "screen_work",
]
Breaks = Literal["as_usual", "regular_short_breaks", "flexible_breaks"]
Supervision = Literal["independent", "named_contact_person", "daily_guidance", "job_coach"]
Aid = Literal[
    "written_instructions",
    "adjustable_workstation",
    "hearing_loop",
    "assistive_software",
    "quiet_workspace",
    "protective_equipment",
]
Travel = Literal["public_transport", "own_vehicle", "kela_taxi", "escort_needed", "remote_work"]


class WorkSupportsUpdate(BaseModel):
    """The means to support work, from catalogue values only; each save is a new revision
    that waits for approval before the summary shows it."""

    hours_per_week: int | None = Field(None, ge=1, le=40)
    avoid: list[Avoid] = Field(default_factory=list, max_length=10)
    breaks: Breaks | None = None
    supervision: Supervision | None = None
    aids: list[Aid] = Field(default_factory=list, max_length=6)
    travel: list[Travel] = Field(default_factory=list, max_length=5)


class WorkSupportsRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    client_id: uuid.UUID
    revision: int
    hours_per_week: int | None
    avoid: list[str]
    breaks: str | None
    supervision: str | None
    aids: list[str]
    travel: list[str]
    recorded_by: str
    created_at: dt.datetime
    approved_by: str | None
    approved_at: dt.datetime | None


class WorkSupportsApproval(BaseModel):
    revision: int = Field(ge=1, description="The revision the coordinator read and approves")


class WorkAbilitySummaryRead(BaseModel):
    """What helps the client work, as approved: no diagnosis, no health note text."""

    client_id: uuid.UUID
    revision: int
    hours_per_week: int | None
    avoid: list[str]
    breaks: str | None
    supervision: str | None
    aids: list[str]
    travel: list[str]
    approved_by: str
    approved_at: dt.datetime
    self_assessment_overall: int | None = Field(
        None, description="The overall score of the latest self-assessment (0-10)"
    )
    shareable_with_employer: bool = Field(
        description="The consent share_work_ability_summary_with_employer is in force"
    )
