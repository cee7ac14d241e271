"""Enrolments and what happens on them: contacts, meetings, the end with its outcome."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from services.common.text import Username, free_text_rules, name_rules

ServiceLine = Literal["work_ability", "business"]
EnrolmentState = Literal["registered", "contacted", "active", "ended", "cancelled", "not_reached"]
ContactChannel = Literal["phone", "sms", "whatsapp", "email", "in_person"]
MeetingKind = Literal["first", "follow_up", "tripartite"]
MeetingStatus = Literal["scheduled", "held", "no_show", "cancelled"]
MeetingChannel = Literal["in_person", "phone", "video"]
ExitStatus = Literal[
    "employed", "self_employed", "education_or_training", "job_seeking", "inactive"
]
CoordinatorRole = Literal["work_ability_coordinator", "business_coordinator"]
OutcomeCode = Annotated[str, name_rules(max_length=30)]
EffectKey = Annotated[str, name_rules(max_length=200)]
Place = Annotated[str, name_rules(min_length=None, max_length=200)]


class CoordinatorRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    username: str
    role: str
    # `responsible`, or `consultation` while a consultation runs.
    reason: str = "responsible"


class OutcomeSuggestionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    outcome: str
    note: str | None
    suggested_at: dt.datetime


class EnrolmentCreate(BaseModel):
    service_line: ServiceLine
    coordinator: Username
    referred_by: Username | None = None
    registered_on: dt.date | None = None


class EnrolmentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    client_id: uuid.UUID
    service_line: str
    state: str
    source: str
    referred_by: str | None
    registered_on: dt.date
    contact_due: dt.date
    first_contact_on: dt.date | None
    first_meeting_on: dt.date | None
    ended_on: dt.date | None
    outcome: str | None
    exit_status: str | None
    qualification_gained: bool | None
    exit_form_missing: bool
    coordinators: list[CoordinatorRead]
    outcome_suggestions: list[OutcomeSuggestionRead] = Field(default_factory=list)


class ContactCreate(BaseModel):
    channel: ContactChannel
    reached: bool
    at: dt.datetime


class ContactRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    enrolment_id: uuid.UUID
    channel: str
    reached: bool
    at: dt.datetime
    recorded_by: str


class MeetingCreate(BaseModel):
    kind: MeetingKind
    at: dt.datetime
    status: MeetingStatus
    place: Place | None = None
    channel: MeetingChannel | None = None


class MeetingUpdate(BaseModel):
    status: MeetingStatus | None = None
    at: dt.datetime | None = None
    place: Place | None = None


class MeetingRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    enrolment_id: uuid.UUID
    kind: str
    at: dt.datetime
    status: str
    place: str | None
    channel: str | None
    recorded_by: str


class EnrolmentEnd(BaseModel):
    """`outcome` from the catalogue; the ESF exit data are optional but expected with an
    exit-form outcome (without them the worklist shows "exit form missing")."""

    outcome: OutcomeCode
    ended_on: dt.date
    exit_status: ExitStatus | None = None
    qualification_gained: bool | None = None


class CoordinatorsChange(BaseModel):
    effect_key: EffectKey
    action: Literal["transfer", "add", "remove"]
    from_user: Username | None = None
    to_user: Username
    to_role: CoordinatorRole
    referral_id: uuid.UUID | None = None
    # Why the coordinator is added: a consultation partner (the default of `add`) or a
    # responsible coordinator (a coach's referral into the service).
    reason: Literal["responsible", "consultation"] | None = None


class OutcomeSuggestionCreate(BaseModel):
    effect_key: EffectKey
    outcome: OutcomeCode
    note: Annotated[str, free_text_rules(max_length=2000)] | None = None
