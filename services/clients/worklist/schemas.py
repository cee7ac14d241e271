from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel


class WorkItem(BaseModel):
    """One thing to do about one client (names for the coordinator's own list only)."""

    client_id: uuid.UUID
    first_name: str
    last_name: str
    enrolment_id: uuid.UUID | None = None
    service_line: str | None = None
    due: dt.date | None = None
    working_days_overdue: int | None = None
    at: dt.datetime | None = None
    detail: str | None = None


class WorklistRead(BaseModel):
    today: dt.date
    contacts_due: list[WorkItem]
    meetings_today: list[WorkItem]
    no_meeting_in_14_days: list[WorkItem]
    plans_not_reviewed: list[WorkItem]
    registrations_to_triage: list[WorkItem]
    exit_form_missing: list[WorkItem]
    outcome_suggestions: list[WorkItem]


class CaseloadRow(BaseModel):
    username: str
    role: str
    open_enrolments: int
    active_enrolments: int
    target: int
    share_of_target: float


class CaseloadRead(BaseModel):
    items: list[CaseloadRow]
