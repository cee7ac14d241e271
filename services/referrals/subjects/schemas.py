"""What the referrals service holds about one client, for the clients service's
data-subject export, and what an anonymisation changed."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

# Stored values are given as they are (codes as plain strings), so that an export never
# fails on a value an older version of the service wrote.


class HandoverPartExportRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    position: int
    heading: str | None
    text: str
    sensitivity: str


class StateChangeExportRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    at: dt.datetime
    by: str
    from_status: str | None
    to_status: str
    reason: str | None


class EffectExportRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    position: int
    effect_key: str
    kind: str
    payload: dict[str, Any]
    status: str
    attempts: int
    created_at: dt.datetime
    next_attempt_at: dt.datetime
    applied_at: dt.datetime | None
    last_error: str | None


class ReferralExportRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: str
    client_id: uuid.UUID
    enrolment_id: uuid.UUID | None
    from_user: str
    from_role: str
    to_user: str | None
    to_role: str | None
    partner_id: uuid.UUID | None
    partner_kind: str | None
    opening_id: uuid.UUID | None
    employer_id: uuid.UUID | None
    lead_id: uuid.UUID | None
    message: str | None
    status: str
    decline_reason: str | None
    result: str | None
    sent_at: dt.datetime
    response_due: dt.date
    responded_at: dt.datetime | None
    closed_at: dt.datetime | None
    summary: list[HandoverPartExportRead] = Field(
        description="The whole hand-over summary, health parts included."
    )
    history: list[StateChangeExportRead]
    effects: list[EffectExportRead] = Field(description="Payloads as stored.")


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


class ClientExportRead(BaseModel):
    client_id: uuid.UUID
    referrals: list[ReferralExportRead] = Field(description="Oldest first.")
    access_log: list[AccessLogEntryRead] = Field(
        description="This service's access-log entries naming the client, newest first."
    )


class ClientAnonymisationRead(BaseModel):
    client_id: uuid.UUID
    referrals: int = Field(description="Referrals held about the client.")
    changed: int = Field(description="Referrals whose free text was replaced by this call.")
