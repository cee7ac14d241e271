"""The tables of the notifications service's own database.

Only ids, kinds, usernames and dates: the names, phone numbers and note texts stay in the
services that own them, which are asked at the moment a notification is shown or sent.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Index,
    Integer,
    String,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from services.common.db import UTCDateTime, new_metadata
from services.common.events import define_outbox


class Base(DeclarativeBase):
    metadata = new_metadata()


# Every service serves a feed; this one emits nothing yet.
outbox = define_outbox(Base.metadata)

Username = String(100)
Kind = String(40)


class FeedCursor(Base):
    """How far one source feed has been read; moves in the batch's transaction."""

    __tablename__ = "feed_cursor"

    source: Mapped[str] = mapped_column(String(20), primary_key=True)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    caught_up_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(String(300))


class Notification(Base):
    """One thing that needs one person's attention. `dedup_key` makes a replayed event or a
    due item found again on the next sweep the same row."""

    __tablename__ = "notification"
    __table_args__ = (
        UniqueConstraint("username", "dedup_key"),
        Index("ix_notification_username_created", "username", "created_at", "id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    username: Mapped[str] = mapped_column(Username)
    kind: Mapped[str] = mapped_column(Kind)
    object_type: Mapped[str] = mapped_column(String(30))
    object_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    # The client the object is about, for the need-to-know question (null: no client).
    client_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    due: Mapped[dt.date | None] = mapped_column(Date)
    dedup_key: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    read_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    dismissed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    # Set in the transaction that e-mails it (at once or in a digest), or that passes it
    # over because its kind is for the app only: each is looked at for e-mail once.
    mail_done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class ReferralTrack(Base):
    """What the later events of a referral need from its `referral.sent`: who and which client."""

    __tablename__ = "referral_track"

    referral_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    client_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    from_user: Mapped[str | None] = mapped_column(Username)
    to_user: Mapped[str | None] = mapped_column(Username)
    status: Mapped[str] = mapped_column(String(20))
    response_due: Mapped[dt.date | None] = mapped_column(Date)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)


class LeadTrack(Base):
    """A lead's coordinator and deadlines, for its due reminders."""

    __tablename__ = "lead_track"

    lead_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    coordinator: Mapped[str | None] = mapped_column(Username)
    contact_due: Mapped[dt.date | None] = mapped_column(Date)
    follow_up_due: Mapped[dt.date | None] = mapped_column(Date)
    stage: Mapped[str] = mapped_column(String(20))
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)


class Recipient(Base):
    """A person the feeds named: their mail choices and when their due items were asked."""

    __tablename__ = "recipient"

    username: Mapped[str] = mapped_column(Username, primary_key=True)
    email_mode: Mapped[str] = mapped_column(String(10), default="digest")
    digest_hour: Mapped[int | None] = mapped_column(Integer)
    due_checked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class KindPreference(Base):
    """A person's choice for one kind; a kind without a row is shown in the app only."""

    __tablename__ = "kind_preference"

    username: Mapped[str] = mapped_column(Username, primary_key=True)
    kind: Mapped[str] = mapped_column(Kind, primary_key=True)
    mode: Mapped[str] = mapped_column(String(10))


class DigestRun(Base):
    """The lock of one person's digest for one slot: the process whose insert wins sends it,
    in the same transaction, so two replicas send each digest once."""

    __tablename__ = "digest_run"

    username: Mapped[str] = mapped_column(Username, primary_key=True)
    slot: Mapped[dt.datetime] = mapped_column(UTCDateTime(), primary_key=True)
    sent_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    items: Mapped[int] = mapped_column(Integer)


class TextReminderSent(Base):
    """The claim of one text reminder: a booked meeting at one start. The process whose
    insert wins sends it in the same transaction, so two replicas send it once, and a moved
    meeting (a new start) is reminded again. The number and the place are never kept."""

    __tablename__ = "text_reminder_sent"

    meeting_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    starts_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), primary_key=True)
    sent_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


# --- Meetings in calendars ---------------------------------------------------------------


class CalendarChange(Base):
    """A meeting's `meeting.recorded`, waiting for its invitations to go out; removed once
    they have. The event's `seq` keeps a replayed event the same row."""

    __tablename__ = "calendar_change"

    meeting_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    # The staff usernames the event named (participants and the booker): whom to ask.
    people: Mapped[list[str]] = mapped_column(JSON, default=list)


class CalendarInvitation(Base):
    """What one person was last sent of one meeting: the invitation's `sequence` and the
    values whose change makes an update. The place is kept only as a hash to notice a move;
    the times only to pick the feed's meetings."""

    __tablename__ = "calendar_invitation"
    __table_args__ = (Index("ix_calendar_invitation_username_starts", "username", "starts_at"),)

    meeting_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    username: Mapped[str] = mapped_column(Username, primary_key=True)
    # -1 until something is sent.
    sequence: Mapped[int] = mapped_column(Integer, default=-1)
    kind: Mapped[str | None] = mapped_column(String(20))
    starts_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    ends_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    status: Mapped[str | None] = mapped_column(String(20))
    place_hash: Mapped[str | None] = mapped_column(String(64))
    # In the person's calendar: invited and neither cancelled nor taken off it since.
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class CalendarSent(Base):
    """The claim of one invitation (meeting, person, sequence): the transaction whose insert
    lands sends it, so two replicas send each once."""

    __tablename__ = "calendar_sent"

    meeting_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    username: Mapped[str] = mapped_column(Username, primary_key=True)
    sequence: Mapped[int] = mapped_column(Integer, primary_key=True)
    method: Mapped[str] = mapped_column(String(10))
    sent_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    # False: recorded for a person without an address (their feed still shows it).
    mailed: Mapped[bool] = mapped_column(Boolean)


class CalendarFeed(Base):
    """A person's private calendar feed: only the SHA-256 of its secret token is kept."""

    __tablename__ = "calendar_feed"

    username: Mapped[str] = mapped_column(Username, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
