"""Keyset pagination: `?limit=&cursor=` → `{items, next_cursor}` on every list."""

from __future__ import annotations

import base64
import json
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel

from services.common.errors import Unprocessable

ItemT = TypeVar("ItemT")

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class Page(BaseModel, Generic[ItemT]):
    items: list[ItemT]
    next_cursor: str | None = None


def encode_cursor(*values: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(values), default=str).encode()).decode()


def decode_cursor(cursor: str | None) -> list[Any] | None:
    if not cursor:
        return None
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, TypeError):
        raise Unprocessable.field(
            ["query", "cursor"], "The cursor is not one this list gave.", code="invalid_cursor"
        ) from None
    if not isinstance(values, list):
        raise Unprocessable.field(
            ["query", "cursor"], "The cursor is not one this list gave.", code="invalid_cursor"
        )
    return values


LimitQuery = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page")]
CursorQuery = Annotated[str | None, Query(description="`next_cursor` of the previous page")]
