from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.employers.models import Hire, Lead, Opening


async def hire_of_referral(session: AsyncSession, referral_id: uuid.UUID) -> Hire | None:
    return await session.scalar(select(Hire).where(Hire.referral_id == referral_id))


async def opening_for_update(session: AsyncSession, opening_id: uuid.UUID) -> Opening | None:
    # Two hires to the same opening at once must not both count the same free position.
    return await session.scalar(select(Opening).where(Opening.id == opening_id).with_for_update())


async def get_lead(session: AsyncSession, lead_id: uuid.UUID) -> Lead | None:
    return await session.get(Lead, lead_id)


async def add_hire(session: AsyncSession, hire: Hire) -> None:
    session.add(hire)
    await session.flush()


def count_position_filled(opening: Opening) -> None:
    """One more position of the opening is filled (never more than it has)."""
    opening.filled_positions = min(opening.positions, opening.filled_positions + 1)


async def openings_still_open(session: AsyncSession, lead_id: uuid.UUID) -> int:
    return int(
        await session.scalar(
            select(func.count())
            .select_from(Opening)
            .where(Opening.lead_id == lead_id, Opening.status == "open")
        )
        or 0
    )


async def list_hires(
    session: AsyncSession,
    *,
    employer_id: uuid.UUID,
    opening_id: uuid.UUID | None,
    lead_id: uuid.UUID | None,
    before: tuple[dt.datetime, uuid.UUID] | None,
    limit: int,
) -> Sequence[tuple[Hire, str]]:
    """The employer's hires with their opening's title, newest first."""
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
