"""Calls from the other services (scope `internal`): ids, states and consents, no names."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

from pydantic_core import PydanticCustomError
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.access import service as access
from services.clients.catalogue.schemas import CONSENT_PURPOSES
from services.clients.internal import repository
from services.clients.internal.schemas import (
    AccessGrantCreate,
    CalendarMeetingRead,
    CalendarMeetingsQuery,
    CalendarMeetingsRead,
    ClientNameRead,
    ClientNamesQuery,
    ClientNamesRead,
    ConsentCheckRead,
    DueWorkItemRead,
    DueWorkRead,
    InternalClientRead,
    InternalEnrolmentRead,
    ReportedAccessBatch,
    TextReminderRead,
    TextRemindersRead,
)
from services.clients.models import Client, Meeting, access_log
from services.clients.pathway.schemas import CoordinatorRead
from services.clients.people.schemas import normalise_phone
from services.clients.staff import StaffDirectory, staff_member
from services.clients.worklist.service import PLAN_REVIEW_DAYS
from services.common import audit
from services.common.audit import AccessContext
from services.common.auth import Principal
from services.common.calendar import helsinki_today, utcnow
from services.common.errors import NotFound, Unprocessable


async def _existing(session: AsyncSession, client_id: uuid.UUID) -> None:
    client = await repository.get_client(session, client_id)
    if client is None or client.anonymised_at is not None:
        raise NotFound("No such client.", code="client_not_found")


async def read_client(
    session: AsyncSession, context: AccessContext, directory: StaffDirectory, client_id: uuid.UUID
) -> InternalClientRead:
    client = await repository.get_client(session, client_id)
    if client is None or client.anonymised_at is not None:
        raise NotFound("No such client.", code="client_not_found")
    await access.log(session, context, "internal_read", [client_id])
    enrolments = await repository.enrolments_of(session, client_id)
    relations: frozenset[str] = frozenset()
    if context.on_behalf_of:
        member = await staff_member(directory, context.on_behalf_of)
        if member is not None:
            person = Principal(subject=member.username, roles=member.roles)
            relations = await access.relations_of(session, context, client, person)
    return InternalClientRead(
        caller_relations=sorted(relations),
        id=client.id,
        municipality=client.municipality,
        created_by=client.created_by,
        coordinator_named=any(e.coordinators for e in enrolments),
        enrolments=[
            InternalEnrolmentRead(
                id=e.id,
                service_line=e.service_line,
                state=e.state,
                referred_by=e.referred_by,
                coordinators=[CoordinatorRead.model_validate(c) for c in e.coordinators],
            )
            for e in enrolments
        ],
    )


async def _may_open(
    session: AsyncSession,
    context: AccessContext,
    client: Client,
    person: Principal | None,
    capability: access.Capability = access.Capability.PROFILE,
) -> bool:
    """Whether the person may read the field class of the client's record under the access
    policy (by default its profile: may open it): some relation of theirs grants it (an
    administrator's only with a stated reason)."""
    if person is None:
        return False
    relations = await access.relations_of(session, context, client, person)
    if relations == {access.Relation.ADMIN} and not context.reason:
        return False
    return any(capability in access.POLICY[r] for r in relations)


async def client_names(
    session: AsyncSession,
    context: AccessContext,
    directory: StaffDirectory,
    data: ClientNamesQuery,
) -> ClientNamesRead:
    """Names for another service's list, read for the person it acts for: each client's
    access log records the read as theirs (`read_name`). Without `visible_only` the calling
    service has already decided that the person may see its own objects about these
    clients; with it, only the clients the person may open here are named."""
    if context.on_behalf_of is None:
        raise Unprocessable.field(
            ["header", audit.ON_BEHALF_OF_HEADER],
            "Names are read for a person: name them in X-On-Behalf-Of.",
            code="on_behalf_of_required",
        )
    asked = list(dict.fromkeys(data.client_ids))
    found = {c.id: c for c in await repository.names_of(session, asked)}
    named = [found[i] for i in asked if i in found]
    if data.visible_only:
        member = await staff_member(directory, context.on_behalf_of)
        person = Principal(subject=member.username, roles=member.roles) if member else None
        named = [c for c in named if await _may_open(session, context, c, person)]
    items = [
        ClientNameRead(
            client_id=c.id,
            first_name=c.first_name,
            last_name=c.last_name,
            non_disclosure=c.non_disclosure,
        )
        for c in named
    ]
    for item in items:
        await access.log(session, context, "read_name", [item.client_id])
    return ClientNamesRead(items=items)


async def record_reported_access(session: AsyncSession, batch: ReportedAccessBatch) -> None:
    """Reads made in another service land in the clients' own access log; a batch sent
    again after a lost answer adds nothing (entries keep their ids)."""
    known = await audit.existing_entry_ids(session, access_log, [e.id for e in batch.entries])
    for entry in batch.entries:
        if entry.id in known:
            continue
        await audit.insert_entry(
            session,
            access_log,
            audit.AccessLogEntry(**entry.model_dump(exclude={"client_ids"})),
            entry.client_ids,
        )


async def check_consents(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID, purposes: str
) -> ConsentCheckRead:
    asked = [p.strip() for p in purposes.split(",") if p.strip()]
    unknown = [p for p in asked if p not in CONSENT_PURPOSES]
    if not asked or unknown:
        raise Unprocessable.field(
            ["query", "purposes"],
            f"Unknown purposes: {', '.join(unknown) or '(none given)'}.",
            code="unknown_consent_purposes",
            params={"purposes": unknown},
        )
    await _existing(session, client_id)
    await access.log(session, context, "internal_consent_check", [client_id])
    held = await repository.active_consent_purposes(session, client_id)
    missing = [p for p in asked if p not in held]
    return ConsentCheckRead(covered=not missing, missing=missing)


async def grant_access(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID, data: AccessGrantCreate
) -> None:
    await _existing(session, client_id)
    if await repository.grant_for(session, data.referral_id, data.username):
        return
    repository.add_grant(session, client_id, data.username, data.referral_id, utcnow())
    await access.log(session, context, "internal_grant_access", [client_id])


async def revoke_access(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID, referral_id: uuid.UUID
) -> None:
    now = utcnow()
    for grant in await repository.grant_for(session, referral_id):
        if grant.client_id == client_id and grant.revoked_at is None:
            grant.revoked_at = now
    await access.log(session, context, "internal_revoke_access", [client_id])


async def due_work(session: AsyncSession, context: AccessContext, username: str) -> DueWorkRead:
    """The person's deadlines as My day computes them, from the same queries, for their
    reminders: a deadline is worth telling the day before it and every day it is late."""
    today = helsinki_today()
    tomorrow = today + dt.timedelta(days=1)
    items = [
        DueWorkItemRead(kind="contact_due", client_id=c.id, enrolment_id=e.id, due=e.contact_due)
        for e, c in await repository.awaiting_contact(session, username)
        if e.contact_due <= tomorrow
    ]
    # A plan reviewed on day D falls due on D + 90: due by tomorrow means no review since
    # tomorrow - 89 days. A client with no reviewed plan has owed one since the enrolment
    # began, as My day shows it.
    since = tomorrow - dt.timedelta(days=PLAN_REVIEW_DAYS - 1)
    items += [
        DueWorkItemRead(
            kind="plan_review_due",
            client_id=c.id,
            enrolment_id=e.id,
            due=reviewed_on + dt.timedelta(days=PLAN_REVIEW_DAYS)
            if reviewed_on
            else e.registered_on,
        )
        for e, c, reviewed_on in await repository.plans_not_reviewed_since(session, username, since)
    ]
    await access.log(session, context, "internal_due_work", [i.client_id for i in items])
    return DueWorkRead(username=username, today=today, items=items)


# --- Text reminders (the notifications service's `GET /internal/text-reminders`) ---

TEXT_REMINDER_PURPOSE = "text_reminders"
TEXT_REMINDER_WINDOW = dt.timedelta(hours=48)
# The access-log entry of a reminder is named by the meeting and its start (see below).
_TEXT_REMINDER_ENTRIES = uuid.UUID("6f1d2a4e-1c55-4b8e-9a51-2f4f7f0c9d3b")
_CALENDAR_ENTRIES = uuid.UUID("0c8f3e51-7a2b-4d6e-8f19-5b3a9c2e7d40")


def _e164(phone: str | None) -> str | None:
    """The number as an SMS gateway takes it; one that does not parse gets no reminder."""
    if not phone:
        return None
    try:
        return normalise_phone(phone)
    except PydanticCustomError:
        return None


def _check_window(starts_from: dt.datetime, starts_before: dt.datetime) -> None:
    if starts_before <= starts_from or starts_before - starts_from > TEXT_REMINDER_WINDOW:
        raise Unprocessable.field(
            ["query", "starts_before"],
            "The window must end after it starts and span at most 48 hours.",
            code="text_reminder_window_invalid",
            params={"max_hours": TEXT_REMINDER_WINDOW // dt.timedelta(hours=1)},
        )


def _remindable(meeting: Meeting, client: Client, consenting: set[uuid.UUID]) -> bool:
    # Under non-disclosure the phone may be in other hands: only the coordinator, who knows
    # the client's situation, can say that a message about this meeting is safe.
    if client.non_disclosure and not meeting.text_reminder_confirmed:
        return False
    return client.id in consenting


async def _log_reminders(
    session: AsyncSession, context: AccessContext, reminded: list[tuple[Meeting, Client]]
) -> None:
    """One entry per reminder in its client's access log, as a read made for the person who
    booked the meeting. The notifications service asks every round until it has sent the
    reminder, so the entry's id comes from the meeting and its start: asking again adds
    nothing, and a moved meeting (a new reminder) is logged anew."""
    for meeting, client in reminded:
        person = dataclasses.replace(context, on_behalf_of=meeting.recorded_by)
        key = uuid.uuid5(_TEXT_REMINDER_ENTRIES, f"{meeting.id}/{meeting.at.isoformat()}")
        await _log_once(session, person, key, "text_reminder", client.id)


async def _log_once(
    session: AsyncSession,
    context: AccessContext,
    entry_id: uuid.UUID,
    action: str,
    client_id: uuid.UUID,
) -> None:
    """An access-log entry whose id the caller derives from what it records, so that asking
    again for the same thing adds nothing."""
    entry = audit.AccessLogEntry(
        id=entry_id,
        at=utcnow(),
        actor=context.actor,
        actor_roles=context.actor_roles,
        action=action,
        subject_type="client",
        reason=None,
        request_id=context.request_id,
    )
    await repository.add_access_entry_once(session, entry, client_id)


async def text_reminders(
    session: AsyncSession,
    context: AccessContext,
    starts_from: dt.datetime,
    starts_before: dt.datetime,
) -> TextRemindersRead:
    _check_window(starts_from, starts_before)
    booked = await repository.booked_meetings_between(session, starts_from, starts_before)
    consenting = await repository.clients_consenting(
        session, {client.id for _, client in booked}, TEXT_REMINDER_PURPOSE
    )
    reminders: list[TextReminderRead] = []
    reminded: list[tuple[Meeting, Client]] = []
    for meeting, client in booked:
        phone = _e164(client.phone)
        if phone is None or not _remindable(meeting, client, consenting):
            continue
        reminded.append((meeting, client))
        reminders.append(
            TextReminderRead(
                meeting_id=meeting.id,
                starts_at=meeting.at,
                place=meeting.place,
                phone=phone,
                language=client.language,
            )
        )
    await _log_reminders(session, context, reminded)
    return TextRemindersRead(reminders=reminders)


# --- Meetings for calendars (the notifications service's invitations and feeds) ---------

# Meetings are part of the pathway in the access policy.
PATHWAY = access.Capability.PATHWAY


async def calendar_meetings(
    session: AsyncSession,
    context: AccessContext,
    directory: StaffDirectory,
    data: CalendarMeetingsQuery,
) -> CalendarMeetingsRead:
    """The meetings asked that the person named in `X-On-Behalf-Of` takes part in (as a
    participant or the one who booked it) and may see here. A calendar entry leaves the
    service in an e-mail or a feed, so under non-disclosure it never says where."""
    if context.on_behalf_of is None:
        raise Unprocessable.field(
            ["header", audit.ON_BEHALF_OF_HEADER],
            "Meetings are read for a person: name them in X-On-Behalf-Of.",
            code="on_behalf_of_required",
        )
    member = await staff_member(directory, context.on_behalf_of)
    if member is None:
        return CalendarMeetingsRead(meetings=[])
    person = Principal(subject=member.username, roles=member.roles)
    asked = list(dict.fromkeys(data.meeting_ids))
    found = {m.id: (m, c) for m, c in await repository.meetings_with_clients(session, asked)}
    seen: dict[uuid.UUID, bool] = {}
    logged: set[uuid.UUID] = set()
    today = helsinki_today()
    meetings: list[CalendarMeetingRead] = []
    for meeting_id in asked:
        if meeting_id not in found:
            continue
        meeting, client = found[meeting_id]
        if client.anonymised_at is not None:
            continue
        if person.username not in (*meeting.participants, meeting.recorded_by):
            continue
        if client.id not in seen:
            seen[client.id] = await _may_open(session, context, client, person, PATHWAY)
        if not seen[client.id]:
            continue
        meetings.append(
            CalendarMeetingRead(
                meeting_id=meeting.id,
                client_id=client.id,
                kind=meeting.kind,
                status=meeting.status,
                starts_at=meeting.at,
                ends_at=meeting.ends_at,
                channel=meeting.channel,
                place=None if client.non_disclosure else meeting.place,
                remote_link=meeting.remote_link,
                participants=list(meeting.participants),
                recorded_by=meeting.recorded_by,
            )
        )
        if client.id not in logged:
            # Calendar programs poll the feed all day: one entry per person, client and day
            # says who read what as well as one per poll would, without flooding the log.
            key = uuid.uuid5(_CALENDAR_ENTRIES, f"{person.username}/{client.id}/{today}")
            await _log_once(session, context, key, "read_meeting_calendar", client.id)
            logged.add(client.id)
    return CalendarMeetingsRead(meetings=meetings)
