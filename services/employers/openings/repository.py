from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.employers.models import Employer, Lead, Opening


async def add(session: AsyncSession, opening: Opening) -> None:
    session.add(opening)
    await session.flush()


async def get_opening(session: AsyncSession, opening_id: uuid.UUID) -> Opening | None:
    return await session.get(Opening, opening_id)


async def lead_employer(session: AsyncSession, lead_id: uuid.UUID) -> uuid.UUID | None:
    return await session.scalar(select(Lead.employer_id).where(Lead.id == lead_id))


async def list_openings(
    session: AsyncSession,
    *,
    employer_id: uuid.UUID | None,
    status: str | None,
    kind: str | None,
    wage_subsidy: bool | None,
    q: str | None,
    before: tuple[dt.datetime, uuid.UUID] | None,
    limit: int,
) -> Sequence[Opening]:
    """Newest first."""
    query = select(Opening).order_by(Opening.created_at.desc(), Opening.id.desc())
    if employer_id is not None:
        query = query.where(Opening.employer_id == employer_id)
    if status:
        query = query.where(Opening.status == status)
    if kind:
        query = query.where(Opening.kind == kind)
    if wage_subsidy is not None:
        query = query.where(Opening.wage_subsidy.is_(wage_subsidy))
    if q:
        pattern = f"%{q.lower()}%"
        query = query.join(Employer, Employer.id == Opening.employer_id).where(
            or_(Opening.title.ilike(pattern), Employer.name.ilike(pattern))
        )
    if before:
        at, last_id = before
        query = query.where(
            (Opening.created_at < at) | ((Opening.created_at == at) & (Opening.id < last_id))
        )
    return (await session.scalars(query.limit(limit))).all()
