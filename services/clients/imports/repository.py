from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from services.clients.models import Client, Enrolment, ImportJob


async def get_job(session: AsyncSession, job_id: uuid.UUID) -> ImportJob | None:
    return await session.get(ImportJob, job_id)


async def clients_by_ref(session: AsyncSession, refs: Sequence[str]) -> dict[str, Client]:
    rows = await session.scalars(select(Client).where(Client.external_ref.in_(refs)))
    return {c.external_ref: c for c in rows if c.external_ref}


async def enrolments_by_ref(session: AsyncSession, refs: Sequence[str]) -> dict[str, Enrolment]:
    query = (
        select(Enrolment)
        .where(Enrolment.external_ref.in_(refs))
        .options(selectinload(Enrolment.coordinators))
    )
    return {e.external_ref: e for e in await session.scalars(query) if e.external_ref}


async def identity_snapshot(
    session: AsyncSession,
) -> Sequence[Row[uuid.UUID, str, str, int | None, str | None, str | None]]:
    """What duplicate and uniqueness checks need of every client, in one read."""
    query = select(
        Client.id,
        Client.first_name,
        Client.last_name,
        Client.birth_year,
        Client.personal_identity_code,
        Client.external_ref,
    ).where(Client.anonymised_at.is_(None))
    return (await session.execute(query)).all()
