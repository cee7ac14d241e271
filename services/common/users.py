"""Staff as the gateway knows them: services name people by username (the token's `sub`)."""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from services.common.http import ServiceClient, TokenSource


@dataclass(frozen=True, slots=True)
class StaffMember:
    username: str
    display_name: str
    roles: frozenset[str]
    active: bool

    def has_role(self, *roles: str) -> bool:
        return not self.roles.isdisjoint(roles)


class UserDirectory(ServiceClient):
    """`GET /internal/users/{username}` on the gateway, cached for a minute."""

    service_label = "identity"
    TTL_SECONDS = 60.0

    def __init__(self, http: httpx.AsyncClient, base_url: str, tokens: TokenSource) -> None:
        super().__init__(http, base_url, tokens)
        self._cache: dict[str, tuple[StaffMember | None, float]] = {}

    def _remember(self, username: str, member: StaffMember | None) -> StaffMember | None:
        self._cache[username] = (member, time.monotonic() + self.TTL_SECONDS)
        return member

    async def get(self, username: str) -> StaffMember | None:
        cached = self._cache.get(username)
        if cached and cached[1] > time.monotonic():
            return cached[0]
        response = await self.request("GET", f"/internal/users/{username}")
        if response.status_code == 404:
            return self._remember(username, None)
        response.raise_for_status()
        body = response.json()
        return self._remember(
            username,
            StaffMember(
                username=body["username"],
                display_name=body["display_name"],
                roles=frozenset(body["roles"]),
                active=bool(body["active"]),
            ),
        )
