from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict, Field

from services.notifications.kinds import NotificationKind


class NotificationRead(BaseModel):
    """Ids and a kind only: the app fetches the object (and any name) from its owner."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: NotificationKind
    object_type: str = Field(description="`referral`, `lead` or `client`")
    object_id: uuid.UUID
    due: dt.date | None = Field(None, description="The deadline (a Helsinki date), if any")
    created_at: dt.datetime
    read_at: dt.datetime | None


class NotificationPage(BaseModel):
    items: list[NotificationRead]
    next_cursor: str | None = None


class NotificationCountRead(BaseModel):
    unread: int
