"""Clients' names as the clients service gives them to another service, per reader.

The clients service decides who may see a name and writes each name it gives to that
client's access log as read by the person the call is made on behalf of; the asking
service keeps no names.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence

import structlog
from pydantic import BaseModel, ConfigDict, ValidationError

from services.common.audit import ON_BEHALF_OF_HEADER
from services.common.errors import ServiceUnavailable
from services.common.http import ServiceClient
from services.common.remote import RemoteRefusal, refuse_unless_ok

_log = structlog.get_logger("polku.client_names")

# Names of clients as the clients service gave them for one answer; never stored.
Names = dict[uuid.UUID, str]


class Lenient(BaseModel):
    # Extra fields the other side adds later must not break us.
    model_config = ConfigDict(extra="ignore")


class ClientName(Lenient):
    client_id: uuid.UUID
    first_name: str | None = None
    last_name: str | None = None
    non_disclosure: bool = False

    @property
    def full_name(self) -> str | None:
        """ "First Last", as a list shows a person."""
        return " ".join(p for p in (self.first_name, self.last_name) if p) or None


class ClientNames(Lenient):
    items: list[ClientName] = []


def on_behalf_of_header(username: str | None) -> dict[str, str]:
    return {ON_BEHALF_OF_HEADER: username} if username else {}


class ClientNamesApi(ServiceClient):
    service_label = "clients"

    async def client_names(
        self, client_ids: Sequence[uuid.UUID], *, on_behalf_of: str, visible_only: bool = False
    ) -> Names:
        """The names of the clients, in one call that the clients service logs per client
        as read for `on_behalf_of`; a client it does not name is left out. `visible_only`
        leaves out, too, the clients `on_behalf_of` may not open (the clients service's own
        need-to-know rule), for objects such as a hire that do not decide it themselves."""
        named = await self.named_clients(
            client_ids, on_behalf_of=on_behalf_of, visible_only=visible_only
        )
        return {c: name for c, n in named.items() if (name := n.full_name) is not None}

    async def named_clients(
        self, client_ids: Sequence[uuid.UUID], *, on_behalf_of: str, visible_only: bool = False
    ) -> dict[uuid.UUID, ClientName]:
        """As `client_names`, with what else the clients service says of each name (whether
        the client is under non-disclosure)."""
        body: dict[str, object] = {"client_ids": [str(c) for c in client_ids]}
        if visible_only:
            body["visible_only"] = True
        response = await self.request(
            "POST",
            "/internal/clients/names",
            json=body,
            headers=on_behalf_of_header(on_behalf_of),
        )
        refuse_unless_ok(self.service_label, response)
        names = ClientNames.model_validate(response.json())
        return {n.client_id: n for n in names.items}


async def names_for_reader(
    api: ClientNamesApi,
    client_ids: Sequence[uuid.UUID],
    reader: str,
    timeout_seconds: float,
    *,
    visible_only: bool = False,
) -> Names:
    """The names for one answer, in one call made on behalf of the reader. An answer
    without names still answers: a failure or a slow clients service leaves them out."""
    named = await named_for_reader(
        api, client_ids, reader, timeout_seconds, visible_only=visible_only
    )
    return {c: name for c, n in named.items() if (name := n.full_name) is not None}


async def named_for_reader(
    api: ClientNamesApi,
    client_ids: Sequence[uuid.UUID],
    reader: str,
    timeout_seconds: float,
    *,
    visible_only: bool = False,
) -> dict[uuid.UUID, ClientName]:
    """As `names_for_reader`, each name with what the clients service says of it."""
    unique_ids = list(dict.fromkeys(client_ids))
    if not unique_ids:
        return {}
    try:
        async with asyncio.timeout(timeout_seconds):
            return await api.named_clients(
                unique_ids, on_behalf_of=reader, visible_only=visible_only
            )
    except (TimeoutError, ServiceUnavailable, RemoteRefusal, ValidationError, ValueError) as exc:
        _log.warning("client_names_unavailable", error=type(exc).__name__, count=len(unique_ids))
        return {}
