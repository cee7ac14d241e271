from __future__ import annotations

import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict

PartnerKind = Literal["health", "social", "education", "employment", "kela", "third_sector"]


class PartnerRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    kind: PartnerKind
    description: str
    contact_email: str | None
    contact_phone: str | None
    municipality: str | None
    active: bool
