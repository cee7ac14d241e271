"""Following the other services' event feeds, and finding the deadlines due.

A page of events, the notifications it makes and the cursor's move commit together, so a
crash replays the page. Replays and duplicates change nothing: a notification is keyed by
its person and what it is about (`dedup_key`), and the referral and lead rows remember the
`seq` of the last event applied. Only ids, kinds, usernames and dates are taken.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from typing import Any

import structlog
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from services.common.calendar import helsinki_today
from services.common.db import Database
from services.common.errors import ServiceUnavailable
from services.common.events import EventRead
from services.common.remote import RemoteRefusal
from services.notifications.calendar.service import meeting_recorded
from services.notifications.clock import now_of
from services.notifications.feeds import repository
from services.notifications.feeds.schemas import CatchUpRead, SourceCatchUpRead
from services.notifications.inbox import repository as inbox
from services.notifications.models import LeadTrack, ReferralTrack
from services.notifications.preferences import repository as people
from services.notifications.remote_api import SOURCES, clients_api, feed_api

_log = structlog.get_logger("polku.notifications.feeds")

PAGE = 500
Row = dict[str, Any]


def notification(
    username: str,
    kind: str,
    object_type: str,
    object_id: uuid.UUID,
    at: dt.datetime,
    *,
    client_id: uuid.UUID | None = None,
    due: dt.date | None = None,
) -> Row:
    return {
        "id": uuid.uuid4(),
        "username": username,
        "kind": kind,
        "object_type": object_type,
        "object_id": object_id,
        "client_id": client_id,
        "due": due,
        # A deadline that moves is a new reminder; the same one found again is not.
        "dedup_key": f"{kind}:{object_id}:{due.isoformat() if due else ''}",
        "created_at": at,
    }


def _uuid(value: Any) -> uuid.UUID | None:
    return uuid.UUID(str(value)) if value else None


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value else None


class Batch:
    """One page of one feed, folded into notifications and tracked rows."""

    def __init__(self, session: AsyncSession, at: dt.datetime) -> None:
        self.session = session
        self.at = at
        self.notifications: list[Row] = []
        self.people: set[str] = set()
        self.referrals: dict[uuid.UUID, ReferralTrack] = {}
        self.leads: dict[uuid.UUID, LeadTrack] = {}

    def tell(
        self, username: str | None, kind: str, object_type: str, object_id: uuid.UUID, **kw: Any
    ) -> None:
        if username:
            self.people.add(username)
            self.notifications.append(
                notification(username, kind, object_type, object_id, self.at, **kw)
            )

    async def load(self, events: list[EventRead]) -> None:
        subjects = {
            prefix: [uuid.UUID(e.subject_id) for e in events if e.type.startswith(prefix)]
            for prefix in ("referral.", "lead.")
        }
        self.referrals = await repository.referrals(self.session, subjects["referral."])
        self.leads = await repository.leads(self.session, subjects["lead."])

    def apply(self, event: EventRead) -> None:
        handler = HANDLERS.get(event.type)
        if handler is None:
            return
        try:
            handler(self, event, event.data)
        except (KeyError, ValueError, TypeError):
            # A malformed event must not stall the feed; logged by id only.
            _log.warning("event_skipped", event_id=str(event.id), type=event.type)

    async def write(self) -> None:
        await people.ensure_recipients(self.session, self.people)
        await inbox.add_new(self.session, self.notifications)

    def referral_of(self, event: EventRead) -> ReferralTrack | None:
        track = self.referrals.get(uuid.UUID(event.subject_id))
        if track is None or track.last_seq >= event.seq:
            return None  # unknown (sent before this service followed) or a replay
        track.last_seq = event.seq
        return track

    def lead_of(self, event: EventRead) -> LeadTrack | None:
        track = self.leads.get(uuid.UUID(event.subject_id))
        if track is None or track.last_seq >= event.seq:
            return None
        track.last_seq = event.seq
        return track


def _coordinators(batch: Batch, _: EventRead, data: dict[str, Any]) -> None:
    # The people whose deadlines the clients service keeps: asked on the next sweep.
    batch.people.update(c["username"] for c in data.get("coordinators") or [])


def _referral_sent(batch: Batch, event: EventRead, data: dict[str, Any]) -> None:
    referral_id = uuid.UUID(event.subject_id)
    if referral_id in batch.referrals:
        return  # a replay
    track = ReferralTrack(
        referral_id=referral_id,
        kind=data["kind"],
        client_id=_uuid(data.get("client_id")),
        from_user=data.get("from_user"),
        to_user=data.get("to_user"),
        status="sent",
        response_due=_date(data.get("response_due")),
        last_seq=event.seq,
    )
    repository.add(batch.session, track)
    batch.referrals[referral_id] = track
    batch.people.update(u for u in (track.from_user, track.to_user) if u)
    batch.tell(
        track.to_user, "referral_received", "referral", referral_id, client_id=track.client_id
    )


def _referral_answered(batch: Batch, event: EventRead, data: dict[str, Any]) -> None:
    track = batch.referral_of(event)
    if track is None:
        return
    accepted = event.type == "referral.accepted"
    track.status = "accepted" if accepted else "declined"
    referral = track.referral_id
    batch.tell(
        track.from_user, "referral_answered", "referral", referral, client_id=track.client_id
    )
    if accepted and track.kind == "transfer":
        # A warm hand-off waits for both of them until one completes it.
        for person in (track.from_user, track.to_user):
            batch.tell(person, "handoff_waiting", "referral", referral, client_id=track.client_id)


def _lead_received(batch: Batch, event: EventRead, data: dict[str, Any]) -> None:
    lead_id = uuid.UUID(event.subject_id)
    if lead_id in batch.leads:
        return
    track = LeadTrack(
        lead_id=lead_id,
        coordinator=data.get("coordinator"),
        contact_due=_date(data.get("contact_due")),
        stage="new",
        last_seq=event.seq,
    )
    repository.add(batch.session, track)
    batch.leads[lead_id] = track
    batch.tell(track.coordinator, "lead_assigned", "lead", lead_id)


def _lead_assigned(batch: Batch, event: EventRead, data: dict[str, Any]) -> None:
    track = batch.lead_of(event)
    if track is not None:
        track.coordinator = data.get("coordinator")
        batch.tell(track.coordinator, "lead_assigned", "lead", track.lead_id)


def _lead_contacted(batch: Batch, event: EventRead, data: dict[str, Any]) -> None:
    track = batch.lead_of(event)
    if track is not None and track.stage == "new":
        track.stage = "contacted"
        track.follow_up_due = _date(data.get("follow_up_due"))


def _import_finished(batch: Batch, event: EventRead, data: dict[str, Any]) -> None:
    import_id = _uuid(data.get("import_id"))
    if import_id is not None:
        batch.tell(data.get("started_by"), "import_finished", "import", import_id)


def _becomes(field: str, value: str) -> Callable[[Batch, EventRead, dict[str, Any]], None]:
    """An event that only moves a referral's status or a lead's stage."""

    def fold(batch: Batch, event: EventRead, _: dict[str, Any]) -> None:
        track = batch.referral_of(event) if field == "status" else batch.lead_of(event)
        if track is not None:
            setattr(track, field, value)

    return fold


HANDLERS: dict[str, Callable[[Batch, EventRead, dict[str, Any]], None]] = {
    "enrolment.registered": _coordinators,
    "enrolment.coordinators_changed": _coordinators,
    "referral.sent": _referral_sent,
    "referral.accepted": _referral_answered,
    "referral.declined": _referral_answered,
    "referral.reopened": _becomes("status", "sent"),
    "referral.cancelled": _becomes("status", "cancelled"),
    "referral.expired": _becomes("status", "expired"),
    "referral.completed": _becomes("status", "completed"),
    "lead.received": _lead_received,
    "lead.assigned": _lead_assigned,
    "lead.contacted": _lead_contacted,
    "lead.followed_up": _becomes("stage", "followed_up"),
    "lead.closed": _becomes("stage", "closed"),
    "import.finished": _import_finished,
    "meeting.recorded": meeting_recorded,
}


# --- catching up ------------------------------------------------------------------------


class CursorMoved(RuntimeError):
    """Another replica applied this page first; the next round starts from its cursor."""


def _locks(app: FastAPI) -> dict[str, asyncio.Lock]:
    locks: dict[str, asyncio.Lock] | None = getattr(app.state, "feed_locks", None)
    if locks is None:
        locks = app.state.feed_locks = {source: asyncio.Lock() for source in SOURCES}
    return locks


async def catch_up_source(app: FastAPI, source: str) -> int:
    """Read one feed to its end; the number of events read."""
    database: Database = app.state.database
    read = 0
    async with _locks(app)[source]:
        async with database.transaction() as session:
            await repository.ensure_cursors(session, SOURCES)
            cursor = await repository.cursor_of(session, source)
        api = feed_api(app.state, source)
        while True:
            page = await api.page(cursor, PAGE)
            events = [e for e in page.events if e.seq > cursor]
            if not events:
                return read
            async with database.transaction() as session:
                batch = Batch(session, now_of(app.state))
                await batch.load(events)
                for event in events:
                    batch.apply(event)
                await batch.write()
                moved = await repository.advance_cursor(
                    session, source, expected=cursor, to=events[-1].seq, at=batch.at
                )
                if not moved:
                    raise CursorMoved(source)
            cursor = events[-1].seq
            read += len(events)
            if len(page.events) < PAGE:
                return read


async def catch_up(app: FastAPI, sources: Iterable[str] = SOURCES) -> CatchUpRead:
    """Every feed read to its end; a source that is down is reported, not fatal."""
    names = list(sources)
    results = await asyncio.gather(
        *(catch_up_source(app, s) for s in names), return_exceptions=True
    )
    report = []
    for source, result in zip(names, results, strict=True):
        if isinstance(result, BaseException):
            if not isinstance(result, Exception):
                raise result
            _log.warning("feed_unavailable", source=source, error=type(result).__name__)
            async with app.state.database.transaction() as session:
                await repository.mark_error(session, source, type(result).__name__)
            report.append(SourceCatchUpRead(source=source, events=0, status="unavailable"))
        else:
            report.append(SourceCatchUpRead(source=source, events=result, status="ok"))
    return CatchUpRead(sources=report)


# --- the deadlines ----------------------------------------------------------------------

# A reminder of a deadline goes when the deadline does (the contact made, the referral
# answered, the lead contacted, or the date moved), read or not: it would otherwise sit in
# the list and the digest as work still to do. Reminders of what happened stay.
TRACKED_DEADLINES = ("referral_expiring", "lead_contact_due", "follow_up_due")
CLIENT_DEADLINES = ("contact_due", "plan_review_due")


def _keys(rows: list[Row]) -> list[tuple[str, str]]:
    return [(row["username"], row["dedup_key"]) for row in rows]


async def sweep_due(app: FastAPI, *, force: bool = False) -> int:
    """Reminders of what falls due by tomorrow or is late: the leads' and the referrals'
    from this service's own rows, the clients' from the clients service (as My day
    computes them), asked per person at most every `due_sweep_seconds`."""
    state = app.state
    now = now_of(state)
    tomorrow = helsinki_today(now) + dt.timedelta(days=1)
    rows: list[Row] = []
    async with state.database.transaction() as session:
        for referral in await repository.referrals_awaiting_answer(session, tomorrow):
            rows.append(
                notification(
                    referral.to_user or "",
                    "referral_expiring",
                    "referral",
                    referral.referral_id,
                    now,
                    client_id=referral.client_id,
                    due=referral.response_due,
                )
            )
        for lead in await repository.leads_due(session, tomorrow):
            new = lead.stage == "new"
            rows.append(
                notification(
                    lead.coordinator or "",
                    "lead_contact_due" if new else "follow_up_due",
                    "lead",
                    lead.lead_id,
                    now,
                    due=lead.contact_due if new else lead.follow_up_due,
                )
            )
        await inbox.add_new(session, rows)
        await inbox.remove_stale(session, TRACKED_DEADLINES, _keys(rows))
        since = now - dt.timedelta(seconds=0 if force else state.settings.due_sweep_seconds)
        people_to_ask = [r.username for r in await people.due_unchecked_since(session, since)]
    api = clients_api(state)
    for username in people_to_ask:
        try:
            items = await api.due_work(username)
        except (ServiceUnavailable, RemoteRefusal) as exc:
            _log.warning("due_work_unavailable", error=type(exc).__name__)
            break
        found = [
            notification(
                username,
                item.kind,
                "client",
                item.client_id,
                now,
                client_id=item.client_id,
                due=item.due,
            )
            for item in items
        ]
        async with state.database.transaction() as session:
            await inbox.add_new(session, found)
            await inbox.remove_stale(session, CLIENT_DEADLINES, _keys(found), username=username)
            await people.mark_due_checked(session, username, now)
        rows += found
    return len(rows)
