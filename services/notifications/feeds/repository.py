"""The cursors of the source feeds and the little the later events need to remember."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.notifications.inbox.repository import dialect_insert
from services.notifications.models import FeedCursor, LeadTrack, ReferralTrack


async def ensure_cursors(session: AsyncSession, sources: Iterable[str]) -> None:
    rows = [{"source": s, "last_seq": 0} for s in sources]
    await session.execute(dialect_insert(session, FeedCursor).on_conflict_do_nothing(), rows)


async def cursor_of(session: AsyncSession, source: str) -> int:
    found = await session.get(FeedCursor, source)
    return found.last_seq if found else 0


async def advance_cursor(
    session: AsyncSession, source: str, *, expected: int, to: int, at: dt.datetime
) -> bool:
    """Move the cursor if nobody else moved it meanwhile (another replica applied the same
    page first); False when somebody did."""
    result = await session.execute(
        update(FeedCursor)
        .where(FeedCursor.source == source, FeedCursor.last_seq == expected)
        .values(last_seq=to, caught_up_at=at, last_error=None)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


async def mark_error(session: AsyncSession, source: str, error: str) -> None:
    await session.execute(
        update(FeedCursor).where(FeedCursor.source == source).values(last_error=error)
    )


async def referrals(
    session: AsyncSession, ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, ReferralTrack]:
    wanted = list(set(ids))
    if not wanted:
        return {}
    rows = await session.scalars(select(ReferralTrack).where(ReferralTrack.referral_id.in_(wanted)))
    return {r.referral_id: r for r in rows}


async def leads(session: AsyncSession, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, LeadTrack]:
    wanted = list(set(ids))
    if not wanted:
        return {}
    rows = await session.scalars(select(LeadTrack).where(LeadTrack.lead_id.in_(wanted)))
    return {r.lead_id: r for r in rows}


def add(session: AsyncSession, row: Any) -> None:
    session.add(row)


async def referrals_awaiting_answer(session: AsyncSession, by: dt.date) -> Sequence[ReferralTrack]:
    query = select(ReferralTrack).where(
        ReferralTrack.status == "sent",
        ReferralTrack.to_user.is_not(None),
        ReferralTrack.response_due <= by,
    )
    return (await session.scalars(query)).all()


async def leads_due(session: AsyncSession, by: dt.date) -> Sequence[LeadTrack]:
    """Open leads with a coordinator whose contact or follow-up falls due by `by`."""
    query = select(LeadTrack).where(
        LeadTrack.coordinator.is_not(None),
        (
            ((LeadTrack.stage == "new") & (LeadTrack.contact_due <= by))
            | ((LeadTrack.stage == "contacted") & (LeadTrack.follow_up_due <= by))
        ),
    )
    return (await session.scalars(query)).all()
