from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel


class SourceCatchUp(BaseModel):
    source: str
    ingested: int
    status: Literal["ok", "unavailable"]
    cursor: int | None = None


class CatchUpRead(BaseModel):
    sources: list[SourceCatchUp]
    data_as_of: dt.datetime | None
