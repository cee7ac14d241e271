from __future__ import annotations

import uuid

from fastapi import APIRouter

from services.common.auth import InternalCaller
from services.common.db import SessionDep
from services.notifications.subjects import service
from services.notifications.subjects.schemas import (
    ClientNotificationsAnonymisationRead,
    ClientNotificationsExportRead,
)

router = APIRouter(prefix="/internal/clients", tags=["internal"])


@router.get("/{client_id}/export", response_model=ClientNotificationsExportRead)
async def export_client(
    client_id: uuid.UUID, session: SessionDep, _: InternalCaller
) -> ClientNotificationsExportRead:
    """Every notification about the client, for the clients service's data-subject export
    (which logs the export in the client's access log). A client nobody was reminded of has
    an empty list."""
    return await service.export(session, client_id)


@router.post("/{client_id}/anonymise", response_model=ClientNotificationsAnonymisationRead)
async def anonymise_client(
    client_id: uuid.UUID, session: SessionDep, _: InternalCaller
) -> ClientNotificationsAnonymisationRead:
    """Remove every notification about the client. Idempotent: a second call removes 0."""
    return await service.anonymise(session, client_id)
