"""The gateway's edge in one process: paths checked before routing and forwarded byte for
byte, body limits while a body streams, security headers, the gateway's own request ids,
and client addresses believed only from trusted proxies (also in the services)."""

from __future__ import annotations

import hashlib
import json
import urllib.parse
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiohttp import web
from asgi_lifespan import LifespanManager
from fastapi import FastAPI, Request, Response

from gateway.main import create_api
from gateway.proxy import GatewayApp, path_problem
from gateway.spa import spa_router
from services.common.observability import TrustedProxies, install_observability
from services.common.testing import TestTokenIssuer
from tests.conftest import ServiceApi, gateway_settings
from tests.system import free_port

MiB = 1024 * 1024

# Each of these is refused before routing (400). Written out, not generated, so that a
# checker that forgets one of the rules fails here.
REFUSED = [
    b"/api/v1/clients/../../../metrics",
    b"/api/v1/clients/../internal/events",
    b"/api/v1/clients/./catalogue",
    b"/api/v1/clients/..",
    b"/api/v1/clients/.",
    b"/api/v1/clients/..;/..;/metrics",
    b"/api/v1/clients/.;x=1/catalogue",
    b"/api/v1//clients/catalogue",
    b"/api/v1/clients//catalogue",
    b"/api/v1/clients/%2e%2e/%2e%2e/metrics",
    b"/api/v1/clients/%2E%2E/internal/events",
    b"/api/v1/clients/.%2e/openapi.json",
    b"/api/v1/clients%2f..%2f..%2fmetrics",
    b"/api/v1/clients%2F..%2Finternal%2Fevents",
    b"/api/v1/clients/..%5c..%5cmetrics",
    b"/api/v1/clients/..\\..\\metrics",
    b"/api/v1/clients/%252e%252e/%252e%252e/metrics",
    b"/api/v1/clients/%c0%ae%c0%ae/metrics",
    b"/api/v1/clients/%c0%af..%c0%afmetrics",
    b"/api/v1/clients/%e0%80%ae%e0%80%ae/metrics",
    b"/api/v1/clients/%00/../metrics",
    b"/%00",
    b"/api/v1/clients/%0d%0aX-Injected:1",
    b"/api/v1/clients/%c2%85next",
    b"/api/v1/clients/%zz",
    b"/api/v1/clients/%2",
    b"/api/v1/%63lients/catalogue",
    b"/api/v1/clients/%7e",
    b"/api/v1/clients/caf\xc3\xa9",
    b"/api/v1/clients/a b",
    b"/api/v1/clients/\x7f",
    b"api/v1/clients",
]
CANONICAL = [
    b"/",
    b"/api/v1/clients/catalogue",
    b"/api/v1/clients/3f0c8a9e-6c1b-4d2e-9a51-0b7e6a0d9c11/notes",
    b"/api/v1/clients/caf%C3%A9",
    b"/api/v1/clients/caf%c3%a9",
    b"/api/v1/leads/a;b=c/x:y@z",
    b"/api/v1/clients/%20spaced",
    b"/clients/",
    b"/assets/index-abc.js",
]


@pytest.mark.parametrize("raw", REFUSED, ids=lambda raw: raw.decode("latin-1"))
def test_non_canonical_paths_are_refused(raw: bytes) -> None:
    assert path_problem(raw) is not None


@pytest.mark.parametrize("raw", CANONICAL, ids=lambda raw: raw.decode("latin-1"))
def test_canonical_paths_pass(raw: bytes) -> None:
    assert path_problem(raw) is None


@dataclass
class Upstream:
    """A stand-in service that records exactly what reached it."""

    port: int
    seen: list[dict[str, Any]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture
async def upstream() -> AsyncIterator[Upstream]:
    record = Upstream(port=free_port())

    async def handle(request: web.Request) -> web.Response:
        body = await request.read()
        record.seen.append(
            {
                "raw_path": request.raw_path,
                "headers": {k.lower(): v for k, v in request.headers.items()},
                "length": len(body),
                "sha256": hashlib.sha256(body).hexdigest(),
            }
        )
        headers = {"X-Upstream": "yes"}
        if request.path.endswith("/cached"):
            headers |= {"Cache-Control": "private, no-cache", "ETag": '"v1"'}
        return web.json_response({"ok": True}, headers=headers)

    app = web.Application(client_max_size=64 * MiB)
    app.router.add_route("*", "/{tail:.*}", handle)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", record.port).start()
    try:
        yield record
    finally:
        await runner.cleanup()


@dataclass
class Edge:
    """The gateway in this process: `client(peer)` speaks httpx from the TCP peer `peer`;
    `raw(path)` sends a path exactly as written (httpx itself resolves dot segments)."""

    app: Any
    client: Callable[..., httpx.AsyncClient]

    async def raw(self, path: bytes) -> tuple[int, dict[str, str], bytes]:
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": urllib.parse.unquote(path.decode("latin-1")),
            "raw_path": path,
            "query_string": b"q=1",
            "root_path": "",
            "headers": [(b"host", b"gateway.test")],
            "client": ("127.0.0.1", 40000),
            "server": ("gateway.test", 80),
        }
        started: dict[str, Any] = {}
        body: list[bytes] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                started.update(message)
            else:
                body.append(message.get("body", b""))

        await self.app(scope, receive, send)
        headers = {k.decode(): v.decode() for k, v in started["headers"]}
        return started["status"], headers, b"".join(body)


@pytest.fixture
async def edge(
    database_urls: Callable[[str], str], issuer: TestTokenIssuer, upstream: Upstream
) -> AsyncIterator[Edge]:
    """The gateway routing every segment to `upstream`."""
    settings = gateway_settings(
        database_urls("gateway"),
        routes={s: upstream.url for s in ("clients", "registrations", "leads", "metrics")},
        anonymous_burst=1000,
        max_body_bytes=1 * MiB,
        body_limits={"/api/v1/clients/imports": 3 * MiB},
    )
    app = GatewayApp(create_api(settings, signing_key=issuer.key))
    clients: list[httpx.AsyncClient] = []
    async with LifespanManager(app) as manager:  # type: ignore[arg-type]

        def client(peer: tuple[str, int] = ("127.0.0.1", 40000)) -> httpx.AsyncClient:
            transport = httpx.ASGITransport(manager.app, client=peer)
            made = httpx.AsyncClient(transport=transport, base_url="http://gateway.test")
            clients.append(made)
            return made

        yield Edge(app=manager.app, client=client)
        for made in clients:
            await made.aclose()


@pytest.mark.parametrize("raw", REFUSED, ids=lambda raw: raw.decode("latin-1"))
async def test_the_gateway_refuses_before_routing_and_nothing_reaches_a_service(
    edge: Edge, upstream: Upstream, raw: bytes
) -> None:
    status, headers, body = await edge.raw(raw)
    assert status == 400, body
    assert headers["content-type"] == "application/problem+json"
    assert json.loads(body)["code"] == "path_not_canonical"
    assert upstream.seen == []


async def test_the_path_routed_is_the_path_forwarded_byte_for_byte(
    edge: Edge, upstream: Upstream
) -> None:
    path = b"/api/v1/clients/caf%c3%a9/x;y=1/%20z?q=%2F..%2f&r=./.."
    request = httpx.Request("GET", httpx.URL(scheme="http", host="gateway.test", raw_path=path))
    response = await edge.client().send(request)
    assert response.status_code == 200
    assert [s["raw_path"].encode() for s in upstream.seen] == [path]


async def test_a_bare_segment_with_a_slash_goes_nowhere(edge: Edge, upstream: Upstream) -> None:
    # A service would redirect it to its own address.
    assert (await edge.client().get("/api/v1/clients/")).status_code == 404
    assert upstream.seen == []


def chunks(total: int, size: int = 256 * 1024) -> Iterator[bytes]:
    block = b"x" * size
    while total > 0:
        yield block[: min(size, total)]
        total -= size


async def stream(total: int) -> AsyncIterator[bytes]:
    for chunk in chunks(total):
        yield chunk


async def test_a_declared_body_over_the_limit_is_refused_before_anything_is_read(
    edge: Edge, upstream: Upstream
) -> None:
    response = await edge.client().post(
        "/api/v1/registrations",
        content=stream(5 * MiB),
        headers={"Content-Length": str(5 * MiB), "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["code"] == "body_too_large"
    assert upstream.seen == []


async def test_a_chunked_body_is_counted_as_it_streams_and_refused_past_the_limit(
    edge: Edge, upstream: Upstream
) -> None:
    response = await edge.client().post("/api/v1/registrations", content=stream(2 * MiB))
    assert response.status_code == 413
    assert response.json()["code"] == "body_too_large"


async def test_bodies_within_the_limit_arrive_whole_and_the_import_has_its_own_limit(
    edge: Edge, upstream: Upstream
) -> None:
    small = b'{"first_name": "A"}'
    big = b"y" * (2 * MiB + 17)
    assert (await edge.client().post("/api/v1/registrations", content=small)).status_code == 200
    declared = await edge.client().post(
        "/api/v1/clients/imports", content=big, headers={"Content-Type": "text/csv"}
    )
    assert declared.status_code == 200
    streamed = await edge.client().post("/api/v1/clients/imports", content=stream(2 * MiB + 17))
    assert streamed.status_code == 200
    over = await edge.client().post("/api/v1/clients/imports", content=b"z" * (3 * MiB + 1))
    assert over.status_code == 413
    assert [(s["length"], s["sha256"]) for s in upstream.seen] == [
        (len(small), hashlib.sha256(small).hexdigest()),
        (len(big), hashlib.sha256(big).hexdigest()),
        (2 * MiB + 17, hashlib.sha256(b"".join(chunks(2 * MiB + 17))).hexdigest()),
    ]
    assert upstream.seen[1]["headers"]["content-length"] == str(len(big))


async def test_the_gateways_own_routes_have_the_body_limit_too(
    edge: Edge,
) -> None:
    declared = await edge.client().post(
        "/auth/login", content=b" " * (2 * MiB), headers={"Content-Type": "application/json"}
    )
    assert declared.status_code == 413
    streamed = await edge.client().post(
        "/auth/login", content=stream(2 * MiB), headers={"Content-Type": "application/json"}
    )
    assert streamed.status_code == 413
    assert streamed.headers["content-type"] == "application/problem+json"


async def test_proxied_answers_carry_the_security_headers_and_keep_a_services_caching(
    edge: Edge,
) -> None:
    plain = await edge.client().get("/api/v1/clients/catalogue")
    assert plain.headers["x-content-type-options"] == "nosniff"
    assert plain.headers["cache-control"] == "no-store"
    # uvicorn adds the gateway's own; the upstream's must not make it two.
    assert "server" not in plain.headers
    assert "date" not in plain.headers
    cached = await edge.client().get("/api/v1/metrics/cached")
    assert cached.headers["cache-control"] == "private, no-cache"
    assert cached.headers["etag"] == '"v1"'
    refused = await edge.client().get("/api/v1/clients/%2e%2e")
    assert refused.headers["x-content-type-options"] == "nosniff"
    own = await edge.client().get("/.well-known/openid-configuration")
    assert own.headers["x-content-type-options"] == "nosniff"
    assert "cache-control" in own.headers


async def test_the_gateway_makes_the_request_id_and_keeps_the_callers_beside_it(
    edge: Edge, upstream: Upstream
) -> None:
    response = await edge.client().get(
        "/api/v1/clients/catalogue", headers={"X-Request-ID": "mine-1"}
    )
    ours = response.headers["x-request-id"]
    assert ours != "mine-1"
    assert len(ours) == 32
    assert response.headers["x-client-request-id"] == "mine-1"
    forwarded = upstream.seen[0]["headers"]
    assert forwarded["x-request-id"] == ours
    assert forwarded["x-client-request-id"] == "mine-1"
    own = await edge.client().get(
        "/.well-known/openid-configuration", headers={"X-Request-ID": "mine-2"}
    )
    assert own.headers["x-request-id"] != "mine-2"


async def test_forwarded_addresses_are_believed_only_from_a_trusted_proxy(
    edge: Edge, upstream: Upstream
) -> None:
    stranger = edge.client(("203.0.113.5", 5000))
    await stranger.get("/api/v1/clients/catalogue", headers={"X-Forwarded-For": "198.51.100.1"})
    proxy = edge.client(("127.0.0.1", 5000))
    await proxy.get("/api/v1/clients/catalogue", headers={"X-Forwarded-For": "198.51.100.2"})
    await proxy.get(
        "/api/v1/clients/catalogue", headers={"X-Forwarded-For": "6.6.6.6, 198.51.100.3"}
    )
    await proxy.get("/api/v1/clients/catalogue", headers={"X-Forwarded-For": "not-an-address"})
    assert [s["headers"]["x-forwarded-for"] for s in upstream.seen] == [
        "203.0.113.5",
        "198.51.100.2",
        "198.51.100.3",
        "127.0.0.1",
    ]


def test_the_nearest_untrusted_entry_is_the_client() -> None:
    trusted = TrustedProxies(["10.0.0.0/8", "127.0.0.1"])
    assert trusted.client_address("10.1.1.1", [b"1.1.1.1, 2.2.2.2, 10.0.0.7"]) == "2.2.2.2"
    assert trusted.client_address("10.1.1.1", [b"1.1.1.1", b"10.0.0.7"]) == "1.1.1.1"
    assert trusted.client_address("10.1.1.1", [b"10.0.0.7"]) == "10.0.0.7"
    assert trusted.client_address("192.0.2.1", [b"1.1.1.1"]) == "192.0.2.1"
    assert trusted.client_address("127.0.0.2", [b"1.1.1.1"]) == "127.0.0.2"
    assert not TrustedProxies([]).trusts("127.0.0.1")


# The services' side of the same rules, called directly (not through the gateway).

FORM = {
    "first_name": "Aino",
    "last_name": "Esimerkki",
    "birth_year": 1990,
    "municipality": "Lahti",
    "phone": "+358 40 765 4321",
    "consents": ["service", "esf_data"],
}


async def test_a_direct_caller_cannot_escape_the_registration_limit_with_forwarded_for(
    clients_api: ServiceApi,
) -> None:
    transport = httpx.ASGITransport(clients_api.app, client=("198.51.100.20", 4000))
    async with httpx.AsyncClient(transport=transport, base_url="http://clients.test") as direct:
        statuses = [
            (
                await direct.post(
                    "/api/v1/registrations",
                    json=FORM,
                    headers={"X-Forwarded-For": f"10.9.0.{n}"},
                )
            ).status_code
            for n in range(7)
        ]
    assert statuses[:5] == [201] * 5
    assert statuses[5:] == [429, 429]


async def test_a_service_keeps_a_request_id_only_from_a_trusted_proxy(
    clients_api: ServiceApi,
) -> None:
    from_gateway = await clients_api.client.get("/healthz", headers={"X-Request-ID": "gw-1"})
    assert from_gateway.headers["x-request-id"] == "gw-1"
    transport = httpx.ASGITransport(clients_api.app, client=("198.51.100.21", 4000))
    async with httpx.AsyncClient(transport=transport, base_url="http://clients.test") as direct:
        chosen = await direct.get("/healthz", headers={"X-Request-ID": "chosen-1"})
    assert chosen.headers["x-request-id"] != "chosen-1"
    assert len(chosen.headers["x-request-id"]) == 32


async def test_a_services_own_answers_carry_the_security_headers(
    clients_api: ServiceApi,
) -> None:
    health = await clients_api.client.get("/healthz")
    assert health.headers["x-content-type-options"] == "nosniff"
    assert health.headers["cache-control"] == "no-store"
    missing = await clients_api.client.get("/api/v1/clients/nothing-here/at-all/x")
    assert missing.headers["x-content-type-options"] == "nosniff"


async def test_the_scheme_a_trusted_edge_saw_is_kept() -> None:
    app = FastAPI()
    install_observability(app, "test", trusted_proxies=["127.0.0.1"])

    @app.get("/where")
    async def where(request: Request) -> dict[str, str]:
        return {"url": str(request.url), "client": request.client.host if request.client else ""}

    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.9"}
    answers = []
    for peer in (("127.0.0.1", 1), ("198.51.100.30", 1)):
        transport = httpx.ASGITransport(app, client=peer)
        async with httpx.AsyncClient(transport=transport, base_url="http://t.test") as client:
            answers.append((await client.get("/where", headers=headers)).json())
    assert answers == [
        {"url": "https://t.test/where", "client": "198.51.100.9"},
        {"url": "http://t.test/where", "client": "198.51.100.30"},
    ]


async def test_a_routes_own_cache_control_passes_unchanged() -> None:
    app = FastAPI()
    install_observability(app, "test")

    @app.get("/cached")
    async def cached() -> Response:
        return Response(
            json.dumps({"n": 1}),
            media_type="application/json",
            headers={"Cache-Control": "private, no-cache", "ETag": '"e"'},
        )

    transport = httpx.ASGITransport(app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t.test") as client:
        response = await client.get("/cached")
    assert response.headers["cache-control"] == "private, no-cache"
    assert response.headers["x-content-type-options"] == "nosniff"


async def test_the_spa_router_answers_404_to_a_path_no_file_can_have(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><title>Polku</title>")
    app = FastAPI()
    app.include_router(spa_router(str(tmp_path)))
    transport = httpx.ASGITransport(app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t.test") as client:
        assert (await client.get("/%00")).status_code == 404
        assert (await client.get("/x" * 3000)).status_code == 404
        assert (await client.get("/clients/123")).status_code == 200
