from __future__ import annotations

import uuid

from pydantic import BaseModel, Field

from services.clients.pathway.schemas import CoordinatorRead


class InternalEnrolmentRead(BaseModel):
    id: uuid.UUID
    service_line: str
    state: str
    coordinators: list[CoordinatorRead]


class InternalClientRead(BaseModel):
    """No names: the SPA fetches those itself."""

    id: uuid.UUID
    municipality: str | None
    enrolments: list[InternalEnrolmentRead]


class ConsentCheckRead(BaseModel):
    covered: bool
    missing: list[str]


class AccessGrantCreate(BaseModel):
    username: str = Field(min_length=1, max_length=100)
    referral_id: uuid.UUID
