from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from services.employers.models import Employer, EventClient, Hire, Opening, RecruitmentEvent


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


async def event_clients(session: AsyncSession, event_id: uuid.UUID) -> Sequence[EventClient]:
    """In the order they were invited."""
    return (
        await session.scalars(
            select(EventClient)
            .where(EventClient.event_id == event_id)
            .order_by(EventClient.invited_at, EventClient.client_id)
        )
    ).all()


async def get_event_client(
    session: AsyncSession, event_id: uuid.UUID, client_id: uuid.UUID
) -> EventClient | None:
    return await session.get(EventClient, (event_id, client_id))


async def add_invitation(session: AsyncSession, row: EventClient) -> None:
    session.add(row)
    await session.flush()


async def remove(session: AsyncSession, row: EventClient) -> None:
    await session.delete(row)
    await session.flush()


async def hires_of_clients(
    session: AsyncSession, event_id: uuid.UUID, first_day: dt.date, last_day: dt.date
) -> Sequence[tuple[Hire, str, str, bool]]:
    """Hires of the event's clients dated within the days: (hire, opening title, employer
    name, attended), earliest first."""
    rows = await session.execute(
        select(Hire, Opening.title, Employer.name, EventClient.attended)
        .join(Opening, Opening.id == Hire.opening_id)
        .join(Employer, Employer.id == Hire.employer_id)
        .join(
            EventClient,
            (EventClient.client_id == Hire.client_id) & (EventClient.event_id == event_id),
        )
        .where(Hire.hired_on >= first_day, Hire.hired_on <= last_day)
        .order_by(Hire.hired_on, Hire.id)
    )
    return [(hire, title, name, attended) for hire, title, name, attended in rows]
