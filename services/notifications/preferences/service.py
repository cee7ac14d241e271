"""Each person's choices: which kinds, in the app or also by e-mail, at once or daily."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from services.common.auth import Principal
from services.common.users import UserDirectory
from services.notifications.kinds import DEFAULT_EMAIL_MODE, DEFAULT_MODE, KINDS
from services.notifications.models import Recipient
from services.notifications.preferences import repository
from services.notifications.preferences.schemas import PreferencesRead, PreferencesUpdate


def mode_of(modes: dict[tuple[str, str], str], username: str, kind: str) -> str:
    return modes.get((username, kind), DEFAULT_MODE)


def digest_hour_of(recipient: Recipient | None, default_hour: int) -> int:
    if recipient is None or recipient.digest_hour is None:
        return default_hour
    return recipient.digest_hour


async def _me(session: AsyncSession, username: str) -> Recipient:
    await repository.ensure_recipients(session, [username])
    found = await repository.recipient(session, username)
    assert found is not None
    return found


async def read(
    session: AsyncSession, principal: Principal, users: UserDirectory, default_hour: int
) -> PreferencesRead:
    me = principal.username
    recipient = await repository.recipient(session, me)
    modes = await repository.modes_of(session, [me])
    member = await users.get(me)
    return PreferencesRead(
        kinds={kind: mode_of(modes, me, kind) for kind in KINDS},
        email_mode=recipient.email_mode if recipient else DEFAULT_EMAIL_MODE,
        digest_hour=digest_hour_of(recipient, default_hour),
        email=member.email if member else None,
    )


async def update(
    session: AsyncSession,
    principal: Principal,
    users: UserDirectory,
    data: PreferencesUpdate,
    default_hour: int,
) -> PreferencesRead:
    recipient = await _me(session, principal.username)
    if data.kinds:
        await repository.set_modes(
            session, principal.username, {str(k): str(v) for k, v in data.kinds.items()}
        )
    if data.email_mode is not None:
        recipient.email_mode = data.email_mode
    if "digest_hour" in data.model_fields_set:
        recipient.digest_hour = data.digest_hour
    await session.flush()
    return await read(session, principal, users, default_hour)
