"""Enrolments and what happens on them: contacts, meetings, the end with its outcome."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from services.clients.catalogue.schemas import CONSENT_PURPOSES, ConsentPurpose
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
Comment = Annotated[str, free_text_rules(max_length=500)]
MAX_PARTICIPANTS = 10


def _https_link(value: str) -> str:
    # A meeting link is opened from the client's page: only a plain https address.
    scheme, _, rest = value.partition("://")
    host = rest.split("/", 1)[0]
    if scheme.lower() != "https" or not host or any(c.isspace() for c in value):
        raise PydanticCustomError("invalid_link", "must be an https:// address")
    return value


RemoteLink = Annotated[
    str, name_rules(min_length=None, max_length=500), AfterValidator(_https_link)
]
Participants = Annotated[list[Username], Field(max_length=MAX_PARTICIPANTS)]


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
    consents: list[ConsentPurpose] = Field(
        default_factory=list,
        max_length=len(CONSENT_PURPOSES),
        description="Consents the client gave for this referral, recorded with the enrolment "
        "by whoever sends it (a coach referring a client found by identity code has no other "
        "way to record them); one already in force stays as it is",
    )


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
    # An open warm hand-off: both coordinators responsible since `handoff_started_on`.
    handoff_referral_id: uuid.UUID | None = None
    handoff_started_on: dt.date | None = None


class ContactCreate(BaseModel):
    channel: ContactChannel
    reached: bool
    at: dt.datetime
    comment: Comment | None = None


class ContactRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    enrolment_id: uuid.UUID
    channel: str
    reached: bool
    at: dt.datetime
    recorded_by: str
    comment: str | None = None


TEXT_REMINDER_CONFIRMED = (
    "The coordinator confirms that a text reminder of this meeting may go to the client "
    "although the client is under non-disclosure; without it none goes to such a client."
)


class MeetingCreate(BaseModel):
    """`at` is the start. `participants` (staff usernames) default to the enrolment's
    responsible coordinators; a tripartite meeting of a hand-off names its `referral_id`
    and may list the receiver before they are on the enrolment."""

    kind: MeetingKind
    at: dt.datetime
    status: MeetingStatus
    place: Place | None = None
    channel: MeetingChannel | None = None
    ends_at: dt.datetime | None = None
    remote_link: RemoteLink | None = None
    participants: Participants | None = None
    referral_id: uuid.UUID | None = None
    service_period_id: uuid.UUID | None = Field(
        None, description="A follow-up visit during one of the client's active-service periods"
    )
    # Absent or null is "not confirmed"; optional, so that bookings made elsewhere in the app
    # (a hand-off's tripartite meeting) need not name it.
    text_reminder_confirmed: bool | None = Field(None, description=TEXT_REMINDER_CONFIRMED)


class MeetingUpdate(BaseModel):
    """Move a `scheduled` meeting (`at`, `ends_at`, `place`, `remote_link`, `participants`)
    or mark it `held`, `no_show` or `cancelled`. Held and no-show need `at` not in the
    future: marking a future booking held sends `at` = now (the same meeting)."""

    status: MeetingStatus | None = None
    at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    place: Place | None = None
    remote_link: RemoteLink | None = None
    participants: Participants | None = None
    text_reminder_confirmed: bool | None = Field(None, description=TEXT_REMINDER_CONFIRMED)


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
    ends_at: dt.datetime | None = None
    remote_link: str | None = None
    participants: list[str] = Field(default_factory=list)
    referral_id: uuid.UUID | None = None
    service_period_id: uuid.UUID | None = None
    text_reminder_confirmed: bool = False


class ResponsibilityRead(BaseModel):
    """Who carried the enrolment from when to when (`to` null while current), as what
    (`role`, `reason`) and on which service line."""

    model_config = ConfigDict(from_attributes=True)

    username: str
    role: str
    service_line: str
    reason: str
    starts_on: dt.date = Field(serialization_alias="from")
    ends_on: dt.date | None = Field(serialization_alias="to")


class ResponsibilitiesRead(BaseModel):
    items: list[ResponsibilityRead]


class ReassignmentCreate(BaseModel):
    """Move `from_user`'s open enrolments (those listed, or all when null) to `to_user`."""

    from_user: Username
    to_user: Username
    enrolment_ids: Annotated[list[uuid.UUID], Field(min_length=1, max_length=500)] | None = None


class ReassignmentRead(BaseModel):
    moved: list[uuid.UUID]


class EnrolmentEnd(BaseModel):
    """`outcome` from the catalogue; the ESF exit data are optional but expected with an
    exit-form outcome (without them the worklist shows "exit form missing")."""

    outcome: OutcomeCode
    ended_on: dt.date
    exit_status: ExitStatus | None = None
    qualification_gained: bool | None = None


class CoordinatorsChange(BaseModel):
    effect_key: EffectKey
    action: Literal["transfer", "add", "remove", "handoff_start", "handoff_complete"]
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
