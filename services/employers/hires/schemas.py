from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict, Field

from services.employers.fields import EffectKey


class HireRead(BaseModel):
    """A client hired to an opening through a job referral."""

    id: uuid.UUID
    referral_id: uuid.UUID
    opening_id: uuid.UUID
    opening_title: str
    employer_id: uuid.UUID
    lead_id: uuid.UUID | None
    client_id: uuid.UUID
    client_name: str | None = Field(
        description="`First Last` when the clients service lets the reader see the client; "
        "null otherwise (or when it cannot be reached). Not stored here."
    )
    hired_on: dt.date = Field(description="Helsinki date of the hire")
    recorded_at: dt.datetime
    recorded_by: str = Field(description="Username of the person who recorded the hire")


class InternalHireCreate(BaseModel):
    """A hire as an effect of a job referral completed `hired`."""

    model_config = ConfigDict(extra="forbid")

    effect_key: EffectKey
    referral_id: uuid.UUID
    opening_id: uuid.UUID
    client_id: uuid.UUID
    hired_on: dt.date


class InternalHireRead(BaseModel):
    """The hire and what it did to its opening and lead."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    referral_id: uuid.UUID
    opening_id: uuid.UUID
    employer_id: uuid.UUID
    lead_id: uuid.UUID | None
    client_id: uuid.UUID
    hired_on: dt.date
    recorded_by: str
    opening_status: str
    filled_positions: int
    positions: int
    lead_status: str | None


class HireOpeningRead(BaseModel):
    """What a job referral needs of its opening: its kind (which outcome a hire suggests)
    and who holds its lead now (who may answer the referral besides its sender)."""

    id: uuid.UUID
    employer_id: uuid.UUID
    lead_id: uuid.UUID | None
    status: str
    title: str
    kind: str
    lead_holder: str | None = Field(
        description="Username of the business coordinator the opening's lead is assigned to"
    )
