"""The client page in one read: every part the caller may see, `null` for a part the policy
keeps from them (an empty list is a part they see that holds nothing yet)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import BaseModel, Field

from services.clients.pathway.schemas import (
    ContactRead,
    EnrolmentRead,
    MeetingRead,
    ResponsibilityRead,
)
from services.clients.people.schemas import ClientRead, ConsentRead
from services.clients.records.schemas import (
    FeedbackRead,
    NoteRead,
    ServiceNeedAssessmentRead,
    ServicePlanRead,
    StatusEpisodeRead,
    WorkAbilityAssessmentRead,
)

HistoryKind = Literal[
    "registered",
    "contacted",
    "first_meeting",
    "service_need_assessed",
    "plan_reviewed",
    "coordinators_changed",
    "ended",
]
HISTORY_KINDS: tuple[str, ...] = HistoryKind.__args__  # type: ignore[attr-defined]


class EnrolmentOverview(EnrolmentRead):
    contacts: list[ContactRead] | None = None
    meetings: list[MeetingRead] | None = None
    responsibilities: list[ResponsibilityRead] = Field(default_factory=list)


class HistoryEvent(BaseModel):
    """A dated step of the pathway."""

    on: dt.date
    kind: HistoryKind
    enrolment_id: uuid.UUID | None = None
    detail: str | None = Field(
        None,
        description="The service line (registered, coordinators_changed), the path "
        "(service_need_assessed) or the outcome (ended)",
    )
    people: list[str] = Field(
        default_factory=list, description="The coordinators from that day (usernames)"
    )


class ClientOverview(BaseModel):
    client: ClientRead
    relations: list[str] = Field(description="How the caller relates to the client")
    capabilities: list[str] = Field(description="What the policy lets the caller do")
    consents: list[ConsentRead] | None
    enrolments: list[EnrolmentOverview]
    service_need_assessments: list[ServiceNeedAssessmentRead] | None
    plan: ServicePlanRead | None
    notes: list[NoteRead] | None
    assessments: list[WorkAbilityAssessmentRead] | None
    status_episodes: list[StatusEpisodeRead] | None
    feedback: list[FeedbackRead] | None
    history: list[HistoryEvent]
