"""Openings: regular jobs, hidden jobs, tailored-work tasks, work-trial places …"""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from services.common.auth import Principal
from services.common.calendar import utcnow
from services.common.errors import Conflict, NotFound, Unprocessable
from services.common.events import emit
from services.common.pagination import Page, encode_cursor
from services.employers import cursors
from services.employers.employers import service as employers
from services.employers.events import OpeningRecorded
from services.employers.models import Opening, outbox
from services.employers.openings import repository
from services.employers.openings.schemas import (
    InternalOpeningRead,
    OpeningCreate,
    OpeningRead,
    OpeningUpdate,
)


def _emit(session: AsyncSession, opening: Opening) -> None:
    emit(
        session,
        outbox,
        "opening.recorded",
        opening.id,
        OpeningRecorded(
            opening_id=opening.id,
            employer_id=opening.employer_id,
            lead_id=opening.lead_id,
            kind=opening.kind,
            status=opening.status,
            wage_subsidy=opening.wage_subsidy,
            positions=opening.positions,
        ),
    )


def _to_read(opening: Opening, employer_name: str) -> OpeningRead:
    return OpeningRead.model_validate(
        {
            **{n: getattr(opening, n) for n in OpeningRead.model_fields if hasattr(opening, n)},
            "employer_name": employer_name,
        }
    )


async def _answer(session: AsyncSession, opening: Opening) -> OpeningRead:
    employer = await employers.get_employer(session, opening.employer_id)
    return _to_read(opening, employer.name)


async def _check_lead(session: AsyncSession, employer_id: uuid.UUID, lead_id: uuid.UUID) -> None:
    if await repository.lead_employer(session, lead_id) != employer_id:
        raise Unprocessable.field(
            ["body", "lead_id"], "No such lead for this employer.", code="lead_not_of_employer"
        )


async def create_opening(
    session: AsyncSession,
    employer_id: uuid.UUID,
    data: OpeningCreate,
    principal: Principal,
    *,
    opening_id: uuid.UUID | None = None,
) -> OpeningRead:
    employer = await employers.get_employer(session, employer_id)
    if data.lead_id is not None:
        await _check_lead(session, employer_id, data.lead_id)
    opening = Opening(
        id=opening_id or uuid.uuid4(),
        employer_id=employer_id,
        **data.model_dump(),
        status="open",
        created_by=principal.subject,
        updated_by=principal.subject,
    )
    await repository.add(session, opening)
    _emit(session, opening)
    return _to_read(opening, employer.name)


async def _get(session: AsyncSession, opening_id: uuid.UUID) -> Opening:
    opening = await repository.get_opening(session, opening_id)
    if opening is None:
        raise NotFound("No such opening.", code="opening_not_found")
    return opening


async def _get_for(session: AsyncSession, employer_id: uuid.UUID, opening_id: uuid.UUID) -> Opening:
    opening = await _get(session, opening_id)
    if opening.employer_id != employer_id:
        raise NotFound("No such opening.", code="opening_not_found")
    return opening


async def read_opening(
    session: AsyncSession, employer_id: uuid.UUID, opening_id: uuid.UUID
) -> OpeningRead:
    return await _answer(session, await _get_for(session, employer_id, opening_id))


def _set_status(opening: Opening, status: str) -> None:
    if status == opening.status:
        return
    opening.status = status
    opening.filled_at = utcnow() if status == "filled" else None


async def update_opening(
    session: AsyncSession,
    employer_id: uuid.UUID,
    opening_id: uuid.UUID,
    data: OpeningUpdate,
    principal: Principal,
) -> OpeningRead:
    opening = await _get_for(session, employer_id, opening_id)
    changes = data.model_dump(exclude_unset=True)
    for required in ("title", "kind", "positions", "wage_subsidy", "status"):
        if required in changes and changes[required] is None:
            raise Unprocessable.field(
                ["body", required], "This field cannot be emptied.", code="field_cannot_be_emptied"
            )
    if changes.get("lead_id") is not None:
        await _check_lead(session, employer_id, changes["lead_id"])
    status = changes.pop("status", opening.status)
    for name, value in changes.items():
        setattr(opening, name, value)
    _set_status(opening, status)
    opening.updated_at = utcnow()
    opening.updated_by = principal.subject
    await session.flush()
    _emit(session, opening)
    return await _answer(session, opening)


async def opening_page(
    session: AsyncSession,
    *,
    employer_id: uuid.UUID | None,
    status: str | None,
    kind: str | None,
    wage_subsidy: bool | None,
    q: str | None = None,
    cursor: str | None,
    limit: int,
) -> Page[OpeningRead]:
    if employer_id is not None:
        await employers.get_employer(session, employer_id)
    rows = await repository.list_openings(
        session,
        employer_id=employer_id,
        status=status,
        kind=kind,
        wage_subsidy=wage_subsidy,
        q=q.strip() if q else None,
        before=cursors.moment_and_id(cursor),
        limit=limit + 1,
    )
    shown = rows[:limit]
    names = await employers.employer_names(session, [o.employer_id for o in shown])
    items = [_to_read(o, names[o.employer_id]) for o in shown]
    next_cursor = (
        encode_cursor(items[-1].created_at.isoformat(), items[-1].id) if len(rows) > limit else None
    )
    return Page[OpeningRead](items=items, next_cursor=next_cursor)


async def internal_opening(session: AsyncSession, opening_id: uuid.UUID) -> InternalOpeningRead:
    return InternalOpeningRead.model_validate(await _get(session, opening_id))


async def fill_for_effect(
    session: AsyncSession, opening_id: uuid.UUID, principal: Principal
) -> InternalOpeningRead:
    """`/internal/openings/{id}/fill`: filling a filled opening again changes nothing."""
    opening = await _get(session, opening_id)
    if opening.status == "cancelled":
        raise Conflict("The opening was cancelled.", code="opening_cancelled")
    if opening.status != "filled":
        _set_status(opening, "filled")
        opening.updated_at = utcnow()
        opening.updated_by = principal.subject
        await session.flush()
        _emit(session, opening)
    return InternalOpeningRead.model_validate(opening)
