from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from services.common.auth import CurrentPrincipal, Principal
from services.common.errors import Forbidden
from services.metrics.indicators import service
from services.metrics.indicators.schemas import IndicatorList

router = APIRouter(prefix="/api/v1/metrics", tags=["metrics"])


async def metrics_reader(principal: CurrentPrincipal) -> Principal:
    allowed = principal.has_scope("metrics:read") or principal.has_role(
        "team_lead", "work_ability_coordinator", "business_coordinator", "admin"
    )
    if not allowed:
        raise Forbidden("Reading metrics needs the scope 'metrics:read' or a coordinator role.")
    return principal


@router.get("", response_model=IndicatorList)
async def list_indicators(_: Annotated[Principal, Depends(metrics_reader)]) -> IndicatorList:
    """The indicators with their definitions, versions, units and dimensions."""
    return service.indicators()
