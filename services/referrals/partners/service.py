from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from services.common.errors import NotFound
from services.common.pagination import Page, decode_cursor, encode_cursor
from services.referrals.partners import repository
from services.referrals.partners.schemas import PartnerRead


async def partner_page(
    session: AsyncSession, *, kind: str | None, cursor: str | None, limit: int
) -> Page[PartnerRead]:
    position = decode_cursor(cursor)
    after = (str(position[0]), uuid.UUID(str(position[1]))) if position else None
    partners = await repository.list_partners(session, kind=kind, after=after, limit=limit + 1)
    items = [PartnerRead.model_validate(p) for p in partners[:limit]]
    next_cursor = encode_cursor(items[-1].name, items[-1].id) if len(partners) > limit else None
    return Page[PartnerRead](items=items, next_cursor=next_cursor)


async def get_partner(session: AsyncSession, partner_id: uuid.UUID) -> PartnerRead:
    partner = await repository.get_partner(session, partner_id)
    if partner is None:
        raise NotFound("No such partner.", code="partner_not_found")
    return PartnerRead.model_validate(partner)
