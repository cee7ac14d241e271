"""Hires: a client hired to an opening through a job referral of the referrals service.

Each hire fills one position of its opening; the opening is `filled` when all of its
positions are, and the opening's lead closes `hired` when none of its openings is left
open. The referrals service records a hire as an effect, so a hire is recorded once per
referral however often the effect is retried.
"""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from services.common.auth import Principal
from services.common.calendar import utcnow
from services.common.client_names import ClientNamesApi, names_for_reader
from services.common.errors import Conflict, NotFound
from services.common.events import emit
from services.common.pagination import Page, encode_cursor
from services.employers import cursors
from services.employers.config import EmployersSettings
from services.employers.employers import service as employers
from services.employers.events import HireRecorded
from services.employers.hires import repository
from services.employers.hires.schemas import (
    HireOpeningRead,
    HireRead,
    InternalHireCreate,
    InternalHireRead,
)
from services.employers.leads import service as leads
from services.employers.models import Hire, Lead, Opening, outbox
from services.employers.openings import service as openings
from services.employers.openings.schemas import OpeningUpdate


async def _opening(session: AsyncSession, opening_id: uuid.UUID) -> Opening:
    opening = await repository.opening_for_update(session, opening_id)
    if opening is None:
        raise NotFound("No such opening.", code="opening_not_found")
    return opening


async def _lead_of(session: AsyncSession, lead_id: uuid.UUID | None) -> Lead | None:
    return await repository.get_lead(session, lead_id) if lead_id else None


async def hire_opening(session: AsyncSession, opening_id: uuid.UUID) -> HireOpeningRead:
    opening = await _opening(session, opening_id)
    lead = await _lead_of(session, opening.lead_id)
    return HireOpeningRead(
        id=opening.id,
        employer_id=opening.employer_id,
        lead_id=opening.lead_id,
        status=opening.status,
        title=opening.title,
        kind=opening.kind,
        lead_holder=lead.coordinator if lead is not None else None,
    )


async def _internal_read(session: AsyncSession, hire: Hire) -> InternalHireRead:
    opening = await _opening(session, hire.opening_id)
    lead = await _lead_of(session, hire.lead_id)
    return InternalHireRead(
        id=hire.id,
        referral_id=hire.referral_id,
        opening_id=hire.opening_id,
        employer_id=hire.employer_id,
        lead_id=hire.lead_id,
        client_id=hire.client_id,
        hired_on=hire.hired_on,
        recorded_by=hire.recorded_by,
        opening_status=opening.status,
        filled_positions=opening.filled_positions,
        positions=opening.positions,
        lead_status=lead.status if lead is not None else None,
    )


async def record_hire(
    session: AsyncSession, data: InternalHireCreate, recorded_by: str
) -> InternalHireRead:
    """Record the hire, fill one position and close the lead once nothing is left open.

    `recorded_by` is the person who completed the referral: the opening's and the lead's
    changes and their events name them, as when they change them here themselves."""
    already = await repository.hire_of_referral(session, data.referral_id)
    if already is not None:
        return await _internal_read(session, already)
    opening = await _opening(session, data.opening_id)
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
        recorded_by=recorded_by,
    )
    await repository.add_hire(session, hire)
    person = Principal(subject=recorded_by)
    if opening.status == "open":
        repository.count_position_filled(opening)
        full = opening.filled_positions >= opening.positions
        change = OpeningUpdate(status="filled") if full else OpeningUpdate()
        await openings.update_opening(session, opening.employer_id, opening.id, change, person)
    emit(
        session,
        outbox,
        "hire.recorded",
        hire.id,
        HireRecorded(
            hire_id=hire.id,
            referral_id=hire.referral_id,
            opening_id=hire.opening_id,
            employer_id=hire.employer_id,
            lead_id=hire.lead_id,
            client_id=hire.client_id,
            hired_on=hire.hired_on,
        ),
    )
    # A cancelled opening has nothing left to fill: only openings still open keep the
    # lead open.
    if hire.lead_id is not None and not await repository.openings_still_open(session, hire.lead_id):
        await leads.close_for_effect(session, hire.lead_id, "hired", person)
    return await _internal_read(session, hire)


async def hire_page(
    session: AsyncSession,
    names_api: ClientNamesApi,
    settings: EmployersSettings,
    reader: Principal,
    *,
    employer_id: uuid.UUID,
    opening_id: uuid.UUID | None,
    lead_id: uuid.UUID | None,
    cursor: str | None,
    limit: int,
) -> Page[HireRead]:
    """The employer's hires, newest first; the clients service names only the clients the
    reader may open (each name it gives is in that client's access log)."""
    await employers.get_employer(session, employer_id)
    rows = await repository.list_hires(
        session,
        employer_id=employer_id,
        opening_id=opening_id,
        lead_id=lead_id,
        before=cursors.moment_and_id(cursor),
        limit=limit + 1,
    )
    page = rows[:limit]
    names = await names_for_reader(
        names_api,
        [hire.client_id for hire, _ in page],
        reader.username,
        settings.names_timeout_seconds,
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
        for hire, title in page
    ]
    next_cursor = (
        encode_cursor(items[-1].recorded_at.isoformat(), items[-1].id)
        if len(rows) > limit
        else None
    )
    return Page[HireRead](items=items, next_cursor=next_cursor)
