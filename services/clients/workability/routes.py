from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, status

from services.clients.referrals_api import ReferralsApiDep
from services.clients.staff import DirectoryDep
from services.clients.workability import service
from services.clients.workability.schemas import (
    ClientRoadmapRead,
    FunctionalAssessmentCreate,
    FunctionalAssessmentRead,
    FunctionalInstrumentCreate,
    FunctionalInstrumentRead,
    RoadmapRead,
    RoadmapTemplateCreate,
    RoadmapTemplateRead,
    RoadmapUpdate,
    WorkAbilitySummaryRead,
    WorkSupportsApproval,
    WorkSupportsRead,
    WorkSupportsUpdate,
)
from services.common.audit import AccessDep
from services.common.db import SessionDep

router = APIRouter(prefix="/api/v1/clients/{client_id}", tags=["work ability"])
# Fixed paths beside `/api/v1/clients/{client_id}`: the app includes them before that one.
fixed_router = APIRouter(prefix="/api/v1/clients", tags=["work ability"])


@router.get("/roadmap", response_model=RoadmapRead)
async def read_roadmap(
    client_id: uuid.UUID, session: SessionDep, context: AccessDep
) -> RoadmapRead:
    """The work-ability roadmap: its stages for the work-ability coordinators working with
    the client; for others who work with the client only whether one is under way."""
    return await service.read_roadmap(session, context, client_id)


@router.put("/roadmap", response_model=RoadmapRead)
async def update_roadmap(
    client_id: uuid.UUID,
    data: RoadmapUpdate,
    session: SessionDep,
    context: AccessDep,
    directory: DirectoryDep,
    referrals: ReferralsApiDep,
) -> RoadmapRead:
    """Change stages of the roadmap; the first change starts it on the newest stages."""
    return await service.update_roadmap(session, context, directory, referrals, client_id, data)


@router.get("/roadmap/client-version", response_model=ClientRoadmapRead)
async def client_roadmap(
    client_id: uuid.UUID,
    session: SessionDep,
    context: AccessDep,
    language: Annotated[Literal["fi", "en"], Query()] = "fi",
) -> ClientRoadmapRead:
    """The roadmap in plain language for the client to keep: the stages and the next step,
    no health details."""
    return await service.client_roadmap(session, context, client_id, language)


@router.post(
    "/functional-assessments",
    response_model=FunctionalAssessmentRead,
    status_code=status.HTTP_201_CREATED,
)
async def add_functional_assessment(
    client_id: uuid.UUID,
    data: FunctionalAssessmentCreate,
    session: SessionDep,
    context: AccessDep,
    directory: DirectoryDep,
) -> FunctionalAssessmentRead:
    """Record an observation with a functional work-ability measure."""
    return await service.add_functional_assessment(session, context, directory, client_id, data)


@router.get("/functional-assessments", response_model=list[FunctionalAssessmentRead])
async def list_functional_assessments(
    client_id: uuid.UUID, session: SessionDep, context: AccessDep
) -> list[FunctionalAssessmentRead]:
    """The observations, oldest first, each with its change against the previous one."""
    return await service.list_functional_assessments(session, context, client_id)


@router.get("/work-supports", response_model=list[WorkSupportsRead])
async def list_work_supports(
    client_id: uuid.UUID, session: SessionDep, context: AccessDep
) -> list[WorkSupportsRead]:
    """The means to support work, every revision, newest first."""
    return await service.list_work_supports(session, context, client_id)


@router.put("/work-supports", response_model=WorkSupportsRead)
async def record_work_supports(
    client_id: uuid.UUID, data: WorkSupportsUpdate, session: SessionDep, context: AccessDep
) -> WorkSupportsRead:
    """Record the means to support work as a new revision (it waits for approval)."""
    return await service.record_work_supports(session, context, client_id, data)


@router.post("/work-supports/approve", response_model=WorkSupportsRead)
async def approve_work_supports(
    client_id: uuid.UUID, data: WorkSupportsApproval, session: SessionDep, context: AccessDep
) -> WorkSupportsRead:
    """Approve the newest revision as the work-ability summary that others may see."""
    return await service.approve_work_supports(session, context, client_id, data)


@router.get("/work-ability-summary", response_model=WorkAbilitySummaryRead)
async def work_ability_summary(
    client_id: uuid.UUID, session: SessionDep, context: AccessDep
) -> WorkAbilitySummaryRead:
    """The approved summary of what helps the client work: no diagnosis, no note text. For
    the work-ability coordinators, and while the consent `share_work_ability_summary` stands
    for the coordinators working with the client."""
    return await service.work_ability_summary(session, context, client_id)


@fixed_router.get("/roadmap-templates", response_model=list[RoadmapTemplateRead])
async def list_templates(session: SessionDep, context: AccessDep) -> list[RoadmapTemplateRead]:
    """The versions of the roadmap's stages."""
    return await service.list_templates(session, context)


@fixed_router.post(
    "/roadmap-templates", response_model=RoadmapTemplateRead, status_code=status.HTTP_201_CREATED
)
async def add_template(
    data: RoadmapTemplateCreate, session: SessionDep, context: AccessDep
) -> RoadmapTemplateRead:
    """A new version of the roadmap's stages (administrators)."""
    return await service.add_template(session, context, data)


@fixed_router.get("/functional-instruments", response_model=list[FunctionalInstrumentRead])
async def list_instruments(
    session: SessionDep, context: AccessDep
) -> list[FunctionalInstrumentRead]:
    """The functional measures, every version."""
    return await service.list_instruments(session, context)


@fixed_router.post(
    "/functional-instruments",
    response_model=FunctionalInstrumentRead,
    status_code=status.HTTP_201_CREATED,
)
async def add_instrument(
    data: FunctionalInstrumentCreate, session: SessionDep, context: AccessDep
) -> FunctionalInstrumentRead:
    """A new functional measure, or a new version of one (administrators)."""
    return await service.add_instrument(session, context, data)
