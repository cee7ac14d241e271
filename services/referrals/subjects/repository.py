from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from services.referrals.models import Referral


async def referrals_of_client(session: AsyncSession, client_id: uuid.UUID) -> Sequence[Referral]:
    """Every referral about the client with its summary, history and effects, oldest first."""
    query = (
        select(Referral)
        .where(Referral.client_id == client_id)
        .order_by(Referral.sent_at, Referral.id)
        .options(
            selectinload(Referral.summary),
            selectinload(Referral.history),
            selectinload(Referral.effects),
        )
    )
    return (await session.scalars(query)).all()
