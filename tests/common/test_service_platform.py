"""What every service does the same way: tokens, problems, health, the event feed."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

import pytest

from services.common.signing import SigningKey
from services.common.testing import TestTokenIssuer
from tests.conftest import ServiceApi

CATALOGUE = "/api/v1/clients/catalogue"


def _b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def hs256_with_public_key(issuer: TestTokenIssuer, claims: dict[str, object]) -> str:
    """The classic algorithm-confusion forgery (jose itself refuses to build it)."""
    signing_input = f"{_b64({'alg': 'HS256', 'typ': 'JWT', 'kid': issuer.key.kid})}.{_b64(claims)}"
    mac = hmac.new(issuer.key.public_pem, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{base64.urlsafe_b64encode(mac).rstrip(b'=').decode()}"


def forged_tokens(issuer: TestTokenIssuer) -> dict[str, str]:
    claims = issuer.claims("wac1", roles=["work_ability_coordinator"])
    good = issuer.token("wac1", roles=["work_ability_coordinator"])
    header, _payload, signature = good.split(".")
    other_key = SigningKey.generate()
    tampered = {**claims, "roles": ["admin"]}
    return {
        "alg none": f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(claims)}.",
        "HS256 with the public key": hs256_with_public_key(issuer, claims),
        "expired": issuer.key.sign({**claims, "exp": int(time.time()) - 60}),
        "wrong audience": issuer.key.sign({**claims, "aud": "somebody-else"}),
        "wrong issuer": issuer.key.sign({**claims, "iss": "https://evil.example"}),
        "unknown kid": other_key.sign(claims),
        "tampered payload": f"{header}.{_b64(tampered)}.{signature}",
        "no exp": issuer.key.sign({k: v for k, v in claims.items() if k != "exp"}),
        "garbage": "not-a-token",
    }


@pytest.mark.parametrize(
    "case",
    [
        "alg none",
        "HS256 with the public key",
        "expired",
        "wrong audience",
        "wrong issuer",
        "unknown kid",
        "tampered payload",
        "no exp",
        "garbage",
    ],
)
async def test_forged_or_stale_tokens_are_refused(clients_api: ServiceApi, case: str) -> None:
    token = forged_tokens(clients_api.issuer)[case]
    response = await clients_api.client.get(CATALOGUE, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 401
    assert "Bearer" in response.headers["www-authenticate"]


async def test_a_valid_staff_token_is_accepted(clients_api: ServiceApi) -> None:
    response = await clients_api.client.get(
        CATALOGUE, headers=clients_api.as_staff("wac1", "work_ability_coordinator")
    )
    assert response.status_code == 200
    codes = [o["code"] for o in response.json()["outcomes"]]
    assert len(codes) == 11
    assert "not_reached" in codes


async def test_missing_token_is_401(clients_api: ServiceApi) -> None:
    response = await clients_api.client.get(CATALOGUE)
    assert response.status_code == 401


async def test_machine_token_without_the_scope_gets_403_on_the_feed(
    clients_api: ServiceApi,
) -> None:
    response = await clients_api.client.get(
        "/internal/events", headers=clients_api.as_machine("bi", "metrics:read")
    )
    assert response.status_code == 403
    assert "events:read" in response.json()["detail"]


async def test_unknown_path_and_wrong_method_are_problems(clients_api: ServiceApi) -> None:
    missing = await clients_api.client.get("/api/v1/nothing-here")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    wrong = await clients_api.client.delete(
        CATALOGUE, headers=clients_api.as_staff("lead", "team_lead")
    )
    assert wrong.status_code == 405
    assert wrong.json()["title"] == "Method not allowed"


async def test_bad_query_is_422_with_field_errors(clients_api: ServiceApi) -> None:
    response = await clients_api.client.get(
        "/internal/events?limit=5000", headers=clients_api.as_machine("svc-metrics", "events:read")
    )
    assert response.status_code == 422
    body = response.json()
    assert body["errors"][0]["loc"] == ["query", "limit"]


async def test_request_id_is_passed_through_or_created(clients_api: ServiceApi) -> None:
    passed = await clients_api.client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert passed.headers["x-request-id"] == "abc-123"
    created = await clients_api.client.get("/healthz")
    assert len(created.headers["x-request-id"]) == 32


async def test_health_and_metrics(clients_api: ServiceApi) -> None:
    assert (await clients_api.client.get("/healthz")).json() == {"status": "ok"}
    assert (await clients_api.client.get("/readyz")).status_code == 200
    await clients_api.client.get("/healthz")
    metrics = await clients_api.client.get("/metrics")
    assert "polku_http_requests_total" in metrics.text


async def test_readyz_is_503_when_the_database_is_gone(clients_api: ServiceApi) -> None:
    from services.common.db import Database

    clients_api.app.state.database = Database("postgresql+asyncpg://nobody@127.0.0.1:1/none")
    response = await clients_api.client.get("/readyz")
    assert response.status_code == 503
    assert response.headers["retry-after"]
    assert (await clients_api.client.get("/healthz")).status_code == 200
