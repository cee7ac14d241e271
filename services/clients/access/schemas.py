from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict


class AccessLogEntryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    at: dt.datetime
    actor: str
    actor_roles: str
    action: str
    subject_type: str
    reason: str | None
    request_id: str | None
