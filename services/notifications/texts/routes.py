from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from services.common.auth import Principal, require_roles
from services.notifications.texts import service
from services.notifications.texts.schemas import TextRunRead

router = APIRouter(prefix="/api/v1/notifications", tags=["notifications"])


@router.post("/texts/send", response_model=TextRunRead)
async def send_texts(
    request: Request, _: Annotated[Principal, Depends(require_roles("admin"))]
) -> TextRunRead:
    """Send now the text reminders of the meetings that have come close enough (admin only).
    Each goes out once per meeting and start, whichever replica sends it."""
    return await service.send_reminders(request.app, force=True)
