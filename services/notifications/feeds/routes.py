from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from services.common.auth import Principal, require_roles
from services.notifications.feeds import service
from services.notifications.feeds.schemas import CatchUpRead

router = APIRouter(prefix="/api/v1/notifications", tags=["notifications"])


@router.post("/catch-up", response_model=CatchUpRead)
async def catch_up(
    request: Request, _: Annotated[Principal, Depends(require_roles("admin"))]
) -> CatchUpRead:
    """Read every source feed to its end now and find the deadlines due (admin only);
    a source that cannot be reached is reported as `unavailable`."""
    report = await service.catch_up(request.app)
    await service.sweep_due(request.app, force=True)
    return report
