from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, and_, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.employers.codes import OPEN_LEAD_STATUSES
from services.employers.employers.repository import insert_unless_conflict
from services.employers.models import Employer, IdempotencyKey, Lead, LeadHistory


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


async def claim_key(
    session: AsyncSession, client_id: str, key: str, request_hash: str, now: dt.datetime
) -> bool:
    return await insert_unless_conflict(
        session,
        _table(IdempotencyKey),
        {"client_id": client_id, "key": key, "request_hash": request_hash, "claimed_at": now},
        ["client_id", "key"],
    )


async def forget_keys_answered_before(session: AsyncSession, cutoff: dt.datetime) -> None:
    await session.execute(
        delete(IdempotencyKey)
        .where(IdempotencyKey.completed_at < cutoff)
        .execution_options(synchronize_session=False)
    )


async def get_key(session: AsyncSession, client_id: str, key: str) -> IdempotencyKey | None:
    return await session.get(IdempotencyKey, (client_id, key), populate_existing=True)


async def take_over_key(
    session: AsyncSession, client_id: str, key: str, stale_claim: dt.datetime, now: dt.datetime
) -> bool:
    """Re-claim an abandoned key; only one of several concurrent retries wins."""
    result = await session.execute(
        update(IdempotencyKey)
        .where(
            IdempotencyKey.client_id == client_id,
            IdempotencyKey.key == key,
            IdempotencyKey.claimed_at == stale_claim,
            IdempotencyKey.completed_at.is_(None),
        )
        .values(claimed_at=now)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


async def renew_key(
    session: AsyncSession, client_id: str, key: str, held: dt.datetime, now: dt.datetime
) -> bool:
    """Extend the lease this request holds; False when it lapsed and another took the key."""
    result = await session.execute(
        update(IdempotencyKey)
        .where(
            IdempotencyKey.client_id == client_id,
            IdempotencyKey.key == key,
            IdempotencyKey.claimed_at == held,
            IdempotencyKey.completed_at.is_(None),
        )
        .values(claimed_at=now)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


async def complete_key(
    session: AsyncSession,
    client_id: str,
    key: str,
    *,
    status: int,
    body: dict[str, Any],
    location: str | None,
    now: dt.datetime,
) -> None:
    await session.execute(
        update(IdempotencyKey)
        .where(IdempotencyKey.client_id == client_id, IdempotencyKey.key == key)
        .values(
            completed_at=now, response_status=status, response_body=body, response_location=location
        )
        .execution_options(synchronize_session=False)
    )


async def release_key(session: AsyncSession, client_id: str, key: str) -> None:
    await session.execute(
        delete(IdempotencyKey).where(
            IdempotencyKey.client_id == client_id,
            IdempotencyKey.key == key,
            IdempotencyKey.completed_at.is_(None),
        )
    )


async def insert_lead(session: AsyncSession, values: dict[str, Any]) -> Lead | None:
    """The new lead, or None when its external_id is already taken (even uncommitted)."""
    lead_id = values.pop("id", None) or uuid.uuid4()
    if values.get("external_id") is None:
        session.add(Lead(id=lead_id, **values))
        await session.flush()
    elif not await insert_unless_conflict(
        session, _table(Lead), {**values, "id": lead_id}, ["external_id"]
    ):
        return None
    return await session.get(Lead, lead_id)


async def get_lead(session: AsyncSession, lead_id: uuid.UUID) -> Lead | None:
    return await session.get(Lead, lead_id)


async def get_by_external_id(session: AsyncSession, external_id: str) -> Lead | None:
    return await session.scalar(select(Lead).where(Lead.external_id == external_id))


async def latest_assignee(session: AsyncSession, candidates: Sequence[str]) -> str | None:
    """The coordinator, among `candidates`, who got the most recently received lead."""
    return await session.scalar(
        select(Lead.coordinator)
        .where(Lead.coordinator.in_(candidates))
        .order_by(Lead.created_at.desc(), Lead.id.desc())
        .limit(1)
    )


async def list_leads(
    session: AsyncSession,
    *,
    status: str | None,
    coordinator: str | None,
    employer_id: uuid.UUID | None,
    source: str | None,
    q: str | None,
    overdue_on: dt.date | None,
    before: tuple[dt.datetime, uuid.UUID] | None,
    limit: int,
) -> Sequence[Lead]:
    """Newest first. `overdue_on`: only leads whose contact or follow-up is late on that date."""
    query = select(Lead).order_by(Lead.received_at.desc(), Lead.id.desc())
    if status:
        query = query.where(Lead.status == status)
    if coordinator:
        query = query.where(Lead.coordinator == coordinator)
    if employer_id:
        query = query.where(Lead.employer_id == employer_id)
    if source:
        query = query.where(Lead.source == source)
    if q:
        pattern = f"%{q.lower()}%"
        query = query.join(Employer, Employer.id == Lead.employer_id).where(
            or_(Lead.external_id.ilike(pattern), Employer.name.ilike(pattern))
        )
    if overdue_on is not None:
        query = query.where(
            or_(
                and_(Lead.status == "new", Lead.contact_due < overdue_on),
                and_(
                    Lead.status.in_(["contacted", "in_progress"]),
                    Lead.follow_up_due < overdue_on,
                ),
            )
        )
    if before:
        at, last_id = before
        query = query.where(
            (Lead.received_at < at) | ((Lead.received_at == at) & (Lead.id < last_id))
        )
    return (await session.scalars(query.limit(limit))).all()


async def open_leads_with_company(
    session: AsyncSession,
) -> Sequence[tuple[uuid.UUID, uuid.UUID, str]]:
    """(lead id, employer id, employer name) of every open lead, oldest first."""
    rows = await session.execute(
        select(Lead.id, Lead.employer_id, Employer.name)
        .join(Employer, Employer.id == Lead.employer_id)
        .where(Lead.status.in_(OPEN_LEAD_STATUSES))
        .order_by(Lead.received_at, Lead.id)
    )
    return [(lead_id, employer_id, name) for lead_id, employer_id, name in rows]


async def add(session: AsyncSession, row: Any) -> None:
    session.add(row)
    await session.flush()


async def history(
    session: AsyncSession,
    lead_id: uuid.UUID,
    *,
    after: tuple[dt.datetime, uuid.UUID] | None,
    limit: int,
) -> Sequence[LeadHistory]:
    """Oldest first, in the order the steps were recorded."""
    query = (
        select(LeadHistory)
        .where(LeadHistory.lead_id == lead_id)
        .order_by(LeadHistory.recorded_at, LeadHistory.id)
    )
    if after:
        at, last_id = after
        query = query.where(
            (LeadHistory.recorded_at > at)
            | ((LeadHistory.recorded_at == at) & (LeadHistory.id > last_id))
        )
    return (await session.scalars(query.limit(limit))).all()
