"""The people's choices, and the people the feeds named."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.notifications.inbox.repository import dialect_insert
from services.notifications.models import KindPreference, Recipient


async def ensure_recipients(session: AsyncSession, usernames: Iterable[str]) -> None:
    rows = [{"username": u, "email_mode": "digest"} for u in sorted(set(usernames)) if u]
    if rows:
        statement = dialect_insert(session, Recipient).on_conflict_do_nothing()
        await session.execute(statement, rows)


async def recipient(session: AsyncSession, username: str) -> Recipient | None:
    return await session.get(Recipient, username)


async def recipients(session: AsyncSession) -> Sequence[Recipient]:
    return (await session.scalars(select(Recipient).order_by(Recipient.username))).all()


async def due_unchecked_since(session: AsyncSession, since: dt.datetime) -> Sequence[Recipient]:
    query = select(Recipient).where(
        or_(Recipient.due_checked_at.is_(None), Recipient.due_checked_at < since)
    )
    return (await session.scalars(query.order_by(Recipient.username))).all()


async def mark_due_checked(session: AsyncSession, username: str, at: dt.datetime) -> None:
    await session.execute(
        update(Recipient).where(Recipient.username == username).values(due_checked_at=at)
    )


async def modes_of(session: AsyncSession, usernames: Iterable[str]) -> dict[tuple[str, str], str]:
    """(username, kind) → mode, for the choices made."""
    wanted = sorted(set(usernames))
    if not wanted:
        return {}
    rows = await session.scalars(select(KindPreference).where(KindPreference.username.in_(wanted)))
    return {(r.username, r.kind): r.mode for r in rows}


async def set_modes(session: AsyncSession, username: str, modes: dict[str, str]) -> None:
    if not modes:
        return
    statement = dialect_insert(session, KindPreference)
    statement = statement.on_conflict_do_update(
        index_elements=["username", "kind"], set_={"mode": statement.excluded.mode}
    )
    await session.execute(
        statement, [{"username": username, "kind": k, "mode": m} for k, m in modes.items()]
    )
