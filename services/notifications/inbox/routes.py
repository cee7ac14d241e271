from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from services.common.auth import StaffPrincipal
from services.common.db import SessionDep
from services.common.pagination import DEFAULT_LIMIT, CursorQuery, LimitQuery
from services.notifications.clock import Now
from services.notifications.inbox import service
from services.notifications.inbox.schemas import (
    NotificationCountRead,
    NotificationPage,
    NotificationRead,
)

router = APIRouter(prefix="/api/v1/notifications", tags=["notifications"])


@router.get("", response_model=NotificationPage)
async def list_notifications(
    request: Request,
    session: SessionDep,
    principal: StaffPrincipal,
    unread: Annotated[bool, Query(description="Only the unread ones")] = False,
    limit: LimitQuery = DEFAULT_LIMIT,
    cursor: CursorQuery = None,
) -> NotificationPage:
    """The signed-in person's own notifications, newest first, without the dismissed ones
    and the kinds they turned off. One about a client is listed only while the clients
    service lets the person see that client."""
    return await service.list_page(
        session,
        request.app.state,
        principal.username,
        unread_only=unread,
        cursor=cursor,
        limit=limit,
    )


@router.get("/count", response_model=NotificationCountRead)
async def count_notifications(
    request: Request, session: SessionDep, principal: StaffPrincipal
) -> NotificationCountRead:
    """How many unread notifications the person has (the header's badge)."""
    return await service.count_unread(session, request.app.state, principal.username)


@router.post("/{notification_id}/read", response_model=NotificationRead)
async def read_notification(
    notification_id: uuid.UUID,
    request: Request,
    session: SessionDep,
    principal: StaffPrincipal,
    now: Now,
) -> NotificationRead:
    """Mark one's own notification read (again: no change). Another person's is 404."""
    found = await service.mark_read(
        session, request.app.state, principal.username, notification_id, now
    )
    return NotificationRead.model_validate(found)


@router.post("/{notification_id}/dismiss", status_code=status.HTTP_204_NO_CONTENT)
async def dismiss_notification(
    notification_id: uuid.UUID,
    request: Request,
    session: SessionDep,
    principal: StaffPrincipal,
    now: Now,
) -> Response:
    """Put one's own notification away for good; it is no longer listed or counted."""
    await service.dismiss(session, request.app.state, principal.username, notification_id, now)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
