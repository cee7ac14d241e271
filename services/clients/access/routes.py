from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query

from services.clients.access import service
from services.clients.access.schemas import AccessLogEntryRead
from services.clients.notifications_api import NotificationsApiDep
from services.clients.referrals_api import ReferralsApiDep
from services.common.audit import AccessDep
from services.common.db import SessionDep

router = APIRouter(prefix="/api/v1/clients", tags=["access"])


@router.get("/{client_id}/access-log", response_model=list[AccessLogEntryRead])
async def read_access_log(
    client_id: uuid.UUID,
    session: SessionDep,
    context: AccessDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[AccessLogEntryRead]:
    """Who read or changed this client's data, when and why (team lead, admin). Read-only."""
    return await service.access_log_entries(session, context, client_id, limit)


@router.get("/{client_id}/export")
async def export_client(
    client_id: uuid.UUID,
    session: SessionDep,
    context: AccessDep,
    referrals: ReferralsApiDep,
    notifications: NotificationsApiDep,
) -> dict[str, Any]:
    """Everything held about the client as JSON, for a data-subject request (admin only;
    the `X-Access-Reason` header is required and the export is itself logged). `referrals`
    holds what the referrals service keeps about the client and `notifications` the
    reminders about it kept for staff; 503 while either cannot answer."""
    return await service.export(session, context, client_id, referrals, notifications)
