from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict

from services.employers.fields import EffectKey, Username


class HireRecord(BaseModel):
    """`/internal/hires`: a job referral completed `hired`, sent by the referrals service."""

    model_config = ConfigDict(extra="forbid")

    effect_key: EffectKey
    referral_id: uuid.UUID
    opening_id: uuid.UUID
    client_id: uuid.UUID
    hired_on: dt.date
    # The person who recorded the hire in the referrals service.
    recorded_by: Username


class HireRecorded(BaseModel):
    hire_id: uuid.UUID
    opening_status: str
    filled_positions: int
    positions: int
    lead_closed: bool


class HireRead(BaseModel):
    id: uuid.UUID
    referral_id: uuid.UUID
    opening_id: uuid.UUID
    opening_title: str
    employer_id: uuid.UUID
    lead_id: uuid.UUID | None
    client_id: uuid.UUID
    # Only when the clients service lets the reader open the client.
    client_name: str | None
    hired_on: dt.date
    recorded_at: dt.datetime
    recorded_by: str
