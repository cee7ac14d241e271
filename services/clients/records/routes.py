from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from services.clients.records import service
from services.clients.records.schemas import (
    FeedbackCreate,
    FeedbackRead,
    NoteCorrection,
    NoteCreate,
    NoteRead,
    ServiceNeedAssessmentCreate,
    ServiceNeedAssessmentRead,
    ServicePlanRead,
    ServicePlanWrite,
    StatusEpisodeCreate,
    StatusEpisodeRead,
    WorkAbilityAssessmentCreate,
    WorkAbilityAssessmentRead,
)
from services.common.audit import AccessDep
from services.common.db import SessionDep

router = APIRouter(prefix="/api/v1/clients/{client_id}", tags=["records"])
CREATED = status.HTTP_201_CREATED


@router.post("/notes", response_model=NoteRead, status_code=CREATED)
async def add_note(
    client_id: uuid.UUID, data: NoteCreate, session: SessionDep, context: AccessDep
) -> NoteRead:
    """A note; `health` notes only by (and for) the responsible work-ability coordinators."""
    return await service.add_note(session, context, client_id, data)


@router.get("/notes", response_model=list[NoteRead])
async def list_notes(
    client_id: uuid.UUID, session: SessionDep, context: AccessDep
) -> list[NoteRead]:
    """The notes the caller may read, newest first."""
    return await service.list_notes(session, context, client_id)


@router.patch("/notes/{note_id}", response_model=NoteRead)
async def correct_note(
    client_id: uuid.UUID,
    note_id: uuid.UUID,
    data: NoteCorrection,
    session: SessionDep,
    context: AccessDep,
) -> NoteRead:
    """Correct one's own note (its author only; also in the grace period after the
    enrolment ended). What the note said before is kept."""
    return await service.correct_note(session, context, client_id, note_id, data)


@router.post("/assessments", response_model=WorkAbilityAssessmentRead, status_code=CREATED)
async def add_assessment(
    client_id: uuid.UUID, data: WorkAbilityAssessmentCreate, session: SessionDep, context: AccessDep
) -> WorkAbilityAssessmentRead:
    """A work-ability self-assessment: overall and five domain scores (0-10)."""
    return await service.add_work_ability_assessment(session, context, client_id, data)


@router.get("/assessments", response_model=list[WorkAbilityAssessmentRead])
async def list_assessments(
    client_id: uuid.UUID, session: SessionDep, context: AccessDep
) -> list[WorkAbilityAssessmentRead]:
    """The self-assessments over time, each with its change against the previous one."""
    return await service.list_work_ability_assessments(session, context, client_id)


@router.post(
    "/service-need-assessments", response_model=ServiceNeedAssessmentRead, status_code=CREATED
)
async def add_service_need_assessment(
    client_id: uuid.UUID, data: ServiceNeedAssessmentCreate, session: SessionDep, context: AccessDep
) -> ServiceNeedAssessmentRead:
    """The service need assessment: which of the four paths the client takes."""
    return await service.add_service_need_assessment(session, context, client_id, data)


@router.get("/service-need-assessments", response_model=list[ServiceNeedAssessmentRead])
async def list_service_need_assessments(
    client_id: uuid.UUID, session: SessionDep, context: AccessDep
) -> list[ServiceNeedAssessmentRead]:
    """The service need assessments, oldest first."""
    return await service.list_service_need_assessments(session, context, client_id)


@router.put("/plan", response_model=ServicePlanRead)
async def write_plan(
    client_id: uuid.UUID, data: ServicePlanWrite, session: SessionDep, context: AccessDep
) -> ServicePlanRead:
    """Write the service plan (goals, actions with owner and due date); `reviewed_on`
    records a review."""
    return await service.write_plan(session, context, client_id, data)


@router.get("/plan", response_model=ServicePlanRead)
async def read_plan(
    client_id: uuid.UUID, session: SessionDep, context: AccessDep
) -> ServicePlanRead:
    """The client's service plan."""
    return await service.read_plan(session, context, client_id)


@router.post("/feedback", response_model=FeedbackRead, status_code=CREATED)
async def add_feedback(
    client_id: uuid.UUID, data: FeedbackCreate, session: SessionDep, context: AccessDep
) -> FeedbackRead:
    """The client's feedback: a grade 4-10 and optional text."""
    return await service.add_feedback(session, context, client_id, data)


@router.get("/feedback", response_model=list[FeedbackRead])
async def list_feedback(
    client_id: uuid.UUID, session: SessionDep, context: AccessDep
) -> list[FeedbackRead]:
    """The client's feedback."""
    return await service.list_feedback(session, context, client_id)


@router.post("/status-episodes", response_model=StatusEpisodeRead, status_code=CREATED)
async def add_status_episode(
    client_id: uuid.UUID, data: StatusEpisodeCreate, session: SessionDep, context: AccessDep
) -> StatusEpisodeRead:
    """A labour-market status episode (the official activation rate's source)."""
    return await service.add_status_episode(session, context, client_id, data)


@router.get("/status-episodes", response_model=list[StatusEpisodeRead])
async def list_status_episodes(
    client_id: uuid.UUID, session: SessionDep, context: AccessDep
) -> list[StatusEpisodeRead]:
    """The labour-market status episodes, oldest first."""
    return await service.list_status_episodes(session, context, client_id)
