"""The tables of the clients service's own database."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from services.clients.events import EVENTS
from services.common.audit import define_access_log
from services.common.calendar import utcnow
from services.common.db import UTCDateTime, new_metadata
from services.common.events import define_outbox


class Base(DeclarativeBase):
    metadata = new_metadata()


outbox = define_outbox(Base.metadata, events=EVENTS)
access_log = define_access_log(Base.metadata)


def _uuid_pk() -> Mapped[uuid.UUID]:
    return mapped_column(Uuid, primary_key=True, default=uuid.uuid4)


def _client_fk(*, nullable: bool = False) -> Mapped[Any]:
    return mapped_column(
        Uuid, ForeignKey("client.id", ondelete="CASCADE"), nullable=nullable, index=True
    )


def _enrolment_fk(*, nullable: bool = False) -> Mapped[Any]:
    return mapped_column(
        Uuid, ForeignKey("enrolment.id", ondelete="CASCADE"), nullable=nullable, index=True
    )


class Client(Base):
    """A jobseeker. Only the names are required; the identity code is unique when given."""

    __tablename__ = "client"

    id: Mapped[uuid.UUID] = _uuid_pk()
    first_name: Mapped[str] = mapped_column(String(100), nullable=False)
    last_name: Mapped[str] = mapped_column(String(100), nullable=False, index=True)
    # Compact upper-case form, so an exact search is a plain equality.
    personal_identity_code: Mapped[str | None] = mapped_column(String(11), unique=True)
    birth_year: Mapped[int | None] = mapped_column(Integer)
    gender: Mapped[str | None] = mapped_column(String(10))
    municipality: Mapped[str | None] = mapped_column(String(60))
    language: Mapped[str | None] = mapped_column(String(2))
    phone: Mapped[str | None] = mapped_column(String(20), index=True)
    email: Mapped[str | None] = mapped_column(String(254))
    address: Mapped[str | None] = mapped_column(String(300))
    education_level: Mapped[str | None] = mapped_column(String(20))
    target_groups: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    interpreter_needed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    national_register_ref: Mapped[str | None] = mapped_column(String(50))
    non_disclosure: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    source: Mapped[str] = mapped_column(String(20), nullable=False)
    created_by: Mapped[str] = mapped_column(String(100), nullable=False, index=True)
    external_ref: Mapped[str | None] = mapped_column(String(100), unique=True)
    # Self-registrations wait in the triage list until an enrolment names a coordinator.
    awaiting_triage: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    possible_duplicates: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    anonymised_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)


class Consent(Base):
    __tablename__ = "consent"

    id: Mapped[uuid.UUID] = _uuid_pk()
    client_id: Mapped[uuid.UUID] = _client_fk()
    purpose: Mapped[str] = mapped_column(String(40), nullable=False)
    granted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False)
    granted_by: Mapped[str] = mapped_column(String(100), nullable=False)
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    withdrawn_by: Mapped[str | None] = mapped_column(String(100))


# An enrolment in these states is open: its coordinators work with the client.
OPEN_ENROLMENT_STATES = ("registered", "contacted", "active")


class Enrolment(Base):
    """One service period of a client on one service line."""

    __tablename__ = "enrolment"

    id: Mapped[uuid.UUID] = _uuid_pk()
    client_id: Mapped[uuid.UUID] = _client_fk()
    service_line: Mapped[str] = mapped_column(String(20), nullable=False)
    state: Mapped[str] = mapped_column(String(20), nullable=False, index=True)
    source: Mapped[str] = mapped_column(String(20), nullable=False)
    referred_by: Mapped[str | None] = mapped_column(String(100), index=True)
    registered_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    contact_due: Mapped[dt.date] = mapped_column(Date, nullable=False)
    first_contact_on: Mapped[dt.date | None] = mapped_column(Date)
    first_meeting_on: Mapped[dt.date | None] = mapped_column(Date)
    ended_on: Mapped[dt.date | None] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(String(30))
    exit_status: Mapped[str | None] = mapped_column(String(30))
    qualification_gained: Mapped[bool | None] = mapped_column(Boolean)
    exit_form_missing: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    ended_by: Mapped[str | None] = mapped_column(String(100))
    external_ref: Mapped[str | None] = mapped_column(String(100), unique=True)
    created_by: Mapped[str] = mapped_column(String(100), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    # An open warm hand-off: the receiver is responsible beside the sender until it completes.
    handoff_referral_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    handoff_started_on: Mapped[dt.date | None] = mapped_column(Date)

    coordinators: Mapped[list[EnrolmentCoordinator]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="EnrolmentCoordinator.position"
    )


class EnrolmentCoordinator(Base):
    """A coordinator of an enrolment (one or two), and why they are on it."""

    __tablename__ = "enrolment_coordinator"

    enrolment_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("enrolment.id", ondelete="CASCADE"), primary_key=True
    )
    username: Mapped[str] = mapped_column(String(100), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(40), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    # `responsible` (named for the enrolment or by an accepted transfer) or `consultation`
    # (added by an accepted consultation): the access policy tells them apart.
    reason: Mapped[str] = mapped_column(
        String(20), nullable=False, default="responsible", server_default="responsible"
    )


class ResponsibilitySegment(Base):
    """Who carried the enrolment when, on which line: never rewritten, only ended.

    A change of coordinators ends the segments it changes and opens new ones, so a service
    line that changes under the same person is a new segment too.
    """

    __tablename__ = "responsibility_segment"

    id: Mapped[uuid.UUID] = _uuid_pk()
    enrolment_id: Mapped[uuid.UUID] = _enrolment_fk()
    username: Mapped[str] = mapped_column(String(100), nullable=False, index=True)
    role: Mapped[str] = mapped_column(String(40), nullable=False)
    service_line: Mapped[str] = mapped_column(String(20), nullable=False)
    # `responsible` or `consultation`, as on the coordinator row.
    reason: Mapped[str] = mapped_column(String(20), nullable=False)
    starts_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)


class AppliedEffect(Base):
    """Idempotency of the internal effect calls: the first answer, kept by `effect_key`."""

    __tablename__ = "applied_effect"

    effect_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    result: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    applied_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)


class ContactAttempt(Base):
    __tablename__ = "contact_attempt"

    id: Mapped[uuid.UUID] = _uuid_pk()
    enrolment_id: Mapped[uuid.UUID] = _enrolment_fk()
    channel: Mapped[str] = mapped_column(String(20), nullable=False)
    reached: Mapped[bool] = mapped_column(Boolean, nullable=False)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False)
    recorded_by: Mapped[str] = mapped_column(String(100), nullable=False)
    comment: Mapped[str | None] = mapped_column(Text)


class Meeting(Base):
    __tablename__ = "meeting"

    id: Mapped[uuid.UUID] = _uuid_pk()
    enrolment_id: Mapped[uuid.UUID] = _enrolment_fk()
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False, index=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    place: Mapped[str | None] = mapped_column(String(200))
    channel: Mapped[str | None] = mapped_column(String(20))
    recorded_by: Mapped[str] = mapped_column(String(100), nullable=False)
    ends_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    remote_link: Mapped[str | None] = mapped_column(String(500))
    # Staff usernames; a tripartite meeting names the hand-off's receiver before they are
    # on the enrolment.
    participants: Mapped[list[str]] = mapped_column(
        JSON, nullable=False, default=list, server_default="[]"
    )
    referral_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    # A follow-up visit during an active-service period.
    service_period_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    # The coordinator confirmed, for this meeting, that a text reminder may go to a client
    # under non-disclosure (the phone may be in other hands); without it none goes.
    text_reminder_confirmed: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False, server_default=false()
    )


class OutcomeSuggestion(Base):
    """An outcome proposed by another service (e.g. a completed job referral)."""

    __tablename__ = "outcome_suggestion"

    id: Mapped[uuid.UUID] = _uuid_pk()
    enrolment_id: Mapped[uuid.UUID] = _enrolment_fk()
    effect_key: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    outcome: Mapped[str] = mapped_column(String(30), nullable=False)
    note: Mapped[str | None] = mapped_column(Text)
    suggested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False)


class ServiceNeedAssessment(Base):
    __tablename__ = "service_need_assessment"

    id: Mapped[uuid.UUID] = _uuid_pk()
    client_id: Mapped[uuid.UUID] = _client_fk()
    enrolment_id: Mapped[uuid.UUID | None] = _enrolment_fk(nullable=True)
    path: Mapped[str] = mapped_column(String(40), nullable=False)
    assessed_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    assessed_by: Mapped[str] = mapped_column(String(100), nullable=False)
    reason: Mapped[str | None] = mapped_column(Text)


class WorkAbilityAssessment(Base):
    """A work-ability self-assessment: scores only, never the licensed questions."""

    __tablename__ = "work_ability_assessment"

    id: Mapped[uuid.UUID] = _uuid_pk()
    client_id: Mapped[uuid.UUID] = _client_fk()
    recorded_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    instrument_version: Mapped[str] = mapped_column(String(30), nullable=False)
    language: Mapped[str] = mapped_column(String(2), nullable=False)
    overall: Mapped[int] = mapped_column(Integer, nullable=False)
    domain_scores: Mapped[dict[str, int]] = mapped_column(JSON, nullable=False)
    recorded_by: Mapped[str] = mapped_column(String(100), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)


class ServicePlan(Base):
    """The client's written service plan (one per client, revised over time)."""

    __tablename__ = "service_plan"

    id: Mapped[uuid.UUID] = _uuid_pk()
    client_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("client.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    enrolment_id: Mapped[uuid.UUID | None] = _enrolment_fk(nullable=True)
    goals: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    actions: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False, default=list)
    reviewed_on: Mapped[dt.date | None] = mapped_column(Date)
    updated_by: Mapped[str] = mapped_column(String(100), nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)


class Note(Base):
    __tablename__ = "note"

    id: Mapped[uuid.UUID] = _uuid_pk()
    client_id: Mapped[uuid.UUID] = _client_fk()
    enrolment_id: Mapped[uuid.UUID | None] = _enrolment_fk(nullable=True)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    sensitivity: Mapped[str] = mapped_column(String(10), nullable=False)
    author: Mapped[str] = mapped_column(String(100), nullable=False)
    author_roles: Mapped[str] = mapped_column(String(200), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    # A correction by its author keeps what the note said before.
    corrected_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    earlier_texts: Mapped[list[str]] = mapped_column(
        JSON, nullable=False, default=list, server_default="[]"
    )


class Feedback(Base):
    __tablename__ = "feedback"

    id: Mapped[uuid.UUID] = _uuid_pk()
    client_id: Mapped[uuid.UUID] = _client_fk()
    enrolment_id: Mapped[uuid.UUID | None] = _enrolment_fk(nullable=True)
    grade: Mapped[int] = mapped_column(Integer, nullable=False)
    text: Mapped[str | None] = mapped_column(Text)
    given_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    coordinator: Mapped[str | None] = mapped_column(String(100))
    recorded_by: Mapped[str] = mapped_column(String(100), nullable=False)


class StatusEpisode(Base):
    """A labour-market status over a period (the official activation rate's source)."""

    __tablename__ = "status_episode"

    id: Mapped[uuid.UUID] = _uuid_pk()
    client_id: Mapped[uuid.UUID] = _client_fk()
    status: Mapped[str] = mapped_column(String(30), nullable=False)
    service_type: Mapped[str | None] = mapped_column(String(60))
    starts_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(100), nullable=False)
    # Written by an active-service period (its start, or the status resuming after it).
    service_period_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    # A hand-typed `active_service` episode a period replaced: kept, no longer counted.
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class AccessGrant(Base):
    """Access to a client while a referral is open (granted by the referrals service)."""

    __tablename__ = "access_grant"
    __table_args__ = (UniqueConstraint("referral_id", "username"),)

    id: Mapped[uuid.UUID] = _uuid_pk()
    client_id: Mapped[uuid.UUID] = _client_fk()
    username: Mapped[str] = mapped_column(String(100), nullable=False, index=True)
    referral_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    granted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class ImportJob(Base):
    __tablename__ = "import_job"

    id: Mapped[uuid.UUID] = _uuid_pk()
    status: Mapped[str] = mapped_column(String(10), nullable=False)
    dry_run: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    started_by: Mapped[str] = mapped_column(String(100), nullable=False)
    total_rows: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    processed_rows: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    created: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    updated: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    errors: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False, default=list)
    warnings: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False, default=list)
    failure: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


# --- active-service periods ----------------------------------------------------------------


class ServiceKindRule(Base):
    """Which labour-market status a kind of period writes, by version (the TEM statistics'
    rules change; a period uses the version in force on its first day)."""

    __tablename__ = "service_kind_rule"

    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    valid_from: Mapped[dt.date] = mapped_column(Date, nullable=False, unique=True)
    # {kind: labour-market status}
    statuses: Mapped[dict[str, str]] = mapped_column(JSON, nullable=False)
    created_by: Mapped[str] = mapped_column(String(100), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)


class ServicePeriod(Base):
    """A client's period in an active service (work trial, wage subsidy, …) at an employer
    or a partner; it writes the status episodes the official activation rate reads."""

    __tablename__ = "service_period"

    id: Mapped[uuid.UUID] = _uuid_pk()
    client_id: Mapped[uuid.UUID] = _client_fk()
    enrolment_id: Mapped[uuid.UUID | None] = _enrolment_fk(nullable=True)
    kind: Mapped[str] = mapped_column(String(30), nullable=False)
    starts_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    planned_end_on: Mapped[dt.date | None] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)
    employer_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    partner_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    hours_per_week: Mapped[int | None] = mapped_column(Integer)
    subsidy_percent: Mapped[int | None] = mapped_column(Integer)
    decision_ref: Mapped[str | None] = mapped_column(String(60))
    rule_version: Mapped[int] = mapped_column(Integer, nullable=False)
    episode_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    # The status the client was in before the period, which resumes when it ends.
    previous_status: Mapped[str | None] = mapped_column(String(30))
    previous_service_type: Mapped[str | None] = mapped_column(String(60))
    previous_ends_on: Mapped[dt.date | None] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(100), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    ended_by: Mapped[str | None] = mapped_column(String(100))


# --- the work-ability method ----------------------------------------------------------------


class RoadmapTemplate(Base):
    """The stages of a work-ability investigation, by version: the city changes them without
    a release, and a running roadmap keeps the version it started with."""

    __tablename__ = "roadmap_template"

    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    # [{key, name_fi, name_en, client_text_fi, client_text_en}], in order
    stages: Mapped[list[dict[str, str]]] = mapped_column(JSON, nullable=False)
    created_by: Mapped[str] = mapped_column(String(100), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)


class Roadmap(Base):
    """A client's work-ability roadmap ("Työkyvyn tiekartta"): health data."""

    __tablename__ = "roadmap"

    id: Mapped[uuid.UUID] = _uuid_pk()
    client_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("client.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    template_version: Mapped[int] = mapped_column(Integer, nullable=False)
    # {stage key: {status, started_on, completed_on, responsible, partner_id, received}}
    stages: Mapped[dict[str, dict[str, Any]]] = mapped_column(JSON, nullable=False)
    started_by: Mapped[str] = mapped_column(String(100), nullable=False)
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(100), nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)


class FunctionalInstrument(Base):
    """A functional work-ability measure, by version: its items and their scale."""

    __tablename__ = "functional_instrument"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    name_fi: Mapped[str] = mapped_column(String(120), nullable=False)
    name_en: Mapped[str] = mapped_column(String(120), nullable=False)
    # [{key, label_fi, label_en}]
    items: Mapped[list[dict[str, str]]] = mapped_column(JSON, nullable=False)
    scale_min: Mapped[int] = mapped_column(Integer, nullable=False)
    scale_max: Mapped[int] = mapped_column(Integer, nullable=False)
    created_by: Mapped[str] = mapped_column(String(100), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)


class FunctionalAssessment(Base):
    """One observation with a functional measure: item scores, by whom and where."""

    __tablename__ = "functional_assessment"

    id: Mapped[uuid.UUID] = _uuid_pk()
    client_id: Mapped[uuid.UUID] = _client_fk()
    observed_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    instrument_code: Mapped[str] = mapped_column(String(40), nullable=False)
    instrument_version: Mapped[int] = mapped_column(Integer, nullable=False)
    item_scores: Mapped[dict[str, int]] = mapped_column(JSON, nullable=False)
    # The mean of the item scores, to one decimal, kept as tenths.
    overall_tenths: Mapped[int] = mapped_column(Integer, nullable=False)
    observer: Mapped[str] = mapped_column(String(100), nullable=False)
    setting: Mapped[str] = mapped_column(String(30), nullable=False)
    recorded_by: Mapped[str] = mapped_column(String(100), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)


class WorkSupports(Base):
    """One revision of the means to support work ("Keinot työnteon tukena"), in catalogue
    values only; the approved revision is the work-ability summary others may see."""

    __tablename__ = "work_supports"

    id: Mapped[uuid.UUID] = _uuid_pk()
    client_id: Mapped[uuid.UUID] = _client_fk()
    revision: Mapped[int] = mapped_column(Integer, nullable=False)
    hours_per_week: Mapped[int | None] = mapped_column(Integer)
    avoid: Mapped[list[str]] = mapped_column(JSON, nullable=False)
    breaks: Mapped[str | None] = mapped_column(String(30))
    supervision: Mapped[str | None] = mapped_column(String(30))
    aids: Mapped[list[str]] = mapped_column(JSON, nullable=False)
    travel: Mapped[list[str]] = mapped_column(JSON, nullable=False)
    recorded_by: Mapped[str] = mapped_column(String(100), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    approved_by: Mapped[str | None] = mapped_column(String(100))
    approved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (UniqueConstraint("client_id", "revision"),)
