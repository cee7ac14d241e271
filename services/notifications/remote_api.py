"""The other services as this one calls them, with its own machine token: the event feeds
(CONTRACTS §5) and the clients service's deadlines and need-to-know answer."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from services.common.client_names import (
    ClientName,
    ClientNamesApi,
    named_for_reader,
    on_behalf_of_header,
)
from services.common.errors import ServiceUnavailable
from services.common.events import EventFeed
from services.common.http import ServiceClient
from services.common.remote import refuse_unless_ok

SOURCES: tuple[str, ...] = ("clients", "employers", "referrals")


class FeedApi(ServiceClient):
    """`GET /internal/events` of one source."""

    async def page(self, after: int, limit: int) -> EventFeed:
        response = await self.request(
            "GET", "/internal/events", params={"after": str(after), "limit": limit}
        )
        if response.status_code != 200:
            raise ServiceUnavailable(
                f"The {self.service_label} feed answered {response.status_code}."
            )
        return EventFeed.model_validate_json(response.content)


class DueWorkItem(BaseModel):
    model_config = ConfigDict(extra="ignore")

    kind: Literal["contact_due", "plan_review_due"]
    client_id: uuid.UUID
    enrolment_id: uuid.UUID
    due: dt.date | None = None


class DueWork(BaseModel):
    model_config = ConfigDict(extra="ignore")

    items: list[DueWorkItem]


class TextReminder(BaseModel):
    """A booked meeting whose client may get a text reminder, as the clients service decided:
    held in memory only while the message is sent."""

    model_config = ConfigDict(extra="ignore")

    meeting_id: uuid.UUID
    starts_at: dt.datetime
    place: str | None = None
    phone: str
    language: str | None = None


class TextReminders(BaseModel):
    model_config = ConfigDict(extra="ignore")

    reminders: list[TextReminder]


class CalendarMeeting(BaseModel):
    """A meeting as a calendar may show it, asked for one person (no client names)."""

    model_config = ConfigDict(extra="ignore")

    meeting_id: uuid.UUID
    client_id: uuid.UUID | None = None
    kind: str
    status: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None = None
    place: str | None = None
    remote_link: str | None = None


class CalendarMeetings(BaseModel):
    model_config = ConfigDict(extra="ignore")

    meetings: list[CalendarMeeting]


# The most meetings the clients service answers for in one call.
CALENDAR_BATCH = 500


class ClientsApi(ClientNamesApi):
    async def due_work(self, username: str) -> list[DueWorkItem]:
        response = await self.request("GET", f"/internal/worklist/{username}")
        refuse_unless_ok(self.service_label, response)
        return DueWork.model_validate_json(response.content).items

    async def text_reminders(
        self, starts_from: dt.datetime, starts_before: dt.datetime
    ) -> list[TextReminder]:
        response = await self.request(
            "GET",
            "/internal/text-reminders",
            params={
                "starts_from": starts_from.isoformat(),
                "starts_before": starts_before.isoformat(),
            },
        )
        refuse_unless_ok(self.service_label, response)
        return TextReminders.model_validate_json(response.content).reminders

    async def calendar_meetings(
        self, meeting_ids: list[uuid.UUID], person: str
    ) -> dict[uuid.UUID, CalendarMeeting]:
        """The meetings the person takes part in and may see, asked on their behalf (the
        clients service decides, and logs each as their read); the others are left out."""
        found: dict[uuid.UUID, CalendarMeeting] = {}
        for start in range(0, len(meeting_ids), CALENDAR_BATCH):
            body = {"meeting_ids": [str(m) for m in meeting_ids[start : start + CALENDAR_BATCH]]}
            response = await self.request(
                "POST",
                "/internal/meetings/calendar",
                json=body,
                headers=on_behalf_of_header(person),
            )
            refuse_unless_ok(self.service_label, response)
            answer = CalendarMeetings.model_validate_json(response.content)
            found.update((m.meeting_id, m) for m in answer.meetings)
        return found

    async def visible_clients(
        self, client_ids: list[uuid.UUID], recipient: str, timeout_seconds: float
    ) -> dict[uuid.UUID, ClientName]:
        """The clients the recipient may be told about, with their names: the clients
        service answers for the recipient (named as the person the call is made for) under
        its own policy. Its failure tells nobody anything."""
        return await named_for_reader(
            self, client_ids, recipient, timeout_seconds, visible_only=True
        )


def shareable_names(settings: Any, named: Iterable[ClientName]) -> dict[uuid.UUID, str]:
    """The names an e-mail or a calendar may carry: none unless `client_names_outside_app`
    allows names, and never a client's under non-disclosure."""
    if not settings.client_names_outside_app:
        return {}
    return {n.client_id: name for n in named if not n.non_disclosure and (name := n.full_name)}


async def names_to_share(
    state: Any, client_ids: Iterable[uuid.UUID | None], recipient: str
) -> dict[uuid.UUID, str]:
    """The names of these clients that a message to the recipient may carry, asked for the
    recipient only when the settings allow names at all."""
    wanted = [c for c in client_ids if c is not None]
    if not wanted or not state.settings.client_names_outside_app:
        return {}
    named = await named_for_reader(
        clients_api(state), wanted, recipient, state.settings.need_to_know_timeout_seconds
    )
    return shareable_names(state.settings, named.values())


def _base_url(state: Any, service: str) -> str:
    url: str = getattr(state.settings, f"{service}_url")
    return url


def feed_api(state: Any, source: str) -> FeedApi:
    """Built per use: tests swap the shared http client and the token source after startup."""
    api = FeedApi(state.http, _base_url(state, source), state.machine_tokens)
    api.service_label = source
    return api


def clients_api(state: Any) -> ClientsApi:
    return ClientsApi(state.http, _base_url(state, "clients"), state.machine_tokens)
