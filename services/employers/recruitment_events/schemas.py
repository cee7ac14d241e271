from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from services.employers.codes import RecruitmentEventKind
from services.employers.fields import Name, ShortText

EmployerIds = Annotated[list[uuid.UUID], Field(max_length=500)]


class RecruitmentEventCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name = Field(description="e.g. Tiistairekry, DuuniWork")
    kind: RecruitmentEventKind
    held_on: dt.date
    place: ShortText | None = None
    employer_ids: EmployerIds = Field(default_factory=list, description="Participating employers")
    jobseekers_attended: Annotated[int, Field(ge=0, le=100_000)] | None = None


class RecruitmentEventUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    kind: RecruitmentEventKind | None = None
    held_on: dt.date | None = None
    place: ShortText | None = None
    employer_ids: EmployerIds | None = None
    jobseekers_attended: Annotated[int, Field(ge=0, le=100_000)] | None = None


class ParticipantRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    industry: str | None


class RecruitmentEventRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    kind: str
    held_on: dt.date
    place: str | None
    jobseekers_attended: int | None
    employers: list[ParticipantRead]
    created_at: dt.datetime
    created_by: str
    updated_at: dt.datetime
    updated_by: str
