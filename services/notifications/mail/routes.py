from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from services.common.auth import Principal, require_roles
from services.notifications.mail import service
from services.notifications.mail.schemas import MailRunRead

router = APIRouter(prefix="/api/v1/notifications", tags=["notifications"])


@router.post("/mail/send", response_model=MailRunRead)
async def send_mail(
    request: Request, _: Annotated[Principal, Depends(require_roles("admin"))]
) -> MailRunRead:
    """Send now what is due by e-mail (admin only): immediate messages and the digests
    whose hour has come. Each goes out once, whichever replica sends it."""
    return await service.send_mail(request.app)
