from __future__ import annotations

from fastapi import APIRouter

from services.common.auth import StaffPrincipal
from services.employers.industries import service
from services.employers.industries.schemas import IndustryList

router = APIRouter(prefix="/api/v1/employers", tags=["industries"])


@router.get("/industries", response_model=IndustryList)
async def list_industries(_: StaffPrincipal) -> IndustryList:
    """TOL 2008 sections with Finnish and English labels."""
    return service.industries()
