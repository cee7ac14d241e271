"""Calling another Polku service: one shared httpx client, the caller's own machine token.

Each calling service writes one typed client module per service it calls, subclassing
`ServiceClient`. The httpx client is created and closed by the service's lifespan.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Protocol

import httpx
from pydantic import SecretStr

from services.common.errors import ServiceUnavailable
from services.common.observability import current_request_id


def new_http_client(*, connect_timeout: float, read_timeout: float) -> httpx.AsyncClient:
    timeout = httpx.Timeout(read_timeout, connect=connect_timeout)
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=20)
    return httpx.AsyncClient(timeout=timeout, limits=limits)


class MachineTokenProvider:
    """Client-credentials tokens for this service, cached until shortly before expiry."""

    REFRESH_MARGIN_SECONDS = 60.0

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        token_url: str,
        client_id: str,
        client_secret: SecretStr,
        scope: str | None = None,
    ) -> None:
        self._http = http
        self._token_url = token_url
        self._client_id = client_id
        self._client_secret = client_secret
        self._scope = scope
        self._token: str | None = None
        self._expires_at = 0.0
        self._lock = asyncio.Lock()

    async def token(self) -> str:
        if self._token and time.monotonic() < self._expires_at - self.REFRESH_MARGIN_SECONDS:
            return self._token
        async with self._lock:
            if self._token and time.monotonic() < self._expires_at - self.REFRESH_MARGIN_SECONDS:
                return self._token
            try:
                form = {
                    "grant_type": "client_credentials",
                    "client_id": self._client_id,
                    "client_secret": self._client_secret.get_secret_value(),
                }
                if self._scope:
                    form["scope"] = self._scope
                # Without a scope the token carries every scope the client holds.
                response = await self._http.post(self._token_url, data=form)
            except httpx.HTTPError as exc:
                raise ServiceUnavailable("The identity service cannot be reached.") from exc
            if response.status_code != 200:
                raise ServiceUnavailable(
                    f"The identity service refused this service's credentials "
                    f"({response.status_code})."
                )
            body = response.json()
            self._token = str(body["access_token"])
            self._expires_at = time.monotonic() + float(body.get("expires_in", 300))
            return self._token

    def forget(self) -> None:
        self._token = None


class TokenSource(Protocol):
    """Where a typed client gets its bearer token (a machine token in production)."""

    async def token(self) -> str: ...

    def forget(self) -> None: ...


class ServiceClient:
    """Base of the typed clients: bearer token, request id, errors as domain errors."""

    service_label = "service"

    def __init__(self, http: httpx.AsyncClient, base_url: str, tokens: TokenSource) -> None:
        self._http = http
        self._base_url = base_url.rstrip("/")
        self._tokens = tokens

    async def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        extra = headers or {}
        for attempt in range(2):
            headers = {**extra, "Authorization": f"Bearer {await self._tokens.token()}"}
            request_id = current_request_id()
            if request_id:
                headers["X-Request-ID"] = request_id
            try:
                response = await self._http.request(
                    method, f"{self._base_url}{path}", json=json, params=params, headers=headers
                )
            except httpx.HTTPError as exc:
                raise ServiceUnavailable(
                    f"The {self.service_label} service cannot be reached; try again shortly."
                ) from exc
            if response.status_code == 401 and attempt == 0:
                # A rotated signing key or a revoked token: fetch a new one once.
                self._tokens.forget()
                continue
            if response.status_code >= 500:
                raise ServiceUnavailable(
                    f"The {self.service_label} service failed ({response.status_code})."
                )
            return response
        return response
