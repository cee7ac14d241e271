from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from services.clients.pathway.schemas import CoordinatorRead
from services.common.text import Username, free_text_rules


class InternalEnrolmentRead(BaseModel):
    id: uuid.UUID
    service_line: str
    state: str
    coordinators: list[CoordinatorRead]
    # The coach who referred it: the referrals service lets them refer the client on.
    referred_by: str | None = None


class InternalClientRead(BaseModel):
    """No names: the SPA fetches those itself."""

    id: uuid.UUID
    municipality: str | None
    enrolments: list[InternalEnrolmentRead]
    created_by: str
    # The creator is responsible until an enrolment names a coordinator.
    coordinator_named: bool
    # How the person named in `X-On-Behalf-Of` relates to the client (empty: not at all).
    caller_relations: list[str] = []


class ReportedAccess(BaseModel):
    """A read of client data made in another service, for the client's access log."""

    id: uuid.UUID
    at: dt.datetime
    actor: Username
    actor_roles: str = Field(max_length=200)
    action: str = Field(min_length=1, max_length=50)
    subject_type: str = Field(min_length=1, max_length=50)
    reason: Annotated[str, free_text_rules(max_length=500)] | None = None
    request_id: str | None = Field(None, max_length=128)
    client_ids: list[uuid.UUID] = Field(min_length=1, max_length=1000)


class ReportedAccessBatch(BaseModel):
    entries: list[ReportedAccess] = Field(min_length=1, max_length=500)


class ConsentCheckRead(BaseModel):
    covered: bool
    missing: list[str]


class AccessGrantCreate(BaseModel):
    username: Username
    referral_id: uuid.UUID


class ClientNamesQuery(BaseModel):
    client_ids: list[uuid.UUID] = Field(min_length=1, max_length=500)
    visible_only: bool = Field(
        False,
        description="Name only the clients the person in `X-On-Behalf-Of` may open under "
        "the access policy; the others are left out.",
    )


class ClientNameRead(BaseModel):
    client_id: uuid.UUID
    first_name: str
    last_name: str
    non_disclosure: bool = Field(
        False,
        description="The client is under non-disclosure (turvakielto): a service that may "
        "put names where the app cannot guard them (e-mail, calendars) leaves this one out.",
    )


class ClientNamesRead(BaseModel):
    """The names of the clients asked that exist (an anonymised or unknown id is left out),
    in the order asked."""

    items: list[ClientNameRead]


class DueWorkItemRead(BaseModel):
    """One deadline of a person's work, by ids alone: the notifications service keeps no
    names and asks for them (need-to-know decided here) only when it shows one."""

    kind: Literal["contact_due", "plan_review_due"]
    client_id: uuid.UUID
    enrolment_id: uuid.UUID
    due: dt.date = Field(
        description="The deadline: the first contact's, or the plan review's (90 days after the "
        "last review; the enrolment's start when the client's plan was never reviewed)"
    )


class DueWorkRead(BaseModel):
    """What My day computes for the person: first contacts due by tomorrow or overdue, and
    active enrolments whose plan review falls due by tomorrow or is overdue."""

    username: str
    today: dt.date
    items: list[DueWorkItemRead]


# --- Text reminders (the notifications service's `GET /internal/text-reminders`) ---


class TextReminderRead(BaseModel):
    """What a text reminder of one booked meeting needs, and nothing else about the client."""

    meeting_id: uuid.UUID
    starts_at: dt.datetime
    place: str | None
    phone: str = Field(description="The client's number in E.164 form")
    language: str | None = Field(
        description="The client's language code (fi, sv, en, …); null when not recorded"
    )


class TextRemindersRead(BaseModel):
    """The booked meetings starting in the window whose client may get a text reminder: a
    phone number, the `text_reminders` consent in force, and no non-disclosure unless the
    coordinator confirmed the reminder for that meeting."""

    reminders: list[TextReminderRead]


# --- Meetings for calendars (the notifications service's invitations and feeds) ---------

CALENDAR_MEETINGS_MAX = 500


class CalendarMeetingsQuery(BaseModel):
    meeting_ids: list[uuid.UUID] = Field(min_length=1, max_length=CALENDAR_MEETINGS_MAX)


class CalendarMeetingRead(BaseModel):
    """What a calendar entry may say: never the client's name, identity code or notes."""

    meeting_id: uuid.UUID
    client_id: uuid.UUID
    kind: str
    status: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    channel: str | None
    place: str | None = Field(description="Null also when the client is under non-disclosure")
    remote_link: str | None
    participants: list[str]
    recorded_by: str


class CalendarMeetingsRead(BaseModel):
    """The meetings asked that the person in `X-On-Behalf-Of` takes part in and may see."""

    meetings: list[CalendarMeetingRead]
