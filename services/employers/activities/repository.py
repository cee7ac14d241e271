from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.employers.models import Activity


async def add(session: AsyncSession, activity: Activity) -> None:
    session.add(activity)
    await session.flush()


async def list_activities(
    session: AsyncSession,
    *,
    employer_id: uuid.UUID | None = None,
    lead_id: uuid.UUID | None = None,
    before: tuple[dt.datetime, uuid.UUID] | None,
    limit: int,
) -> Sequence[Activity]:
    """Newest first."""
    query = select(Activity).order_by(Activity.at.desc(), Activity.id.desc())
    if employer_id is not None:
        query = query.where(Activity.employer_id == employer_id)
    if lead_id is not None:
        query = query.where(Activity.lead_id == lead_id)
    if before:
        at, last_id = before
        query = query.where((Activity.at < at) | ((Activity.at == at) & (Activity.id < last_id)))
    return (await session.scalars(query.limit(limit))).all()
