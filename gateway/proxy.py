"""The gateway's hot path: a raw ASGI front that proxies `/api/v1/<segment>/…` with aiohttp.

Measured (make bench): FastAPI routing plus httpx's request layer cost several times more per
request than a plain ASGI callable plus an aiohttp session, so proxied calls never enter
FastAPI; identity, admin, health and the SPA do.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterable
from typing import Any

import aiohttp
import structlog
from starlette.types import ASGIApp, Receive, Scope, Send

from gateway.ratelimit import TokenBuckets, retry_after_seconds
from services.common.auth import TokenVerifier
from services.common.errors import DomainError, problem_body
from services.common.observability import LATENCY, REQUESTS, accept_or_new_request_id

HOP_BY_HOP = frozenset(
    {
        b"connection",
        b"keep-alive",
        b"proxy-authenticate",
        b"proxy-authorization",
        b"te",
        b"trailer",
        b"transfer-encoding",
        b"upgrade",
        b"host",
        b"content-length",
        b"x-request-id",
    }
)
_log = structlog.get_logger("polku.gateway")


async def send_problem(
    send: Send,
    status: int,
    detail: str,
    *,
    request_id: str,
    headers: Iterable[tuple[str, str]] = (),
    title: str | None = None,
) -> None:
    body = json.dumps(problem_body(status, detail, title=title)).encode()
    raw_headers = [
        (b"content-type", b"application/problem+json"),
        (b"content-length", str(len(body)).encode()),
        (b"x-request-id", request_id.encode()),
        *((k.lower().encode(), v.encode()) for k, v in headers),
    ]
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": body})


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    more = True
    while more:
        message = await receive()
        chunks.append(message.get("body", b""))
        more = message.get("more_body", False)
    return b"".join(chunks)


class Proxy:
    def __init__(
        self,
        *,
        routes: dict[str, str],
        verifier: TokenVerifier,
        session: aiohttp.ClientSession,
        machine_buckets: TokenBuckets,
        anonymous_buckets: TokenBuckets,
        timeout: aiohttp.ClientTimeout,
    ) -> None:
        self.routes = {segment: url.rstrip("/") for segment, url in routes.items()}
        self.verifier = verifier
        self.session = session
        self.machine_buckets = machine_buckets
        self.anonymous_buckets = anonymous_buckets
        self.timeout = timeout

    @staticmethod
    def client_address(scope: Scope) -> str:
        """The caller's address. Behind the nginx edge, uvicorn has already put the address
        the edge saw here (FORWARDED_ALLOW_IPS names the edge); a header a caller made up
        is never passed on."""
        client = scope.get("client")
        return client[0] if client else "unknown"

    def upstream_for(self, path: str) -> tuple[str, str] | None:
        segment = path[8:].partition("/")[0]
        base = self.routes.get(segment)
        return (segment, base) if base is not None else None

    async def __call__(
        self, scope: Scope, receive: Receive, send: Send, segment: str, base: str
    ) -> None:
        started = time.perf_counter()
        status = await self._forward(scope, receive, send, base)
        route = f"/api/v1/{segment}"
        REQUESTS.labels("gateway", scope["method"], route, str(status)).inc()
        LATENCY.labels("gateway", scope["method"], route).observe(time.perf_counter() - started)

    async def _forward(self, scope: Scope, receive: Receive, send: Send, base: str) -> int:
        incoming_id: str | None = None
        authorization: bytes | None = None
        headers: list[tuple[str, str]] = []
        for name, value in scope["headers"]:
            if name == b"x-request-id":
                incoming_id = value.decode("latin-1")
            elif name == b"x-forwarded-for":
                continue
            elif name == b"authorization":
                authorization = value
            if name not in HOP_BY_HOP:
                headers.append((name.decode("latin-1"), value.decode("latin-1")))
        request_id = accept_or_new_request_id(incoming_id)
        address = self.client_address(scope)
        headers.append(("x-request-id", request_id))
        headers.append(("x-forwarded-for", address))

        refusal = await self._first_fence(authorization, address)
        if refusal is not None:
            status, detail, extra_headers = refusal
            await send_problem(send, status, detail, request_id=request_id, headers=extra_headers)
            return status

        body = await _read_body(receive)
        url = base + scope["raw_path"].decode("latin-1")
        if scope["query_string"]:
            url += "?" + scope["query_string"].decode("latin-1")
        try:
            async with self.session.request(
                scope["method"],
                url,
                headers=headers,
                data=body or None,
                allow_redirects=False,
                timeout=self.timeout,
            ) as upstream:
                payload = await upstream.read()
                response_headers = [
                    (name.lower(), value)
                    for name, value in upstream.raw_headers
                    if name.lower() not in HOP_BY_HOP
                ]
                status = upstream.status
        except TimeoutError:
            await send_problem(
                send,
                504,
                "The service did not answer in time. Try again shortly.",
                request_id=request_id,
                headers=[("Retry-After", "5")],
            )
            return 504
        except aiohttp.ClientError:
            await send_problem(
                send,
                503,
                "The service is unavailable. Try again shortly.",
                request_id=request_id,
                headers=[("Retry-After", "5")],
            )
            return 503
        response_headers.append((b"content-length", str(len(payload)).encode()))
        response_headers.append((b"x-request-id", request_id.encode()))
        await send({"type": "http.response.start", "status": status, "headers": response_headers})
        await send({"type": "http.response.body", "body": payload})
        return status

    async def _first_fence(
        self, authorization: bytes | None, address: str
    ) -> tuple[int, str, list[tuple[str, str]]] | None:
        """Refuse bad tokens and callers over their rate before anything reaches a service."""
        if authorization is None:
            wait = self.anonymous_buckets.take(address)
            if wait:
                return 429, "Too many requests.", [("Retry-After", str(retry_after_seconds(wait)))]
            return None
        scheme, _, token = authorization.decode("latin-1").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return (
                401,
                "A valid bearer token is required.",
                [("WWW-Authenticate", 'Bearer realm="polku"')],
            )
        try:
            principal = await self.verifier.verify(token.strip())
        except DomainError as exc:
            return exc.status, exc.detail, list(exc.headers.items())
        if principal.is_machine:
            rate, burst = principal.rate_limit or (None, None)
            wait = self.machine_buckets.take(principal.subject, rate=rate, burst=burst)
            if wait:
                return (
                    429,
                    "This client is over its rate limit.",
                    [("Retry-After", str(retry_after_seconds(wait)))],
                )
        return None


class GatewayApp:
    """The ASGI entry point: proxied API paths go to `Proxy`, everything else to FastAPI."""

    def __init__(self, api: Any) -> None:
        self.api: ASGIApp = api
        self.state = api.state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path: str = scope["path"]
            if path.startswith("/api/v1/"):
                proxy: Proxy | None = getattr(self.state, "proxy", None)
                target = proxy.upstream_for(path) if proxy else None
                if proxy is not None and target is not None:
                    await proxy(scope, receive, send, *target)
                    return
            elif path.startswith("/internal/") and not path.startswith("/internal/users/"):
                # Service-to-service paths are never reachable from outside.
                await send_problem(
                    send,
                    404,
                    "No such resource.",
                    request_id=accept_or_new_request_id(None),
                )
                return
        await self.api(scope, receive, send)


def new_upstream_session(pool_size: int) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(limit=pool_size, limit_per_host=pool_size, ttl_dns_cache=300)
    return aiohttp.ClientSession(
        connector=connector,
        auto_decompress=False,
        skip_auto_headers=("User-Agent", "Accept-Encoding"),
        cookie_jar=aiohttp.DummyCookieJar(),
    )


async def close_session(session: aiohttp.ClientSession) -> None:
    await session.close()
    # aiohttp closes its transports on the next loop turn.
    await asyncio.sleep(0)
