from __future__ import annotations

from fastapi import APIRouter

from services.clients.config import SettingsDep
from services.clients.worklist import service
from services.clients.worklist.schemas import CaseloadRead, UnitWorklistRead, WorklistRead
from services.common.audit import AccessDep
from services.common.auth import StaffPrincipal
from services.common.db import SessionDep

router = APIRouter(prefix="/api/v1/clients", tags=["worklist"])


@router.get("/worklist", response_model=WorklistRead)
async def read_worklist(
    session: SessionDep, context: AccessDep, settings: SettingsDep, _: StaffPrincipal
) -> WorklistRead:
    """The signed-in coordinator's work (My day), by kind with a count of each: new clients,
    contacts due and overdue (working days), meetings today, no meeting in 14 days, plans
    not reviewed in 90 days, registrations to triage, exit forms missing, outcome
    suggestions and warm hand-offs open too long. Every item names the client and says how
    to clear it (`fix`); only open enrolments' work is listed."""
    return await service.worklist(session, context, settings)


@router.get("/caseload", response_model=CaseloadRead)
async def read_caseload(
    session: SessionDep, context: AccessDep, settings: SettingsDep, _: StaffPrincipal
) -> CaseloadRead:
    """Open enrolments per coordinator against the role's target (25 / 20); a coordinator
    sees their own row, a team lead everyone's."""
    return await service.caseload(session, context, settings)


@router.get("/worklist/unit", response_model=UnitWorklistRead)
async def read_unit_worklist(
    session: SessionDep, context: AccessDep, settings: SettingsDep, _: StaffPrincipal
) -> UnitWorklistRead:
    """The team lead's unit view (team_lead only): every coordinator's overdue first
    contacts and missing exit forms, each naming the client and the coordinators
    (usernames), and the caseload per coordinator against the role's target (the
    `caseload_targets` setting, 25 / 20 by default)."""
    return await service.unit_worklist(session, context, settings)
