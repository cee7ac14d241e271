"""The tables of the metrics service's own database: the read model of the city's figures.

Every fact table is fed by exactly one source feed and remembers the `seq` of the last
event applied to the row (`last_seq`), so a replayed batch changes nothing. Month and age
group are stored precomputed so an indicator groups by plain indexed columns on every
backend.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import BigInteger, Boolean, Date, Index, Integer, SmallInteger, String, Text, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from services.common.audit import define_access_log
from services.common.db import UTCDateTime, new_metadata
from services.common.events import define_outbox


class Base(DeclarativeBase):
    metadata = new_metadata()


outbox = define_outbox(Base.metadata)
access_log = define_access_log(Base.metadata)

Username = String(100)
Code = String(40)
Month = String(7)


class FeedCursor(Base):
    """How far the read model has read one source feed; moves in the batch's transaction."""

    __tablename__ = "feed_cursor"

    source: Mapped[str] = mapped_column(String(20), primary_key=True)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    events_ingested: Mapped[int] = mapped_column(BigInteger, default=0)
    caught_up_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(String(300))


class OutcomeRule(Base):
    """The outcome catalogue as data: one row per code per published version.

    A version takes effect from `valid_from` (by the enrolment's `ended_on`); the previous
    version's rows end there, so a change of definition never rewrites earlier years.
    """

    __tablename__ = "outcome_rule"

    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(Code, primary_key=True)
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    exit_form: Mapped[bool] = mapped_column(Boolean)
    counts_as_activation: Mapped[bool] = mapped_column(Boolean)

    __table_args__ = (Index("ix_outcome_rule_code_valid_from", "code", "valid_from"),)


class ClientFact(Base):
    __tablename__ = "client_fact"

    client_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    municipality: Mapped[str | None] = mapped_column(String(60))
    birth_year: Mapped[int | None] = mapped_column(SmallInteger)
    source: Mapped[str | None] = mapped_column(Code)
    gender: Mapped[str | None] = mapped_column(Code)
    language: Mapped[str | None] = mapped_column(String(2))
    # The target groups a coordinator recorded; the age and language ones are also worked
    # out from the birth year and the language on the day an indicator looks at.
    recorded_under_30: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_foreign_language: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_partial_work_ability: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_long_term_unemployed: Mapped[bool] = mapped_column(Boolean, default=False)
    anonymised: Mapped[bool] = mapped_column(Boolean, default=False)
    last_seq: Mapped[int] = mapped_column(BigInteger)


# The person dimensions of the enrolment indicators, and what the funnel and contact SLA count.
PERSON_COLUMNS = (
    "coordinator",
    "coordinator_role",
    "municipality",
    "service_line",
    "age_group",
)
# What the indicators by the end read beside the person dimensions: the outcome, the
# client (for the client dimensions) and the durations.
ENDED_COLUMNS = ("outcome", "client_id", "days_enrolled", "working_days_enrolled")
CONTACT_COLUMNS = (
    "contact_due",
    "first_contact_on",
    "working_days_to_contact",
    "first_meeting_on",
    "ended_on",
    "outcome",
)


class EnrolmentFact(Base):
    __tablename__ = "enrolment_fact"

    enrolment_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    client_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    service_line: Mapped[str | None] = mapped_column(Code)
    registered_on: Mapped[dt.date | None] = mapped_column(Date)
    registered_month: Mapped[str | None] = mapped_column(Month)
    contact_due: Mapped[dt.date | None] = mapped_column(Date)
    first_contact_on: Mapped[dt.date | None] = mapped_column(Date)
    working_days_to_contact: Mapped[int | None] = mapped_column(Integer)
    first_meeting_on: Mapped[dt.date | None] = mapped_column(Date)
    ended_on: Mapped[dt.date | None] = mapped_column(Date)
    ended_month: Mapped[str | None] = mapped_column(Month)
    outcome: Mapped[str | None] = mapped_column(Code)
    exit_form: Mapped[bool | None] = mapped_column(Boolean)
    coordinator: Mapped[str | None] = mapped_column(Username, index=True)
    coordinator_role: Mapped[str | None] = mapped_column(Code)
    municipality: Mapped[str | None] = mapped_column(String(60))
    birth_year: Mapped[int | None] = mapped_column(SmallInteger)
    age_group: Mapped[str | None] = mapped_column(String(8))
    # From registration to the end, once both are known (calendar and Finnish working days).
    days_enrolled: Mapped[int | None] = mapped_column(Integer)
    working_days_enrolled: Mapped[int | None] = mapped_column(Integer)
    last_seq: Mapped[int] = mapped_column(BigInteger)

    # The indicators by registration and by end read a year of enrolments from these
    # indexes alone (index-only scans on PostgreSQL): they carry every column grouped or
    # counted, so a national year is not tens of thousands of visits to the table.
    __table_args__ = (
        Index(
            "ix_enrolment_fact_registered_on",
            "registered_on",
            postgresql_include=[
                *PERSON_COLUMNS,
                "registered_month",
                *CONTACT_COLUMNS,
                "client_id",
            ],
        ),
        Index(
            "ix_enrolment_fact_ended_on",
            "ended_on",
            postgresql_include=[*PERSON_COLUMNS, "ended_month", *ENDED_COLUMNS],
        ),
    )


class CoordinatorAssignment(Base):
    """Who was responsible for an enrolment from `starts_on` until `ends_on` (exclusive).

    One row per coordinator per change event (`seq`); `ends_on` is the next change's date.
    """

    __tablename__ = "coordinator_assignment"

    enrolment_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    username: Mapped[str] = mapped_column(Username, primary_key=True)
    role: Mapped[str] = mapped_column(Code)
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)

    __table_args__ = (Index("ix_coordinator_assignment_period", "starts_on", "ends_on"),)


class ReferralFact(Base):
    __tablename__ = "referral_fact"

    referral_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    kind: Mapped[str | None] = mapped_column(Code)
    enrolment_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    from_user: Mapped[str | None] = mapped_column(Username)
    from_role: Mapped[str | None] = mapped_column(Code)
    to_user: Mapped[str | None] = mapped_column(Username)
    to_role: Mapped[str | None] = mapped_column(Code)
    sent_on: Mapped[dt.date | None] = mapped_column(Date)
    sent_month: Mapped[str | None] = mapped_column(Month)
    status: Mapped[str] = mapped_column(Code)
    accepted_on: Mapped[dt.date | None] = mapped_column(Date)
    working_days_to_accept: Mapped[int | None] = mapped_column(Integer)
    result: Mapped[str | None] = mapped_column(Code)
    # A job referral's client and opening, and whether it reached the employer (a
    # presentation or an interview).
    client_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    opening_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    presented: Mapped[bool | None] = mapped_column(Boolean)
    last_seq: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = (Index("ix_referral_fact_kind_sent_on", "kind", "sent_on"),)


class HireFact(Base):
    """A client hired to an opening through a job referral (the employers' `hire.recorded`)."""

    __tablename__ = "hire_fact"

    hire_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    referral_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    opening_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    employer_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    client_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    hired_on: Mapped[dt.date] = mapped_column(Date, index=True)
    last_seq: Mapped[int] = mapped_column(BigInteger)


class RecruitmentEventFact(Base):
    """A recruitment event held by Rekrypiste: its day, kind, employers and attendance."""

    __tablename__ = "recruitment_event_fact"

    event_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    kind: Mapped[str | None] = mapped_column(Code)
    held_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    held_month: Mapped[str | None] = mapped_column(Month)
    # The participating employers' ids, and {client id: attended} of the invited clients,
    # as JSON text (the bulk writer has no array type for JSON).
    employer_ids: Mapped[str] = mapped_column(Text, default="[]")
    clients: Mapped[str] = mapped_column(Text, default="{}")
    # The head count the organiser recorded (job seekers Polku may not know), if any.
    jobseekers_attended: Mapped[int | None] = mapped_column(Integer)
    last_seq: Mapped[int] = mapped_column(BigInteger)


class LeadFact(Base):
    __tablename__ = "lead_fact"

    lead_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    employer_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    source: Mapped[str | None] = mapped_column(Code)
    received_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    received_month: Mapped[str | None] = mapped_column(Month)
    contact_due: Mapped[dt.date | None] = mapped_column(Date)
    coordinator: Mapped[str | None] = mapped_column(Username)
    industry: Mapped[str | None] = mapped_column(String(2))
    municipality: Mapped[str | None] = mapped_column(String(60))
    contacted_on: Mapped[dt.date | None] = mapped_column(Date)
    followed_up_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str | None] = mapped_column(Code)
    close_reason: Mapped[str | None] = mapped_column(Code)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    last_seq: Mapped[int] = mapped_column(BigInteger)


class EmployerFact(Base):
    __tablename__ = "employer_fact"

    employer_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    industry: Mapped[str | None] = mapped_column(String(2))
    municipality: Mapped[str | None] = mapped_column(String(60))
    size_class: Mapped[str | None] = mapped_column(Code)
    status: Mapped[str | None] = mapped_column(Code)
    network_member: Mapped[bool | None] = mapped_column(Boolean)
    sector: Mapped[str | None] = mapped_column(Code)
    last_seq: Mapped[int] = mapped_column(BigInteger)


class EmployerStatusEpisode(Base):
    """An employer's status from `starts_on` until the next change (`ends_on`, exclusive)."""

    __tablename__ = "employer_status_episode"

    employer_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    status: Mapped[str] = mapped_column(Code)
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)

    __table_args__ = (Index("ix_employer_status_episode_period", "starts_on", "ends_on"),)


class EmployerSectorEpisode(Base):
    """An employer's sector from `starts_on` (null: since before the employers service kept
    the day) until a later episode starts; the sector on a day is the latest episode that
    started on or before it, and before the first one the first one's."""

    __tablename__ = "employer_sector_episode"

    employer_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    sector: Mapped[str] = mapped_column(Code)
    starts_on: Mapped[dt.date | None] = mapped_column(Date)


class ReachGoal(Base):
    """A goal of the clients and partner employers to reach, kept as data; the goal of a
    period is the one whose span holds its last day (the latest to start, if several)."""

    __tablename__ = "reach_goal"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)
    clients: Mapped[int | None] = mapped_column(Integer)
    partner_employers: Mapped[int | None] = mapped_column(Integer)


class EmployerActivity(Base):
    __tablename__ = "employer_activity"

    activity_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    employer_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    kind: Mapped[str | None] = mapped_column(Code)
    on: Mapped[dt.date] = mapped_column(Date, index=True)
    month: Mapped[str] = mapped_column(Month)
    by: Mapped[str | None] = mapped_column(Username)
    last_seq: Mapped[int] = mapped_column(BigInteger)


class Feedback(Base):
    __tablename__ = "feedback"

    feedback_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    enrolment_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    grade: Mapped[int] = mapped_column(SmallInteger)
    given_on: Mapped[dt.date] = mapped_column(Date, index=True)
    given_month: Mapped[str] = mapped_column(Month)
    coordinator: Mapped[str | None] = mapped_column(Username)
    last_seq: Mapped[int] = mapped_column(BigInteger)


class PlanReview(Base):
    __tablename__ = "plan_review"

    enrolment_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    reviewed_on: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    last_seq: Mapped[int] = mapped_column(BigInteger)


class StatusEpisode(Base):
    """A client's labour-market status (`ends_on` inclusive; open when null)."""

    __tablename__ = "status_episode"

    episode_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    client_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    status: Mapped[str] = mapped_column(Code)
    service_type: Mapped[str | None] = mapped_column(String(60))
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)
    last_seq: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = (Index("ix_status_episode_period", "starts_on", "ends_on"),)


class UnemploymentSpell(Base):
    """A client's continuous unemployment, worked out from the status episodes.

    `kind` `unemployed`: the days unemployed and not in an active service, merged into one
    spell while they follow each other (`ends_on` inclusive; open when null). `kind`
    `long_term`: the days the client counts as long-term unemployed: from 12 months into an
    unemployed spell to its end, and through an active service that began when such a
    spell ended. Rebuilt for a client whenever one of their episodes changes.
    """

    __tablename__ = "unemployment_spell"

    client_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    kind: Mapped[str] = mapped_column(Code, primary_key=True)
    starts_on: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)

    __table_args__ = (Index("ix_unemployment_spell_period", "kind", "starts_on", "ends_on"),)


class ServicePeriodFact(Base):
    """An active-service period (work trial, wage subsidy, …): its kind, days and place. The
    activation rate still reads the status episodes the period writes; this is for the
    figures about the periods themselves."""

    __tablename__ = "service_period_fact"

    period_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    client_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    enrolment_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    kind: Mapped[str] = mapped_column(Code)
    starts_on: Mapped[dt.date] = mapped_column(Date, index=True)
    started_month: Mapped[str] = mapped_column(Month)
    planned_end_on: Mapped[dt.date | None] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)
    employer_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    partner_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    hours_per_week: Mapped[int | None] = mapped_column(SmallInteger)
    subsidy_percent: Mapped[int | None] = mapped_column(SmallInteger)
    last_seq: Mapped[int] = mapped_column(BigInteger)


class AssessmentFact(Base):
    """A self-assessment or a functional observation: its overall score only (the events
    carry nothing else, the item and domain scores being health data)."""

    __tablename__ = "assessment_fact"

    assessment_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    client_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    kind: Mapped[str] = mapped_column(Code)  # self_assessment, functional
    instrument: Mapped[str | None] = mapped_column(Code)
    assessed_on: Mapped[dt.date] = mapped_column(Date, index=True)
    # The self-assessment's 0-10, a functional measure's mean, in tenths.
    overall_tenths: Mapped[int] = mapped_column(Integer)
    last_seq: Mapped[int] = mapped_column(BigInteger)


class FirstSelfAssessment(Base):
    """Each client's first self-assessment (by its date, then id), kept at ingestion: the
    well-being change is the latest one in a period minus this one."""

    __tablename__ = "first_self_assessment"

    client_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    assessment_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    assessed_on: Mapped[dt.date] = mapped_column(Date)
    overall_tenths: Mapped[int] = mapped_column(Integer)


class RoadmapFact(Base):
    """A client's work-ability roadmap: when it started and where each stage stands."""

    __tablename__ = "roadmap_fact"

    client_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    roadmap_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    template_version: Mapped[int | None] = mapped_column(Integer)
    # {stage key: status} as JSON text: the bulk writer sends each column as a typed array,
    # and PostgreSQL has none for JSON.
    stages: Mapped[str] = mapped_column(Text, default="{}")
    last_seq: Mapped[int] = mapped_column(BigInteger)


class DayDelta(Base):
    """How many subjects an indicator counted on a day start (+) or stop (-) counting on `on`.

    Maintained at ingestion for the totals of the indicators counted on a day, so a total
    on any day is the sum of the deltas up to it: a few rows per date instead of every
    period that covers the day.
    """

    __tablename__ = "day_delta"

    indicator: Mapped[str] = mapped_column(Code, primary_key=True)
    measure: Mapped[str] = mapped_column(Code, primary_key=True)
    on: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    delta: Mapped[int] = mapped_column(BigInteger)


class CaseloadDelta(Base):
    """A coordinator's change of active enrolments, on the month-end count day it first shows.

    `on` is the last working day of a month: the deltas of the days after the previous one
    up to it, so a coordinator's caseload on a month's count day is a sum over few months.
    """

    __tablename__ = "caseload_delta"

    username: Mapped[str] = mapped_column(Username, primary_key=True)
    role: Mapped[str] = mapped_column(Code, primary_key=True)
    on: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    delta: Mapped[int] = mapped_column(BigInteger)
