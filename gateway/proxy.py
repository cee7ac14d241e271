"""The gateway's hot path: a raw ASGI front that proxies `/api/v1/<segment>/…` with aiohttp.

Measured (make bench): FastAPI routing plus httpx's request layer cost several times more per
request than a plain ASGI callable plus an aiohttp session, so proxied calls never enter
FastAPI; identity, admin, health and the SPA do.

Every path is checked before anything routes it (`path_problem`), and the bytes checked are
the bytes forwarded: routing reads the raw path, and the upstream URL is built with
`encoded=True` so no URL library resolves a `..` or decodes a `%2f` on the way.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
import urllib.parse
from collections.abc import AsyncIterator, Iterable, Mapping
from typing import Any

import aiohttp
import structlog
import yarl
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.ratelimit import TokenBuckets, retry_after_seconds
from services.common.auth import TokenVerifier
from services.common.errors import DomainError, TooManyRequests, Unauthorized, problem_body
from services.common.observability import (
    LATENCY,
    REQUESTS,
    TrustedProxies,
    new_request_id,
    valid_request_id,
    with_security_headers,
)

# Never passed on in either direction: connection-level headers, framing (recomputed), and
# what the gateway itself vouches for (request id, caller's address).
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
        b"x-client-request-id",
        b"x-forwarded-for",
        b"forwarded",
    }
)
# The upstream's own; uvicorn adds the gateway's, and two of each would be sent otherwise.
_UPSTREAM_ONLY = frozenset({b"server", b"date"})
_log = structlog.get_logger("polku.gateway")

_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
# RFC 3986 pchar: unreserved, sub-delims, ':' and '@'; plus the separator and escapes.
_PATH_BYTES = bytes(sorted(_UNRESERVED | frozenset(b"!$&'()*+,;=:@/%")))
_ESCAPE = re.compile(rb"%([0-9A-Fa-f]{2})")
# Escaped bytes that would split, resolve or hide a segment once decoded (/, \, ., %), that
# have a plain canonical spelling (unreserved), or that are controls.
_REFUSED_ESCAPES = frozenset(range(0x20)) | {0x7F, 0x25, 0x2F, 0x5C} | _UNRESERVED
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Bodies up to this declared size are read whole (one send); larger ones stream through.
_BUFFER_UP_TO = 64 * 1024


def path_problem(raw: bytes) -> str | None:
    """Why `raw` (the request target's path, as sent) is refused, or None when it is
    canonical: one spelling only, so the segment routed is the segment a service sees."""
    if not raw.startswith(b"/"):
        return "The path must start with a slash."
    if raw.translate(None, _PATH_BYTES):
        return "The path holds a character that must be percent-encoded, or a backslash."
    if b"%" in raw:
        escapes = _ESCAPE.findall(raw)
        if len(escapes) != raw.count(b"%"):
            return "The path holds an invalid percent-encoding."
        if any(int(hex_pair, 16) in _REFUSED_ESCAPES for hex_pair in escapes):
            return "The path holds an encoded separator, dot, percent sign or control character."
        try:
            # Strict UTF-8 refuses overlong forms (%c0%ae) and lone surrogates as well.
            decoded = urllib.parse.unquote_to_bytes(raw).decode("utf-8")
        except UnicodeDecodeError:
            return "The path is not valid UTF-8."
        if _CONTROL.search(decoded):
            return "The path holds a control character."
    if raw != b"/":
        segments = raw[1:].split(b"/")
        last = len(segments) - 1
        for index, segment in enumerate(segments):
            # `..;x` too: servers that strip path parameters (Tomcat, Spring) resolve it.
            if segment.partition(b";")[0] in (b".", b".."):
                return "The path holds a '.' or '..' segment."
            if not segment and index != last:
                return "The path holds an empty segment."
    return None


def _raw_path(scope: Scope) -> bytes:
    raw: bytes | None = scope.get("raw_path")
    if raw is None:
        raw = urllib.parse.quote(scope["path"], safe="/:@!$&'()*+,;=").encode("ascii")
    return raw


async def send_problem(
    send: Send,
    status: int,
    detail: str,
    *,
    request_id: str,
    headers: Iterable[tuple[str, str]] = (),
    title: str | None = None,
    code: str | None = None,
) -> None:
    body = problem_body(status, detail, title=title, code=code)
    await send_problem_body(send, body, request_id=request_id, headers=headers)


async def send_problem_body(
    send: Send,
    problem: dict[str, Any],
    *,
    request_id: str,
    headers: Iterable[tuple[str, str]] = (),
) -> None:
    status = int(problem["status"])
    body = json.dumps(problem).encode()
    raw_headers = [
        (b"content-type", b"application/problem+json"),
        (b"content-length", str(len(body)).encode()),
        (b"x-request-id", request_id.encode()),
        *((k.lower().encode(), v.encode()) for k, v in headers),
    ]
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": with_security_headers(raw_headers),
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    more = True
    while more:
        message = await receive()
        chunks.append(message.get("body", b""))
        more = message.get("more_body", False)
    return b"".join(chunks)


def _too_large_detail(limit: int) -> str:
    return f"The request body is larger than this resource accepts ({limit} bytes)."


class _BodyTooLarge(Exception):
    pass


class _Upload:
    """A request body passed on chunk by chunk as it arrives, refused past `limit`."""

    def __init__(self, receive: Receive, limit: int) -> None:
        self.receive = receive
        self.limit = limit
        self.too_large = False

    async def chunks(self) -> AsyncIterator[bytes]:
        seen = 0
        more = True
        while more:
            message = await self.receive()
            if message["type"] == "http.disconnect":
                raise ConnectionResetError("the caller went away mid-body")
            body: bytes = message.get("body", b"")
            seen += len(body)
            if seen > self.limit:
                self.too_large = True
                raise _BodyTooLarge
            if body:
                yield body
            more = message.get("more_body", False)


class BodyLimits:
    """The most a request body may hold, per path: `default`, or the limit of the longest
    configured path that is the path itself or one of its parents."""

    def __init__(self, default: int, per_path: Mapping[str, int]) -> None:
        self.default = default
        self._per_path = sorted(
            ((path.rstrip("/").encode(), limit) for path, limit in per_path.items()),
            key=lambda item: -len(item[0]),
        )

    def for_path(self, raw: bytes) -> int:
        for prefix, limit in self._per_path:
            if raw == prefix or raw.startswith(prefix + b"/"):
                return limit
        return self.default

    def declared(self, scope: Scope) -> tuple[int | None, bool]:
        """(Content-Length or None, whether the body is chunked)."""
        length: int | None = None
        chunked = False
        for name, value in scope["headers"]:
            if name == b"content-length":
                length = int(value)  # the HTTP parser has checked the framing
            elif name == b"transfer-encoding":
                chunked = True
        return length, chunked

    def limited(self, scope: Scope, receive: Receive) -> Receive:
        """`receive` for the gateway's own routes: refuses a body past the path's limit with
        a 413 that the error handlers render, whether it was declared or chunked."""
        limit = self.for_path(_raw_path(scope))
        length, _ = self.declared(scope)
        if length is not None and length > limit:
            raise HTTPException(413, _too_large_detail(limit))
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                raise HTTPException(413, _too_large_detail(limit))
            return message

        return counted


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
        trusted_proxies: TrustedProxies | None = None,
        body_limits: BodyLimits | None = None,
    ) -> None:
        self.routes = {segment.encode(): url.rstrip("/") for segment, url in routes.items()}
        self.verifier = verifier
        self.session = session
        self.machine_buckets = machine_buckets
        self.anonymous_buckets = anonymous_buckets
        self.timeout = timeout
        self.trusted = trusted_proxies or TrustedProxies(())
        self.body_limits = body_limits or BodyLimits(1024 * 1024, {})

    def upstream_for(self, raw_path: bytes) -> tuple[str, str] | None:
        """The service owning `/api/v1/<segment>/…`, read from the raw path (checked by
        `path_problem`, so the raw segment is the segment). A bare `/api/v1/<segment>/`
        has no route and so goes nowhere."""
        if raw_path.endswith(b"/"):
            return None
        segment = raw_path[8:].partition(b"/")[0]
        base = self.routes.get(segment)
        return (segment.decode("ascii"), base) if base is not None else None

    async def __call__(
        self, scope: Scope, receive: Receive, send: Send, segment: str, base: str
    ) -> None:
        started = time.perf_counter()
        status = await self._forward(scope, receive, send, base)
        route = f"/api/v1/{segment}"
        REQUESTS.labels("gateway", scope["method"], route, str(status)).inc()
        LATENCY.labels("gateway", scope["method"], route).observe(time.perf_counter() - started)

    async def _forward(self, scope: Scope, receive: Receive, send: Send, base: str) -> int:
        # Always our own id: a caller's (even one the edge passed on) is kept beside it.
        request_id = new_request_id()
        callers_id: str | None = None
        authorization: bytes | None = None
        forwarded: list[bytes] = []
        length: int | None = None
        chunked = False
        headers: list[tuple[str, str]] = []
        for name, value in scope["headers"]:
            if name in HOP_BY_HOP:
                if name == b"x-request-id":
                    callers_id = valid_request_id(value)
                elif name == b"x-forwarded-for":
                    forwarded.append(value)
                elif name == b"content-length":
                    length = int(value)  # the HTTP parser has checked the framing
                elif name == b"transfer-encoding":
                    chunked = True
                continue
            if name == b"authorization":
                authorization = value
            headers.append((name.decode("latin-1"), value.decode("latin-1")))
        client = scope.get("client")
        address = self.trusted.client_address(client[0] if client else None, forwarded)
        headers.append(("x-request-id", request_id))
        headers.append(("x-forwarded-for", address))
        if callers_id:
            headers.append(("x-client-request-id", callers_id))
        echo = [("X-Client-Request-ID", callers_id)] if callers_id else []

        raw_path = _raw_path(scope)
        limit = self.body_limits.for_path(raw_path)
        # A refused body is not answered with `Connection: close`: closing with the rest of
        # it unread makes the kernel reset the connection, and the caller may lose the 413.
        # uvicorn discards what follows a complete answer without buffering it.
        if length is not None and length > limit and not chunked:
            await send_problem(
                send,
                413,
                _too_large_detail(limit),
                request_id=request_id,
                headers=echo,
                code="body_too_large",
            )
            return 413

        refusal = await self._first_fence(authorization, address)
        if refusal is not None:
            await send_problem_body(
                send,
                refusal.body(),
                request_id=request_id,
                headers=[*refusal.headers.items(), *echo],
            )
            return refusal.status

        upload: _Upload | None = None
        data: bytes | AsyncIterator[bytes] | None = None
        if chunked or (length is not None and length > _BUFFER_UP_TO):
            upload = _Upload(receive, limit)
            data = upload.chunks()
            if length is not None and not chunked:
                headers.append(("content-length", str(length)))
        elif length:
            data = await _read_body(receive)
        url = base + raw_path.decode("ascii")
        if scope["query_string"]:
            url += "?" + scope["query_string"].decode("latin-1")
        try:
            async with self.session.request(
                scope["method"],
                yarl.URL(url, encoded=True),
                headers=headers,
                data=data,
                allow_redirects=False,
                timeout=self.timeout,
            ) as upstream:
                payload = await upstream.read()
                response_headers = [
                    (lowered, value)
                    for name, value in upstream.raw_headers
                    if (lowered := name.lower()) not in HOP_BY_HOP and lowered not in _UPSTREAM_ONLY
                ]
                status = upstream.status
        except (_BodyTooLarge, aiohttp.ClientError) as exc:
            if upload is not None and upload.too_large:
                await send_problem(
                    send,
                    413,
                    _too_large_detail(limit),
                    request_id=request_id,
                    headers=echo,
                    code="body_too_large",
                )
                return 413
            if isinstance(exc, _BodyTooLarge):
                raise
            await send_problem(
                send,
                503,
                "The service is unavailable. Try again shortly.",
                request_id=request_id,
                headers=[("Retry-After", "5"), *echo],
            )
            return 503
        except TimeoutError:
            await send_problem(
                send,
                504,
                "The service did not answer in time. Try again shortly.",
                request_id=request_id,
                headers=[("Retry-After", "5"), *echo],
            )
            return 504
        response_headers.append((b"content-length", str(len(payload)).encode()))
        response_headers.append((b"x-request-id", request_id.encode()))
        if callers_id:
            response_headers.append((b"x-client-request-id", callers_id.encode()))
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": with_security_headers(response_headers),
            }
        )
        await send({"type": "http.response.body", "body": payload})
        return status

    async def _first_fence(self, authorization: bytes | None, address: str) -> DomainError | None:
        """Refuse bad tokens and callers over their rate before anything reaches a service."""
        if authorization is None:
            wait = self.anonymous_buckets.take(address)
            if wait:
                return TooManyRequests("Too many requests.", retry_after=retry_after_seconds(wait))
            return None
        scheme, _, token = authorization.decode("latin-1").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return Unauthorized()
        try:
            principal = await self.verifier.verify(token.strip())
        except DomainError as exc:
            return exc
        if principal.is_machine:
            rate, burst = principal.rate_limit or (None, None)
            wait = self.machine_buckets.take(principal.subject, rate=rate, burst=burst)
            if wait:
                return TooManyRequests(
                    "This client is over its rate limit.", retry_after=retry_after_seconds(wait)
                )
        return None


class GatewayApp:
    """The ASGI entry point: proxied API paths go to `Proxy`, everything else to FastAPI."""

    def __init__(self, api: Any) -> None:
        self.api: ASGIApp = api
        self.state = api.state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            raw = _raw_path(scope)
            problem = path_problem(raw)
            if problem is not None:
                await send_problem(
                    send, 400, problem, request_id=new_request_id(), code="path_not_canonical"
                )
                return
            proxy: Proxy | None = getattr(self.state, "proxy", None)
            if raw.startswith(b"/api/v1/"):
                target = proxy.upstream_for(raw) if proxy else None
                if proxy is not None and target is not None:
                    await proxy(scope, receive, send, *target)
                    return
            elif raw.startswith(b"/internal/") and not raw.startswith(b"/internal/users/"):
                # Service-to-service paths are never reachable from outside.
                await send_problem(send, 404, "No such resource.", request_id=new_request_id())
                return
            if proxy is not None:
                try:
                    receive = proxy.body_limits.limited(scope, receive)
                except HTTPException as exc:
                    await send_problem(
                        send,
                        exc.status_code,
                        exc.detail,
                        request_id=new_request_id(),
                        code="body_too_large",
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
