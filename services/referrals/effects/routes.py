from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from services.common.auth import Principal, require_roles
from services.common.db import SessionDep
from services.common.pagination import CursorQuery, LimitQuery, Page
from services.referrals.effects import service
from services.referrals.effects.schemas import EffectAdminRead, EffectStatus

router = APIRouter(prefix="/api/v1/referrals/effects", tags=["effects"])

Overseer = Annotated[Principal, Depends(require_roles("team_lead", "admin"))]


@router.get("", response_model=Page[EffectAdminRead])
async def list_unsettled_effects(
    session: SessionDep,
    _: Overseer,
    status: EffectStatus | None = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[EffectAdminRead]:
    """Cross-service effects not yet applied (`pending`, being retried) or refused
    (`failed`), oldest first; `?status=applied` lists the applied ones. Team lead and admin."""
    return await service.effect_page(session, status=status, cursor=cursor, limit=limit)
