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
    ReassignmentCreate,
    ReassignmentRead,
    ResponsibilitiesRead,
)
from services.clients.staff import DirectoryDep
from services.common.audit import AccessDep
from services.common.db import SessionDep

router = APIRouter(prefix="/api/v1/clients/{client_id}/enrolments", tags=["enrolments"])
# A fixed path beside `/api/v1/clients/{client_id}`: the app includes it before that one.
reassignments_router = APIRouter(prefix="/api/v1/clients/reassignments", tags=["enrolments"])


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


@router.get("/{enrolment_id}/responsibilities", response_model=ResponsibilitiesRead)
async def list_responsibilities(
    client_id: uuid.UUID, enrolment_id: uuid.UUID, session: SessionDep, context: AccessDep
) -> ResponsibilitiesRead:
    """Who carried the enrolment when, oldest first: `to` is null while a segment is current.
    Every change of coordinators or service line ends segments and opens new ones."""
    return await service.list_responsibilities(session, context, client_id, enrolment_id)


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
    directory: DirectoryDep,
) -> MeetingRead:
    """A meeting (scheduled or recorded); the first one held makes the enrolment `active`.
    `participants` are active staff, by default the responsible coordinators."""
    return await service.record_meeting(session, context, directory, client_id, enrolment_id, data)


@router.patch("/{enrolment_id}/meetings/{meeting_id}", response_model=MeetingRead)
async def update_meeting(
    client_id: uuid.UUID,
    enrolment_id: uuid.UUID,
    meeting_id: uuid.UUID,
    data: MeetingUpdate,
    session: SessionDep,
    context: AccessDep,
    directory: DirectoryDep,
) -> MeetingRead:
    """Mark a scheduled meeting held, no-show or cancelled, or move it (a moved meeting
    keeps its length unless `ends_at` is given). Once held, missed or cancelled, only its
    place, link and participants may be corrected."""
    return await service.update_meeting(
        session, context, directory, client_id, enrolment_id, meeting_id, data
    )


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
    `cancelled` or `not_reached`; after it any other. Posting again corrects an end (with
    the ESF exit data, it clears `exit_form_missing`)."""
    return await service.end_enrolment(session, context, client_id, enrolment_id, data)


@reassignments_router.post("", response_model=ReassignmentRead)
async def reassign(
    data: ReassignmentCreate, session: SessionDep, context: AccessDep, directory: DirectoryDep
) -> ReassignmentRead:
    """A team lead moves `from_user`'s open enrolments (those in `enrolment_ids`, or all of
    them when it is null) to `to_user`, whose role sets the line. Each move is a change of
    coordinators (event reason `manual`) and an entry in the client's access log."""
    return await service.reassign(session, context, directory, data)
