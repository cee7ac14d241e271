"""Queries of the notifications themselves."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, select, tuple_
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.notifications.models import Notification


def dialect_insert(session: AsyncSession, table: Any) -> Any:
    if session.get_bind().dialect.name == "postgresql":
        return pg_insert(table)
    return sqlite_insert(table)


async def add_new(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    """Insert the notifications not there yet: a replay or a second sweep adds nothing."""
    if not rows:
        return
    statement = dialect_insert(session, Notification).on_conflict_do_nothing(
        index_elements=["username", "dedup_key"]
    )
    await session.execute(statement, list(rows))


async def page_of(
    session: AsyncSession,
    username: str,
    *,
    unread_only: bool,
    before: tuple[dt.datetime, uuid.UUID] | None,
    limit: int,
) -> Sequence[Notification]:
    """The person's notifications not dismissed, newest first (keyset on time and id)."""
    query = select(Notification).where(
        Notification.username == username, Notification.dismissed_at.is_(None)
    )
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    if before is not None:
        query = query.where(
            tuple_(Notification.created_at, Notification.id) < tuple_(before[0], before[1])
        )
    query = query.order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit)
    return (await session.scalars(query)).all()


async def own(
    session: AsyncSession, username: str, notification_id: uuid.UUID
) -> Notification | None:
    return await session.scalar(
        select(Notification).where(
            Notification.id == notification_id, Notification.username == username
        )
    )


async def unsent(
    session: AsyncSession, username: str | None = None, *, limit: int = 500
) -> Sequence[Notification]:
    """Notifications shown in the app and not yet looked at for e-mail, oldest first; of one person or
    of everybody."""
    query = select(Notification).where(
        Notification.mail_done_at.is_(None), Notification.dismissed_at.is_(None)
    )
    if username is not None:
        query = query.where(Notification.username == username)
    return (await session.scalars(query.order_by(Notification.created_at).limit(limit))).all()


async def remove_stale(
    session: AsyncSession,
    kinds: Sequence[str],
    still_due: Sequence[tuple[str, str]],
    *,
    username: str | None = None,
) -> int:
    """Remove the reminders of these kinds (of one person, or of everybody) whose deadline
    is no longer among `still_due` (username, dedup_key): done, answered, closed or moved."""
    query = delete(Notification).where(Notification.kind.in_(kinds))
    if username is not None:
        query = query.where(Notification.username == username)
    if still_due:
        query = query.where(
            tuple_(Notification.username, Notification.dedup_key).not_in(list(still_due))
        )
    result = await session.execute(query)
    removed: int = getattr(result, "rowcount", 0) or 0
    return removed
