"""A person's own notifications: listed, counted, read and dismissed.

Nothing is shown that the person turned off, nor anything about a client the clients
service does not let them see at the moment of asking (need-to-know is the owner's call,
made for the recipient each time, never remembered here).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.common.errors import NotFound, Unprocessable
from services.common.pagination import decode_cursor, encode_cursor
from services.notifications.inbox import repository
from services.notifications.inbox.schemas import (
    NotificationCountRead,
    NotificationPage,
    NotificationRead,
)
from services.notifications.models import Notification
from services.notifications.preferences import repository as preferences
from services.notifications.preferences.service import mode_of
from services.notifications.remote_api import clients_api, shareable_names

# The header's count looks at this many unread notifications at most.
COUNT_CEILING = 500


async def tellable(
    session: AsyncSession, state: Any, username: str, notifications: Sequence[Notification]
) -> list[Notification]:
    """The notifications the person chose to see and may be told about now."""
    shown, _ = await tellable_with_names(session, state, username, notifications)
    return shown


async def tellable_with_names(
    session: AsyncSession, state: Any, username: str, notifications: Sequence[Notification]
) -> tuple[list[Notification], dict[uuid.UUID, str]]:
    """As `tellable`, with the names of their clients that may leave the app: none unless
    the setting allows names, and never a client's under non-disclosure."""
    modes = await preferences.modes_of(session, [username])
    shown = [n for n in notifications if mode_of(modes, username, n.kind) != "off"]
    about = [n.client_id for n in shown if n.client_id is not None]
    if not about:
        return shown, {}
    visible = await clients_api(state).visible_clients(
        about, username, state.settings.need_to_know_timeout_seconds
    )
    told = [n for n in shown if n.client_id is None or n.client_id in visible]
    return told, shareable_names(state.settings, visible.values())


def _before(cursor: str | None) -> tuple[dt.datetime, uuid.UUID] | None:
    values = decode_cursor(cursor)
    if values is None:
        return None
    try:
        return dt.datetime.fromisoformat(values[0]), uuid.UUID(values[1])
    except (IndexError, TypeError, ValueError):
        raise Unprocessable.field(
            ["query", "cursor"], "The cursor is not one this list gave.", code="invalid_cursor"
        ) from None


async def list_page(
    session: AsyncSession,
    state: Any,
    username: str,
    *,
    unread_only: bool,
    cursor: str | None,
    limit: int,
) -> NotificationPage:
    rows = await repository.page_of(
        session, username, unread_only=unread_only, before=_before(cursor), limit=limit
    )
    items = await tellable(session, state, username, rows)
    # The cursor follows the rows read, so a page thinned by need-to-know never repeats.
    next_cursor = (
        encode_cursor(rows[-1].created_at.isoformat(), str(rows[-1].id))
        if len(rows) == limit
        else None
    )
    return NotificationPage(
        items=[NotificationRead.model_validate(n) for n in items], next_cursor=next_cursor
    )


async def count_unread(session: AsyncSession, state: Any, username: str) -> NotificationCountRead:
    rows = await repository.page_of(
        session, username, unread_only=True, before=None, limit=COUNT_CEILING
    )
    return NotificationCountRead(unread=len(await tellable(session, state, username, rows)))


async def _own(
    session: AsyncSession, state: Any, username: str, notification_id: uuid.UUID
) -> Notification:
    """Another person's notification, or one about a client no longer visible, is as if it
    did not exist."""
    found = await repository.own(session, username, notification_id)
    if found is None or found.dismissed_at is not None:
        raise NotFound("No such notification.", code="notification_not_found")
    if not await tellable(session, state, username, [found]):
        raise NotFound("No such notification.", code="notification_not_found")
    return found


async def mark_read(
    session: AsyncSession, state: Any, username: str, notification_id: uuid.UUID, now: dt.datetime
) -> Notification:
    found = await _own(session, state, username, notification_id)
    if found.read_at is None:
        found.read_at = now
    await session.flush()
    return found


async def dismiss(
    session: AsyncSession, state: Any, username: str, notification_id: uuid.UUID, now: dt.datetime
) -> None:
    found = await _own(session, state, username, notification_id)
    found.dismissed_at = now
    found.read_at = found.read_at or now
