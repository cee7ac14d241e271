from __future__ import annotations

import uuid

from fastapi import APIRouter

from services.common.auth import InternalCaller, StaffPrincipal
from services.common.db import SessionDep
from services.common.pagination import CursorQuery, LimitQuery, Page
from services.referrals.partners import service
from services.referrals.partners.schemas import PartnerKind, PartnerRead

router = APIRouter(prefix="/api/v1/partners", tags=["partners"])
internal_router = APIRouter(prefix="/internal/partners", tags=["internal"])


@router.get("", response_model=Page[PartnerRead])
async def list_partners(
    session: SessionDep,
    _: StaffPrincipal,
    kind: PartnerKind | None = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[PartnerRead]:
    """The partner services directory (health, social, education, employment, Kela, third sector)."""
    return await service.partner_page(session, kind=kind, cursor=cursor, limit=limit)


@internal_router.get("/{partner_id}", response_model=PartnerRead)
async def internal_partner(
    partner_id: uuid.UUID, session: SessionDep, _: InternalCaller
) -> PartnerRead:
    """One partner of the directory, for another service checking a partner it records
    (an active-service period's provider, a roadmap stage's responsible party)."""
    return await service.get_partner(session, partner_id)
