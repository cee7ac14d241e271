from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import BaseModel, Field

WorkKind = Literal[
    "new_clients",
    "contacts_due",
    "meetings_today",
    "no_meeting_in_14_days",
    "plans_not_reviewed",
    "registrations_to_triage",
    "exit_form_missing",
    "outcome_suggestions",
    "handoffs_overdue",
    "roadmap_next_steps",
]
WORK_KINDS: tuple[str, ...] = WorkKind.__args__  # type: ignore[attr-defined]
# How to clear an item: the step the app opens for it.
Fix = Literal[
    "record_contact",
    "record_meeting_outcome",
    "book_meeting",
    "review_plan",
    "triage_registration",
    "fill_exit_form",
    "end_enrolment",
    "complete_handoff",
    "advance_roadmap",
]


class NextStage(BaseModel):
    """The next stage of a work-ability roadmap, named as the city defines its stages."""

    key: str
    name_fi: str
    name_en: str


class WorkItem(BaseModel):
    """One thing to do about one client. Dates and working-day figures are the server's
    (Finnish working days), so the app keeps no holiday rules of its own."""

    kind: WorkKind
    client_id: uuid.UUID
    client_name: str = Field(description="First and last name")
    first_name: str
    last_name: str
    enrolment_id: uuid.UUID | None = None
    service_line: str | None = None
    due: dt.date | None = None
    working_days_overdue: int | None = None
    at: dt.datetime | None = None
    meeting_id: uuid.UUID | None = None
    status: str | None = Field(None, description="The meeting's status (meetings today)")
    detail: str | None = None
    fix: Fix | None = Field(None, description="How to clear the item (null: nothing to fix)")
    next_stage: NextStage | None = Field(None, description="Roadmap items: the stage to work on")


class WorklistRead(BaseModel):
    """The items by kind, and how many of each (`counts` names every kind)."""

    today: dt.date
    counts: dict[str, int]
    new_clients: list[WorkItem] = Field(description="Referred to me, contact not yet due")
    contacts_due: list[WorkItem]
    meetings_today: list[WorkItem]
    no_meeting_in_14_days: list[WorkItem]
    plans_not_reviewed: list[WorkItem]
    registrations_to_triage: list[WorkItem]
    exit_form_missing: list[WorkItem]
    outcome_suggestions: list[WorkItem]
    handoffs_overdue: list[WorkItem] = Field(
        description="Warm hand-offs open longer than the setting allows (both coordinators)"
    )
    roadmap_next_steps: list[WorkItem] = Field(
        default_factory=list,
        description="Work-ability roadmaps under way and their next stage (work-ability "
        "coordinators only: the roadmap is health data)",
    )


class CaseloadRow(BaseModel):
    username: str
    role: str
    open_enrolments: int
    active_enrolments: int
    target: int
    share_of_target: float


class CaseloadRead(BaseModel):
    items: list[CaseloadRow]


class UnitWorkItem(WorkItem):
    """An item of the unit view: whose work it is, by username (the app shows names)."""

    coordinators: list[str] = Field(default_factory=list)


class UnitWorklistRead(BaseModel):
    """The team lead's unit view, the clients' part: every coordinator's overdue first
    contacts, the exit forms missing, and the caseloads against their targets."""

    today: dt.date
    overdue_contacts: list[UnitWorkItem] = Field(
        description="Enrolments not contacted by `contact_due` (Finnish working days late)"
    )
    exit_forms_missing: list[UnitWorkItem] = Field(
        description="Ended enrolments without the ESF exit form, the grace period included"
    )
    caseload: list[CaseloadRow]
