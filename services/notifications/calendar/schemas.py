from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field


class CalendarFeedRead(BaseModel):
    """The person's private calendar feed. Only a hash of its token is kept, so the address
    is shown once, when it is made; later `url` is null until the feed is revoked and a
    new one made."""

    url: str | None = Field(
        description="`webcal://…/api/v1/notifications/calendar/<token>.ics`; null when the "
        "feed was made earlier (its address cannot be shown again)"
    )
    created_at: dt.datetime
