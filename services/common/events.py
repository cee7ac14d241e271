"""The transactional outbox and the `GET /internal/events` feed (CONTRACTS §5).

`emit()` queues an event on the session; the transaction owner writes the queued events
just before it commits. On PostgreSQL the write takes a transaction-scoped advisory lock,
so `seq` values are handed out in commit order: a reader that has seen `seq = n` can never
later find a newly committed event below `n`. SQLite has a single writer, which gives
the same guarantee by itself.

Every event type a service emits has one pydantic model, an `EventData`, in the service's own
`events.py`; its registry goes into `define_outbox`, and `emit()` puts every event's data through
its model, so the data's shape is written once. docs/events.md explains the events, and
`make openapi` exports their JSON Schemas for the consumers (`openapi/events/`).
"""

from __future__ import annotations

import datetime as dt
import uuid
import zlib
from collections.abc import Mapping
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
    cast,
    insert,
    select,
    text,
)
from sqlalchemy.ext.asyncio import AsyncSession

from services.common.auth import Principal, require_scope
from services.common.calendar import utcnow
from services.common.db import SessionDep, UTCDateTime
from services.common.errors import Unprocessable

_PENDING_KEY = "polku_pending_events"
_OUTBOX_KEY = "polku_outbox_table"


_EVENTS_KEY = "polku_events"


class EventData(BaseModel):
    """The data of one event type, as its producer writes it. A field the model does not name
    is refused: a producer can only emit what its model, and so the exported schema, says."""

    model_config = ConfigDict(extra="forbid")


EventRegistry = Mapping[str, type[EventData]]


class InvalidEvent(TypeError):
    """An event type the outbox has no model for, or data its model refuses: a programming
    error of the producer, never something a request can cause. A `TypeError` so that no
    handler of request validation answers it as a 422."""


def define_outbox(metadata: MetaData, events: EventRegistry | None = None) -> Table:
    """The service's outbox table; `events` is every type the service emits and its model
    (a service that emits nothing gives none, and any `emit()` on it is refused)."""
    table = Table(
        "outbox",
        metadata,
        # SQLite only autoincrements an INTEGER PRIMARY KEY, hence the variant.
        Column(
            "seq",
            BigInteger().with_variant(Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        Column("id", Uuid, nullable=False, unique=True),
        Column("type", String(100), nullable=False),
        Column("occurred_at", UTCDateTime(), nullable=False),
        Column("subject_id", String(64), nullable=False),
        Column("data", JSON, nullable=False),
    )
    table.info[_EVENTS_KEY] = events if events is not None else {}
    return table


def event_registry(outbox: Table) -> EventRegistry:
    registry: EventRegistry = outbox.info.get(_EVENTS_KEY, {})
    return registry


def event_schemas(registry: EventRegistry) -> dict[str, Any]:
    """`{event_type: JSON Schema of its data}`, as stored in the outbox and served by the feed."""
    return {
        event_type: registry[event_type].model_json_schema(mode="serialization")
        for event_type in sorted(registry)
    }


def event_data_json(
    outbox: Table, event_type: str, data: EventData | Mapping[str, Any]
) -> dict[str, Any]:
    """The data as stored: checked against the type's model, in the model's JSON form.
    Only the fields given are written (`exclude_unset`), so an optional field left out stays
    absent, as docs/events.md describes it, rather than turning into a null."""
    model = event_registry(outbox).get(event_type)
    if model is None:
        raise InvalidEvent(f"{outbox.name} has no model for the event type {event_type!r}.")
    if isinstance(data, EventData):
        if type(data) is not model:
            raise InvalidEvent(f"{event_type!r} takes {model.__name__}, not {type(data).__name__}.")
        instance = data
    else:
        try:
            instance = model.model_validate(dict(data))
        except ValidationError as exc:
            raise InvalidEvent(f"{event_type!r} does not fit {model.__name__}: {exc}") from exc
    return instance.model_dump(mode="json", exclude_unset=True)


def emit(
    session: AsyncSession,
    outbox: Table,
    event_type: str,
    subject_id: uuid.UUID | str,
    data: EventData | Mapping[str, Any],
    *,
    occurred_at: dt.datetime | None = None,
) -> uuid.UUID:
    """Queue an event; it commits with the change or not at all. `data` is the type's model
    or a dict of its fields; either is checked against the model now, in the producer's
    transaction, so a wrong shape fails where it is made and never reaches a consumer."""
    event_id = uuid.uuid4()
    row = {
        "id": event_id,
        "type": event_type,
        "occurred_at": occurred_at or utcnow(),
        "subject_id": str(subject_id),
        "data": event_data_json(outbox, event_type, data),
    }
    session.info.setdefault(_PENDING_KEY, []).append(row)
    session.info[_OUTBOX_KEY] = outbox
    return event_id


async def write_pending_events(session: AsyncSession) -> None:
    rows: list[dict[str, Any]] = session.info.pop(_PENDING_KEY, [])
    outbox: Table | None = session.info.pop(_OUTBOX_KEY, None)
    if not rows or outbox is None:
        return
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        lock_key = zlib.crc32(f"polku-outbox:{outbox.name}".encode())
        await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key})
    await session.execute(insert(outbox), rows)


class EventRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    seq: int
    id: uuid.UUID
    type: str
    occurred_at: dt.datetime
    subject_id: str
    data: dict[str, Any]


class EventFeed(BaseModel):
    events: list[EventRead]
    next_cursor: str


def _parse_cursor(after: str | None) -> int:
    if after in (None, ""):
        return 0
    try:
        value = int(after)
    except ValueError:
        raise Unprocessable.field(
            ["query", "after"], "The cursor is not one this feed gave.", code="invalid_cursor"
        ) from None
    return max(value, 0)


async def read_events(
    session: AsyncSession, outbox: Table, after: int, limit: int
) -> list[dict[str, Any]]:
    """Plain rows in the column order of `EventRead`, which documents them; `data` is the
    stored JSON text, passed on as it is."""
    columns = [c for c in outbox.c if c.name != "data"]
    result = await session.execute(
        select(*columns, cast(outbox.c.data, Text).label("data"))
        .where(outbox.c.seq > after)
        .order_by(outbox.c.seq)
        .limit(limit)
    )
    # Plain `str` keys (orjson takes no subclass of it, which SQLAlchemy's names are).
    names = [str(c.name) for c in columns] + ["data"]
    return [dict(zip(names, row, strict=True)) for row in result]


def feed_body(events: list[dict[str, Any]], next_cursor: str) -> bytes:
    """The feed page as JSON. The feed is the hot path of every consumer: each event's data
    goes out as the text it was stored as, never parsed and serialised again."""
    for event in events:
        event["data"] = orjson.Fragment(event["data"])
    # `default=str`: asyncpg's own UUID type, which orjson does not know, prints as a UUID.
    return orjson.dumps(
        {"events": events, "next_cursor": next_cursor}, default=str, option=orjson.OPT_UTC_Z
    )


def events_router(outbox: Table) -> APIRouter:
    router = APIRouter(tags=["internal"])

    @router.get("/internal/events", response_model=EventFeed)
    async def list_events(
        session: SessionDep,
        _: Annotated[Principal, Depends(require_scope("events:read"))],
        after: Annotated[str | None, Query(description="Cursor from the previous page")] = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> Response:
        """Domain events in `seq` order, for the metrics service and other consumers."""
        cursor = _parse_cursor(after)
        events = await read_events(session, outbox, cursor, limit)
        next_cursor = str(events[-1]["seq"]) if events else str(cursor)
        return Response(content=feed_body(events, next_cursor), media_type="application/json")

    return router
