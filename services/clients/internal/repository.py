"""The internal API reads through the other domains' repositories; its own queries only where
no domain has one (a window of meetings, the meetings a calendar asks for)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Collection, Sequence

from sqlalchemy import insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.access.repository import (
    active_consent_purposes,
    add_grant,
    get_client,
    grant_for,
)
from services.clients.models import (
    OPEN_ENROLMENT_STATES,
    Client,
    Consent,
    Enrolment,
    Meeting,
    access_log,
)
from services.clients.pathway.repository import enrolments_of
from services.clients.people.repository import names_of
from services.clients.worklist.repository import awaiting_contact, plans_not_reviewed_since
from services.common.audit import AccessLogEntry

__all__ = [
    "active_consent_purposes",
    "add_grant",
    "awaiting_contact",
    "enrolments_of",
    "get_client",
    "grant_for",
    "names_of",
    "plans_not_reviewed_since",
]


# --- Text reminders (the notifications service's `GET /internal/text-reminders`) ---
# The queries of this folder's own: a window of meetings across every client, which no
# domain's repository needs, and an access-log entry written once by its id.


async def booked_meetings_between(
    session: AsyncSession, starts_from: dt.datetime, starts_before: dt.datetime
) -> Sequence[tuple[Meeting, Client]]:
    """Scheduled meetings of open enrolments of clients not anonymised, starting in
    `[starts_from, starts_before)`, soonest first."""
    query = (
        select(Meeting, Client)
        .join(Enrolment, Enrolment.id == Meeting.enrolment_id)
        .join(Client, Client.id == Enrolment.client_id)
        .where(
            Meeting.status == "scheduled",
            Meeting.at >= starts_from,
            Meeting.at < starts_before,
            Enrolment.state.in_(OPEN_ENROLMENT_STATES),
            Client.anonymised_at.is_(None),
        )
        .order_by(Meeting.at, Meeting.id)
    )
    return [(meeting, client) for meeting, client in (await session.execute(query)).all()]


async def clients_consenting(
    session: AsyncSession, client_ids: Collection[uuid.UUID], purpose: str
) -> set[uuid.UUID]:
    """Which of the clients hold a consent in force for the purpose."""
    if not client_ids:
        return set()
    rows = await session.scalars(
        select(Consent.client_id).where(
            Consent.client_id.in_(list(client_ids)),
            Consent.purpose == purpose,
            Consent.withdrawn_at.is_(None),
        )
    )
    return set(rows)


async def add_access_entry_once(
    session: AsyncSession, entry: AccessLogEntry, client_id: uuid.UUID
) -> None:
    """The entry unless one with its id is there: two callers asking at once both find none
    before either commits, and the later insert waits for the earlier and then does nothing."""
    dialect_insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = (
        dialect_insert(access_log.entries)
        .values(**dataclasses.asdict(entry))
        .on_conflict_do_nothing(index_elements=["id"])
    )
    if getattr(await session.execute(statement), "rowcount", 0):
        await session.execute(
            insert(access_log.subjects).values(entry_id=entry.id, subject_id=client_id)
        )


# --- Meetings for calendars (the notifications service's invitations and feeds) ---------


async def meetings_with_clients(
    session: AsyncSession, meeting_ids: Sequence[uuid.UUID]
) -> Sequence[tuple[Meeting, Client]]:
    """The meetings asked, each with its client (for the need-to-know question)."""
    query = (
        select(Meeting, Client)
        .join(Enrolment, Enrolment.id == Meeting.enrolment_id)
        .join(Client, Client.id == Enrolment.client_id)
        .where(Meeting.id.in_(list(meeting_ids)))
    )
    return [(m, c) for m, c in await session.execute(query)]
