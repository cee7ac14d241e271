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


class EventClientInvite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    client_id: uuid.UUID = Field(description="A client the inviting person may open")


class EventClientUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    attended: bool


class EventClientRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    client_id: uuid.UUID
    client_name: str | None = Field(
        description="As the clients service names the client to the reader; null when it "
        "does not (the reader may not see the client)"
    )
    invited_by: str
    invited_at: dt.datetime
    attended: bool


class EventClientList(BaseModel):
    items: list[EventClientRead]


class EventHireRead(BaseModel):
    """A hire of an invited client within 90 days after the event."""

    id: uuid.UUID
    opening_id: uuid.UUID
    opening_title: str
    employer_id: uuid.UUID
    employer_name: str
    client_id: uuid.UUID
    client_name: str | None = Field(description="Null when the reader may not see the client")
    attended: bool = Field(description="Whether the client came to the event")
    hired_on: dt.date


class EventHireList(BaseModel):
    items: list[EventHireRead]
