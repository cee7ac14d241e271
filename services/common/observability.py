"""Request ids, client addresses, security headers, structured JSON logs, Prometheus metrics
and the health endpoints.

Logs carry ids only: never names, identity codes or note text.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import sys
import time
import uuid
from collections.abc import Iterable, Sequence
from contextvars import ContextVar

import structlog
from fastapi import APIRouter, FastAPI, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.common.errors import problem_response

REQUEST_ID_HEADER = "x-request-id"
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_request_id: ContextVar[str | None] = ContextVar("polku_request_id", default=None)

REQUESTS = Counter(
    "polku_http_requests_total", "HTTP requests handled", ["service", "method", "route", "status"]
)
LATENCY = Histogram(
    "polku_http_request_duration_seconds",
    "Time to handle an HTTP request",
    ["service", "method", "route"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)


# Probes and polling: every few seconds from every process, nothing a person did.
_QUIET_ROUTES = frozenset(
    {"/healthz", "/readyz", "/metrics", "/internal/events", "/internal/users/-/revocations"}
)


def current_request_id() -> str | None:
    return _request_id.get()


def new_request_id() -> str:
    return uuid.uuid4().hex


def valid_request_id(incoming: bytes | str | None) -> str | None:
    """The id a caller sent when it is one we can log safely, else None."""
    if incoming is None:
        return None
    text = incoming.decode("latin-1") if isinstance(incoming, bytes) else incoming
    return text if _VALID_REQUEST_ID.match(text) else None


IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class TrustedProxies:
    """The proxies whose `X-Forwarded-For` and `X-Request-ID` are believed: Polku's edge in
    front of the gateway and the gateway in front of the services. Any other caller's
    headers are its own claims and are ignored."""

    def __init__(self, networks: Iterable[IPNetwork | str]) -> None:
        self.networks = tuple(ipaddress.ip_network(n, strict=False) for n in networks)
        self._seen: dict[str, bool] = {}

    def trusts(self, host: str | None) -> bool:
        if host is None or not self.networks:
            return False
        known = self._seen.get(host)
        if known is None:
            try:
                address = ipaddress.ip_address(host)
            except ValueError:
                known = False
            else:
                known = any(address in network for network in self.networks)
            # Peers are few (the edge, the gateway); bounded anyway against address churn.
            if len(self._seen) < 1024:
                self._seen[host] = known
        return known

    def client_address(self, peer: str | None, forwarded: Sequence[bytes]) -> str:
        """The caller's address: the peer's, unless the peer is a trusted proxy; then the
        nearest `X-Forwarded-For` entry that is not itself a trusted proxy (what lies
        further left was written by the caller and proves nothing)."""
        if peer is None:
            return "unknown"
        if not forwarded or not self.trusts(peer):
            return peer
        entries = [e.strip() for e in b",".join(forwarded).decode("latin-1").split(",")]
        chosen = peer
        for entry in reversed(entries):
            if not entry:
                continue
            chosen = entry
            if not self.trusts(entry):
                break
        try:
            ipaddress.ip_address(chosen)
        except ValueError:
            # A proxy that writes something other than an address is misconfigured;
            # its own address is the one thing known for sure.
            return peer
        return chosen


_NOSNIFF = (b"x-content-type-options", b"nosniff")
_NO_STORE = (b"cache-control", b"no-store")


def with_security_headers(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """`nosniff` always; `no-store` unless the answer chose its own caching (the metrics
    service's ETag and `private, no-cache` must survive, so a BI refresh can get a 304)."""
    has_nosniff = has_cache_control = False
    for name, _ in headers:
        lowered = name.lower()
        if lowered == b"x-content-type-options":
            has_nosniff = True
        elif lowered == b"cache-control":
            has_cache_control = True
    if not has_nosniff:
        headers.append(_NOSNIFF)
    if not has_cache_control:
        headers.append(_NO_STORE)
    return headers


def configure_logging(service: str, level: str = "INFO") -> None:
    logging.basicConfig(format="%(message)s", stream=sys.stdout, level=level.upper())
    # httpx logs every request at INFO in plain text; ours are logged as JSON already.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        logger_factory=structlog.PrintLoggerFactory(),
        cache_logger_on_first_use=True,
    )
    structlog.contextvars.bind_contextvars(service=service)


class RequestContextMiddleware:
    """Pure ASGI (no per-request task like BaseHTTPMiddleware): client address, request id,
    security headers, metrics, log.

    The stored request id is the trusted proxy's (the gateway's) or one made here; a
    caller's own id is only logged beside it, so nobody can choose what the access log
    records. `accept_request_ids=False` (the gateway) always makes its own.
    """

    def __init__(
        self,
        app: ASGIApp,
        service: str,
        trusted_proxies: TrustedProxies | None = None,
        accept_request_ids: bool = True,
    ) -> None:
        self.app = app
        self.service = service
        self.trusted = trusted_proxies or TrustedProxies(())
        self.accept_request_ids = accept_request_ids
        self.log = structlog.get_logger("polku.access")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming: bytes | None = None
        relayed: bytes | None = None
        scheme: bytes | None = None
        forwarded: list[bytes] = []
        for name, value in scope["headers"]:
            if name == b"x-request-id":
                incoming = value
            elif name == b"x-forwarded-for":
                forwarded.append(value)
            elif name == b"x-client-request-id":
                relayed = value
            elif name == b"x-forwarded-proto":
                scheme = value
        client = scope.get("client")
        peer: str | None = client[0] if client else None
        from_proxy = self.trusted.trusts(peer)
        if from_proxy:
            if forwarded:
                scope["client"] = (self.trusted.client_address(peer, forwarded), 0)
            # The edge ends TLS; URLs built for the caller (redirects) keep its scheme.
            if scheme in (b"http", b"https"):
                scope["scheme"] = scheme.decode()
        callers_id = valid_request_id(incoming)
        request_id = (
            callers_id if from_proxy and self.accept_request_ids and callers_id else None
        ) or new_request_id()
        token = _request_id.set(request_id)
        bound = {"request_id": request_id}
        # The id the original caller chose, for finding its request; never the stored one.
        client_request_id = valid_request_id(relayed) if from_proxy else None
        if client_request_id is None and callers_id != request_id:
            client_request_id = callers_id
        if client_request_id:
            bound["client_request_id"] = client_request_id
        structlog.contextvars.bind_contextvars(**bound)
        started = time.perf_counter()
        status = 500
        id_header = (b"x-request-id", request_id.encode())

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [*message.get("headers", ()), id_header]
                message["headers"] = with_security_headers(headers)
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            route = scope.get("route")
            route_path = getattr(route, "path", "unmatched")
            REQUESTS.labels(self.service, scope["method"], route_path, str(status)).inc()
            LATENCY.labels(self.service, scope["method"], route_path).observe(elapsed)
            # Probes, scrapes and the metrics service's feed polling would drown the log.
            if route_path not in _QUIET_ROUTES:
                self.log.info(
                    "request",
                    method=scope["method"],
                    route=route_path,
                    status=status,
                    ms=round(elapsed * 1000, 2),
                )
            structlog.contextvars.unbind_contextvars(*bound)
            _request_id.reset(token)


def health_router() -> APIRouter:
    router = APIRouter(tags=["health"])

    @router.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get("/readyz", include_in_schema=False)
    async def readyz(request: Request) -> Response:
        try:
            await request.app.state.database.ping()
        except Exception:
            return problem_response(
                503, "The database cannot be reached.", headers={"Retry-After": "5"}
            )
        return Response('{"status":"ready"}', media_type="application/json")

    @router.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return router


def install_observability(
    app: FastAPI,
    service: str,
    *,
    trusted_proxies: Iterable[IPNetwork | str] = (),
    accept_request_ids: bool = True,
) -> None:
    app.add_middleware(
        RequestContextMiddleware,
        service=service,
        trusted_proxies=TrustedProxies(trusted_proxies),
        accept_request_ids=accept_request_ids,
    )
    app.include_router(health_router())
