"""The gateway's edge over real sockets: traversal encodings never reach a service, bodies
are limited while they stream (the gateway's memory stays flat), security headers and one
`server` header, the gateway's own request ids, and addresses only from trusted proxies."""

from __future__ import annotations

import asyncio
import json
import socket
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from services.common.calendar import helsinki_today
from tests.system import SERVICES, RunningSystem

pytestmark = pytest.mark.system

MiB = 1024 * 1024

# Sent byte for byte (no client library resolves or re-encodes them). Each aims at a
# service's /metrics, /openapi.json, /docs or /internal/events from behind a routed segment.
TRAVERSALS = [
    b"/api/v1/clients/../../../metrics",
    b"/api/v1/clients/../internal/events",
    b"/api/v1/clients/../../openapi.json",
    b"/api/v1/leads/../../../docs",
    b"/api/v1/partners/./../../../metrics",
    b"/api/v1/metrics/../../metrics",
    b"/api/v1/clients/%2e%2e/%2e%2e/%2e%2e/metrics",
    b"/api/v1/employers/%2E%2E/%2E%2E/%2E%2E/internal/events",
    b"/api/v1/referrals/.%2e/.%2e/.%2e/openapi.json",
    b"/api/v1/clients%2f..%2f..%2f..%2fmetrics",
    b"/api/v1/clients/..%2F..%2F..%2Finternal%2Fevents",
    b"/api/v1/leads/..%5c..%5c..%5cmetrics",
    b"/api/v1/leads/..\\..\\..\\metrics",
    b"/api/v1/clients/%252e%252e/%252e%252e/%252e%252e/metrics",
    b"/api/v1/clients/%c0%ae%c0%ae/%c0%ae%c0%ae/%c0%ae%c0%ae/metrics",
    b"/api/v1/clients/..%c0%af..%c0%af..%c0%afinternal/events",
    b"/api/v1/clients/%e0%80%ae%e0%80%ae/%e0%80%ae%e0%80%ae/metrics",
    b"/api/v1/clients/%00/../../../metrics",
    b"/api/v1//../../metrics",
    b"/api/v1/clients//..//..//..//internal/events",
    b"/api/v1/clients/..;/..;/..;/metrics",
    b"/api/v1/clients/%2e%2e%2f%2e%2e%2f%2e%2e%2fopenapi.json",
    b"/api/v1/metrics/%2e/%2e%2e/%2e%2e/%2e%2e/metrics",
    b"/api/v1/%2e%2e/%2e%2e/internal/events",
    b"/api/v1/clients/%u002e%u002e/metrics",
    b"/internal/events",
    b"/internal/../metrics",
    b"/%00",
    b"/api/v1/clients/%0d%0a../../metrics",
]


def raw_http(
    port: int,
    target: bytes,
    *,
    method: bytes = b"GET",
    headers: dict[str, str] | None = None,
    source: str = "127.0.0.1",
) -> tuple[int, list[tuple[str, str]], bytes]:
    """One request over a plain socket; the status, the headers in order, the body."""
    lines = [method + b" " + target + b" HTTP/1.1", b"Host: polku.test", b"Connection: close"]
    lines += [f"{k}: {v}".encode() for k, v in (headers or {}).items()]
    with socket.create_connection(("127.0.0.1", port), timeout=10, source_address=(source, 0)) as s:
        s.sendall(b"\r\n".join(lines) + b"\r\n\r\n")
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    parsed = [
        (k.strip().lower(), v.strip()) for k, _, v in (h.partition(":") for h in header_lines)
    ]
    return int(status_line.split()[1]), parsed, body


def requests_seen(system: RunningSystem, service: str) -> tuple[float, float]:
    """(requests a caller without a machine token could have made, scrapes of /metrics)
    from the service's own counters. Service-to-service traffic under /internal answers
    2xx only to a machine token, which no request here carries."""
    text = httpx.get(f"{system.url(service)}/metrics").text
    reached = scrapes = 0.0
    for family in text_string_to_metric_families(text):
        if family.name != "polku_http_requests":
            continue
        for sample in family.samples:
            labels = sample.labels
            if not sample.name.endswith("_total") or labels["service"] != service:
                continue
            if labels["route"] == "/metrics":
                scrapes += sample.value
            elif not (labels["route"].startswith("/internal/") and labels["status"][0] == "2"):
                reached += sample.value
    return reached, scrapes


def test_no_traversal_encoding_reaches_a_service(system: RunningSystem) -> None:
    assert len(TRAVERSALS) >= 20
    before = {service: requests_seen(system, service) for service in SERVICES}
    lead = system.staff_headers("lead")
    for target in TRAVERSALS:
        for headers in ({}, lead):
            status, answer_headers, body = raw_http(
                system.ports["gateway"], target, headers=headers
            )
            assert status in (400, 404), (target, status, body[:200])
            assert dict(answer_headers)["content-type"] == "application/problem+json", target
            assert b"# HELP" not in body, target
            assert b"polku_http" not in body, target
            problem = json.loads(body)
            assert problem["status"] == status
            assert "openapi" not in problem, target
            assert "events" not in problem, target
    after = {service: requests_seen(system, service) for service in SERVICES}
    for service in SERVICES:
        reached_before, scrapes_before = before[service]
        reached_after, scrapes_after = after[service]
        assert reached_after == reached_before, f"a request reached {service}"
        assert scrapes_after == scrapes_before + 1, f"{service}/metrics was reached"


def test_a_canonical_path_is_still_routed(system: RunningSystem) -> None:
    status, _, body = raw_http(
        system.ports["gateway"],
        b"/api/v1/partners?limit=1&q=%2f..%2f",
        headers=system.staff_headers("wac1"),
    )
    assert status == 200, body


def gateway_memory_peak_kib(system: RunningSystem) -> int:
    pid = system.processes["gateway"].pid
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM")


async def huge_post(port: int, *, declared: bool, total: int = 100 * MiB) -> int:
    """An anonymous registration of `total` bytes, sent as fast as the gateway takes it;
    the status the gateway answers with (sending stops when it closes the connection)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    framing = f"Content-Length: {total}" if declared else "Transfer-Encoding: chunked"
    writer.write(
        (
            "POST /api/v1/registrations HTTP/1.1\r\nHost: polku.test\r\n"
            f"Content-Type: application/json\r\n{framing}\r\n\r\n"
        ).encode()
    )
    block = b"x" * MiB

    async def send_all() -> None:
        sent = 0
        try:
            while sent < total:
                frame = block if declared else b"%x\r\n%s\r\n" % (len(block), block)
                writer.write(frame)
                await writer.drain()
                sent += len(block)
            if not declared:
                writer.write(b"0\r\n\r\n")
                await writer.drain()
        except (ConnectionError, OSError):
            pass

    sender = asyncio.create_task(send_all())
    status_line = await asyncio.wait_for(reader.readline(), timeout=60)
    sender.cancel()
    writer.close()
    return int(status_line.split()[1])


def test_four_huge_anonymous_posts_leave_the_gateway_small(system: RunningSystem) -> None:
    port = system.ports["gateway"]

    async def four(declared: bool) -> list[int]:
        return list(await asyncio.gather(*(huge_post(port, declared=declared) for _ in range(4))))

    started = time.monotonic()
    assert asyncio.run(four(declared=True)) == [413] * 4
    assert asyncio.run(four(declared=False)) == [413] * 4
    peak = gateway_memory_peak_kib(system)
    assert peak < 300 * 1024, f"the gateway peaked at {peak // 1024} MiB"
    assert time.monotonic() - started < 30
    # And the gateway still answers.
    assert httpx.get(f"{system.gateway_url}/healthz").status_code == 200


def one(headers: list[tuple[str, str]], name: str) -> str:
    values = [v for k, v in headers if k == name]
    assert len(values) == 1, (name, values)
    return values[0]


def test_every_answer_has_the_security_headers_and_one_server_header(
    system: RunningSystem,
) -> None:
    wac1 = system.staff_headers("wac1")
    proxied = raw_http(system.ports["gateway"], b"/api/v1/partners", headers=wac1)
    own = raw_http(system.ports["gateway"], b"/.well-known/jwks.json")
    direct = raw_http(system.ports["clients"], b"/healthz")
    refused = raw_http(system.ports["gateway"], b"/api/v1/clients/%2e%2e")
    for _, headers, _ in (proxied, own, direct, refused):
        one(headers, "server")
        one(headers, "date")
        assert one(headers, "x-content-type-options") == "nosniff"
        one(headers, "cache-control")
    assert one(proxied[1], "cache-control") == "no-store"
    assert one(direct[1], "cache-control") == "no-store"

    # The metrics' own caching passes unchanged, so a BI refresh still gets its 304.
    lead = system.staff_headers("lead")
    indicator = (
        f"/api/v1/metrics/lead_response?from=2024-01-01&to={helsinki_today().isoformat()}"
    ).encode()
    status, headers, _ = raw_http(system.ports["gateway"], indicator, headers=lead)
    assert status == 200
    assert one(headers, "cache-control") == "private, no-cache"
    etag = one(headers, "etag")
    status, headers, body = raw_http(
        system.ports["gateway"], indicator, headers={**lead, "If-None-Match": etag}
    )
    assert (status, body) == (304, b"")
    assert one(headers, "cache-control") == "private, no-cache"


def test_the_stored_request_id_is_the_gateways_never_the_callers(system: RunningSystem) -> None:
    chosen = f"chosen-{uuid.uuid4().hex[:8]}"
    # From its own loopback address, so the registration limit is this test's own.
    with httpx.Client(
        base_url=system.gateway_url,
        transport=httpx.HTTPTransport(local_address="127.0.0.3"),
    ) as gateway:
        response = gateway.post(
            "/api/v1/registrations",
            json={"first_name": "Eino", "last_name": "Tunniste", "birth_year": 1990},
            headers={"X-Request-ID": chosen},
        )
    assert response.status_code == 201, response.text
    ours = response.headers["x-request-id"]
    assert ours != chosen
    assert response.headers["x-client-request-id"] == chosen
    log = httpx.get(
        f"{system.gateway_url}/api/v1/clients/{response.json()['id']}/access-log",
        headers=system.staff_headers("lead"),
    )
    assert log.status_code == 200, log.text
    stored = {e["action"]: e["request_id"] for e in log.json()}
    assert stored["self_register"] == ours
    assert chosen not in stored.values()
    # The service logged the gateway's id, with the caller's beside it for finding it.
    lines = [
        json.loads(line)
        for line in (system.folder / "clients.log").read_text().splitlines()
        if ours in line
    ]
    assert lines
    assert all(entry.get("client_request_id") == chosen for entry in lines)

    # Called directly from an address that is not a trusted proxy, a service makes its own.
    with httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.2")) as direct:
        answer = direct.get(f"{system.url('clients')}/healthz", headers={"X-Request-ID": chosen})
    assert answer.headers["x-request-id"] != chosen


@pytest.fixture
def direct_from_a_stranger() -> Iterator[httpx.Client]:
    """A client whose TCP peer address is 127.0.0.2: on this host, yet not the configured
    proxy (127.0.0.1)."""
    with httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.2")) as client:
        yield client


def test_a_made_up_forwarded_for_does_not_escape_the_registration_limit(
    system: RunningSystem, direct_from_a_stranger: httpx.Client
) -> None:
    statuses = [
        direct_from_a_stranger.post(
            f"{system.url('clients')}/api/v1/registrations",
            json={"first_name": "Eino", "last_name": "Osoite", "birth_year": 1990},
            headers={"X-Forwarded-For": f"10.7.0.{n}"},
        ).status_code
        for n in range(7)
    ]
    assert statuses[:5] == [201] * 5
    assert statuses[5:] == [429, 429]
