"""Hires: a client hired to an opening through a job referral.

The referrals service records a hire here once per referral (its effect is retried until it
lands). A hire takes one position of the opening; the opening is filled when all of its
positions are, and the lead it came from closes `hired` when none of its openings waits for
anyone any more.
"""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from services.common.calendar import utcnow
from services.common.client_names import ClientNamesApi, names_for_reader
from services.common.errors import Conflict, NotFound
from services.common.events import emit
from services.common.pagination import Page, encode_cursor
from services.employers import cursors
from services.employers.employers import service as employers
from services.employers.hires import repository
from services.employers.hires.schemas import HireRead, HireRecord, HireRecorded
from services.employers.leads import service as leads
from services.employers.models import Hire, Opening, outbox
from services.employers.openings import service as openings


def _recorded(hire: Hire, opening: Opening, lead_closed: bool) -> HireRecorded:
    return HireRecorded(
        hire_id=hire.id,
        opening_status=opening.status,
        filled_positions=opening.filled_positions,
        positions=opening.positions,
        lead_closed=lead_closed,
    )


async def record_hire(session: AsyncSession, data: HireRecord) -> HireRecorded:
    """Recording the same referral's hire again changes nothing and answers the same."""
    opening = await repository.opening_for_update(session, data.opening_id)
    if opening is None:
        raise NotFound("No such opening.", code="opening_not_found")
    existing = await repository.hire_of_referral(session, data.referral_id)
    if existing is not None:
        return _recorded(existing, opening, lead_closed=False)
    if opening.status == "cancelled":
        raise Conflict("The opening was cancelled.", code="opening_cancelled")
    hire = Hire(
        id=uuid.uuid4(),
        referral_id=data.referral_id,
        opening_id=opening.id,
        employer_id=opening.employer_id,
        lead_id=opening.lead_id,
        client_id=data.client_id,
        hired_on=data.hired_on,
        recorded_at=utcnow(),
        recorded_by=data.recorded_by,
    )
    await repository.add(session, hire)
    await repository.take_position(session, opening)
    openings.note_position_taken(session, opening, data.recorded_by)
    await session.flush()
    emit(
        session,
        outbox,
        "hire.recorded",
        hire.id,
        {
            "hire_id": hire.id,
            "referral_id": hire.referral_id,
            "opening_id": hire.opening_id,
            "employer_id": hire.employer_id,
            "lead_id": hire.lead_id,
            "client_id": hire.client_id,
            "hired_on": hire.hired_on,
        },
    )
    lead_closed = False
    if opening.lead_id is not None and not await repository.unfilled_openings_of_lead(
        session, opening.lead_id
    ):
        lead_closed = await leads.close_when_hired(session, opening.lead_id, data.recorded_by)
    return _recorded(hire, opening, lead_closed)


async def hire_page(
    session: AsyncSession,
    names_api: ClientNamesApi,
    names_timeout_seconds: float,
    reader: str,
    *,
    employer_id: uuid.UUID,
    opening_id: uuid.UUID | None,
    lead_id: uuid.UUID | None,
    cursor: str | None,
    limit: int,
) -> Page[HireRead]:
    """The employer's hires, newest first; a client's name only for a reader the clients
    service lets open the client."""
    await employers.get_employer(session, employer_id)
    rows = await repository.list_hires(
        session,
        employer_id=employer_id,
        opening_id=opening_id,
        lead_id=lead_id,
        before=cursors.moment_and_id(cursor),
        limit=limit + 1,
    )
    shown = rows[:limit]
    names = await names_for_reader(
        names_api,
        [hire.client_id for hire, _ in shown],
        reader,
        names_timeout_seconds,
        visible_only=True,
    )
    items = [
        HireRead(
            id=hire.id,
            referral_id=hire.referral_id,
            opening_id=hire.opening_id,
            opening_title=title,
            employer_id=hire.employer_id,
            lead_id=hire.lead_id,
            client_id=hire.client_id,
            client_name=names.get(hire.client_id),
            hired_on=hire.hired_on,
            recorded_at=hire.recorded_at,
            recorded_by=hire.recorded_by,
        )
        for hire, title in shown
    ]
    next_cursor = (
        encode_cursor(items[-1].recorded_at.isoformat(), items[-1].id)
        if len(rows) > limit
        else None
    )
    return Page[HireRead](items=items, next_cursor=next_cursor)
