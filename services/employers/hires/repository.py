from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy import case, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.employers.models import Hire, Opening


async def hire_of_referral(session: AsyncSession, referral_id: uuid.UUID) -> Hire | None:
    return await session.scalar(select(Hire).where(Hire.referral_id == referral_id))


async def add(session: AsyncSession, hire: Hire) -> None:
    session.add(hire)
    await session.flush()


async def opening_for_update(session: AsyncSession, opening_id: uuid.UUID) -> Opening | None:
    return await session.scalar(select(Opening).where(Opening.id == opening_id).with_for_update())


async def take_position(session: AsyncSession, opening: Opening) -> None:
    """One more position filled, counted in the database so that two hires at once both
    count; never beyond the opening's positions."""
    await session.execute(
        update(Opening)
        .where(Opening.id == opening.id)
        .values(
            filled_positions=case(
                (Opening.filled_positions < Opening.positions, Opening.filled_positions + 1),
                else_=Opening.filled_positions,
            )
        )
        .execution_options(synchronize_session=False)
    )
    await session.refresh(opening)


async def unfilled_openings_of_lead(session: AsyncSession, lead_id: uuid.UUID) -> int:
    """Openings of the lead still waiting for someone (cancelled ones wait for no one)."""
    count = await session.scalar(
        select(func.count())
        .select_from(Opening)
        .where(Opening.lead_id == lead_id, Opening.status == "open")
    )
    return int(count or 0)


async def list_hires(
    session: AsyncSession,
    *,
    employer_id: uuid.UUID,
    opening_id: uuid.UUID | None,
    lead_id: uuid.UUID | None,
    before: tuple[dt.datetime, uuid.UUID] | None,
    limit: int,
) -> Sequence[tuple[Hire, str]]:
    """Newest first, each with its opening's title."""
    query = (
        select(Hire, Opening.title)
        .join(Opening, Opening.id == Hire.opening_id)
        .where(Hire.employer_id == employer_id)
        .order_by(Hire.recorded_at.desc(), Hire.id.desc())
    )
    if opening_id is not None:
        query = query.where(Hire.opening_id == opening_id)
    if lead_id is not None:
        query = query.where(Hire.lead_id == lead_id)
    if before:
        at, last_id = before
        query = query.where(
            (Hire.recorded_at < at) | ((Hire.recorded_at == at) & (Hire.id < last_id))
        )
    rows = await session.execute(query.limit(limit))
    return [(hire, title) for hire, title in rows.all()]
