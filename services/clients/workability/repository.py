from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.models import (
    FunctionalAssessment,
    FunctionalInstrument,
    Roadmap,
    RoadmapTemplate,
    WorkSupports,
)


def add(session: AsyncSession, row: object) -> None:
    session.add(row)


async def roadmap_of(
    session: AsyncSession, client_id: uuid.UUID, *, for_update: bool = False
) -> Roadmap | None:
    query = select(Roadmap).where(Roadmap.client_id == client_id)
    if for_update:
        query = query.with_for_update()
    return (await session.scalars(query)).first()


async def template(session: AsyncSession, version: int) -> RoadmapTemplate | None:
    return await session.get(RoadmapTemplate, version)


async def newest_template(session: AsyncSession) -> RoadmapTemplate | None:
    query = select(RoadmapTemplate).order_by(RoadmapTemplate.version.desc()).limit(1)
    return (await session.scalars(query)).first()


async def templates(session: AsyncSession) -> Sequence[RoadmapTemplate]:
    return (await session.scalars(select(RoadmapTemplate).order_by(RoadmapTemplate.version))).all()


async def instruments(session: AsyncSession) -> Sequence[FunctionalInstrument]:
    query = select(FunctionalInstrument).order_by(
        FunctionalInstrument.code, FunctionalInstrument.version
    )
    return (await session.scalars(query)).all()


async def instrument(session: AsyncSession, code: str, version: int) -> FunctionalInstrument | None:
    return await session.get(FunctionalInstrument, (code, version))


async def newest_instrument_version(session: AsyncSession, code: str) -> int | None:
    query = select(func.max(FunctionalInstrument.version)).where(FunctionalInstrument.code == code)
    version: int | None = await session.scalar(query)
    return version


async def functional_assessments_of(
    session: AsyncSession, client_id: uuid.UUID
) -> Sequence[FunctionalAssessment]:
    query = (
        select(FunctionalAssessment)
        .where(FunctionalAssessment.client_id == client_id)
        .order_by(FunctionalAssessment.observed_on, FunctionalAssessment.created_at)
    )
    return (await session.scalars(query)).all()


async def work_supports_of(session: AsyncSession, client_id: uuid.UUID) -> Sequence[WorkSupports]:
    """Every revision, newest first."""
    query = (
        select(WorkSupports)
        .where(WorkSupports.client_id == client_id)
        .order_by(WorkSupports.revision.desc())
    )
    return (await session.scalars(query)).all()


async def approved_work_supports(
    session: AsyncSession, client_id: uuid.UUID
) -> WorkSupports | None:
    query = (
        select(WorkSupports)
        .where(WorkSupports.client_id == client_id, WorkSupports.approved_at.is_not(None))
        .order_by(WorkSupports.revision.desc())
        .limit(1)
    )
    return (await session.scalars(query)).first()


async def work_supports_revision(
    session: AsyncSession, client_id: uuid.UUID, revision: int
) -> WorkSupports | None:
    query = (
        select(WorkSupports)
        .where(WorkSupports.client_id == client_id, WorkSupports.revision == revision)
        .with_for_update()
    )
    return (await session.scalars(query)).first()
