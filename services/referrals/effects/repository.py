from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.referrals.models import AccessReport, PendingEffect


async def first_pending(session: AsyncSession, referral_id: uuid.UUID) -> PendingEffect | None:
    query = (
        select(PendingEffect)
        .where(PendingEffect.referral_id == referral_id, PendingEffect.status == "pending")
        .order_by(PendingEffect.position)
        .limit(1)
    )
    return (await session.scalars(query)).first()


async def referrals_with_due_effects(
    session: AsyncSession, now: dt.datetime, limit: int
) -> Sequence[uuid.UUID]:
    query = (
        select(PendingEffect.referral_id)
        .where(PendingEffect.status == "pending", PendingEffect.next_attempt_at <= now)
        .group_by(PendingEffect.referral_id)
        .order_by(func.min(PendingEffect.next_attempt_at))
        .limit(limit)
    )
    return (await session.scalars(query)).all()


async def record_outcome(
    session: AsyncSession,
    effect_id: uuid.UUID,
    *,
    status: str,
    attempts: int,
    next_attempt_at: dt.datetime,
    applied_at: dt.datetime | None,
    last_error: str | None,
) -> bool:
    """Write an attempt's outcome unless someone else settled the effect meanwhile."""
    result = await session.execute(
        update(PendingEffect)
        .where(PendingEffect.id == effect_id, PendingEffect.status == "pending")
        .values(
            status=status,
            attempts=attempts,
            next_attempt_at=next_attempt_at,
            applied_at=applied_at,
            last_error=last_error,
        )
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


async def list_unsettled(
    session: AsyncSession,
    *,
    status: str | None,
    after: tuple[dt.datetime, uuid.UUID] | None,
    limit: int,
) -> Sequence[PendingEffect]:
    query = select(PendingEffect).order_by(PendingEffect.created_at, PendingEffect.id)
    if status:
        query = query.where(PendingEffect.status == status)
    else:
        query = query.where(PendingEffect.status != "applied")
    if after:
        created_at, effect_id = after
        query = query.where(
            (PendingEffect.created_at > created_at)
            | ((PendingEffect.created_at == created_at) & (PendingEffect.id > effect_id))
        )
    return (await session.scalars(query.limit(limit))).all()


async def oldest_access_reports(session: AsyncSession, limit: int) -> Sequence[AccessReport]:
    query = select(AccessReport).order_by(AccessReport.at, AccessReport.id).limit(limit)
    return (await session.scalars(query)).all()


async def forget_access_reports(session: AsyncSession, ids: Sequence[uuid.UUID]) -> None:
    await session.execute(delete(AccessReport).where(AccessReport.id.in_(ids)))
