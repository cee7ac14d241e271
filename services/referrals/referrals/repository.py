from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy import ColumnElement, Select, and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from services.referrals.models import Referral


def _with_children(query: Select[Referral], *, full: bool) -> Select[Referral]:
    query = query.options(selectinload(Referral.effects))
    if full:
        query = query.options(selectinload(Referral.history), selectinload(Referral.summary))
    return query


async def get(session: AsyncSession, referral_id: uuid.UUID) -> Referral | None:
    query = _with_children(select(Referral).where(Referral.id == referral_id), full=True)
    return (await session.scalars(query)).first()


async def claim_status(
    session: AsyncSession, referral_id: uuid.UUID, from_status: str, to_status: str
) -> bool:
    """Move the status only if it is still `from_status`: two answers cannot both win."""
    result = await session.execute(
        update(Referral)
        .where(Referral.id == referral_id, Referral.status == from_status)
        .values(status=to_status)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


async def open_duplicate(
    session: AsyncSession,
    *,
    client_id: uuid.UUID,
    kind: str,
    to_user: str | None,
    partner_id: uuid.UUID | None,
    opening_id: uuid.UUID | None,
) -> Referral | None:
    query = select(Referral).where(
        Referral.client_id == client_id,
        Referral.kind == kind,
        Referral.status.in_(("sent", "accepted")),
        Referral.to_user.is_(None) if to_user is None else Referral.to_user == to_user,
        Referral.partner_id.is_(None) if partner_id is None else Referral.partner_id == partner_id,
        Referral.opening_id.is_(None) if opening_id is None else Referral.opening_id == opening_id,
    )
    return (await session.scalars(query.limit(1))).first()


async def open_handoff(session: AsyncSession, enrolment_id: uuid.UUID) -> Referral | None:
    """The enrolment's open (sent or accepted) transfer or consultation, if any."""
    query = (
        select(Referral)
        .where(
            Referral.enrolment_id == enrolment_id,
            Referral.kind.in_(("transfer", "consultation")),
            Referral.status.in_(("sent", "accepted")),
        )
        .order_by(Referral.sent_at, Referral.id)
    )
    return (await session.scalars(query.limit(1))).first()


def ended_before(moment: dt.datetime) -> ColumnElement[bool]:
    """The referral's own life ended before `moment`: it closed (a transfer closes when its
    hand-off completes or is abandoned)."""
    # Spelled out with IS NOT NULL: a NULL comparison would make the negation NULL too.
    return and_(Referral.closed_at.is_not(None), Referral.closed_at < moment)


async def list_referrals(
    session: AsyncSession,
    *,
    inbox_of: str | None,
    outbox_of: str | None,
    everyone: bool,
    status: str | None,
    kind: str | None,
    client_id: uuid.UUID | None,
    due_before: dt.date | None,
    after: tuple[dt.datetime, uuid.UUID] | None,
    limit: int,
    ended_since: dt.datetime | None = None,
    opening_id: uuid.UUID | None = None,
    jobs_of_opening: uuid.UUID | None = None,
) -> Sequence[Referral]:
    """Newest first. `inbox_of`/`outbox_of` together mean either box; `everyone` drops both;
    `jobs_of_opening` adds the job referrals of that opening (for the holder of its lead).
    In the boxes, a referral that ended before `ended_since` is no longer listed."""
    query = select(Referral).order_by(Referral.sent_at.desc(), Referral.id.desc())
    if not everyone:
        boxes = []
        if inbox_of is not None:
            boxes.append(Referral.to_user == inbox_of)
        if outbox_of is not None:
            boxes.append(Referral.from_user == outbox_of)
        if jobs_of_opening is not None:
            boxes.append((Referral.kind == "job") & (Referral.opening_id == jobs_of_opening))
        query = query.where(or_(*boxes))
        if ended_since is not None:
            query = query.where(~ended_before(ended_since))
    if status:
        query = query.where(Referral.status == status)
    if kind:
        query = query.where(Referral.kind == kind)
    if client_id:
        query = query.where(Referral.client_id == client_id)
    if opening_id:
        query = query.where(Referral.opening_id == opening_id)
    if due_before:
        query = query.where(Referral.status == "sent", Referral.response_due < due_before)
    if after:
        sent_at, referral_id = after
        query = query.where(
            (Referral.sent_at < sent_at)
            | ((Referral.sent_at == sent_at) & (Referral.id < referral_id))
        )
    return (await session.scalars(_with_children(query.limit(limit), full=False))).all()


async def unanswered_due_before(session: AsyncSession, day: dt.date) -> Sequence[Referral]:
    query = select(Referral).where(Referral.status == "sent", Referral.response_due < day)
    return (await session.scalars(_with_children(query, full=True))).all()
