"""Staff as the gateway knows them: services name people by username (the token's `sub`)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import quote

import httpx

from services.common.auth import Revocations
from services.common.http import ServiceClient, TokenSource

REVOCATIONS_PATH = "/internal/users/-/revocations"


@dataclass(frozen=True, slots=True)
class StaffMember:
    username: str
    display_name: str
    roles: frozenset[str]
    active: bool
    # Contact details for reminders: optional, and `fi` unless the person chose `en`.
    email: str | None = None
    language: str = "fi"

    def has_role(self, *roles: str) -> bool:
        return not self.roles.isdisjoint(roles)


class UserDirectory(ServiceClient):
    """The gateway's internal identity API: `GET /internal/users/{username}`, cached briefly,
    and the revocation list every service's token verifier keeps a copy of."""

    service_label = "identity"
    # A deactivation or a role change must reach every service within the 5 s that
    # revocations promise.
    TTL_SECONDS = 2.0

    def __init__(self, http: httpx.AsyncClient, base_url: str, tokens: TokenSource) -> None:
        super().__init__(http, base_url, tokens)
        self._cache: dict[str, tuple[StaffMember | None, float]] = {}

    MAX_ENTRIES = 1024

    def _remember(self, username: str, member: StaffMember | None) -> StaffMember | None:
        now = time.monotonic()
        if len(self._cache) >= self.MAX_ENTRIES:
            self._cache = {k: v for k, v in self._cache.items() if v[1] > now}
        self._cache[username] = (member, now + self.TTL_SECONDS)
        return member

    async def get(self, username: str) -> StaffMember | None:
        cached = self._cache.get(username)
        if cached and cached[1] > time.monotonic():
            return cached[0]
        if username in ("", ".", ".."):
            # Encoding leaves these as dot segments, which URL libraries collapse.
            return None
        response = await self.request("GET", f"/internal/users/{quote(username, safe='')}")
        if response.status_code in (400, 404):
            # 400: the gateway refused the name as a path segment, so nobody is called that.
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
                email=body.get("email"),
                language=body.get("language") or "fi",
            ),
        )

    async def revocations(self) -> Revocations:
        response = await self.request("GET", REVOCATIONS_PATH)
        response.raise_for_status()
        return Revocations.from_json(response.json())
