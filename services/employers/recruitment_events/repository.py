from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from services.employers.models import Employer, RecruitmentEvent


async def employers_by_id(
    session: AsyncSession, employer_ids: Sequence[uuid.UUID]
) -> Sequence[Employer]:
    if not employer_ids:
        return []
    return (await session.scalars(select(Employer).where(Employer.id.in_(employer_ids)))).all()


async def add(session: AsyncSession, event: RecruitmentEvent) -> None:
    session.add(event)
    await session.flush()


async def get_event(session: AsyncSession, event_id: uuid.UUID) -> RecruitmentEvent | None:
    return await session.scalar(
        select(RecruitmentEvent)
        .where(RecruitmentEvent.id == event_id)
        .options(selectinload(RecruitmentEvent.employers))
        .execution_options(populate_existing=True)
    )


async def list_events(
    session: AsyncSession,
    *,
    kind: str | None,
    held_from: dt.date | None,
    held_to: dt.date | None,
    before: tuple[dt.date, uuid.UUID] | None,
    limit: int,
) -> Sequence[RecruitmentEvent]:
    """Latest first."""
    query = (
        select(RecruitmentEvent)
        .options(selectinload(RecruitmentEvent.employers))
        .order_by(RecruitmentEvent.held_on.desc(), RecruitmentEvent.id.desc())
    )
    if kind:
        query = query.where(RecruitmentEvent.kind == kind)
    if held_from:
        query = query.where(RecruitmentEvent.held_on >= held_from)
    if held_to:
        query = query.where(RecruitmentEvent.held_on <= held_to)
    if before:
        on, last_id = before
        query = query.where(
            (RecruitmentEvent.held_on < on)
            | ((RecruitmentEvent.held_on == on) & (RecruitmentEvent.id < last_id))
        )
    return (await session.scalars(query.limit(limit))).all()
