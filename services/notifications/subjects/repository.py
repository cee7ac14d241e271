"""Queries of what is held about one client."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.notifications.models import Notification


async def notifications_about(
    session: AsyncSession, client_id: uuid.UUID
) -> Sequence[Notification]:
    result = await session.scalars(
        select(Notification)
        .where(Notification.client_id == client_id)
        .order_by(Notification.created_at, Notification.id)
    )
    return result.all()


async def remove_notifications_about(session: AsyncSession, client_id: uuid.UUID) -> int:
    result = await session.execute(delete(Notification).where(Notification.client_id == client_id))
    removed: int = getattr(result, "rowcount", 0) or 0
    return removed
