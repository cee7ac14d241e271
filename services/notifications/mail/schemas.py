from __future__ import annotations

from pydantic import BaseModel


class MailRunRead(BaseModel):
    """What one round of the timed work sent."""

    immediate: int
    digests: int
