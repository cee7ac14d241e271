from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from services.clients.config import SettingsDep
from services.clients.pathway import service
from services.clients.pathway.schemas import (
    ContactCreate,
    ContactRead,
    EnrolmentCreate,
    EnrolmentEnd,
    EnrolmentRead,
    MeetingCreate,
    MeetingRead,
    MeetingUpdate,
)
from services.clients.staff import DirectoryDep
from services.common.audit import AccessDep
from services.common.db import SessionDep

router = APIRouter(prefix="/api/v1/clients/{client_id}/enrolments", tags=["enrolments"])


@router.post("", response_model=EnrolmentRead, status_code=status.HTTP_201_CREATED)
async def create_enrolment(
    client_id: uuid.UUID,
    data: EnrolmentCreate,
    session: SessionDep,
    context: AccessDep,
    settings: SettingsDep,
    directory: DirectoryDep,
) -> EnrolmentRead:
    """Enrol the client on a service line with a responsible coordinator. `contact_due` is
    the N-th Finnish working day after `registered_on` (N per service line, default 5)."""
    return await service.enrol(session, context, settings, directory, client_id, data)


@router.get("", response_model=list[EnrolmentRead])
async def list_enrolments(
    client_id: uuid.UUID, session: SessionDep, context: AccessDep
) -> list[EnrolmentRead]:
    """The client's enrolments, oldest first."""
    return await service.list_enrolments(session, context, client_id)


@router.get("/{enrolment_id}", response_model=EnrolmentRead)
async def read_enrolment(
    client_id: uuid.UUID, enrolment_id: uuid.UUID, session: SessionDep, context: AccessDep
) -> EnrolmentRead:
    """One enrolment with its coordinators and any outcome suggestions."""
    return await service.read_enrolment(session, context, client_id, enrolment_id)


@router.post(
    "/{enrolment_id}/contacts", response_model=ContactRead, status_code=status.HTTP_201_CREATED
)
async def record_contact(
    client_id: uuid.UUID,
    enrolment_id: uuid.UUID,
    data: ContactCreate,
    session: SessionDep,
    context: AccessDep,
) -> ContactRead:
    """A contact attempt; the first reached one moves the enrolment to `contacted`."""
    return await service.record_contact(session, context, client_id, enrolment_id, data)


@router.get("/{enrolment_id}/contacts", response_model=list[ContactRead])
async def list_contacts(
    client_id: uuid.UUID, enrolment_id: uuid.UUID, session: SessionDep, context: AccessDep
) -> list[ContactRead]:
    """The contact attempts of the enrolment."""
    return await service.list_contacts(session, context, client_id, enrolment_id)


@router.post(
    "/{enrolment_id}/meetings", response_model=MeetingRead, status_code=status.HTTP_201_CREATED
)
async def record_meeting(
    client_id: uuid.UUID,
    enrolment_id: uuid.UUID,
    data: MeetingCreate,
    session: SessionDep,
    context: AccessDep,
) -> MeetingRead:
    """A meeting (scheduled or recorded); the first one held makes the enrolment `active`."""
    return await service.record_meeting(session, context, client_id, enrolment_id, data)


@router.patch("/{enrolment_id}/meetings/{meeting_id}", response_model=MeetingRead)
async def update_meeting(
    client_id: uuid.UUID,
    enrolment_id: uuid.UUID,
    meeting_id: uuid.UUID,
    data: MeetingUpdate,
    session: SessionDep,
    context: AccessDep,
) -> MeetingRead:
    """Mark a scheduled meeting held, no-show or cancelled, or move it."""
    return await service.update_meeting(session, context, client_id, enrolment_id, meeting_id, data)


@router.get("/{enrolment_id}/meetings", response_model=list[MeetingRead])
async def list_meetings(
    client_id: uuid.UUID, enrolment_id: uuid.UUID, session: SessionDep, context: AccessDep
) -> list[MeetingRead]:
    """The meetings of the enrolment."""
    return await service.list_meetings(session, context, client_id, enrolment_id)


@router.post("/{enrolment_id}/end", response_model=EnrolmentRead)
async def end_enrolment(
    client_id: uuid.UUID,
    enrolment_id: uuid.UUID,
    data: EnrolmentEnd,
    session: SessionDep,
    context: AccessDep,
) -> EnrolmentRead:
    """End with an outcome code from the catalogue. Before the first meeting only
    `cancelled` or `not_reached`; after it any other. Posting again corrects an end."""
    return await service.end_enrolment(session, context, client_id, enrolment_id, data)
