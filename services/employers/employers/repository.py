from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from services.employers.models import Employer, EmployerContact


async def insert_unless_conflict(
    session: AsyncSession, table: Table, values: dict[str, Any], conflict_on: Sequence[str]
) -> bool:
    """INSERT … ON CONFLICT DO NOTHING: False when a row with the same key already exists.

    PostgreSQL waits for a concurrent transaction inserting the same key and then reports
    the conflict, so the caller can re-read the winner's row instead of failing.
    """
    dialect = session.get_bind().dialect.name
    builder = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = builder(table).values(**values).on_conflict_do_nothing(index_elements=conflict_on)
    result = await session.execute(statement)
    return bool(getattr(result, "rowcount", 0))


async def get_employer(session: AsyncSession, employer_id: uuid.UUID) -> Employer | None:
    return await session.get(Employer, employer_id)


async def get_by_business_id(session: AsyncSession, business_id: str) -> Employer | None:
    return await session.scalar(select(Employer).where(Employer.business_id == business_id))


async def insert_employer(session: AsyncSession, values: dict[str, Any]) -> Employer | None:
    """The new employer, or None when one with this business id exists (even uncommitted)."""
    employer_id = values.get("id") or uuid.uuid4()
    table = Employer.__table__
    assert isinstance(table, Table)
    if not await insert_unless_conflict(
        session, table, {**values, "id": employer_id}, ["business_id"]
    ):
        return None
    return await session.get(Employer, employer_id)


async def search_employers(
    session: AsyncSession,
    *,
    q: str | None,
    business_id: str | None,
    industry: str | None,
    status: str | None,
    after: tuple[str, uuid.UUID] | None,
    limit: int,
) -> Sequence[Employer]:
    query = select(Employer).order_by(Employer.name, Employer.id)
    if q:
        pattern = f"%{q.lower()}%"
        query = query.where(or_(Employer.name.ilike(pattern), Employer.business_id.ilike(pattern)))
    if business_id:
        query = query.where(Employer.business_id == business_id)
    if industry:
        query = query.where(Employer.industry == industry)
    if status:
        query = query.where(Employer.status == status)
    if after:
        name, last_id = after
        query = query.where(
            (Employer.name > name) | ((Employer.name == name) & (Employer.id > last_id))
        )
    return (await session.scalars(query.limit(limit))).all()


async def list_contacts(
    session: AsyncSession,
    employer_id: uuid.UUID,
    *,
    after: tuple[str, uuid.UUID] | None,
    limit: int,
) -> Sequence[EmployerContact]:
    query = (
        select(EmployerContact)
        .where(EmployerContact.employer_id == employer_id)
        .order_by(EmployerContact.name, EmployerContact.id)
    )
    if after:
        name, last_id = after
        query = query.where(
            (EmployerContact.name > name)
            | ((EmployerContact.name == name) & (EmployerContact.id > last_id))
        )
    return (await session.scalars(query.limit(limit))).all()


async def get_contact(
    session: AsyncSession, employer_id: uuid.UUID, contact_id: uuid.UUID
) -> EmployerContact | None:
    contact = await session.get(EmployerContact, contact_id)
    return contact if contact is not None and contact.employer_id == employer_id else None


async def names_by_id(
    session: AsyncSession, employer_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, str]:
    wanted = list(dict.fromkeys(employer_ids))
    if not wanted:
        return {}
    rows = await session.execute(select(Employer.id, Employer.name).where(Employer.id.in_(wanted)))
    return {employer_id: name for employer_id, name in rows}


async def all_contacts(session: AsyncSession, employer_id: uuid.UUID) -> Sequence[EmployerContact]:
    return (
        await session.scalars(
            select(EmployerContact).where(EmployerContact.employer_id == employer_id)
        )
    ).all()


async def add(session: AsyncSession, row: Any) -> None:
    session.add(row)
    await session.flush()
