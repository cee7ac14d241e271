"""The events the clients service emits: one model per type, the only definition of its
data (docs/events.md explains them; `make openapi` exports their JSON Schemas). No personal
data: ids, staff usernames, codes, dates and numbers only."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict

from services.clients.catalogue.schemas import ConsentPurpose
from services.clients.pathway.schemas import (
    ContactChannel,
    CoordinatorRole,
    MeetingKind,
    MeetingStatus,
    ServiceLine,
)
from services.clients.records.schemas import LabourMarketStatus
from services.clients.service_periods.schemas import ServicePeriodKind
from services.clients.workability.schemas import StageStatus
from services.common.events import EventData


class ClientChanged(EventData):
    """`client.registered` and `client.updated`: the current values."""

    client_id: uuid.UUID
    source: str
    municipality: str | None
    birth_year: int | None
    gender: str | None
    language: str | None
    target_groups: list[str]


class ClientAnonymised(EventData):
    client_id: uuid.UUID


class ConsentChanged(EventData):
    """`consent.granted` and `consent.withdrawn`."""

    client_id: uuid.UUID
    consent_id: uuid.UUID
    purpose: ConsentPurpose
    at: dt.datetime


class Coordinator(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str
    role: CoordinatorRole


class EnrolmentRegistered(EventData):
    enrolment_id: uuid.UUID
    client_id: uuid.UUID
    service_line: ServiceLine
    coordinators: list[Coordinator]
    referred_by: str | None
    registered_on: dt.date
    contact_due: dt.date
    municipality: str | None
    birth_year: int | None
    source: str


class EnrolmentContacted(EventData):
    """The first reached contact only."""

    enrolment_id: uuid.UUID
    first_contact_on: dt.date
    # `unknown`: an imported enrolment's first contact, whose channel the history lacks.
    channel: ContactChannel | Literal["unknown"]


class EnrolmentFirstMeetingHeld(EventData):
    enrolment_id: uuid.UUID
    first_meeting_on: dt.date


CoordinatorsChangeReason = Literal[
    "transfer",
    "handoff_start",
    "handoff_cancelled",
    "consultation_start",
    "consultation_end",
    "manual",
]


class EnrolmentCoordinatorsChanged(EventData):
    """`service_line` is the line after the change; `coordinators` the full new list, the one
    who carries the line first."""

    enrolment_id: uuid.UUID
    service_line: ServiceLine
    coordinators: list[Coordinator]
    changed_on: dt.date
    reason: CoordinatorsChangeReason
    referral_id: uuid.UUID | None = None


class EnrolmentEnded(EventData):
    """`service_line` is the line at the end: an open hand-off has not changed it."""

    enrolment_id: uuid.UUID
    client_id: uuid.UUID
    service_line: ServiceLine
    outcome: str
    ended_on: dt.date
    coordinator: str | None
    coordinator_role: CoordinatorRole | None
    exit_form: bool
    municipality: str | None
    birth_year: int | None


class MeetingRecorded(EventData):
    """Emitted again whenever the meeting changes: the latest one holds."""

    meeting_id: uuid.UUID
    enrolment_id: uuid.UUID
    kind: MeetingKind
    status: MeetingStatus
    on: dt.date
    participants: list[str]
    recorded_by: str


class ServicePlanReviewed(EventData):
    client_id: uuid.UUID
    enrolment_id: uuid.UUID | None
    reviewed_on: dt.date


class FeedbackGiven(EventData):
    feedback_id: uuid.UUID
    client_id: uuid.UUID
    enrolment_id: uuid.UUID | None
    grade: int
    given_on: dt.date
    coordinator: str | None


class LabourMarketStatusRecorded(EventData):
    """Emitted again whenever the episode changes."""

    episode_id: uuid.UUID
    client_id: uuid.UUID
    status: LabourMarketStatus
    service_type: str | None
    starts_on: dt.date
    ends_on: dt.date | None
    service_period_id: uuid.UUID | None


class LabourMarketStatusWithdrawn(EventData):
    episode_id: uuid.UUID
    client_id: uuid.UUID


class ServicePeriodChanged(EventData):
    """`service_period.started`, `.updated` and `.ended`."""

    period_id: uuid.UUID
    client_id: uuid.UUID
    enrolment_id: uuid.UUID | None
    kind: ServicePeriodKind
    starts_on: dt.date
    planned_end_on: dt.date | None
    ends_on: dt.date | None
    employer_id: uuid.UUID | None
    partner_id: uuid.UUID | None
    hours_per_week: int | None
    subsidy_percent: int | None


class WorkAbilityAssessmentRecorded(EventData):
    """The overall score only, never the domain scores (health data)."""

    client_id: uuid.UUID
    assessment_id: uuid.UUID
    recorded_on: dt.date
    overall: int


class FunctionalAssessmentRecorded(EventData):
    """`overall` is the mean of the item scores, one decimal; never the item scores."""

    client_id: uuid.UUID
    assessment_id: uuid.UUID
    instrument_code: str
    instrument_version: int
    observed_on: dt.date
    overall: float


class RoadmapStarted(EventData):
    client_id: uuid.UUID
    roadmap_id: uuid.UUID
    template_version: int


class RoadmapStageChanged(EventData):
    """The stage's key and status, never what was received."""

    client_id: uuid.UUID
    roadmap_id: uuid.UUID
    stage: str
    status: StageStatus


class Revised(EventData):
    """`work_supports.recorded` and `work_ability_summary.approved`: the values stay here."""

    client_id: uuid.UUID
    revision: int


class ImportFinished(EventData):
    """For the notifications service to tell the person who started the import."""

    import_id: uuid.UUID
    started_by: str
    status: Literal["done", "failed"]
    dry_run: bool
    created: int
    updated: int
    errors: int
    finished_at: dt.datetime


EVENTS: dict[str, type[EventData]] = {
    "client.registered": ClientChanged,
    "client.updated": ClientChanged,
    "client.anonymised": ClientAnonymised,
    "consent.granted": ConsentChanged,
    "consent.withdrawn": ConsentChanged,
    "enrolment.registered": EnrolmentRegistered,
    "enrolment.contacted": EnrolmentContacted,
    "enrolment.first_meeting_held": EnrolmentFirstMeetingHeld,
    "enrolment.coordinators_changed": EnrolmentCoordinatorsChanged,
    "enrolment.ended": EnrolmentEnded,
    "meeting.recorded": MeetingRecorded,
    "service_plan.reviewed": ServicePlanReviewed,
    "feedback.given": FeedbackGiven,
    "labour_market_status.recorded": LabourMarketStatusRecorded,
    "labour_market_status.withdrawn": LabourMarketStatusWithdrawn,
    "service_period.started": ServicePeriodChanged,
    "service_period.updated": ServicePeriodChanged,
    "service_period.ended": ServicePeriodChanged,
    "work_ability_assessment.recorded": WorkAbilityAssessmentRecorded,
    "functional_assessment.recorded": FunctionalAssessmentRecorded,
    "roadmap.started": RoadmapStarted,
    "roadmap.stage_changed": RoadmapStageChanged,
    "work_supports.recorded": Revised,
    "work_ability_summary.approved": Revised,
    "import.finished": ImportFinished,
}
