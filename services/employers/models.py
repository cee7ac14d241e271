"""The tables of the employers service's own database."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from services.common.audit import define_access_log
from services.common.calendar import utcnow
from services.common.db import UTCDateTime, new_metadata
from services.common.events import define_outbox
from services.employers import codes
from services.employers.events import EVENTS


class Base(DeclarativeBase):
    metadata = new_metadata()


outbox = define_outbox(Base.metadata, events=EVENTS)
access_log = define_access_log(Base.metadata)


def _one_of(column: str, literal: object, name: str) -> CheckConstraint:
    allowed = ", ".join(f"'{v}'" for v in codes.values(literal))
    return CheckConstraint(f"{column} IN ({allowed})", name=name)


class Audited:
    """Who created and last changed a row, and when."""

    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(100))


class Employer(Audited, Base):
    __tablename__ = "employer"
    __table_args__ = (
        _one_of("status", codes.EmployerStatus, "status"),
        _one_of("industry", codes.TolSection, "industry"),
        _one_of("size_class", codes.SizeClass, "size_class"),
        _one_of("sector", codes.EmployerSector, "sector"),
        Index("ix_employer_name", "name"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    # Canonical `1234567-8`; the unique constraint is what makes a second record impossible.
    business_id: Mapped[str] = mapped_column(String(9), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    industry: Mapped[str | None] = mapped_column(String(1))
    size_class: Mapped[str | None] = mapped_column(String(10))
    municipality: Mapped[str | None] = mapped_column(String(60))
    street_address: Mapped[str | None] = mapped_column(String(200))
    postal_code: Mapped[str | None] = mapped_column(String(10))
    city: Mapped[str | None] = mapped_column(String(60))
    sector: Mapped[str] = mapped_column(String(20), default="unknown", server_default="unknown")
    # The Helsinki day the sector was set: the figures count a period by the sector at its start.
    sector_since: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="prospect")
    status_changed_on: Mapped[dt.date] = mapped_column(Date)
    contacted_on: Mapped[dt.date | None] = mapped_column(Date)
    partner_since: Mapped[dt.date | None] = mapped_column(Date)
    inactive_since: Mapped[dt.date | None] = mapped_column(Date)
    network_member: Mapped[bool] = mapped_column(Boolean, default=False)
    tailored_work_interest: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str | None] = mapped_column(Text)


class EmployerContact(Audited, Base):
    """A contact person at an employer."""

    __tablename__ = "employer_contact"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    employer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("employer.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Lead(Base):
    """A recruitment lead: from LADEC, a phone call or e-mail to Rekrypiste, or prospecting."""

    __tablename__ = "lead"
    __table_args__ = (
        _one_of("status", codes.LeadStatus, "status"),
        _one_of("source", codes.LeadSource, "source"),
        _one_of("close_reason", codes.CloseReason, "close_reason"),
        Index("ix_lead_status_contact_due", "status", "contact_due"),
        Index("ix_lead_coordinator_status", "coordinator", "status"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    external_id: Mapped[str | None] = mapped_column(String(100), unique=True)
    source: Mapped[str] = mapped_column(String(20))
    employer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("employer.id"), index=True)
    coordinator: Mapped[str] = mapped_column(String(100))
    need: Mapped[str] = mapped_column(Text)
    positions: Mapped[int | None] = mapped_column(Integer)
    municipality: Mapped[str | None] = mapped_column(String(60))
    industry: Mapped[str | None] = mapped_column(String(1))
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(200))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    received_by: Mapped[str] = mapped_column(String(100))
    contact_due: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="new")
    contacted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    follow_up_due: Mapped[dt.date | None] = mapped_column(Date)
    followed_up_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    close_reason: Mapped[str | None] = mapped_column(String(20))
    closed_by: Mapped[str | None] = mapped_column(String(100))
    # An open lead of the same company when this one came in: flagged, never merged, since
    # a second need of one company is as real as a double entry of the same one.
    possible_duplicate_of: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("lead.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(100))

    employer: Mapped[Employer] = relationship(lazy="raise", foreign_keys=[employer_id])


class LeadHistory(Base):
    """Every step of a lead: what happened, who did it and when."""

    __tablename__ = "lead_history"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    lead_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("lead.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    by: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(30))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str | None] = mapped_column(String(20))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Activity(Base):
    """A call, e-mail, visit, meeting, Ratko workshop … with an employer, maybe on a lead."""

    __tablename__ = "activity"
    __table_args__ = (
        _one_of("kind", codes.ActivityKind, "kind"),
        Index("ix_activity_employer_at", "employer_id", "at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    employer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("employer.id", ondelete="CASCADE"))
    lead_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("lead.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    by: Mapped[str] = mapped_column(String(100))
    summary: Mapped[str | None] = mapped_column(Text)
    agreed: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Opening(Audited, Base):
    """A position: a regular job, a hidden job, a tailored-work task, a work-trial place …"""

    __tablename__ = "opening"
    __table_args__ = (
        _one_of("kind", codes.OpeningKind, "kind"),
        _one_of("status", codes.OpeningStatus, "status"),
        Index("ix_opening_status_kind", "status", "kind"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    employer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("employer.id"), index=True)
    lead_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("lead.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str | None] = mapped_column(Text)
    positions: Mapped[int] = mapped_column(Integer, default=1)
    wage_subsidy: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default="open")
    closes_on: Mapped[dt.date | None] = mapped_column(Date)
    # Each hire fills one position; the opening is `filled` when all of them are.
    filled_positions: Mapped[int] = mapped_column(Integer, default=0)
    filled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class Hire(Base):
    """A client hired to an opening through a job referral. The client is named by id only:
    the clients service decides who may see the name."""

    __tablename__ = "hire"
    __table_args__ = (Index("ix_hire_employer_hired_on", "employer_id", "hired_on"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    # One hire per job referral, however often the referrals service retries the effect.
    referral_id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)
    opening_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("opening.id"), index=True)
    employer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("employer.id"))
    lead_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("lead.id"), index=True)
    client_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    hired_on: Mapped[dt.date] = mapped_column(Date)
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(100))


recruitment_event_employer = Table(
    "recruitment_event_employer",
    Base.metadata,
    Column(
        "event_id", Uuid, ForeignKey("recruitment_event.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("employer_id", Uuid, ForeignKey("employer.id"), primary_key=True),
)


class RecruitmentEvent(Audited, Base):
    """Tiistairekry, a job fair, an info session: who took part and how many came."""

    __tablename__ = "recruitment_event"
    __table_args__ = (_one_of("kind", codes.RecruitmentEventKind, "kind"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))
    held_on: Mapped[dt.date] = mapped_column(Date, index=True)
    place: Mapped[str | None] = mapped_column(String(200))
    jobseekers_attended: Mapped[int | None] = mapped_column(Integer)

    employers: Mapped[list[Employer]] = relationship(
        secondary=recruitment_event_employer, lazy="raise", order_by=Employer.name
    )


class EventClient(Base):
    """A client invited to a recruitment event, and whether they came. Named by id only."""

    __tablename__ = "event_client"

    event_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("recruitment_event.id", ondelete="CASCADE"), primary_key=True
    )
    client_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, index=True)
    invited_by: Mapped[str] = mapped_column(String(100))
    invited_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    attended: Mapped[bool] = mapped_column(Boolean, default=False)


class IdempotencyKey(Base):
    """A LADEC push's `Idempotency-Key`, claimed before the work and answered from after it."""

    __tablename__ = "idempotency_key"

    client_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    # The lease: when the claim was taken or last renewed by the push that holds it.
    claimed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    completed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    response_status: Mapped[int | None] = mapped_column(Integer)
    response_body: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    response_location: Mapped[str | None] = mapped_column(String(500))

    __table_args__ = (Index("ix_idempotency_key_completed_at", "completed_at"),)
