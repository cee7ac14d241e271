"""The platform over real HTTP: five processes, identity, routing, zero trust, failure."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from services.common.signing import SigningKey
from tests.system import RunningSystem

pytestmark = pytest.mark.system

AUTHENTICATED_ENDPOINTS = {
    "clients": "/api/v1/clients/catalogue",
    "employers": "/api/v1/employers/industries",
    "referrals": "/api/v1/partners",
    "metrics": "/api/v1/metrics",
    "notifications": "/api/v1/notifications/count",
}


def machine_token(system: RunningSystem, client_id: str, secret: str) -> str:
    response = httpx.post(
        f"{system.gateway_url}/auth/token",
        data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret},
    )
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


def test_wac1_signs_in_and_every_service_answers_through_the_gateway(system: RunningSystem) -> None:
    token = system.staff_token("wac1")
    headers = {"Authorization": f"Bearer {token}"}
    me = httpx.get(f"{system.gateway_url}/api/v1/me", headers=headers)
    assert me.json()["username"] == "wac1"
    assert me.json()["roles"] == ["work_ability_coordinator"]
    for service, path in AUTHENTICATED_ENDPOINTS.items():
        response = httpx.get(
            f"{system.gateway_url}{path}", headers={**headers, "X-Request-ID": f"t-{service}"}
        )
        assert response.status_code == 200, (service, response.text)
        # The gateway makes the id it logs and forwards; the caller's is kept beside it.
        assert response.headers["x-request-id"] != f"t-{service}"
        assert response.headers["x-client-request-id"] == f"t-{service}"


def forged(system: RunningSystem) -> dict[str, str]:
    import base64
    import hashlib
    import hmac
    import json

    real = system.staff_token("wac1")
    header, payload, signature = real.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))

    def b64(data: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    kid = json.loads(base64.urlsafe_b64decode(header + "=" * (-len(header) % 4)))["kid"]
    jwks = httpx.get(f"{system.gateway_url}/.well-known/jwks.json").json()
    stranger = SigningKey.generate()
    hs_input = f"{b64({'alg': 'HS256', 'typ': 'JWT', 'kid': kid})}.{b64(claims)}"
    public_pem = _pem_from_jwk(jwks["keys"][0])
    hs_sig = (
        base64.urlsafe_b64encode(hmac.new(public_pem, hs_input.encode(), hashlib.sha256).digest())
        .rstrip(b"=")
        .decode()
    )
    return {
        "alg none": f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64(claims)}.",
        "HS256 with the public key": f"{hs_input}.{hs_sig}",
        "expired": stranger_resign(stranger, {**claims, "exp": int(time.time()) - 5}),
        "wrong aud": stranger_resign(stranger, {**claims, "aud": "other"}),
        "unknown kid": stranger.sign(claims),
        "tampered payload": f"{header}.{b64({**claims, 'roles': ['admin']})}.{signature}",
    }


def stranger_resign(key: SigningKey, claims: dict[str, object]) -> str:
    # Signed by a key the gateway does not publish: refused whatever the claims say.
    return key.sign(claims)


def _pem_from_jwk(jwk: dict[str, str]) -> bytes:
    import base64

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicNumbers

    def number(value: str) -> int:
        return int.from_bytes(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)), "big")

    key = RSAPublicNumbers(number(jwk["e"]), number(jwk["n"])).public_key()
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def test_forged_tokens_are_refused_by_the_gateway_and_by_each_service(
    system: RunningSystem,
) -> None:
    for case, token in forged(system).items():
        headers = {"Authorization": f"Bearer {token}"}
        through = httpx.get(f"{system.gateway_url}/api/v1/clients/catalogue", headers=headers)
        assert through.status_code == 401, case
        assert through.headers["content-type"] == "application/problem+json"
        for service, path in AUTHENTICATED_ENDPOINTS.items():
            direct = httpx.get(f"{system.url(service)}{path}", headers=headers)
            assert direct.status_code == 401, (case, service)


def test_stale_tokens_signed_by_the_real_key_are_refused(system: RunningSystem) -> None:
    """Expired, wrong audience and wrong issuer with the gateway's own key."""
    from gateway.config import GatewaySettings
    from gateway.main import load_signing_key

    settings = GatewaySettings(signing_key_path=system.env["POLKU_GATEWAY_SIGNING_KEY_PATH"])
    key = load_signing_key(settings)
    now = int(time.time())
    base = {
        "iss": system.gateway_url,
        "aud": "polku",
        "sub": "wac1",
        "iat": now,
        "exp": now + 300,
        "roles": ["work_ability_coordinator"],
        "scope": "",
        "kind": "staff",
    }
    for case, claims in {
        "expired": {**base, "exp": now - 1},
        "wrong aud": {**base, "aud": "somebody-else"},
        "wrong iss": {**base, "iss": "https://evil.example"},
    }.items():
        headers = {"Authorization": f"Bearer {key.sign(claims)}"}
        assert (
            httpx.get(f"{system.gateway_url}/api/v1/partners", headers=headers).status_code == 401
        ), case
        assert (
            httpx.get(f"{system.url('referrals')}/api/v1/partners", headers=headers).status_code
            == 401
        ), case
    good = {"Authorization": f"Bearer {key.sign(base)}"}
    assert httpx.get(f"{system.gateway_url}/api/v1/partners", headers=good).status_code == 200


def test_machine_token_without_the_scope_is_403(system: RunningSystem) -> None:
    token = machine_token(system, "bi", "bi-secret")
    response = httpx.get(
        f"{system.url('clients')}/internal/events", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 403


def test_internal_paths_are_not_routed(system: RunningSystem) -> None:
    token = machine_token(system, "bi", "bi-secret")
    response = httpx.get(
        f"{system.gateway_url}/internal/events", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 404


def test_machine_client_rate_limit_answers_429_with_retry_after(system: RunningSystem) -> None:
    token = machine_token(system, "bi", "bi-secret")
    headers = {"Authorization": f"Bearer {token}"}

    async def burst() -> list[httpx.Response]:
        async with httpx.AsyncClient(base_url=system.gateway_url, headers=headers) as client:
            return await asyncio.gather(*(client.get("/api/v1/metrics") for _ in range(60)))

    responses = asyncio.run(burst())
    statuses = [r.status_code for r in responses]
    assert statuses.count(200) >= 20
    limited = [r for r in responses if r.status_code == 429]
    assert limited, statuses
    assert int(limited[0].headers["retry-after"]) >= 1
    assert limited[0].headers["content-type"] == "application/problem+json"


def test_a_stopped_service_gives_503_and_heals_without_a_gateway_restart(
    system: RunningSystem,
) -> None:
    token = system.staff_token("lead")
    headers = {"Authorization": f"Bearer {token}"}
    system.stop("employers")
    try:
        started = time.monotonic()
        down = httpx.get(
            f"{system.gateway_url}/api/v1/employers/industries", headers=headers, timeout=30
        )
        assert down.status_code == 503
        assert down.headers["content-type"] == "application/problem+json"
        assert down.headers["retry-after"]
        assert time.monotonic() - started < 6  # within the upstream timeout
        others = httpx.get(f"{system.gateway_url}/api/v1/partners", headers=headers)
        assert others.status_code == 200
    finally:
        system.start("employers")
    healed = httpx.get(f"{system.gateway_url}/api/v1/employers/industries", headers=headers)
    assert healed.status_code == 200


def test_spa_is_served_with_a_fallback_and_api_404s_stay_problems(system: RunningSystem) -> None:
    page = httpx.get(f"{system.gateway_url}/asiakkaat/123")
    assert page.status_code in (200, 503)
    assert "text/html" in page.headers["content-type"]
    assert page.headers["x-frame-options"] == "DENY"
    missing = httpx.get(f"{system.gateway_url}/auth/nothing")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
