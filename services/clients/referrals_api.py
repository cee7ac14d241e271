"""The typed client of the referrals service's internal API (docs/internal-api.md): what it
holds about a client, for the data-subject export and the anonymisation."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends, Request
from pydantic import BaseModel, ConfigDict

from services.clients.config import ClientsSettings
from services.common.audit import ACCESS_REASON_HEADER, ON_BEHALF_OF_HEADER, AccessContext
from services.common.errors import ServiceUnavailable
from services.common.http import MachineTokenProvider, ServiceClient, new_http_client
from services.common.remote import refuse_unless_ok


class ReferralsAnonymisation(BaseModel):
    # Extra fields the other side adds later must not break us.
    model_config = ConfigDict(extra="ignore")

    client_id: uuid.UUID
    referrals: int
    changed: int


class ReferralsApi(ServiceClient):
    service_label = "referrals"

    def _unless_ok(self, what: str, status: int) -> None:
        # Any other answer means the data-subject request cannot be completed now; leaving
        # the referrals out would look complete and not be.
        if status != 200:
            raise ServiceUnavailable(
                f"The referrals service did not answer the {what} ({status}); try again shortly."
            )

    async def export_client(
        self, client_id: uuid.UUID, *, on_behalf_of: str | None, reason: str | None
    ) -> dict[str, Any]:
        """Everything the referrals service holds about the client, as it gives it."""
        headers: dict[str, Any] = {ON_BEHALF_OF_HEADER: on_behalf_of} if on_behalf_of else {}
        if reason:
            # The reason came in as a header, which Starlette decodes as Latin-1 ("ö" from a
            # browser); sent back as those bytes it arrives unchanged, where a str would have
            # to be ASCII.
            headers[ACCESS_REASON_HEADER] = reason.encode("latin-1", errors="replace")
        response = await self.request(
            "GET", f"/internal/clients/{client_id}/export", headers=headers
        )
        self._unless_ok("export", response.status_code)
        body: dict[str, Any] = response.json()
        return body

    async def partner_exists(self, partner_id: uuid.UUID) -> bool:
        """Whether the partner directory holds this partner (503 when it cannot say)."""
        response = await self.request("GET", f"/internal/partners/{partner_id}")
        if response.status_code == 404:
            return False
        refuse_unless_ok(self.service_label, response)
        return True

    async def anonymise_client(self, client_id: uuid.UUID) -> ReferralsAnonymisation:
        response = await self.request("POST", f"/internal/clients/{client_id}/anonymise")
        self._unless_ok("anonymisation", response.status_code)
        return ReferralsAnonymisation.model_validate(response.json())


async def referrals_section(
    referrals: ReferralsApi, context: AccessContext, client_id: uuid.UUID
) -> dict[str, Any]:
    """The export's `referrals` section, read for (and logged as) the person exporting."""
    return await referrals.export_client(
        client_id, on_behalf_of=context.principal.username, reason=context.reason
    )


def _referrals_api(request: Request) -> ReferralsApi:
    # Built per request from app.state: the tests swap the httpx client and token source.
    settings: ClientsSettings = request.app.state.settings
    return ReferralsApi(
        request.app.state.http, settings.referrals_url, request.app.state.machine_tokens
    )


ReferralsApiDep = Annotated[ReferralsApi, Depends(_referrals_api)]


@asynccontextmanager
async def command_referrals_api(settings: ClientsSettings) -> AsyncIterator[ReferralsApi]:
    """The client for a command run outside the app (its own httpx client and token)."""
    http = new_http_client(
        connect_timeout=settings.http_connect_timeout_seconds,
        read_timeout=settings.http_read_timeout_seconds,
    )
    tokens = MachineTokenProvider(
        http,
        token_url=settings.token_url,
        client_id=settings.machine_client_id,
        client_secret=settings.machine_client_secret,
    )
    try:
        yield ReferralsApi(http, settings.referrals_url, tokens)
    finally:
        await http.aclose()
