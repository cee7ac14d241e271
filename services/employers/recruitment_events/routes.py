from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status

from services.common.db import SessionDep
from services.common.pagination import CursorQuery, LimitQuery, Page
from services.employers.access import CrmStaff
from services.employers.codes import RecruitmentEventKind
from services.employers.recruitment_events import service
from services.employers.recruitment_events.schemas import (
    RecruitmentEventCreate,
    RecruitmentEventRead,
    RecruitmentEventUpdate,
)

router = APIRouter(prefix="/api/v1/recruitment-events", tags=["recruitment events"])


@router.post("", response_model=RecruitmentEventRead, status_code=status.HTTP_201_CREATED)
async def create_event(
    data: RecruitmentEventCreate, session: SessionDep, principal: CrmStaff
) -> RecruitmentEventRead:
    """Record a recruitment event, its participating employers and how many jobseekers came."""
    return await service.create_event(session, data, principal)


@router.get("", response_model=Page[RecruitmentEventRead])
async def list_events(
    session: SessionDep,
    _: CrmStaff,
    kind: RecruitmentEventKind | None = None,
    held_from: Annotated[dt.date | None, Query(alias="from")] = None,
    held_to: Annotated[dt.date | None, Query(alias="to")] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[RecruitmentEventRead]:
    """Recruitment events, latest first; `from`/`to` select by date (inclusive)."""
    return await service.event_page(
        session, kind=kind, held_from=held_from, held_to=held_to, cursor=cursor, limit=limit
    )


@router.get("/{event_id}", response_model=RecruitmentEventRead)
async def get_event(event_id: uuid.UUID, session: SessionDep, _: CrmStaff) -> RecruitmentEventRead:
    """One recruitment event."""
    return await service.read_event(session, event_id)


@router.patch("/{event_id}", response_model=RecruitmentEventRead)
async def update_event(
    event_id: uuid.UUID, data: RecruitmentEventUpdate, session: SessionDep, principal: CrmStaff
) -> RecruitmentEventRead:
    """Change an event, e.g. record how many jobseekers came."""
    return await service.update_event(session, event_id, data, principal)
