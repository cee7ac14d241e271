from __future__ import annotations

import uuid

from fastapi import APIRouter

from services.common.audit import AccessDep
from services.common.auth import InternalCaller
from services.common.db import SessionDep
from services.common.pagination import CursorQuery, LimitQuery, Page
from services.employers.access import ClientNamesDep, EmployerReader, SettingsDep
from services.employers.hires import service
from services.employers.hires.schemas import (
    HireOpeningRead,
    HireRead,
    InternalHireCreate,
    InternalHireRead,
)

router = APIRouter(prefix="/api/v1/employers", tags=["hires"])
internal_router = APIRouter(prefix="/internal/hires", tags=["internal"])


@router.get("/{employer_id}/hires", response_model=Page[HireRead])
async def list_hires(
    employer_id: uuid.UUID,
    session: SessionDep,
    reader: EmployerReader,
    names_api: ClientNamesDep,
    settings: SettingsDep,
    opening_id: uuid.UUID | None = None,
    lead_id: uuid.UUID | None = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[HireRead]:
    """The employer's hires through job referrals, newest first (`?opening_id=`,
    `?lead_id=`). `client_name` only for clients the clients service lets the reader see."""
    return await service.hire_page(
        session,
        names_api,
        settings,
        reader,
        employer_id=employer_id,
        opening_id=opening_id,
        lead_id=lead_id,
        cursor=cursor,
        limit=limit,
    )


@internal_router.get("/openings/{opening_id}", response_model=HireOpeningRead)
async def hire_opening(
    opening_id: uuid.UUID, session: SessionDep, _: InternalCaller
) -> HireOpeningRead:
    """A job referral's opening: its kind and who holds its lead now."""
    return await service.hire_opening(session, opening_id)


@internal_router.post("", response_model=InternalHireRead)
async def record_hire(
    data: InternalHireCreate, session: SessionDep, context: AccessDep, _: InternalCaller
) -> InternalHireRead:
    """Record a hire as the effect of a job referral completed `hired`, for the person in
    `X-On-Behalf-Of` (idempotent by referral: a repeat answers the hire recorded first).
    Fills one position of the opening (`filled` when all are) and closes the opening's lead
    `hired` when none of its openings is left open. A cancelled opening answers 409."""
    return await service.record_hire(session, data, context.actor)
