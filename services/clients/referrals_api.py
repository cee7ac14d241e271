"""The typed client of the referrals service's internal API (docs/internal-api.md): what it
holds about a client, for the data-subject export and the anonymisation."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Request

from services.clients.config import ClientsSettings
from services.clients.data_subject_api import DataSubjectApi
from services.common.remote import refuse_unless_ok


class ReferralsApi(DataSubjectApi):
    service_label = "referrals"

    async def partner_exists(self, partner_id: uuid.UUID) -> bool:
        """Whether the partner directory holds this partner (503 when it cannot say)."""
        response = await self.request("GET", f"/internal/partners/{partner_id}")
        if response.status_code == 404:
            return False
        refuse_unless_ok(self.service_label, response)
        return True


def _referrals_api(request: Request) -> ReferralsApi:
    # Built per request from app.state: the tests swap the httpx client and token source.
    settings: ClientsSettings = request.app.state.settings
    return ReferralsApi(
        request.app.state.http, settings.referrals_url, request.app.state.machine_tokens
    )


ReferralsApiDep = Annotated[ReferralsApi, Depends(_referrals_api)]
