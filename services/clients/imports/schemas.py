from __future__ import annotations

import uuid
from typing import Any, Literal

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
    """One problem of one row: `code` (with `params`) for the app to say, `message` in
    English for the log; reports stored before codes existed have none."""

    row: int
    column: str
    message: str
    code: str | None = None
    params: dict[str, Any] | None = None


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
