from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from services.common.db import SessionDep
from services.common.pagination import CursorQuery, LimitQuery, Page
from services.employers.access import ClientNamesDep, CrmStaff, SettingsDep
from services.employers.codes import RecruitmentEventKind
from services.employers.recruitment_events import service
from services.employers.recruitment_events.schemas import (
    EventClientInvite,
    EventClientList,
    EventClientRead,
    EventClientUpdate,
    EventHireList,
    RecruitmentEventCreate,
    RecruitmentEventRead,
    RecruitmentEventUpdate,
)

router = APIRouter(prefix="/api/v1/recruitment-events", tags=["recruitment events"])


@router.post("", response_model=RecruitmentEventRead, status_code=status.HTTP_201_CREATED)
async def create_event(
    data: RecruitmentEventCreate, session: SessionDep, principal: CrmStaff
) -> RecruitmentEventRead:
    """Record a recruitment event, its participating employers and how many jobseekers came."""
    return await service.create_event(session, data, principal)


@router.get("", response_model=Page[RecruitmentEventRead])
async def list_events(
    session: SessionDep,
    _: CrmStaff,
    kind: RecruitmentEventKind | None = None,
    held_from: Annotated[dt.date | None, Query(alias="from")] = None,
    held_to: Annotated[dt.date | None, Query(alias="to")] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[RecruitmentEventRead]:
    """Recruitment events, latest first; `from`/`to` select by date (inclusive)."""
    return await service.event_page(
        session, kind=kind, held_from=held_from, held_to=held_to, cursor=cursor, limit=limit
    )


@router.get("/{event_id}", response_model=RecruitmentEventRead)
async def get_event(event_id: uuid.UUID, session: SessionDep, _: CrmStaff) -> RecruitmentEventRead:
    """One recruitment event."""
    return await service.read_event(session, event_id)


@router.patch("/{event_id}", response_model=RecruitmentEventRead)
async def update_event(
    event_id: uuid.UUID, data: RecruitmentEventUpdate, session: SessionDep, principal: CrmStaff
) -> RecruitmentEventRead:
    """Change an event, e.g. record how many jobseekers came."""
    return await service.update_event(session, event_id, data, principal)


def names_reader(
    api: ClientNamesDep, settings: SettingsDep, principal: CrmStaff
) -> service.NamesReader:
    return service.NamesReader(api, principal.subject, settings.names_timeout_seconds)


NamesReaderDep = Annotated[service.NamesReader, Depends(names_reader)]


@router.get("/{event_id}/clients", response_model=EventClientList)
async def list_event_clients(
    event_id: uuid.UUID, session: SessionDep, names: NamesReaderDep
) -> EventClientList:
    """The clients invited, and whether each came; a name only where the clients service
    lets the reader see the client (`client_name` null otherwise)."""
    return await service.client_list(session, event_id, names)


@router.post(
    "/{event_id}/clients", response_model=EventClientRead, status_code=status.HTTP_201_CREATED
)
async def invite_client(
    event_id: uuid.UUID,
    data: EventClientInvite,
    session: SessionDep,
    names: NamesReaderDep,
    principal: CrmStaff,
) -> EventClientRead:
    """Invite a client the caller may open (else 422 `client_not_visible`); a client already
    invited answers 409 `client_already_invited`."""
    return await service.invite_client(session, event_id, data.client_id, names, principal)


@router.patch("/{event_id}/clients/{client_id}", response_model=EventClientRead)
async def record_attendance(
    event_id: uuid.UUID,
    client_id: uuid.UUID,
    data: EventClientUpdate,
    session: SessionDep,
    names: NamesReaderDep,
) -> EventClientRead:
    """Record whether an invited client came."""
    return await service.record_attendance(session, event_id, client_id, data.attended, names)


@router.delete("/{event_id}/clients/{client_id}", status_code=status.HTTP_204_NO_CONTENT)
async def withdraw_invitation(
    event_id: uuid.UUID, client_id: uuid.UUID, session: SessionDep, _: CrmStaff
) -> Response:
    """Take back an invitation."""
    await service.withdraw_invitation(session, event_id, client_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/{event_id}/hires", response_model=EventHireList)
async def list_event_hires(
    event_id: uuid.UUID, session: SessionDep, names: NamesReaderDep
) -> EventHireList:
    """Hires of the invited clients from the event's day to 90 days after it."""
    return await service.hire_list(session, event_id, names)
