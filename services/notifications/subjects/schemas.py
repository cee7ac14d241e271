"""What the notifications service holds about one client, for the clients service's
data-subject export, and what an anonymisation removed."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict, Field


class NotificationExportRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    username: str = Field(description="The person the notification was for.")
    kind: str
    object_type: str
    object_id: uuid.UUID
    due: dt.date | None
    created_at: dt.datetime
    read_at: dt.datetime | None
    dismissed_at: dt.datetime | None
    mail_done_at: dt.datetime | None


class ClientNotificationsExportRead(BaseModel):
    client_id: uuid.UUID
    notifications: list[NotificationExportRead] = Field(
        description="The reminders about the client kept for staff, oldest first: ids, kinds "
        "and dates only (this service keeps no names or text)."
    )


class ClientNotificationsAnonymisationRead(BaseModel):
    client_id: uuid.UUID
    removed: int = Field(description="Notifications about the client removed by this call.")
