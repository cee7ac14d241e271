"""The service's clock: `app.state.clock`, which tests replace to move time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, Request

from services.common.calendar import utcnow

Clock = Callable[[], dt.datetime]


def now_of(state: Any) -> dt.datetime:
    clock: Clock = getattr(state, "clock", utcnow)
    return clock()


def _now(request: Request) -> dt.datetime:
    return now_of(request.app.state)


Now = Annotated[dt.datetime, Depends(_now)]
