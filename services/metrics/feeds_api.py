"""The event feeds of the source services (CONTRACTS §5), read with this service's token."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson
from fastapi import Request

from services.common.errors import ServiceUnavailable
from services.common.http import ServiceClient, TokenSource

SOURCES: tuple[str, ...] = ("clients", "employers", "referrals")


@dataclass(frozen=True, slots=True)
class FeedPage:
    events: list[dict[str, Any]]
    next_cursor: int


class FeedClient(ServiceClient):
    """`GET /internal/events` on one source service."""

    def __init__(self, source: str, http: Any, base_url: str, tokens: TokenSource) -> None:
        super().__init__(http, base_url, tokens)
        self.source = source
        self.service_label = source

    async def page(self, after: int, limit: int) -> FeedPage:
        response = await self.request(
            "GET", "/internal/events", params={"after": str(after), "limit": limit}
        )
        if response.status_code != 200:
            raise ServiceUnavailable(f"The {self.source} feed answered {response.status_code}.")
        body = orjson.loads(response.content)
        return FeedPage(events=body["events"], next_cursor=int(body["next_cursor"]))


def feed_client(app_state: Any, source: str) -> FeedClient:
    """Built per use: tests swap the shared http client and the token source after startup."""
    settings = app_state.settings
    base_url = {
        "clients": settings.clients_url,
        "employers": settings.employers_url,
        "referrals": settings.referrals_url,
    }[source]
    return FeedClient(source, app_state.http, base_url, app_state.machine_tokens)


def feed_clients(request: Request) -> dict[str, FeedClient]:
    return {source: feed_client(request.app.state, source) for source in SOURCES}
