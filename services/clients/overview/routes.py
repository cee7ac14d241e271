from __future__ import annotations

import uuid

from fastapi import APIRouter

from services.clients.overview import service
from services.clients.overview.schemas import ClientOverview
from services.common.audit import AccessDep
from services.common.db import SessionDep

router = APIRouter(prefix="/api/v1/clients", tags=["clients"])


@router.get("/{client_id}/overview", response_model=ClientOverview)
async def read_overview(
    client_id: uuid.UUID, session: SessionDep, context: AccessDep
) -> ClientOverview:
    """The client page in one read: the client, consents, enrolments with their contacts,
    meetings and responsibilities, the service need assessments, plan, notes,
    self-assessments, status episodes, feedback and the pathway's history, each part as the
    access policy lets the caller see it (`null` when not at all). Access is checked once
    and one access-log entry (`read_overview`, with `X-Access-Reason`) records the read."""
    return await service.overview(session, context, client_id)
