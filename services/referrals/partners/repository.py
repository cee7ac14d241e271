from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.referrals.models import Partner


async def list_partners(
    session: AsyncSession, *, kind: str | None, after: tuple[str, uuid.UUID] | None, limit: int
) -> Sequence[Partner]:
    query = select(Partner).where(Partner.active.is_(True)).order_by(Partner.name, Partner.id)
    if kind:
        query = query.where(Partner.kind == kind)
    if after:
        name, partner_id = after
        query = query.where(
            (Partner.name > name) | ((Partner.name == name) & (Partner.id > partner_id))
        )
    return (await session.scalars(query.limit(limit))).all()


async def get_partner(session: AsyncSession, partner_id: uuid.UUID) -> Partner | None:
    return await session.get(Partner, partner_id)
