from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status

from services.common.auth import InternalCaller
from services.common.db import SessionDep
from services.common.pagination import CursorQuery, LimitQuery, Page
from services.employers.access import CrmStaff, EmployerReader
from services.employers.codes import OpeningKind, OpeningStatus
from services.employers.fields import ShortText
from services.employers.openings import service
from services.employers.openings.schemas import (
    InternalFill,
    InternalOpeningRead,
    OpeningCreate,
    OpeningRead,
    OpeningUpdate,
)

# Registered before the employers router: `/employers/openings` must not read as an id.
router = APIRouter(prefix="/api/v1/employers", tags=["openings"])
internal_router = APIRouter(prefix="/internal/openings", tags=["internal"])


@router.get("/openings", response_model=Page[OpeningRead])
async def list_all_openings(
    session: SessionDep,
    _: EmployerReader,
    status: OpeningStatus | None = None,
    kind: OpeningKind | None = None,
    wage_subsidy: bool | None = None,
    q: Annotated[
        ShortText | None, Query(description="Part of the title or the employer's name")
    ] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[OpeningRead]:
    """Openings of every employer, newest first (e.g. `?status=open&kind=work_trial`),
    each naming its employer."""
    return await service.opening_page(
        session,
        employer_id=None,
        status=status,
        kind=kind,
        wage_subsidy=wage_subsidy,
        q=q,
        cursor=cursor,
        limit=limit,
    )


@router.post(
    "/{employer_id}/openings", response_model=OpeningRead, status_code=status.HTTP_201_CREATED
)
async def create_opening(
    employer_id: uuid.UUID, data: OpeningCreate, session: SessionDep, principal: CrmStaff
) -> OpeningRead:
    """Record an opening, optionally linked to the lead it came from."""
    return await service.create_opening(session, employer_id, data, principal)


@router.get("/{employer_id}/openings", response_model=Page[OpeningRead])
async def list_openings(
    employer_id: uuid.UUID,
    session: SessionDep,
    _: EmployerReader,
    status: OpeningStatus | None = None,
    kind: OpeningKind | None = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[OpeningRead]:
    """The employer's openings, newest first."""
    return await service.opening_page(
        session,
        employer_id=employer_id,
        status=status,
        kind=kind,
        wage_subsidy=None,
        cursor=cursor,
        limit=limit,
    )


@router.get("/{employer_id}/openings/{opening_id}", response_model=OpeningRead)
async def get_opening(
    employer_id: uuid.UUID, opening_id: uuid.UUID, session: SessionDep, _: EmployerReader
) -> OpeningRead:
    """One opening."""
    return await service.read_opening(session, employer_id, opening_id)


@router.patch("/{employer_id}/openings/{opening_id}", response_model=OpeningRead)
async def update_opening(
    employer_id: uuid.UUID,
    opening_id: uuid.UUID,
    data: OpeningUpdate,
    session: SessionDep,
    principal: CrmStaff,
) -> OpeningRead:
    """Change an opening; `status` open / filled ("Merkitse täytetyksi") / cancelled (closed
    without a hire)."""
    return await service.update_opening(session, employer_id, opening_id, data, principal)


@internal_router.get("/{opening_id}", response_model=InternalOpeningRead)
async def internal_opening(
    opening_id: uuid.UUID, session: SessionDep, _: InternalCaller
) -> InternalOpeningRead:
    """An opening for another service (e.g. a job referral)."""
    return await service.internal_opening(session, opening_id)


@internal_router.post("/{opening_id}/fill", response_model=InternalOpeningRead)
async def fill_opening(
    opening_id: uuid.UUID, _effect: InternalFill, session: SessionDep, caller: InternalCaller
) -> InternalOpeningRead:
    """Mark the opening filled as an effect of another service.

    Filling is idempotent by itself, so the `effect_key` needs no bookkeeping here.
    """
    return await service.fill_for_effect(session, opening_id, caller)
