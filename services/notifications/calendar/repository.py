"""The meetings waiting for their invitations, what each person was sent, the claims that
send each invitation once, and the feeds' token hashes."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.notifications.inbox.repository import dialect_insert
from services.notifications.models import (
    CalendarChange,
    CalendarFeed,
    CalendarInvitation,
    CalendarSent,
)


def add_change(session: AsyncSession, change: CalendarChange) -> None:
    session.add(change)


async def pending_changes(session: AsyncSession, limit: int) -> Sequence[CalendarChange]:
    query = select(CalendarChange).order_by(CalendarChange.seq).limit(limit)
    return (await session.scalars(query)).all()


async def forget_changes(session: AsyncSession, upto: dict[uuid.UUID, int]) -> None:
    """The changes sent: each meeting's up to the `seq` its round saw (a later one stays)."""
    for meeting_id, seq in upto.items():
        await session.execute(
            delete(CalendarChange).where(
                CalendarChange.meeting_id == meeting_id, CalendarChange.seq <= seq
            )
        )


async def in_calendars(
    session: AsyncSession, meeting_ids: Iterable[uuid.UUID]
) -> Sequence[CalendarInvitation]:
    """Who has these meetings in their calendar now (to be told when taken off)."""
    wanted = list(set(meeting_ids))
    if not wanted:
        return []
    query = select(CalendarInvitation).where(
        CalendarInvitation.meeting_id.in_(wanted), CalendarInvitation.active.is_(True)
    )
    return (await session.scalars(query)).all()


async def lock_invitations(
    session: AsyncSession, username: str, meeting_ids: Sequence[uuid.UUID], at: dt.datetime
) -> Sequence[CalendarInvitation]:
    """The person's rows of these meetings, made where missing and locked for this
    transaction: the insert takes SQLite's write lock, `FOR UPDATE` PostgreSQL's rows, so a
    second replica compares with what the first sent rather than with what it had before."""
    rows = [{"meeting_id": m, "username": username, "updated_at": at} for m in meeting_ids]
    await session.execute(
        dialect_insert(session, CalendarInvitation).on_conflict_do_nothing(), rows
    )
    query = (
        select(CalendarInvitation)
        .where(
            CalendarInvitation.username == username,
            CalendarInvitation.meeting_id.in_(list(meeting_ids)),
        )
        # One order for every replica, so two never wait for each other's rows in a ring.
        .order_by(CalendarInvitation.meeting_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return (await session.scalars(query)).all()


async def claim(
    session: AsyncSession,
    invitation: CalendarInvitation,
    sequence: int,
    method: str,
    at: dt.datetime,
    *,
    mailed: bool,
) -> bool:
    """The lock of one invitation: True for the one transaction whose insert lands."""
    statement = (
        dialect_insert(session, CalendarSent)
        .values(
            meeting_id=invitation.meeting_id,
            username=invitation.username,
            sequence=sequence,
            method=method,
            sent_at=at,
            mailed=mailed,
        )
        .on_conflict_do_nothing()
    )
    result = await session.execute(statement)
    return bool(getattr(result, "rowcount", 0))


async def invited_since(
    session: AsyncSession, username: str, since: dt.datetime
) -> Sequence[CalendarInvitation]:
    """The meetings the person was sent something of, starting at `since` or later."""
    query = select(CalendarInvitation).where(
        CalendarInvitation.username == username,
        CalendarInvitation.sequence >= 0,
        CalendarInvitation.starts_at >= since,
    )
    return (await session.scalars(query.order_by(CalendarInvitation.starts_at))).all()


async def feed_of(session: AsyncSession, username: str) -> CalendarFeed | None:
    return await session.get(CalendarFeed, username)


async def feed_by_hash(session: AsyncSession, token_hash: str) -> CalendarFeed | None:
    return await session.scalar(select(CalendarFeed).where(CalendarFeed.token_hash == token_hash))


async def add_feed(session: AsyncSession, username: str, token_hash: str, at: dt.datetime) -> bool:
    """False when the person already has a feed (another request made it first)."""
    statement = (
        dialect_insert(session, CalendarFeed)
        .values(username=username, token_hash=token_hash, created_at=at)
        .on_conflict_do_nothing(index_elements=["username"])
    )
    result = await session.execute(statement)
    return bool(getattr(result, "rowcount", 0))


async def delete_feed(session: AsyncSession, username: str) -> None:
    await session.execute(delete(CalendarFeed).where(CalendarFeed.username == username))
