"""What the metrics read model reads of each event it follows: lenient models (a field a
producer adds is ignored, a field the handler can do without is optional). The producers'
own models are theirs; tests/schema/test_consumer_compatibility.py checks these against the
producers' exported schemas, so a producer cannot drop or retype a field metrics reads."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict


class FeedEvent(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Coordinator(FeedEvent):
    username: str
    role: str


class ClientChanged(FeedEvent):
    municipality: str | None = None
    birth_year: int | None = None
    gender: str | None = None
    language: str | None = None
    target_groups: list[str] | None = None


class ClientAnonymised(FeedEvent):
    pass


class EnrolmentRegistered(FeedEvent):
    client_id: uuid.UUID | None = None
    service_line: str | None = None
    registered_on: dt.date | None = None
    contact_due: dt.date | None = None
    municipality: str | None = None
    birth_year: int | None = None
    coordinators: list[Coordinator] | None = None


class EnrolmentContacted(FeedEvent):
    first_contact_on: dt.date | None = None


class EnrolmentFirstMeetingHeld(FeedEvent):
    first_meeting_on: dt.date | None = None


class EnrolmentCoordinatorsChanged(FeedEvent):
    service_line: str | None = None
    coordinators: list[Coordinator] | None = None
    changed_on: dt.date | None = None


class EnrolmentEnded(FeedEvent):
    client_id: uuid.UUID | None = None
    service_line: str | None = None
    outcome: str | None = None
    ended_on: dt.date | None = None
    coordinator: str | None = None
    coordinator_role: str | None = None
    exit_form: bool | None = None
    municipality: str | None = None
    birth_year: int | None = None


class ServicePlanReviewed(FeedEvent):
    enrolment_id: uuid.UUID | None = None
    reviewed_on: dt.date | None = None


class FeedbackGiven(FeedEvent):
    enrolment_id: uuid.UUID | None = None
    grade: int
    given_on: dt.date
    coordinator: str | None = None


class LabourMarketStatusRecorded(FeedEvent):
    client_id: uuid.UUID
    status: str
    service_type: str | None = None
    starts_on: dt.date
    ends_on: dt.date | None = None


class LabourMarketStatusWithdrawn(FeedEvent):
    client_id: uuid.UUID


class ServicePeriodChanged(FeedEvent):
    client_id: uuid.UUID
    enrolment_id: uuid.UUID | None = None
    kind: str
    starts_on: dt.date
    planned_end_on: dt.date | None = None
    ends_on: dt.date | None = None
    employer_id: uuid.UUID | None = None
    partner_id: uuid.UUID | None = None
    hours_per_week: int | None = None
    subsidy_percent: int | None = None


class WorkAbilityAssessmentRecorded(FeedEvent):
    client_id: uuid.UUID
    recorded_on: dt.date
    overall: float


class FunctionalAssessmentRecorded(FeedEvent):
    client_id: uuid.UUID
    instrument_code: str | None = None
    observed_on: dt.date
    overall: float


class RoadmapStarted(FeedEvent):
    roadmap_id: uuid.UUID | None = None
    template_version: int | None = None


class RoadmapStageChanged(FeedEvent):
    roadmap_id: uuid.UUID | None = None
    stage: str
    status: str


class EmployerCreated(FeedEvent):
    industry: str | None = None
    municipality: str | None = None
    size_class: str | None = None
    status: str | None = None
    sector: str | None = None
    sector_since: dt.date | None = None


class EmployerStatusChanged(FeedEvent):
    industry: str | None = None
    status: str | None = None
    network_member: bool | None = None
    sector: str | None = None
    sector_since: dt.date | None = None
    changed_on: dt.date | None = None


class EmployerActivityRecorded(FeedEvent):
    employer_id: uuid.UUID
    kind: str | None = None
    at: dt.datetime
    by: str | None = None


class HireRecorded(FeedEvent):
    referral_id: uuid.UUID | None = None
    opening_id: uuid.UUID | None = None
    employer_id: uuid.UUID | None = None
    client_id: uuid.UUID | None = None
    hired_on: dt.date


class RecruitmentEventRecorded(FeedEvent):
    kind: str | None = None
    on: dt.date
    employer_ids: list[uuid.UUID] | None = None
    jobseekers_attended: int | None = None


class RecruitmentEventClientChange(FeedEvent):
    client_id: uuid.UUID
    attended: bool | None = None


class LeadReceived(FeedEvent):
    employer_id: uuid.UUID | None = None
    source: str | None = None
    received_on: dt.date | None = None
    received_at: dt.datetime | None = None
    contact_due: dt.date | None = None
    coordinator: str | None = None
    industry: str | None = None
    municipality: str | None = None


class LeadAssigned(FeedEvent):
    coordinator: str | None = None


class LeadContacted(FeedEvent):
    contacted_on: dt.date | None = None
    contacted_at: dt.datetime | None = None


class LeadFollowedUp(FeedEvent):
    followed_up_on: dt.date | None = None
    followed_up_at: dt.datetime | None = None


class LeadStatusChanged(FeedEvent):
    status: str | None = None


class LeadClosed(FeedEvent):
    reason: str | None = None
    closed_on: dt.date | None = None
    closed_at: dt.datetime | None = None


class ReferralSent(FeedEvent):
    kind: str | None = None
    enrolment_id: uuid.UUID | None = None
    from_user: str | None = None
    from_role: str | None = None
    to_user: str | None = None
    to_role: str | None = None
    sent_on: dt.date | None = None
    sent_at: dt.datetime | None = None
    client_id: uuid.UUID | None = None
    opening_id: uuid.UUID | None = None


class ReferralAccepted(FeedEvent):
    kind: str | None = None
    from_role: str | None = None
    to_role: str | None = None
    accepted_on: dt.date | None = None
    accepted_at: dt.datetime | None = None
    working_days_to_accept: int | None = None


class ReferralReopened(FeedEvent):
    pass


class ReferralStageChanged(FeedEvent):
    stage: str | None = None


class ReferralClosed(FeedEvent):
    """Declined, cancelled and expired."""

    kind: str | None = None


class ReferralCompleted(ReferralClosed):
    result: str | None = None


FEED_EVENTS: dict[str, type[FeedEvent]] = {
    "client.registered": ClientChanged,
    "client.updated": ClientChanged,
    "client.anonymised": ClientAnonymised,
    "enrolment.registered": EnrolmentRegistered,
    "enrolment.contacted": EnrolmentContacted,
    "enrolment.first_meeting_held": EnrolmentFirstMeetingHeld,
    "enrolment.coordinators_changed": EnrolmentCoordinatorsChanged,
    "enrolment.ended": EnrolmentEnded,
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
    "employer.created": EmployerCreated,
    "employer.status_changed": EmployerStatusChanged,
    "employer.activity_recorded": EmployerActivityRecorded,
    "hire.recorded": HireRecorded,
    "recruitment_event.recorded": RecruitmentEventRecorded,
    "recruitment_event.client_invited": RecruitmentEventClientChange,
    "recruitment_event.attendance_recorded": RecruitmentEventClientChange,
    "recruitment_event.client_uninvited": RecruitmentEventClientChange,
    "lead.received": LeadReceived,
    "lead.assigned": LeadAssigned,
    "lead.contacted": LeadContacted,
    "lead.followed_up": LeadFollowedUp,
    "lead.status_changed": LeadStatusChanged,
    "lead.closed": LeadClosed,
    "referral.sent": ReferralSent,
    "referral.accepted": ReferralAccepted,
    "referral.reopened": ReferralReopened,
    "referral.stage_changed": ReferralStageChanged,
    "referral.declined": ReferralClosed,
    "referral.cancelled": ReferralClosed,
    "referral.expired": ReferralClosed,
    "referral.completed": ReferralCompleted,
}
