from __future__ import annotations

import datetime as dt
import uuid

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from services.employers.codes import ActivityKind
from services.employers.fields import LongText


class ActivityCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: ActivityKind = Field(
        description="call, email, visit, meeting, ratko_workshop (job redesign), info_session, "
        "follow_up or contact"
    )
    at: AwareDatetime = Field(description="When it happened, with an offset")
    summary: LongText | None = Field(None, description="What it was about")
    agreed: LongText | None = Field(None, description="What was agreed")


class ActivityRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    employer_id: uuid.UUID
    lead_id: uuid.UUID | None
    kind: str
    at: dt.datetime
    by: str
    summary: str | None
    agreed: str | None
    created_at: dt.datetime
