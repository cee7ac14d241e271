from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict, Field

from services.employers.codes import OpeningKind, OpeningStatus
from services.employers.fields import EffectKey, LongText, Name, Positions


class OpeningCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Name
    kind: OpeningKind = Field(
        description="regular, hidden_job, tailored_work, work_trial, apprenticeship, summer_job"
    )
    description: LongText | None = None
    positions: Positions = 1
    wage_subsidy: bool = Field(False, description="Eligible for wage subsidy (palkkatuki)")
    lead_id: uuid.UUID | None = Field(None, description="The lead this opening came from")
    closes_on: dt.date | None = None


class OpeningUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Name | None = None
    kind: OpeningKind | None = None
    description: LongText | None = None
    positions: Positions | None = None
    wage_subsidy: bool | None = None
    lead_id: uuid.UUID | None = None
    closes_on: dt.date | None = None
    status: OpeningStatus | None = None


class OpeningRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    employer_id: uuid.UUID
    employer_name: str = Field(description="The employer's name in the register")
    lead_id: uuid.UUID | None
    title: str
    kind: str
    description: str | None
    positions: int
    filled_positions: int = Field(description="Positions filled by hires recorded so far")
    wage_subsidy: bool
    status: str = Field(description="open, filled or cancelled (closed without a hire)")
    closes_on: dt.date | None
    filled_at: dt.datetime | None
    created_at: dt.datetime
    created_by: str
    updated_at: dt.datetime
    updated_by: str


class InternalOpeningRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    employer_id: uuid.UUID
    lead_id: uuid.UUID | None
    status: str
    title: str


class InternalFill(BaseModel):
    effect_key: EffectKey
