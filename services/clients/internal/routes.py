from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response, status
from pydantic import AwareDatetime

from services.clients.internal import service
from services.clients.internal.schemas import (
    AccessGrantCreate,
    CalendarMeetingsQuery,
    CalendarMeetingsRead,
    ClientNamesQuery,
    ClientNamesRead,
    ConsentCheckRead,
    DueWorkRead,
    InternalClientRead,
    ReportedAccessBatch,
    TextRemindersRead,
)
from services.clients.pathway import service as pathway
from services.clients.pathway.schemas import CoordinatorsChange, OutcomeSuggestionCreate
from services.clients.staff import DirectoryDep
from services.common.audit import AccessDep
from services.common.auth import InternalCaller
from services.common.db import SessionDep
from services.common.text import USERNAME_PATTERN

router = APIRouter(prefix="/internal", tags=["internal"])
NO_CONTENT = status.HTTP_204_NO_CONTENT


@router.post("/clients/names", response_model=ClientNamesRead)
async def read_client_names(
    data: ClientNamesQuery,
    session: SessionDep,
    context: AccessDep,
    directory: DirectoryDep,
    _: InternalCaller,
) -> ClientNamesRead:
    """The first and last names of the clients asked, in one call, for the person named in
    `X-On-Behalf-Of` (required): one access-log entry per client named, as that person
    (`read_name`). Unknown and anonymised clients are left out; with `visible_only`, also
    those the person may not open under the access policy."""
    return await service.client_names(session, context, directory, data)


@router.get("/clients/{client_id}", response_model=InternalClientRead)
async def read_client(
    client_id: uuid.UUID,
    session: SessionDep,
    context: AccessDep,
    directory: DirectoryDep,
    _: InternalCaller,
) -> InternalClientRead:
    """The client's municipality and enrolments with their coordinators (no names). With
    `X-On-Behalf-Of`, the read is logged as that person's and `caller_relations` says how
    they relate to the client under the access policy."""
    return await service.read_client(session, context, directory, client_id)


@router.get("/clients/{client_id}/consents/check", response_model=ConsentCheckRead)
async def check_consents(
    client_id: uuid.UUID,
    session: SessionDep,
    context: AccessDep,
    _: InternalCaller,
    purposes: Annotated[str, Query(description="Comma-separated consent purposes")],
) -> ConsentCheckRead:
    """Whether consents in force cover every purpose asked."""
    return await service.check_consents(session, context, client_id, purposes)


@router.post("/clients/{client_id}/access-grants", status_code=NO_CONTENT)
async def grant_access(
    client_id: uuid.UUID,
    data: AccessGrantCreate,
    session: SessionDep,
    context: AccessDep,
    _: InternalCaller,
) -> Response:
    """Let the user see the client while the referral is open."""
    await service.grant_access(session, context, client_id, data)
    return Response(status_code=NO_CONTENT)


@router.delete("/clients/{client_id}/access-grants/{referral_id}", status_code=NO_CONTENT)
async def revoke_access(
    client_id: uuid.UUID,
    referral_id: uuid.UUID,
    session: SessionDep,
    context: AccessDep,
    _: InternalCaller,
) -> Response:
    """End the access the referral gave."""
    await service.revoke_access(session, context, client_id, referral_id)
    return Response(status_code=NO_CONTENT)


@router.post("/access-log", status_code=NO_CONTENT)
async def record_reported_access(
    data: ReportedAccessBatch, session: SessionDep, _: InternalCaller
) -> Response:
    """Reads of client data made in another service, for each client's access log
    (idempotent by entry id)."""
    await service.record_reported_access(session, data)
    return Response(status_code=NO_CONTENT)


@router.post("/enrolments/{enrolment_id}/coordinators")
async def change_coordinators(
    enrolment_id: uuid.UUID,
    data: CoordinatorsChange,
    session: SessionDep,
    directory: DirectoryDep,
    _: InternalCaller,
) -> dict[str, Any]:
    """Transfer, add or remove a responsible coordinator (idempotent by `effect_key`)."""
    return await pathway.change_coordinators(session, directory, enrolment_id, data)


@router.post("/enrolments/{enrolment_id}/outcome-suggestion", status_code=NO_CONTENT)
async def suggest_outcome(
    enrolment_id: uuid.UUID, data: OutcomeSuggestionCreate, session: SessionDep, _: InternalCaller
) -> Response:
    """Suggest an outcome to the coordinator (does not end the enrolment)."""
    await pathway.suggest_outcome(session, enrolment_id, data)
    return Response(status_code=NO_CONTENT)


@router.get("/worklist/{username}", response_model=DueWorkRead)
async def read_due_work(
    username: Annotated[str, Path(pattern=USERNAME_PATTERN)],
    session: SessionDep,
    context: AccessDep,
    _: InternalCaller,
) -> DueWorkRead:
    """The person's first contacts and plan reviews due by tomorrow or overdue, as My day
    computes them: ids and dates only (the notifications service's reminders). Logged per
    client as an internal read."""
    return await service.due_work(session, context, username)


# --- Text reminders (the notifications service's `GET /internal/text-reminders`) ---


@router.get("/text-reminders", response_model=TextRemindersRead)
async def read_text_reminders(
    session: SessionDep,
    context: AccessDep,
    _: InternalCaller,
    starts_from: Annotated[AwareDatetime, Query(description="The window's start (inclusive)")],
    starts_before: Annotated[
        AwareDatetime, Query(description="The window's end (exclusive), at most 48 h later")
    ],
) -> TextRemindersRead:
    """The booked meetings starting in the window whose client may get a text reminder:
    the time, the place, the client's number (E.164) and language, nothing else. Each is
    logged in the client's access log (`text_reminder`) as read for the person who booked
    the meeting, once per meeting and start."""
    return await service.text_reminders(session, context, starts_from, starts_before)


# --- Meetings for calendars (the notifications service's invitations and feeds) ---------


@router.post("/meetings/calendar", response_model=CalendarMeetingsRead)
async def read_calendar_meetings(
    data: CalendarMeetingsQuery,
    session: SessionDep,
    context: AccessDep,
    directory: DirectoryDep,
    _: InternalCaller,
) -> CalendarMeetingsRead:
    """The meetings asked (at most 500) that the person named in `X-On-Behalf-Of`
    (required) takes part in and may see under the access policy: times, status, kind,
    channel, place (null under non-disclosure), link and participants, never a client's
    name. Each meeting given is logged in its client's access log as that person's read
    (`read_meeting_calendar`); the others are left out."""
    return await service.calendar_meetings(session, context, directory, data)
