from __future__ import annotations

from typing import Literal

from pydantic import BaseModel


class SourceCatchUpRead(BaseModel):
    source: str
    events: int
    status: Literal["ok", "unavailable"]


class CatchUpRead(BaseModel):
    sources: list[SourceCatchUpRead]
