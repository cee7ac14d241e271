"""The claims of text reminders: each is sent by the one transaction that wins its row."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from services.notifications.inbox.repository import dialect_insert
from services.notifications.models import TextReminderSent


async def claim_reminder(
    session: AsyncSession, meeting_id: uuid.UUID, starts_at: dt.datetime, at: dt.datetime
) -> bool:
    """True for the one transaction whose insert lands; another replica's insert waits for it
    and then finds the row (or, when it rolled back, takes the claim itself)."""
    statement = (
        dialect_insert(session, TextReminderSent)
        .values(meeting_id=meeting_id, starts_at=starts_at, sent_at=at)
        .on_conflict_do_nothing()
    )
    result = await session.execute(statement)
    return bool(getattr(result, "rowcount", 0))
