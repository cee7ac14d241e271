from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EffectKind = Literal[
    "access_grant",
    "access_revoke",
    "coordinators_transfer",
    "coordinators_add",
    "coordinators_remove",
    "coordinators_handoff_start",
    "coordinators_handoff_complete",
    "outcome_suggestion",
    "hire",
    # Kinds of effects queued before `hire`: kept so that those still stored apply.
    "lead_close",
    "opening_fill",
]
EffectStatus = Literal["pending", "applied", "failed"]


class EffectRead(BaseModel):
    """A change in another service caused by a referral; `pending` ones are being retried."""

    model_config = ConfigDict(from_attributes=True)

    name: EffectKind = Field(validation_alias="kind")
    status: EffectStatus
    attempts: int
    applied_at: dt.datetime | None
    last_error: str | None


class EffectAdminRead(EffectRead):
    referral_id: uuid.UUID
    effect_key: str
    next_attempt_at: dt.datetime
