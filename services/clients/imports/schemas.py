from __future__ import annotations

import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict

ImportStatus = Literal["queued", "running", "done", "failed"]
COLUMNS = (
    "external_ref",
    "last_name",
    "first_name",
    "personal_identity_code",
    "birth_year",
    "gender",
    "municipality",
    "language",
    "registered_on",
    "service_line",
    "coordinator",
    "referred_by",
    "first_contact_on",
    "first_meeting_on",
    "ended_on",
    "outcome",
)


class RowProblem(BaseModel):
    row: int
    column: str
    message: str


class ImportAccepted(BaseModel):
    id: uuid.UUID
    status: ImportStatus


class ImportRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    status: ImportStatus
    dry_run: bool
    total_rows: int
    processed_rows: int
    created: int
    updated: int
    errors: list[RowProblem]
    warnings: list[RowProblem]
    failure: str | None
