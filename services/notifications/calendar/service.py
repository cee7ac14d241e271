"""Meetings in calendars: iCalendar (RFC 5545) invitations by e-mail, and each person's
private feed.

The feed of the clients service says only that a meeting changed (`meeting.recorded`, with
the staff usernames involved). At sending time the clients service is asked, on behalf of
each person, for the meetings they take part in and may see, so its need-to-know policy
decides what anyone is told; it gives no client names and no place under non-disclosure.
A client's name is asked for separately, for the same person, only when the settings allow
names outside the app (`client_names_outside_app`), and is never kept.
This service keeps per meeting and person only the invitation's `SEQUENCE`, the times, the
status and a hash of the place, to notice a move. An invitation goes out inside the
transaction that claims (meeting, person, sequence), so two replicas send each once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from typing import Any, Protocol
from urllib.parse import urlsplit

import icalendar
import structlog
from fastapi import FastAPI
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from services.common.calendar import HELSINKI
from services.common.errors import NotFound, ServiceUnavailable
from services.common.events import EventRead
from services.common.remote import RemoteRefusal
from services.common.text import USERNAME_PATTERN
from services.common.users import StaffMember
from services.notifications.calendar import repository
from services.notifications.calendar.schemas import CalendarFeedRead
from services.notifications.clock import now_of
from services.notifications.models import CalendarChange, CalendarInvitation
from services.notifications.remote_api import CalendarMeeting, clients_api, names_to_share

_log = structlog.get_logger("polku.notifications.calendar")

# Changes taken per round; the rest wait for the next one.
CHANGES_PER_ROUND = 500
FEED_DAYS_BACK = 30
# A meeting booked without an end shows as this long.
DEFAULT_LENGTH = dt.timedelta(hours=1)
FEED_PATH = "/api/v1/notifications/calendar"
# `secrets.token_urlsafe(32)` gives 43 characters; anything else is no token of ours.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")
PRODID = "-//Polku//Meetings//FI"
DASH = "\u2013"  # between the start and the end, as both languages write a span

KIND_TEXT: dict[str, dict[str, str]] = {
    "first": {"fi": "Ensitapaaminen", "en": "First meeting"},
    "follow_up": {"fi": "Seurantatapaaminen", "en": "Follow-up meeting"},
    "tripartite": {"fi": "Kolmikantainen tapaaminen", "en": "Tripartite meeting"},
}
OTHER_KIND = {"fi": "Tapaaminen", "en": "Meeting"}
WORDS = {
    "fi": {
        "REQUEST": "Kalenterikutsu",
        "UPDATE": "Tapaaminen on muuttunut",
        "CANCEL": "Tapaaminen on peruttu",
        "attached": "Kalenterimerkintä on liitteenä.",
        "link": "Etäyhteys",
        "open": "Avaa Polussa",
    },
    "en": {
        "REQUEST": "Calendar invitation",
        "UPDATE": "A meeting has changed",
        "CANCEL": "A meeting has been cancelled",
        "attached": "The calendar entry is attached.",
        "link": "Remote link",
        "open": "Open in Polku",
    },
}


class FeedBatch(Protocol):
    """What the handler needs of the feeds' batch: its transaction and its time."""

    session: AsyncSession
    at: dt.datetime


def meeting_recorded(batch: FeedBatch, event: EventRead, data: dict[str, Any]) -> None:
    """`meeting.recorded`: remember that the meeting changed, and whom to ask about it."""
    named = [*(data.get("participants") or []), data.get("recorded_by")]
    people = sorted({p for p in named if isinstance(p, str) and re.fullmatch(USERNAME_PATTERN, p)})
    change = CalendarChange(
        meeting_id=uuid.UUID(event.subject_id), seq=event.seq, changed_at=batch.at, people=people
    )
    repository.add_change(batch.session, change)


# --- what an entry says -----------------------------------------------------------------


def _language(member: StaffMember | None) -> str:
    return "fi" if member is None or member.language == "fi" else "en"


def summary_of(kind: str | None, language: str, client_name: str | None = None) -> str:
    """The meeting's kind; the client's name only where the settings let it leave the app."""
    text = KIND_TEXT.get(kind or "", OTHER_KIND)[language]
    return f"{text}: {client_name}" if client_name else text


def place_hash(meeting_id: uuid.UUID, meeting: CalendarMeeting) -> str | None:
    """Notices a changed place or link without keeping either."""
    if meeting.place is None and meeting.remote_link is None:
        return None
    text = f"{meeting_id}\n{meeting.place or ''}\n{meeting.remote_link or ''}"
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Entry:
    """One meeting as one person's calendar shows it."""

    meeting_id: uuid.UUID
    kind: str | None
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    cancelled: bool
    sequence: int
    place: str | None = None
    remote_link: str | None = None
    client_name: str | None = None

    @property
    def uid(self) -> str:
        return f"meeting-{self.meeting_id}@polku"

    @property
    def end(self) -> dt.datetime:
        return self.ends_at or self.starts_at + DEFAULT_LENGTH


def entry_of(
    meeting: CalendarMeeting, sequence: int, names: Mapping[uuid.UUID, str] | None = None
) -> Entry:
    return Entry(
        meeting_id=meeting.meeting_id,
        kind=meeting.kind,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        cancelled=meeting.status == "cancelled",
        sequence=sequence,
        place=meeting.place,
        remote_link=meeting.remote_link,
        client_name=(names or {}).get(meeting.client_id) if meeting.client_id else None,
    )


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC)


def _event(entry: Entry, language: str, now: dt.datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", entry.uid)
    event.add("sequence", entry.sequence)
    event.add("dtstamp", _utc(now))
    event.add("dtstart", _utc(entry.starts_at))
    event.add("dtend", _utc(entry.end))
    event.add("summary", summary_of(entry.kind, language, entry.client_name))
    if entry.place:
        event.add("location", entry.place)
    if entry.remote_link:
        event.add("url", entry.remote_link)
        event.add("description", f"{WORDS[language]['link']}: {entry.remote_link}")
    event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    return event


def _calendar(method: str | None) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    return calendar


def invitation_ics(
    entry: Entry, method: str, language: str, now: dt.datetime, *, organizer: str, attendee: str
) -> str:
    calendar = _calendar(method)
    event = _event(entry, language, now)
    # iMIP (RFC 6047): calendar programs take a REQUEST or CANCEL as an invitation only with
    # its organizer and the attendee it is for.
    event.add("organizer", f"mailto:{organizer}")
    event.add("attendee", f"mailto:{attendee}")
    calendar.add_component(event)
    text: str = calendar.to_ical().decode()
    return text


def feed_ics(entries: Iterable[Entry], language: str, now: dt.datetime) -> bytes:
    calendar = _calendar(None)
    calendar.add("x-wr-calname", "Polku")
    for entry in entries:
        calendar.add_component(_event(entry, language, now))
    data: bytes = calendar.to_ical()
    return data


def _when(entry: Entry, language: str) -> str:
    start, end = entry.starts_at.astimezone(HELSINKI), entry.end.astimezone(HELSINKI)
    if language == "fi":
        day = f"{start.day}.{start.month}.{start.year}"
        return f"{day} klo {start:%H.%M}{DASH}{end:%H.%M}"
    return f"{start.date().isoformat()} {start:%H:%M}{DASH}{end:%H:%M} (Finnish time)"


def invitation_mail(
    member: StaffMember,
    entry: Entry,
    method: str,
    *,
    sender: str,
    app_url: str,
    now: dt.datetime,
) -> EmailMessage:
    assert member.email is not None
    language = _language(member)
    words = WORDS[language]
    headline = words[
        "CANCEL" if method == "CANCEL" else "REQUEST" if entry.sequence == 0 else "UPDATE"
    ]
    what = f"{summary_of(entry.kind, language, entry.client_name)}, {_when(entry, language)}"
    message = EmailMessage()
    message["From"] = sender
    message["To"] = member.email
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain="polku")
    message["Subject"] = f"Polku: {headline}: {what}"
    body = f"{headline}: {what}\n\n{words['attached']}\n{words['open']}: {app_url.rstrip('/')}/\n"
    message.set_content(body)
    organizer = parseaddr(sender)[1] or sender
    ics = invitation_ics(entry, method, language, now, organizer=organizer, attendee=member.email)
    message.add_alternative(ics, subtype="calendar", params={"method": method})
    return message


# --- sending ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Step:
    """What one person is sent of one meeting now (None: nothing)."""

    method: str
    entry: Entry


def _calendar_status(status: str | None) -> bool:
    return status == "cancelled"


def next_step(
    row: CalendarInvitation,
    meeting: CalendarMeeting | None,
    names: Mapping[uuid.UUID, str] | None = None,
) -> Step | None:
    """Compare what the person was sent with the meeting as the clients service now tells
    it to them. A meeting marked held or missed is no news to a calendar: only the time,
    the place and a cancellation make an update."""
    sequence = row.sequence + 1
    if meeting is None:
        # No longer theirs to see or take part in: taken off their calendar, if it was there.
        if not row.active or row.starts_at is None:
            return None
        entry = Entry(row.meeting_id, row.kind, row.starts_at, row.ends_at, True, sequence)
        return Step("CANCEL", entry)
    cancelled = meeting.status == "cancelled"
    same = (
        row.starts_at == meeting.starts_at
        and row.ends_at == meeting.ends_at
        and row.place_hash == place_hash(row.meeting_id, meeting)
        and _calendar_status(row.status) == cancelled
    )
    if row.active and same:
        return None
    if cancelled and not row.active:
        return None  # never invited, or already told it is off
    return Step("CANCEL" if cancelled else "REQUEST", entry_of(meeting, sequence, names))


def _remember(
    row: CalendarInvitation, meeting: CalendarMeeting | None, step: Step | None, at: dt.datetime
) -> None:
    if step is not None:
        row.sequence = step.entry.sequence
        row.active = step.method == "REQUEST"
    if meeting is not None:
        row.kind, row.status = meeting.kind, meeting.status
        row.starts_at, row.ends_at = meeting.starts_at, meeting.ends_at
        row.place_hash = place_hash(row.meeting_id, meeting)
    row.updated_at = at


async def _member(state: Any, username: str) -> StaffMember | None:
    member: StaffMember | None = await state.users.get(username)
    return member if member is not None and member.active else None


async def _send_to(app: FastAPI, username: str, meeting_ids: Sequence[uuid.UUID]) -> int:
    """One person's invitations of these meetings, in one transaction with one call to
    the clients service; a failure rolls it back and the meetings wait for the next round."""
    state = app.state
    settings = state.settings
    member = await _member(state, username)
    mailable = member is not None and bool(member.email)
    now = now_of(state)
    sent = 0
    async with state.database.transaction() as session:
        rows = await repository.lock_invitations(session, username, meeting_ids, now)
        meetings = await clients_api(state).calendar_meetings(list(meeting_ids), username)
        names = await names_to_share(state, (m.client_id for m in meetings.values()), username)
        for row in rows:
            meeting = meetings.get(row.meeting_id)
            step = next_step(row, meeting, names)
            if step is not None:
                # A meeting already over is no news to a calendar (one recorded afterwards,
                # or marked held ahead of its time): kept, and in the feed, but not mailed.
                mail = mailable and step.entry.end > now
                claimed = await repository.claim(
                    session, row, step.entry.sequence, step.method, now, mailed=mail
                )
                if not claimed:
                    continue  # another replica sent this one
                if mail and member is not None:
                    message = invitation_mail(
                        member,
                        step.entry,
                        step.method,
                        sender=settings.mail_from,
                        app_url=settings.app_url,
                        now=now,
                    )
                    await state.mailer.send(message)
                    sent += 1
            _remember(row, meeting, step, now)
    return sent


async def send_invitations(app: FastAPI) -> int:
    """The invitations, updates and cancellations of the meetings changed since the last
    round; how many e-mails went out."""
    database = app.state.database
    async with database.transaction() as session:
        changes = await repository.pending_changes(session, CHANGES_PER_ROUND)
        upto: dict[uuid.UUID, int] = {}
        wanted: dict[str, set[uuid.UUID]] = defaultdict(set)
        for change in changes:
            upto[change.meeting_id] = max(change.seq, upto.get(change.meeting_id, 0))
            for person in change.people:
                wanted[person].add(change.meeting_id)
        # Those who have it in their calendar, to be told if they were taken off it.
        for row in await repository.in_calendars(session, upto):
            wanted[row.username].add(row.meeting_id)
    sent = 0
    for username in sorted(wanted):
        meeting_ids = sorted(wanted[username])
        try:
            sent += await _send_to(app, username, meeting_ids)
        except (ServiceUnavailable, RemoteRefusal, ValidationError, OSError) as exc:
            # The clients service or the mail server is down: these meetings wait.
            _log.warning(
                "invitations_not_sent", error=type(exc).__name__, meetings=len(meeting_ids)
            )
            for meeting_id in meeting_ids:
                upto.pop(meeting_id, None)
    if upto:
        async with database.transaction() as session:
            await repository.forget_changes(session, upto)
    return sent


# --- the private feed -------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feed_url(app_url: str, token: str) -> str:
    return f"webcal://{urlsplit(app_url).netloc}{FEED_PATH}/{token}.ics"


async def read_feed(
    session: AsyncSession, username: str, app_url: str, now: dt.datetime
) -> CalendarFeedRead:
    """The person's feed, made on first asking: the address is shown then and never again
    (only the token's SHA-256 is kept)."""
    existing = await repository.feed_of(session, username)
    if existing is not None:
        return CalendarFeedRead(url=None, created_at=existing.created_at)
    token = secrets.token_urlsafe(32)
    if not await repository.add_feed(session, username, _token_hash(token), now):
        made = await repository.feed_of(session, username)
        return CalendarFeedRead(url=None, created_at=made.created_at if made else now)
    return CalendarFeedRead(url=feed_url(app_url, token), created_at=now)


async def revoke_feed(session: AsyncSession, username: str) -> None:
    await repository.delete_feed(session, username)


def _feed_not_found() -> NotFound:
    return NotFound("No such calendar feed.", code="calendar_feed_not_found")


async def feed_calendar(session: AsyncSession, state: Any, token: str, now: dt.datetime) -> bytes:
    """The meetings of the feed's owner from 30 days back on, as the clients service tells
    them to that person now. An unknown or revoked token, or one of a person no longer
    active, is 404."""
    if not TOKEN_PATTERN.fullmatch(token):
        raise _feed_not_found()
    feed = await repository.feed_by_hash(session, _token_hash(token))
    if feed is None:
        raise _feed_not_found()
    member = await _member(state, feed.username)
    if member is None:
        raise _feed_not_found()
    since = now - dt.timedelta(days=FEED_DAYS_BACK)
    rows = await repository.invited_since(session, feed.username, since)
    meetings: dict[uuid.UUID, CalendarMeeting] = {}
    if rows:
        meetings = await clients_api(state).calendar_meetings(
            [r.meeting_id for r in rows], feed.username
        )
    names = await names_to_share(state, (m.client_id for m in meetings.values()), feed.username)
    entries = [
        entry_of(meetings[r.meeting_id], r.sequence, names)
        for r in rows
        if r.meeting_id in meetings
    ]
    return feed_ics(entries, _language(member), now)
