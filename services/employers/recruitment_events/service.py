"""Recruitment events: Tiistairekry, job fairs, info sessions."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from services.common.auth import Principal
from services.common.calendar import utcnow
from services.common.client_names import ClientNamesApi, Names, names_for_reader
from services.common.errors import Conflict, NotFound, Unprocessable
from services.common.events import emit
from services.common.pagination import Page, encode_cursor
from services.employers import cursors
from services.employers.events import (
    RecruitmentEventClientChange,
    RecruitmentEventClientKind,
    RecruitmentEventRecorded,
)
from services.employers.models import Employer, EventClient, RecruitmentEvent, outbox
from services.employers.recruitment_events import repository
from services.employers.recruitment_events.schemas import (
    EventClientList,
    EventClientRead,
    EventHireList,
    EventHireRead,
    RecruitmentEventCreate,
    RecruitmentEventRead,
    RecruitmentEventUpdate,
)


async def _participants(session: AsyncSession, employer_ids: Sequence[uuid.UUID]) -> list[Employer]:
    wanted = list(dict.fromkeys(employer_ids))
    found = {e.id: e for e in await repository.employers_by_id(session, wanted)}
    missing = [i for i, employer_id in enumerate(wanted) if employer_id not in found]
    if missing:
        raise Unprocessable.field(
            ["body", "employer_ids", missing[0]], "No such employer.", code="employer_not_found"
        )
    return [found[employer_id] for employer_id in wanted]


def _emit(session: AsyncSession, event: RecruitmentEvent, employers: list[Employer]) -> None:
    emit(
        session,
        outbox,
        "recruitment_event.recorded",
        event.id,
        RecruitmentEventRecorded(
            event_id=event.id,
            kind=event.kind,
            on=event.held_on,
            employer_ids=[e.id for e in employers],
            jobseekers_attended=event.jobseekers_attended,
        ),
    )


async def _get(session: AsyncSession, event_id: uuid.UUID) -> RecruitmentEvent:
    event = await repository.get_event(session, event_id)
    if event is None:
        raise NotFound("No such recruitment event.", code="recruitment_event_not_found")
    return event


async def _read(session: AsyncSession, event_id: uuid.UUID) -> RecruitmentEventRead:
    return RecruitmentEventRead.model_validate(await _get(session, event_id))


async def create_event(
    session: AsyncSession,
    data: RecruitmentEventCreate,
    principal: Principal,
    *,
    event_id: uuid.UUID | None = None,
) -> RecruitmentEventRead:
    employers = await _participants(session, data.employer_ids)
    event = RecruitmentEvent(
        id=event_id or uuid.uuid4(),
        **data.model_dump(exclude={"employer_ids"}),
        employers=employers,
        created_by=principal.subject,
        updated_by=principal.subject,
    )
    await repository.add(session, event)
    _emit(session, event, employers)
    return await _read(session, event.id)


async def update_event(
    session: AsyncSession, event_id: uuid.UUID, data: RecruitmentEventUpdate, principal: Principal
) -> RecruitmentEventRead:
    event = await _get(session, event_id)
    changes = data.model_dump(exclude_unset=True)
    for required in ("name", "kind", "held_on", "employer_ids"):
        if required in changes and changes[required] is None:
            raise Unprocessable.field(
                ["body", required], "This field cannot be emptied.", code="field_cannot_be_emptied"
            )
    if "employer_ids" in changes:
        event.employers = await _participants(session, changes.pop("employer_ids"))
    for name, value in changes.items():
        setattr(event, name, value)
    event.updated_at = utcnow()
    event.updated_by = principal.subject
    await session.flush()
    _emit(session, event, list(event.employers))
    return await _read(session, event.id)


async def read_event(session: AsyncSession, event_id: uuid.UUID) -> RecruitmentEventRead:
    return await _read(session, event_id)


async def event_page(
    session: AsyncSession,
    *,
    kind: str | None,
    held_from: dt.date | None,
    held_to: dt.date | None,
    cursor: str | None,
    limit: int,
) -> Page[RecruitmentEventRead]:
    rows = await repository.list_events(
        session,
        kind=kind,
        held_from=held_from,
        held_to=held_to,
        before=cursors.date_and_id(cursor),
        limit=limit + 1,
    )
    items = [RecruitmentEventRead.model_validate(e) for e in rows[:limit]]
    next_cursor = (
        encode_cursor(items[-1].held_on.isoformat(), items[-1].id) if len(rows) > limit else None
    )
    return Page[RecruitmentEventRead](items=items, next_cursor=next_cursor)


# --- invited clients and their hires ----------------------------------------------------

# A hire this many days after the event, at most, counts as the event's result.
HIRE_WINDOW_DAYS = 90


@dataclass(frozen=True, slots=True)
class NamesReader:
    """The clients service's names API, asked on behalf of one person for one answer."""

    api: ClientNamesApi
    reader: str
    timeout_seconds: float

    async def visible_names(self, client_ids: Sequence[uuid.UUID]) -> Names:
        # An invitation does not decide who may see the client: the clients service does.
        return await names_for_reader(
            self.api, client_ids, self.reader, self.timeout_seconds, visible_only=True
        )


def _client_read(row: EventClient, names: Names) -> EventClientRead:
    return EventClientRead(
        client_id=row.client_id,
        client_name=names.get(row.client_id),
        invited_by=row.invited_by,
        invited_at=row.invited_at,
        attended=row.attended,
    )


def _emit_client(session: AsyncSession, kind: RecruitmentEventClientKind, row: EventClient) -> None:
    emit(
        session,
        outbox,
        f"recruitment_event.{kind}",
        row.event_id,
        RecruitmentEventClientChange(
            event_id=row.event_id, client_id=row.client_id, attended=row.attended
        ),
    )


async def client_list(
    session: AsyncSession, event_id: uuid.UUID, names: NamesReader
) -> EventClientList:
    await _get(session, event_id)
    rows = await repository.event_clients(session, event_id)
    shown = await names.visible_names([row.client_id for row in rows])
    return EventClientList(items=[_client_read(row, shown) for row in rows])


async def invite_client(
    session: AsyncSession,
    event_id: uuid.UUID,
    client_id: uuid.UUID,
    names: NamesReader,
    principal: Principal,
) -> EventClientRead:
    """Only a client the inviting person may open: one the clients service names to them."""
    await _get(session, event_id)
    shown = await names.visible_names([client_id])
    if client_id not in shown:
        raise Unprocessable.field(
            ["body", "client_id"],
            "No such client among those you may open.",
            code="client_not_visible",
        )
    if await repository.get_event_client(session, event_id, client_id) is not None:
        raise Conflict("The client is already invited.", code="client_already_invited")
    row = EventClient(
        event_id=event_id,
        client_id=client_id,
        invited_by=principal.subject,
        invited_at=utcnow(),
        attended=False,
    )
    await repository.add_invitation(session, row)
    _emit_client(session, "client_invited", row)
    return _client_read(row, shown)


async def _invited(session: AsyncSession, event_id: uuid.UUID, client_id: uuid.UUID) -> EventClient:
    await _get(session, event_id)
    row = await repository.get_event_client(session, event_id, client_id)
    if row is None:
        raise NotFound("The client is not invited to this event.", code="event_client_not_found")
    return row


async def record_attendance(
    session: AsyncSession,
    event_id: uuid.UUID,
    client_id: uuid.UUID,
    attended: bool,
    names: NamesReader,
) -> EventClientRead:
    row = await _invited(session, event_id, client_id)
    if row.attended != attended:
        row.attended = attended
        await session.flush()
        _emit_client(session, "attendance_recorded", row)
    return _client_read(row, await names.visible_names([client_id]))


async def withdraw_invitation(
    session: AsyncSession, event_id: uuid.UUID, client_id: uuid.UUID
) -> None:
    row = await _invited(session, event_id, client_id)
    _emit_client(session, "client_uninvited", row)
    await repository.remove(session, row)


async def hire_list(
    session: AsyncSession, event_id: uuid.UUID, names: NamesReader
) -> EventHireList:
    """Hires of the invited clients dated from the event's day to 90 days after it."""
    event = await _get(session, event_id)
    last_day = event.held_on + dt.timedelta(days=HIRE_WINDOW_DAYS)
    rows = await repository.hires_of_clients(session, event_id, event.held_on, last_day)
    shown = await names.visible_names([hire.client_id for hire, *_ in rows])
    return EventHireList(
        items=[
            EventHireRead(
                id=hire.id,
                opening_id=hire.opening_id,
                opening_title=title,
                employer_id=hire.employer_id,
                employer_name=employer_name,
                client_id=hire.client_id,
                client_name=shown.get(hire.client_id),
                attended=attended,
                hired_on=hire.hired_on,
            )
            for hire, title, employer_name, attended in rows
        ]
    )
