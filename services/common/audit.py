"""The access log: who read or changed which client's data, when and why.

Append-only by construction: this module only inserts and reads; no API updates or
deletes an entry. The retention purge is a command, not an endpoint.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import (
    Column,
    ForeignKey,
    Index,
    MetaData,
    String,
    Table,
    Uuid,
    delete,
    func,
    insert,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession

from services.common.auth import CurrentPrincipal, Principal
from services.common.calendar import utcnow
from services.common.db import UTCDateTime
from services.common.errors import Unprocessable
from services.common.observability import current_request_id
from services.common.text import USERNAME_PATTERN

ACCESS_REASON_HEADER = "X-Access-Reason"
ACCESS_REASON_MAX_LENGTH = 500
# A service acting for a person names them, so the access log records who caused the read.
ON_BEHALF_OF_HEADER = "X-On-Behalf-Of"


@dataclass(frozen=True, slots=True)
class AccessLogTables:
    entries: Table
    subjects: Table


def define_access_log(metadata: MetaData) -> AccessLogTables:
    entries = Table(
        "access_log",
        metadata,
        Column("id", Uuid, primary_key=True),
        Column("at", UTCDateTime(), nullable=False, index=True),
        Column("actor", String(100), nullable=False),
        Column("actor_roles", String(200), nullable=False),
        Column("action", String(50), nullable=False),
        Column("subject_type", String(50), nullable=False),
        Column("reason", String(ACCESS_REASON_MAX_LENGTH), nullable=True),
        Column("request_id", String(128), nullable=True),
    )
    subjects = Table(
        "access_log_subject",
        metadata,
        Column("entry_id", Uuid, ForeignKey("access_log.id", ondelete="CASCADE"), primary_key=True),
        Column("subject_id", Uuid, primary_key=True),
        Index("ix_access_log_subject_subject_id", "subject_id"),
    )
    return AccessLogTables(entries, subjects)


@dataclass(frozen=True, slots=True)
class AccessContext:
    """The caller and the stated reason, passed from the route to the service layer."""

    principal: Principal
    reason: str | None
    request_id: str | None
    # The person a service's own token acts for (`X-On-Behalf-Of`, honoured only for
    # machine callers holding the `internal` scope).
    on_behalf_of: str | None = None
    # The settings of the service handling the request, for policies that have settings.
    service_settings: object | None = None

    @property
    def actor(self) -> str:
        return self.on_behalf_of or self.principal.subject

    @property
    def actor_roles(self) -> str:
        if self.on_behalf_of:
            return f"via {self.principal.subject}"
        return self.principal.role_label


def header_text(value: str) -> str:
    """A header's text as its sender meant it. Headers arrive as bytes read as Latin-1, which
    is how a browser's fetch sends ä, ö and å; but the gateway's upstream client (aiohttp)
    writes header text as UTF-8, so through the gateway "ä" arrives as "Ã¤". Bytes that are
    valid UTF-8 are read as UTF-8; anything else stays Latin-1."""
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


async def access_context(request: Request, principal: CurrentPrincipal) -> AccessContext:
    reason = request.headers.get(ACCESS_REASON_HEADER)
    if reason is not None:
        reason = header_text(reason)
    on_behalf_of = request.headers.get(ON_BEHALF_OF_HEADER)
    if not (principal.is_machine and principal.has_scope("internal")):
        on_behalf_of = None
    if on_behalf_of is not None and not re.fullmatch(USERNAME_PATTERN, on_behalf_of):
        raise Unprocessable.field(
            ["header", ON_BEHALF_OF_HEADER], "Not a username.", code="invalid_username"
        )
    reason = reason.strip() if reason else None
    if reason and len(reason) > ACCESS_REASON_MAX_LENGTH:
        # Cutting the reason short would keep a different reason than the one given.
        raise Unprocessable.field(
            ["header", ACCESS_REASON_HEADER],
            f"At most {ACCESS_REASON_MAX_LENGTH} characters.",
            code="access_reason_too_long",
            params={"max": ACCESS_REASON_MAX_LENGTH},
        )
    return AccessContext(
        principal=principal,
        reason=reason or None,
        request_id=current_request_id(),
        on_behalf_of=on_behalf_of,
        service_settings=getattr(request.app.state, "settings", None),
    )


AccessDep = Annotated[AccessContext, Depends(access_context)]


@dataclass(frozen=True, slots=True)
class AccessLogEntry:
    id: uuid.UUID
    at: dt.datetime
    actor: str
    actor_roles: str
    action: str
    subject_type: str
    reason: str | None
    request_id: str | None


async def record_access(
    session: AsyncSession,
    tables: AccessLogTables,
    context: AccessContext,
    *,
    action: str,
    subject_type: str,
    subject_ids: Iterable[uuid.UUID],
) -> AccessLogEntry:
    entry = AccessLogEntry(
        id=uuid.uuid4(),
        at=utcnow(),
        actor=context.actor,
        actor_roles=context.actor_roles,
        action=action,
        subject_type=subject_type,
        reason=context.reason,
        request_id=context.request_id,
    )
    await insert_entry(session, tables, entry, subject_ids)
    return entry


async def insert_entry(
    session: AsyncSession,
    tables: AccessLogTables,
    entry: AccessLogEntry,
    subject_ids: Iterable[uuid.UUID],
) -> None:
    await session.execute(
        insert(tables.entries).values(
            id=entry.id,
            at=entry.at,
            actor=entry.actor,
            actor_roles=entry.actor_roles,
            action=entry.action,
            subject_type=entry.subject_type,
            reason=entry.reason,
            request_id=entry.request_id,
        )
    )
    unique_ids = list(dict.fromkeys(subject_ids))
    if unique_ids:
        await session.execute(
            insert(tables.subjects),
            [{"entry_id": entry.id, "subject_id": sid} for sid in unique_ids],
        )


async def existing_entry_ids(
    session: AsyncSession, tables: AccessLogTables, ids: Sequence[uuid.UUID]
) -> set[uuid.UUID]:
    rows = await session.scalars(select(tables.entries.c.id).where(tables.entries.c.id.in_(ids)))
    return set(rows)


async def entries_for_subject(
    session: AsyncSession,
    tables: AccessLogTables,
    subject_id: uuid.UUID,
    *,
    limit: int = 200,
    before: dt.datetime | None = None,
) -> Sequence[AccessLogEntry]:
    e, s = tables.entries, tables.subjects
    query = (
        select(e)
        .join(s, s.c.entry_id == e.c.id)
        .where(s.c.subject_id == subject_id)
        .order_by(e.c.at.desc(), e.c.id)
        .limit(limit)
    )
    if before is not None:
        query = query.where(e.c.at < before)
    rows = await session.execute(query)
    return [AccessLogEntry(**dict(row._mapping)) for row in rows]


async def purge_older_than(session: AsyncSession, tables: AccessLogTables, days: int) -> int:
    cutoff = utcnow() - dt.timedelta(days=days)
    old = select(tables.entries.c.id).where(tables.entries.c.at < cutoff)
    await session.execute(delete(tables.subjects).where(tables.subjects.c.entry_id.in_(old)))
    result = await session.execute(delete(tables.entries).where(tables.entries.c.at < cutoff))
    return int(getattr(result, "rowcount", 0) or 0)


async def count_entries(session: AsyncSession, tables: AccessLogTables) -> int:
    return int(
        (await session.execute(select(func.count()).select_from(tables.entries))).scalar_one()
    )
