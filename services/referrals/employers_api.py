"""The typed client of the employers service's internal API (docs/internal-api.md)."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict

from services.common.client_names import on_behalf_of_header
from services.common.http import ServiceClient
from services.common.remote import refuse_unless_ok


class OpeningInfo(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: uuid.UUID
    employer_id: uuid.UUID
    lead_id: uuid.UUID | None = None
    status: str
    title: str | None = None
    kind: str | None = None
    # Who holds the opening's lead now: they answer the opening's job referrals too.
    lead_holder: str | None = None


class EmployersApi(ServiceClient):
    service_label = "employers"

    async def get_opening(self, opening_id: uuid.UUID) -> OpeningInfo | None:
        """The opening with its kind and the holder of its lead, as they are now."""
        response = await self.request("GET", f"/internal/hires/openings/{opening_id}")
        if response.status_code == 404:
            return None
        refuse_unless_ok(self.service_label, response)
        return OpeningInfo.model_validate(response.json())

    async def record_hire(
        self,
        *,
        effect_key: str,
        referral_id: uuid.UUID,
        opening_id: uuid.UUID,
        client_id: uuid.UUID,
        hired_on: dt.date,
        on_behalf_of: str | None,
    ) -> None:
        response = await self.request(
            "POST",
            "/internal/hires",
            json={
                "effect_key": effect_key,
                "referral_id": str(referral_id),
                "opening_id": str(opening_id),
                "client_id": str(client_id),
                "hired_on": hired_on.isoformat(),
            },
            headers=on_behalf_of_header(on_behalf_of),
        )
        refuse_unless_ok(self.service_label, response)

    # The two calls below apply only effects queued before hires were recorded one by
    # one (kinds `lead_close` and `opening_fill`), still pending after an upgrade.
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
