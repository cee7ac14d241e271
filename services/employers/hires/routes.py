from __future__ import annotations

import uuid

from fastapi import APIRouter

from services.common.auth import InternalCaller
from services.common.db import SessionDep
from services.common.pagination import CursorQuery, LimitQuery, Page
from services.employers.access import ClientNamesDep, EmployerReader, SettingsDep
from services.employers.hires import service
from services.employers.hires.schemas import HireRead, HireRecord, HireRecorded

router = APIRouter(prefix="/api/v1/employers", tags=["hires"])
internal_router = APIRouter(prefix="/internal/hires", tags=["internal"])


@router.get("/{employer_id}/hires", response_model=Page[HireRead])
async def list_hires(
    employer_id: uuid.UUID,
    session: SessionDep,
    reader: EmployerReader,
    names: ClientNamesDep,
    settings: SettingsDep,
    opening_id: uuid.UUID | None = None,
    lead_id: uuid.UUID | None = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[HireRead]:
    """The employer's hires through job referrals, newest first (`?opening_id=`,
    `?lead_id=`); `client_name` only where the clients service lets the reader see it."""
    return await service.hire_page(
        session,
        names,
        settings.names_timeout_seconds,
        reader.username,
        employer_id=employer_id,
        opening_id=opening_id,
        lead_id=lead_id,
        cursor=cursor,
        limit=limit,
    )


@internal_router.post("", response_model=HireRecorded)
async def record_hire(data: HireRecord, session: SessionDep, _: InternalCaller) -> HireRecorded:
    """A job referral completed `hired`: one hire per referral, one position of the opening
    filled, the lead closed `hired` when all its openings are filled. Idempotent on the
    referral, so a retried effect records nothing twice."""
    return await service.record_hire(session, data)
