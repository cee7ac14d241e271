from __future__ import annotations

from fastapi import APIRouter

from services.common.auth import StaffPrincipal
from services.common.db import SessionDep
from services.common.pagination import CursorQuery, LimitQuery, Page
from services.referrals.partners import service
from services.referrals.partners.schemas import PartnerKind, PartnerRead

router = APIRouter(prefix="/api/v1/partners", tags=["partners"])


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
