from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from services.common.auth import Principal, require_roles
from services.metrics.ingestion import service
from services.metrics.ingestion.schemas import CatchUpRead

router = APIRouter(prefix="/api/v1/metrics", tags=["metrics"])


@router.post("/catch-up", response_model=CatchUpRead)
async def catch_up(
    request: Request, _: Annotated[Principal, Depends(require_roles("admin"))]
) -> CatchUpRead:
    """Read every source feed to its end now and wait for it; per-source event counts.

    A source that cannot be reached is reported as `unavailable`; the figures already
    ingested stay served with their `data_as_of`.
    """
    return await service.catch_up(request.app)
