"""The typed client of the employers service's internal API (docs/internal-api.md)."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, ConfigDict

from services.common.http import ServiceClient
from services.common.remote import refuse_unless_ok


class OpeningInfo(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: uuid.UUID
    employer_id: uuid.UUID
    lead_id: uuid.UUID | None = None
    status: str
    title: str | None = None


class EmployersApi(ServiceClient):
    service_label = "employers"

    async def get_opening(self, opening_id: uuid.UUID) -> OpeningInfo | None:
        response = await self.request("GET", f"/internal/openings/{opening_id}")
        if response.status_code == 404:
            return None
        refuse_unless_ok(self.service_label, response)
        return OpeningInfo.model_validate(response.json())

    async def close_lead(self, lead_id: uuid.UUID, *, effect_key: str, reason: str) -> None:
        response = await self.request(
            "POST",
            f"/internal/leads/{lead_id}/close",
            json={"effect_key": effect_key, "reason": reason},
        )
        refuse_unless_ok(self.service_label, response)

    async def fill_opening(self, opening_id: uuid.UUID, *, effect_key: str) -> None:
        response = await self.request(
            "POST", f"/internal/openings/{opening_id}/fill", json={"effect_key": effect_key}
        )
        refuse_unless_ok(self.service_label, response)
