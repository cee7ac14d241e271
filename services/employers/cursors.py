"""Keyset cursors of the service's lists: a sort value and the row id."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import TypeVar

from services.common.errors import Unprocessable
from services.common.pagination import decode_cursor

SortValue = TypeVar("SortValue")


def _decode(
    cursor: str | None, parse: Callable[[str], SortValue]
) -> tuple[SortValue, uuid.UUID] | None:
    position = decode_cursor(cursor)
    if not position:
        return None
    try:
        value, row_id = position
        return parse(str(value)), uuid.UUID(str(row_id))
    except ValueError:
        raise Unprocessable.field(
            ["query", "cursor"], "The cursor is not one this list gave.", code="invalid_cursor"
        ) from None


def name_and_id(cursor: str | None) -> tuple[str, uuid.UUID] | None:
    return _decode(cursor, str)


def moment_and_id(cursor: str | None) -> tuple[dt.datetime, uuid.UUID] | None:
    return _decode(cursor, dt.datetime.fromisoformat)


def date_and_id(cursor: str | None) -> tuple[dt.date, uuid.UUID] | None:
    return _decode(cursor, dt.date.fromisoformat)
