"""The tables of the referrals service's own database."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from services.common.audit import define_access_log
from services.common.db import UTCDateTime, new_metadata
from services.common.events import define_outbox
from services.referrals.events import EVENTS


class Base(DeclarativeBase):
    metadata = new_metadata()


outbox = define_outbox(Base.metadata, events=EVENTS)
access_log = define_access_log(Base.metadata)


class Partner(Base):
    """A partner service a client can be referred to (health check, Ohjaamo, Kela …)."""

    __tablename__ = "partner"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    kind: Mapped[str] = mapped_column(String(30), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    contact_email: Mapped[str | None] = mapped_column(String(200))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    municipality: Mapped[str | None] = mapped_column(String(60))
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


class Referral(Base):
    """A hand-off of a client: to a coordinator, a partner service or an employer's opening."""

    __tablename__ = "referral"
    __table_args__ = (
        Index("ix_referral_to_user_sent_at", "to_user", "sent_at"),
        Index("ix_referral_from_user_sent_at", "from_user", "sent_at"),
        Index("ix_referral_status_response_due", "status", "response_due"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    client_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    enrolment_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    from_user: Mapped[str] = mapped_column(String(100), nullable=False)
    from_role: Mapped[str] = mapped_column(String(40), nullable=False)
    to_user: Mapped[str | None] = mapped_column(String(100))
    to_role: Mapped[str | None] = mapped_column(String(40))
    partner_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("partner.id", ondelete="RESTRICT")
    )
    partner_kind: Mapped[str | None] = mapped_column(String(30))
    opening_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    employer_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    lead_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    # The opening's kind when the job referral was sent: it decides the outcome a hire
    # suggests. NULL for referrals sent before it was kept (they suggest `employed`).
    opening_kind: Mapped[str | None] = mapped_column(String(20))
    message: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="sent")
    decline_reason: Mapped[str | None] = mapped_column(Text)
    result: Mapped[str | None] = mapped_column(String(30))
    # A job referral's step with the employer (`presented`, `interview`), beside `status`.
    stage: Mapped[str | None] = mapped_column(String(20))
    sent_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False)
    response_due: Mapped[dt.date] = mapped_column(Date, nullable=False)
    responded_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    # The enrolment, while this transfer or consultation is open (sent or accepted); NULL
    # otherwise. Its unique index keeps one open hand-off or consultation per enrolment
    # even when two are sent at the same moment.
    open_handoff_enrolment_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, unique=True, index=True
    )

    history: Mapped[list[ReferralStateChange]] = relationship(
        lazy="raise", order_by="ReferralStateChange.at", cascade="all, delete-orphan"
    )
    summary: Mapped[list[HandoverPart]] = relationship(
        lazy="raise", order_by="HandoverPart.position", cascade="all, delete-orphan"
    )
    effects: Mapped[list[PendingEffect]] = relationship(
        lazy="raise", order_by="PendingEffect.position", cascade="all, delete-orphan"
    )


class ReferralStateChange(Base):
    """One step of a referral's lifecycle: who moved it from which state to which, and why."""

    __tablename__ = "referral_state_change"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    referral_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("referral.id", ondelete="CASCADE"), nullable=False, index=True
    )
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False)
    by: Mapped[str] = mapped_column(String(100), nullable=False)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20), nullable=False)
    reason: Mapped[str | None] = mapped_column(Text)
    # Set when Polku itself wrote the step: the reason's code, which the app says in words
    # (the English `reason` beside it is for the logs).
    reason_code: Mapped[str | None] = mapped_column(String(50))


class HandoverPart(Base):
    """A part of the sender's hand-over summary; `health` parts reach only work-ability staff."""

    __tablename__ = "handover_part"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    referral_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("referral.id", ondelete="CASCADE"), nullable=False, index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    heading: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text, nullable=False)
    sensitivity: Mapped[str] = mapped_column(String(20), nullable=False, default="normal")


class PendingEffect(Base):
    """A change another service must make because of a referral, applied exactly once.

    `effect_key` travels with the call, so the receiving side ignores a repeat.
    """

    __tablename__ = "pending_effect"
    __table_args__ = (
        UniqueConstraint("referral_id", "position"),
        Index("ix_pending_effect_status_next_attempt_at", "status", "next_attempt_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    referral_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("referral.id", ondelete="CASCADE"), nullable=False
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    effect_key: Mapped[str] = mapped_column(String(120), nullable=False, unique=True)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="pending")
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False)
    applied_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(String(500))


class AccessReport(Base):
    """A read of client data made here, waiting to be written to the clients service's
    access log (the client's whole story is kept there). Deleted once delivered."""

    __tablename__ = "access_report"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False, index=True)
    actor: Mapped[str] = mapped_column(String(100), nullable=False)
    actor_roles: Mapped[str] = mapped_column(String(200), nullable=False)
    action: Mapped[str] = mapped_column(String(50), nullable=False)
    subject_type: Mapped[str] = mapped_column(String(50), nullable=False)
    reason: Mapped[str | None] = mapped_column(String(500))
    request_id: Mapped[str | None] = mapped_column(String(128))
    client_ids: Mapped[list[str]] = mapped_column(JSON, nullable=False)
