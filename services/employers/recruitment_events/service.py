"""Recruitment events: Tiistairekry, job fairs, info sessions."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from services.common.auth import Principal
from services.common.calendar import utcnow
from services.common.errors import NotFound, Unprocessable
from services.common.events import emit
from services.common.pagination import Page, encode_cursor
from services.employers import cursors
from services.employers.models import Employer, RecruitmentEvent, outbox
from services.employers.recruitment_events import repository
from services.employers.recruitment_events.schemas import (
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
        {
            "event_id": event.id,
            "kind": event.kind,
            "on": event.held_on,
            "employer_ids": [e.id for e in employers],
            "jobseekers_attended": event.jobseekers_attended,
        },
    )


async def _read(session: AsyncSession, event_id: uuid.UUID) -> RecruitmentEventRead:
    event = await repository.get_event(session, event_id)
    if event is None:
        raise NotFound("No such recruitment event.", code="recruitment_event_not_found")
    return RecruitmentEventRead.model_validate(event)


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
    event = await repository.get_event(session, event_id)
    if event is None:
        raise NotFound("No such recruitment event.", code="recruitment_event_not_found")
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
