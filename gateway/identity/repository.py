from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.models import MachineClient, RefreshToken, Revocation, User


async def get_user(session: AsyncSession, username: str) -> User | None:
    return await session.get(User, username)


async def list_users(session: AsyncSession) -> Sequence[User]:
    return (await session.scalars(select(User).order_by(User.username))).all()


async def list_staff(session: AsyncSession, *, active: bool) -> Sequence[User]:
    """The staff directory's rows (role is filtered by the caller: roles are a JSON list)."""
    query = select(User).where(User.active.is_(active)).order_by(User.username)
    return (await session.scalars(query)).all()


async def get_machine_client(session: AsyncSession, client_id: str) -> MachineClient | None:
    return await session.get(MachineClient, client_id)


async def list_machine_clients(session: AsyncSession) -> Sequence[MachineClient]:
    return (await session.scalars(select(MachineClient).order_by(MachineClient.client_id))).all()


async def add(session: AsyncSession, row: User | MachineClient | RefreshToken | Revocation) -> None:
    session.add(row)
    await session.flush()


async def refresh_token_by_hash(session: AsyncSession, token_hash: str) -> RefreshToken | None:
    return await session.scalar(select(RefreshToken).where(RefreshToken.token_hash == token_hash))


async def revoke_family(session: AsyncSession, family_id: uuid.UUID, at: dt.datetime) -> None:
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=at)
    )


async def revoke_all_for_user(session: AsyncSession, username: str, at: dt.datetime) -> None:
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.username == username, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=at)
    )


async def live_session_families(session: AsyncSession, username: str) -> set[uuid.UUID]:
    """The sessions (refresh families) of the user that a refresh could still continue."""
    query = select(RefreshToken.family_id).where(
        RefreshToken.username == username, RefreshToken.revoked_at.is_(None)
    )
    return set((await session.scalars(query)).all())


async def revocations_since(session: AsyncSession, since: dt.datetime) -> Sequence[Revocation]:
    return (await session.scalars(select(Revocation).where(Revocation.revoked_at > since))).all()


async def forget_revocations_before(session: AsyncSession, before: dt.datetime) -> None:
    await session.execute(delete(Revocation).where(Revocation.revoked_at <= before))
