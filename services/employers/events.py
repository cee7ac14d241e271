"""The events the employers service emits: one model per type, the only definition of its
data (docs/events.md explains them; `make openapi` exports their JSON Schemas)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from services.common.events import EventData
from services.employers.codes import (
    ActivityKind,
    CloseReason,
    EmployerSector,
    EmployerStatus,
    LeadSource,
    LeadStatus,
    OpeningKind,
    OpeningStatus,
    RecruitmentEventKind,
    SizeClass,
    TolSection,
)


class EmployerCreated(EventData):
    employer_id: uuid.UUID
    industry: TolSection | None
    municipality: str | None
    size_class: SizeClass | None
    status: EmployerStatus
    sector: EmployerSector
    sector_since: dt.date | None


class EmployerStatusChanged(EventData):
    """Also emitted when the network membership, the industry or the sector changes."""

    employer_id: uuid.UUID
    industry: TolSection | None
    status: EmployerStatus
    changed_on: dt.date
    network_member: bool
    sector: EmployerSector
    sector_since: dt.date | None


class EmployerActivityRecorded(EventData):
    activity_id: uuid.UUID
    employer_id: uuid.UUID
    lead_id: uuid.UUID | None
    kind: ActivityKind
    at: dt.datetime
    by: str


class LeadReceived(EventData):
    lead_id: uuid.UUID
    employer_id: uuid.UUID
    source: LeadSource
    received_at: dt.datetime
    received_on: dt.date
    contact_due: dt.date
    coordinator: str
    industry: TolSection | None
    municipality: str | None
    positions: int | None


class LeadAssigned(EventData):
    lead_id: uuid.UUID
    coordinator: str


class LeadContacted(EventData):
    """The first contact only."""

    lead_id: uuid.UUID
    contacted_at: dt.datetime
    contacted_on: dt.date
    follow_up_due: dt.date | None
    by: str


class LeadFollowedUp(EventData):
    lead_id: uuid.UUID
    followed_up_at: dt.datetime
    followed_up_on: dt.date
    by: str


class LeadStatusChanged(EventData):
    lead_id: uuid.UUID
    status: LeadStatus


class LeadClosed(EventData):
    lead_id: uuid.UUID
    reason: CloseReason
    closed_at: dt.datetime
    closed_on: dt.date
    by: str


class OpeningRecorded(EventData):
    opening_id: uuid.UUID
    employer_id: uuid.UUID
    lead_id: uuid.UUID | None
    kind: OpeningKind
    status: OpeningStatus
    wage_subsidy: bool
    positions: int


class HireRecorded(EventData):
    """A job referral completed `hired`, once per referral."""

    hire_id: uuid.UUID
    referral_id: uuid.UUID
    opening_id: uuid.UUID
    employer_id: uuid.UUID
    lead_id: uuid.UUID | None
    client_id: uuid.UUID
    hired_on: dt.date


class RecruitmentEventRecorded(EventData):
    event_id: uuid.UUID
    kind: RecruitmentEventKind
    on: dt.date
    employer_ids: list[uuid.UUID]
    jobseekers_attended: int | None


class RecruitmentEventClientChange(EventData):
    """Ids only: the client's name stays in the clients service."""

    event_id: uuid.UUID
    client_id: uuid.UUID
    attended: bool


RecruitmentEventClientKind = Literal["client_invited", "attendance_recorded", "client_uninvited"]

EVENTS: dict[str, type[EventData]] = {
    "employer.created": EmployerCreated,
    "employer.status_changed": EmployerStatusChanged,
    "employer.activity_recorded": EmployerActivityRecorded,
    "lead.received": LeadReceived,
    "lead.assigned": LeadAssigned,
    "lead.contacted": LeadContacted,
    "lead.followed_up": LeadFollowedUp,
    "lead.status_changed": LeadStatusChanged,
    "lead.closed": LeadClosed,
    "opening.recorded": OpeningRecorded,
    "hire.recorded": HireRecorded,
    "recruitment_event.recorded": RecruitmentEventRecorded,
    "recruitment_event.client_invited": RecruitmentEventClientChange,
    "recruitment_event.attendance_recorded": RecruitmentEventClientChange,
    "recruitment_event.client_uninvited": RecruitmentEventClientChange,
}
