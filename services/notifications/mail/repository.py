"""The e-mail side's claims: each digest and each immediate message is sent by the one
transaction that wins its row."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.notifications.inbox.repository import dialect_insert
from services.notifications.models import DigestRun, Notification, Recipient


async def claim_digest(
    session: AsyncSession, username: str, slot: dt.datetime, at: dt.datetime
) -> bool:
    """The lock of one digest: True for the one transaction whose insert lands. Another
    replica's insert waits for it and then finds the row."""
    # One row, not a list: an executemany reports no row count.
    statement = (
        dialect_insert(session, DigestRun)
        .values(username=username, slot=slot, sent_at=at, items=0)
        .on_conflict_do_nothing()
    )
    result = await session.execute(statement)
    return bool(getattr(result, "rowcount", 0))


async def record_digest(
    session: AsyncSession, username: str, slot: dt.datetime, items: int
) -> None:
    await session.execute(
        update(DigestRun)
        .where(DigestRun.username == username, DigestRun.slot == slot)
        .values(items=items)
    )


async def claim_notification(
    session: AsyncSession, notification_id: uuid.UUID, at: dt.datetime
) -> bool:
    result = await session.execute(
        update(Notification)
        .where(Notification.id == notification_id, Notification.mail_done_at.is_(None))
        .values(mail_done_at=at)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


async def mark_done(session: AsyncSession, ids: Iterable[uuid.UUID], at: dt.datetime) -> None:
    wanted = list(ids)
    if wanted:
        await session.execute(
            update(Notification)
            .where(Notification.id.in_(wanted), Notification.mail_done_at.is_(None))
            .values(mail_done_at=at)
            .execution_options(synchronize_session=False)
        )


async def recipients_by_mode(session: AsyncSession, email_mode: str) -> Sequence[Recipient]:
    query = select(Recipient).where(Recipient.email_mode == email_mode)
    return (await session.scalars(query.order_by(Recipient.username))).all()
