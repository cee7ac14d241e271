from __future__ import annotations

import uuid

from fastapi import APIRouter

from services.common.audit import AccessDep
from services.common.auth import InternalCaller
from services.common.db import SessionDep
from services.referrals.subjects import service
from services.referrals.subjects.schemas import ClientAnonymisationRead, ClientExportRead

router = APIRouter(prefix="/internal/clients", tags=["internal"])


@router.get("/{client_id}/export", response_model=ClientExportRead)
async def export_client(
    client_id: uuid.UUID, session: SessionDep, context: AccessDep, _: InternalCaller
) -> ClientExportRead:
    """Everything this service holds about the client, for the clients service's
    data-subject export: referrals with their whole hand-over summaries, histories and
    effects as stored, and the access-log entries naming the client. A client never
    referred has empty lists. Logged as the person in `X-On-Behalf-Of`."""
    return await service.export(session, context, client_id)


@router.post("/{client_id}/anonymise", response_model=ClientAnonymisationRead)
async def anonymise_client(
    client_id: uuid.UUID, session: SessionDep, context: AccessDep, _: InternalCaller
) -> ClientAnonymisationRead:
    """Replace the free text about the client (messages, summaries, decline and cancel
    reasons, history reasons); ids, codes, usernames and dates stay. Idempotent."""
    return await service.anonymise(session, context, client_id)
