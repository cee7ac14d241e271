from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from services.notifications.kinds import DeliveryMode, EmailMode, NotificationKind


class PreferencesRead(BaseModel):
    """Every kind with the person's choice (`off`, `app`, `app_email`), whether e-mail comes
    at once or in the daily digest, and the digest's Helsinki hour."""

    kinds: dict[NotificationKind, DeliveryMode]
    email_mode: EmailMode
    digest_hour: int = Field(ge=0, le=23)
    email: str | None = Field(None, description="Where e-mail goes (set on one's own page)")


class PreferencesUpdate(BaseModel):
    """What is given changes; a kind left out keeps its choice."""

    model_config = ConfigDict(extra="forbid")

    kinds: dict[NotificationKind, DeliveryMode] | None = None
    email_mode: EmailMode | None = None
    digest_hour: int | None = Field(None, ge=0, le=23)
