"""Reads and bulk writes of the read model: few round-trips per batch of 1000 events."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    Integer,
    SmallInteger,
    String,
    Table,
    Uuid,
    any_,
    bindparam,
    delete,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.metrics.models import FeedCursor

Row = dict[str, Any]


def _on_postgres(session: AsyncSession) -> bool:
    return session.get_bind().dialect.name == "postgresql"


# PostgreSQL array types for the `unnest` bulk upsert, by column type.
_PG_TYPES: tuple[tuple[type[Any], str], ...] = (
    (Uuid, "uuid"),
    (BigInteger, "bigint"),
    (SmallInteger, "smallint"),
    (Integer, "integer"),
    (Boolean, "boolean"),
    (Date, "date"),
    (String, "text"),
)


def _pg_type(column: Any) -> str:
    for sql_type, name in _PG_TYPES:
        if isinstance(column.type, sql_type):
            return name
    raise TypeError(f"no array type for {column.name}")


def _unnest_sql(table: Table, conflict: str) -> str:
    """One statement for any number of rows: each column travels as one array parameter,
    so the statement text (and its prepared plan) is the same for every batch."""
    names = ", ".join(f'"{c.name}"' for c in table.columns)
    arrays = ", ".join(f"${n}::{_pg_type(c)}[]" for n, c in enumerate(table.columns, start=1))
    # Table and column names come from our own metadata, never from input.
    return f"INSERT INTO {table.name} ({names}) SELECT * FROM unnest({arrays}) {conflict}"  # noqa: S608


async def _pg_bulk(session: AsyncSession, table: Table, rows: Sequence[Row], conflict: str) -> None:
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    driver: Any = raw.driver_connection
    columns = [c.name for c in table.columns]
    await driver.execute(_unnest_sql(table, conflict), *([row[c] for row in rows] for c in columns))


def _upsert_clause(table: Table) -> str:
    keys = [c.name for c in table.primary_key.columns]
    others = [c.name for c in table.columns if c.name not in keys]
    updates = ", ".join(f'"{n}" = EXCLUDED."{n}"' for n in others)
    return f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates}"


def _insert(session: AsyncSession, table: Table) -> Any:
    return (
        pg_insert(table)
        if session.get_bind().dialect.name == "postgresql"
        else sqlite_insert(table)
    )


async def load_rows(
    session: AsyncSession, table: Table, key: str, ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, Row]:
    wanted = list(ids)
    if not wanted:
        return {}
    result = await session.execute(select(table).where(_among(session, table.c[key], wanted)))
    return {row[key]: dict(row) for row in result.mappings()}


def _among(session: AsyncSession, column: Any, ids: list[uuid.UUID]) -> Any:
    if _on_postgres(session):
        # One array parameter: the same statement text whatever the number of ids.
        return column == any_(bindparam("ids", ids, type_=ARRAY(Uuid)))
    return column.in_(ids)


async def upsert_rows(session: AsyncSession, table: Table, rows: Sequence[Row]) -> None:
    """Insert or replace whole rows keyed by the table's primary key."""
    if not rows:
        return
    if _on_postgres(session):
        await _pg_bulk(session, table, rows, _upsert_clause(table))
        return
    statement = _insert(session, table)
    keys = [column.name for column in table.primary_key.columns]
    statement = statement.on_conflict_do_update(
        index_elements=keys,
        set_={c.name: statement.excluded[c.name] for c in table.columns if c.name not in keys},
    )
    await session.execute(statement, list(rows))


async def insert_new_rows(session: AsyncSession, table: Table, rows: Sequence[Row]) -> None:
    """Insert rows keyed by the event's seq; a replayed event's row is already there."""
    if not rows:
        return
    if _on_postgres(session):
        await _pg_bulk(session, table, rows, "ON CONFLICT DO NOTHING")
        return
    statement = _insert(session, table).on_conflict_do_nothing()
    await session.execute(statement, list(rows))


async def add_deltas(
    session: AsyncSession, table: Table, deltas: Mapping[tuple[Any, ...], int]
) -> None:
    """Add to the stored deltas keyed by the table's primary key (in column order); sorted,
    so concurrent batches lock rows in one order."""
    keys = [c.name for c in table.primary_key.columns]
    rows = [
        {**dict(zip(keys, key, strict=True)), "delta": delta}
        for key, delta in sorted(deltas.items())
        if delta
    ]
    if not rows:
        return
    if _on_postgres(session):
        names = ", ".join(f'"{k}"' for k in keys)
        clause = f"ON CONFLICT ({names}) DO UPDATE SET delta = {table.name}.delta + EXCLUDED.delta"
        await _pg_bulk(session, table, rows, clause)
        return
    statement = _insert(session, table)
    statement = statement.on_conflict_do_update(
        index_elements=keys, set_={"delta": table.c.delta + statement.excluded.delta}
    )
    await session.execute(statement, rows)


async def load_periods(
    session: AsyncSession, table: Table, parent: str, ids: Iterable[uuid.UUID]
) -> list[Row]:
    wanted = list(ids)
    if not wanted:
        return []
    result = await session.execute(select(table).where(_among(session, table.c[parent], wanted)))
    return [dict(row) for row in result.mappings()]


async def replace_children(
    session: AsyncSession, table: Table, parent: str, ids: Iterable[uuid.UUID], rows: Sequence[Row]
) -> None:
    """The rows of the given parents are exactly `rows` afterwards (a derived table rebuilt
    per parent)."""
    wanted = list(ids)
    if not wanted:
        return
    await session.execute(delete(table).where(_among(session, table.c[parent], wanted)))
    await insert_new_rows(session, table, rows)


async def set_period_ends(
    session: AsyncSession, table: Table, parent: str, changes: Sequence[Row]
) -> None:
    """`changes`: `{parent, seq, ends_on}` rows; every row of that change set gets the end."""
    if not changes:
        return
    statement = (
        update(table)
        .where(table.c[parent] == bindparam("b_parent"), table.c.seq == bindparam("b_seq"))
        .values(ends_on=bindparam("b_ends_on"))
    )
    await session.execute(
        statement,
        [{"b_parent": c[parent], "b_seq": c["seq"], "b_ends_on": c["ends_on"]} for c in changes],
        execution_options={"synchronize_session": False},
    )


async def ensure_cursors(session: AsyncSession, sources: Iterable[str]) -> None:
    rows = [{"source": s, "last_seq": 0, "events_ingested": 0} for s in sources]
    table: Table = FeedCursor.__table__  # type: ignore[assignment]
    await session.execute(_insert(session, table).on_conflict_do_nothing(), rows)


async def cursors(session: AsyncSession) -> list[FeedCursor]:
    return list((await session.scalars(select(FeedCursor).order_by(FeedCursor.source))).all())


async def cursor_of(session: AsyncSession, source: str) -> FeedCursor | None:
    return await session.get(FeedCursor, source)


async def advance_cursor(
    session: AsyncSession,
    source: str,
    *,
    expected: int,
    to: int,
    events: int,
    caught_up_at: dt.datetime | None,
) -> bool:
    """Move the cursor if nobody else moved it meanwhile; False when somebody did."""
    values: dict[str, Any] = {
        "last_seq": to,
        "events_ingested": FeedCursor.events_ingested + events,
        "last_error": None,
    }
    if caught_up_at is not None:
        values["caught_up_at"] = caught_up_at
    result = await session.execute(
        update(FeedCursor)
        .where(FeedCursor.source == source, FeedCursor.last_seq == expected)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


async def mark_state(
    session: AsyncSession, source: str, *, caught_up_at: dt.datetime | None, error: str | None
) -> None:
    values: dict[str, Any] = {"last_error": error}
    if caught_up_at is not None:
        values["caught_up_at"] = caught_up_at
    await session.execute(
        update(FeedCursor)
        .where(FeedCursor.source == source)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
