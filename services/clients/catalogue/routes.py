from __future__ import annotations

from fastapi import APIRouter

from services.clients.catalogue import service
from services.clients.catalogue.schemas import CatalogueRead
from services.common.auth import StaffPrincipal

router = APIRouter(prefix="/api/v1/clients", tags=["catalogue"])


@router.get("/catalogue", response_model=CatalogueRead)
async def read_catalogue(_: StaffPrincipal) -> CatalogueRead:
    """The outcome codes (with their exit-form and activation flags) and the municipalities."""
    return service.catalogue()
