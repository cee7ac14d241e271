from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from services.common.db import SessionDep
from services.common.pagination import CursorQuery, LimitQuery, Page
from services.employers.access import CrmStaff
from services.employers.activities import service
from services.employers.activities.schemas import ActivityCreate, ActivityRead

router = APIRouter(prefix="/api/v1/employers", tags=["activities"])


@router.post(
    "/{employer_id}/activities", response_model=ActivityRead, status_code=status.HTTP_201_CREATED
)
async def record_activity(
    employer_id: uuid.UUID, data: ActivityCreate, session: SessionDep, principal: CrmStaff
) -> ActivityRead:
    """Record a call, visit, meeting, Ratko workshop … with the employer (not tied to a lead).

    A prospect reached by a call, e-mail, visit, meeting or contact becomes `contacted`.
    """
    return await service.record_employer_activity(session, employer_id, data, principal)


@router.get("/{employer_id}/activities", response_model=Page[ActivityRead])
async def list_activities(
    employer_id: uuid.UUID,
    session: SessionDep,
    _: CrmStaff,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[ActivityRead]:
    """The employer's activities, lead activities included, newest first."""
    return await service.employer_activity_page(session, employer_id, cursor=cursor, limit=limit)
