"""The part of another service's internal API that a data subject's rights reach
(docs/internal-api.md): what it holds about a client, for the export, and the anonymisation.

Each service that keeps something about a client answers `GET /internal/clients/{id}/export`
and `POST /internal/clients/{id}/anonymise`; its typed client here subclasses this one.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from services.clients.config import ClientsSettings
from services.common.audit import ACCESS_REASON_HEADER, ON_BEHALF_OF_HEADER, AccessContext
from services.common.errors import ServiceUnavailable
from services.common.http import MachineTokenProvider, ServiceClient, new_http_client


class DataSubjectApi(ServiceClient):
    def _unless_ok(self, what: str, status: int) -> None:
        # Any other answer means the data-subject request cannot be completed now; leaving
        # this service's part out would look complete and not be.
        if status != 200:
            raise ServiceUnavailable(
                f"The {self.service_label} service did not answer the {what} ({status}); "
                "try again shortly."
            )

    async def export_client(
        self, client_id: uuid.UUID, *, on_behalf_of: str | None, reason: str | None
    ) -> dict[str, Any]:
        """Everything the service holds about the client, as it gives it."""
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

    async def anonymise_client(self, client_id: uuid.UUID) -> dict[str, Any]:
        """Ask the service to forget the client (idempotent); its answer as it gives it."""
        response = await self.request("POST", f"/internal/clients/{client_id}/anonymise")
        self._unless_ok("anonymisation", response.status_code)
        body: dict[str, Any] = response.json()
        return body


async def export_section(
    api: DataSubjectApi, context: AccessContext, client_id: uuid.UUID
) -> dict[str, Any]:
    """One service's section of the export, read for (and logged as) the person exporting."""
    return await api.export_client(
        client_id, on_behalf_of=context.principal.username, reason=context.reason
    )


@asynccontextmanager
async def command_http(settings: ClientsSettings) -> AsyncIterator[tuple[Any, Any]]:
    """The http client and token source of a command run outside the app."""
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
        yield http, tokens
    finally:
        await http.aclose()
