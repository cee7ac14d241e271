"""The data subject's rights over what this service holds, asked for by the clients service
(it owns the client, the retention rule and the export).

Only reminders for staff are kept about a client, and only by ids, kinds and dates. The
anonymisation removes them: once a client's record is anonymised there is nothing left to be
reminded of, and a kept row would still tie a person's work to that client.
"""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from services.notifications.subjects import repository
from services.notifications.subjects.schemas import (
    ClientNotificationsAnonymisationRead,
    ClientNotificationsExportRead,
    NotificationExportRead,
)


async def export(session: AsyncSession, client_id: uuid.UUID) -> ClientNotificationsExportRead:
    rows = await repository.notifications_about(session, client_id)
    return ClientNotificationsExportRead(
        client_id=client_id,
        notifications=[NotificationExportRead.model_validate(row) for row in rows],
    )


async def anonymise(
    session: AsyncSession, client_id: uuid.UUID
) -> ClientNotificationsAnonymisationRead:
    removed = await repository.remove_notifications_about(session, client_id)
    return ClientNotificationsAnonymisationRead(client_id=client_id, removed=removed)
