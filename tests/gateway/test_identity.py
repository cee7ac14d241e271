"""Identity as CONTRACTS §1 describes it: sign-in, refresh, logout, client credentials, me."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from jose import jwt

from gateway.config import GatewaySettings
from gateway.demo import seed_accounts
from gateway.identity.throttle import SignInThrottle
from gateway.main import create_api
from gateway.models import Base
from gateway.proxy import GatewayApp
from services.common.testing import TestTokenIssuer, empty_all_tables
from tests.conftest import ServiceApi, gateway_settings


async def login(api: ServiceApi, username: str, password: str = "polku") -> dict[str, object]:
    response = await api.client.post(
        "/auth/login", json={"username": username, "password": password}
    )
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


async def test_staff_sign_in_gives_a_short_rs256_token_and_a_refresh_cookie(
    gateway_api: ServiceApi,
) -> None:
    response = await gateway_api.client.post(
        "/auth/login", json={"username": "wac1", "password": "polku"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert 0 < body["expires_in"] <= 900
    cookie = response.headers["set-cookie"]
    assert "polku_refresh=" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie
    header = jwt.get_unverified_header(body["access_token"])
    assert header["alg"] == "RS256"
    assert header["kid"]
    claims = jwt.get_unverified_claims(body["access_token"])
    assert claims["sub"] == "wac1"
    assert claims["aud"] == "polku"
    assert claims["roles"] == ["work_ability_coordinator"]
    assert claims["exp"] - time.time() <= 900


async def test_me_names_the_caller(gateway_api: ServiceApi) -> None:
    tokens = await login(gateway_api, "bc1")
    me = await gateway_api.client.get(
        "/api/v1/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}
    )
    assert me.status_code == 200
    assert me.json() == {
        "username": "bc1",
        "display_name": "Sanna Korhonen",
        "roles": ["business_coordinator"],
        "scopes": [],
        "email": None,
        "language": "fi",
    }


async def test_wrong_password_and_unknown_user_look_the_same(gateway_api: ServiceApi) -> None:
    wrong = await gateway_api.client.post("/auth/login", json={"username": "wac1", "password": "x"})
    unknown = await gateway_api.client.post(
        "/auth/login", json={"username": "nobody", "password": "x"}
    )
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["detail"] == unknown.json()["detail"]
    assert wrong.headers["content-type"] == "application/problem+json"


async def test_refresh_rotates_and_a_reused_token_ends_the_session(gateway_api: ServiceApi) -> None:
    client = gateway_api.client
    await login(gateway_api, "lead")
    first_cookie = client.cookies.get("polku_refresh")
    refreshed = await client.post("/auth/refresh")
    assert refreshed.status_code == 200
    assert jwt.get_unverified_claims(refreshed.json()["access_token"])["sub"] == "lead"
    second_cookie = client.cookies.get("polku_refresh")
    assert second_cookie != first_cookie
    # Replaying the rotated token revokes the whole family, the current one too.
    client.cookies.set("polku_refresh", first_cookie or "", path="/auth")
    assert (await client.post("/auth/refresh")).status_code == 401
    client.cookies.set("polku_refresh", second_cookie or "", path="/auth")
    assert (await client.post("/auth/refresh")).status_code == 401


async def test_logout_revokes_the_refresh_cookie(gateway_api: ServiceApi) -> None:
    client = gateway_api.client
    await login(gateway_api, "coach")
    cookie = client.cookies.get("polku_refresh")
    assert (await client.post("/auth/logout")).status_code == 204
    client.cookies.set("polku_refresh", cookie or "", path="/auth")
    assert (await client.post("/auth/refresh")).status_code == 401


@pytest.mark.parametrize(
    ("client_id", "secret", "scope", "expected_scope"),
    [
        ("ladec", "ladec-secret", None, "leads:write leads:read"),
        ("ladec", "ladec-secret", "leads:read", "leads:read"),
        ("bi", "bi-secret", None, "metrics:read"),
    ],
)
async def test_client_credentials(
    gateway_api: ServiceApi, client_id: str, secret: str, scope: str | None, expected_scope: str
) -> None:
    form = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
    if scope:
        form["scope"] = scope
    response = await gateway_api.client.post("/auth/token", data=form)
    assert response.status_code == 200
    body = response.json()
    assert body["scope"] == expected_scope
    assert body["token_type"] == "Bearer"
    assert jwt.get_unverified_claims(body["access_token"])["scope"] == expected_scope


async def test_client_credentials_refusals(gateway_api: ServiceApi) -> None:
    post = gateway_api.client.post
    bad_secret = await post(
        "/auth/token",
        data={"grant_type": "client_credentials", "client_id": "bi", "client_secret": "nope"},
    )
    assert bad_secret.status_code == 401
    assert bad_secret.json()["error"] == "invalid_client"
    too_much = await post(
        "/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": "bi",
            "client_secret": "bi-secret",
            "scope": "leads:write",
        },
    )
    assert too_much.status_code == 400
    assert too_much.json()["error"] == "invalid_scope"
    wrong_grant = await post("/auth/token", data={"grant_type": "password"})
    assert wrong_grant.json()["error"] == "unsupported_grant_type"


async def test_discovery_and_jwks(gateway_api: ServiceApi) -> None:
    config = (await gateway_api.client.get("/.well-known/openid-configuration")).json()
    assert {"issuer", "jwks_uri", "token_endpoint"} <= set(config)
    keys = (await gateway_api.client.get("/.well-known/jwks.json")).json()["keys"]
    assert keys[0]["kty"] == "RSA"
    assert keys[0]["alg"] == "RS256"
    assert "d" not in keys[0]


async def test_internal_users_needs_users_read(gateway_api: ServiceApi) -> None:
    machine = gateway_api.as_machine("svc-clients", "users:read")
    found = await gateway_api.client.get("/internal/users/wac1", headers=machine)
    assert found.json() == {
        "username": "wac1",
        "display_name": "Tiina Virtanen",
        "roles": ["work_ability_coordinator"],
        "active": True,
        "email": None,
        "language": "fi",
    }
    assert (
        await gateway_api.client.get("/internal/users/nobody", headers=machine)
    ).status_code == 404
    denied = await gateway_api.client.get(
        "/internal/users/wac1", headers=gateway_api.as_machine("bi", "metrics:read")
    )
    assert denied.status_code == 403


async def test_internal_paths_of_services_are_never_routed(gateway_api: ServiceApi) -> None:
    response = await gateway_api.client.get(
        "/internal/events", headers=gateway_api.as_machine("svc-metrics", "events:read")
    )
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


# --- throttles (issue 11, finding 9) -------------------------------------------------------


@dataclass
class Gateway:
    """The gateway in this process, with settings of the test's own; callers at any address."""

    app: GatewayApp
    asgi: Any
    settings: GatewaySettings

    @asynccontextmanager
    async def client(self, address: str = "127.0.0.1") -> AsyncIterator[httpx.AsyncClient]:
        transport = httpx.ASGITransport(self.asgi, client=(address, 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as c:
            yield c


@asynccontextmanager
async def running_gateway(
    database_url: str, issuer: TestTokenIssuer, **overrides: Any
) -> AsyncIterator[Gateway]:
    settings = gateway_settings(database_url, **overrides)
    app = GatewayApp(create_api(settings, signing_key=issuer.key))
    async with LifespanManager(app) as manager:  # type: ignore[arg-type]
        await empty_all_tables(app.state.database.engine, Base.metadata)
        await seed_accounts(settings, demo=True, identity=app.state.identity)
        yield Gateway(app, manager.app, settings)


A, B, C = "10.0.0.1", "10.0.0.2", "10.0.0.3"
WRONG, RIGHT = "guess", "polku"


def tries(username: str, address: str, password: str, times: int) -> list[tuple[str, str, str]]:
    return [(username, address, password)] * times


SIGN_IN_CASES: dict[str, tuple[list[tuple[str, str, str]], tuple[str, str, str], int]] = {
    # case: (attempts made first, the attempt that is checked, its expected status)
    "four wrong at A do not lock wac1 at A": (tries("wac1", A, WRONG, 4), ("wac1", A, RIGHT), 200),
    "five wrong at A lock wac1 at A": (tries("wac1", A, WRONG, 5), ("wac1", A, RIGHT), 429),
    "the lock is case-blind": (tries("WAC1", A, WRONG, 5), ("wac1", A, RIGHT), 429),
    "five wrong at A leave the owner at B alone": (
        tries("wac1", A, WRONG, 5),
        ("wac1", B, RIGHT),
        200,
    ),
    "a wrong password at B after A's lock is 401, not 429": (
        tries("wac1", A, WRONG, 5),
        ("wac1", B, WRONG),
        401,
    ),
    "five wrong for wac1 at A leave wac2 at A alone": (
        tries("wac1", A, WRONG, 5),
        ("wac2", A, RIGHT),
        200,
    ),
    "twelve addresses guessing never lock the owner out": (
        [("wac1", f"10.0.1.{i}", WRONG) for i in range(12)],
        ("wac1", B, RIGHT),
        200,
    ),
    "one address trying twenty accounts is locked": (
        [(f"user{i}", C, WRONG) for i in range(20)],
        ("wac1", C, RIGHT),
        429,
    ),
    "nineteen accounts tried from one address do not lock it": (
        [(f"user{i}", C, WRONG) for i in range(19)],
        ("wac1", C, RIGHT),
        200,
    ),
    "the address lock leaves other addresses alone": (
        [(f"user{i}", C, WRONG) for i in range(20)],
        ("wac1", A, RIGHT),
        200,
    ),
    "a success at A clears only A's pair": (
        [*tries("wac1", A, WRONG, 4), ("wac1", A, RIGHT), *tries("wac1", A, WRONG, 4)],
        ("wac1", A, RIGHT),
        200,
    ),
}


@pytest.mark.parametrize("case", SIGN_IN_CASES)
async def test_sign_in_throttle(
    case: str, database_urls: Callable[[str], str], issuer: TestTokenIssuer
) -> None:
    before, (username, address, password), expected = SIGN_IN_CASES[case]
    # A token slow-down keeps the case quick; its growth has a test of its own below.
    async with running_gateway(
        database_urls("gateway"),
        issuer,
        login_slowdown_base_seconds=0.001,
        login_slowdown_max_seconds=0.01,
    ) as gateway:
        for name, at, secret in before:
            async with gateway.client(at) as client:
                earlier = await client.post(
                    "/auth/login", json={"username": name, "password": secret}
                )
                assert earlier.status_code in (200, 401), (name, at, earlier.text)
        async with gateway.client(address) as client:
            response = await client.post(
                "/auth/login", json={"username": username, "password": password}
            )
    assert response.status_code == expected, response.text
    if expected == 429:
        assert int(response.headers["retry-after"]) > 0
        assert response.headers["content-type"] == "application/problem+json"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_account_slow_down_grows_with_its_failures_and_spares_known_addresses() -> None:
    clock = FakeClock()
    throttle = SignInThrottle(
        pair_limit=5,
        address_limit=20,
        window_seconds=900,
        slowdown_after=5,
        slowdown_base_seconds=0.5,
        slowdown_max_seconds=5.0,
        clock=clock,
    )
    throttle.succeeded("wac1", "owner-desk")
    # failures on wac1 so far (one per address) → the delay before the next check
    expected_delays = {0: 0.0, 4: 0.0, 5: 0.5, 6: 1.0, 7: 2.0, 8: 4.0, 9: 5.0, 15: 5.0}
    failures = 0
    for count, delay in expected_delays.items():
        while failures < count:
            throttle.failed("wac1", f"10.9.0.{failures}")
            failures += 1
        decision = throttle.check("wac1", "elsewhere")
        assert (decision.refuse_for, decision.delay) == (0.0, delay), count
        # The owner's usual address is never slowed, nor is another account.
        assert throttle.check("wac1", "owner-desk").delay == 0.0
        assert throttle.check("wac2", "elsewhere").delay == 0.0
    clock.now += 901
    assert throttle.check("wac1", "elsewhere").delay == 0.0


async def test_a_slowed_account_still_lets_its_owner_in(
    database_urls: Callable[[str], str], issuer: TestTokenIssuer
) -> None:
    async with running_gateway(
        database_urls("gateway"),
        issuer,
        login_slowdown_base_seconds=0.2,
        login_slowdown_max_seconds=0.2,
    ) as gateway:
        for i in range(5):
            async with gateway.client(f"10.0.2.{i}") as client:
                wrong = await client.post(
                    "/auth/login", json={"username": "wac1", "password": WRONG}
                )
                assert wrong.status_code == 401
        async with gateway.client(B) as client:
            started = time.monotonic()
            right = await client.post("/auth/login", json={"username": "wac1", "password": RIGHT})
            waited = time.monotonic() - started
    assert right.status_code == 200
    assert waited >= 0.2


def form(client_id: str, secret: str) -> dict[str, str]:
    return {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}


TOKEN_CASES: dict[str, tuple[list[tuple[str, dict[str, str]]], tuple[str, dict[str, str]], int]] = {
    # case: (requests made first as (address, form), the request checked, its expected status)
    "three requests from A are answered": (
        [(A, form("bi", "bi-secret"))] * 2,
        (A, form("bi", "bi-secret")),
        200,
    ),
    "a fourth request from A is refused, whatever it asks": (
        [(A, form("nobody", "x"))] * 3,
        (A, form("bi", "bi-secret")),
        429,
    ),
    "A's refusals leave B alone": (
        [(A, form("nobody", "x"))] * 3,
        (B, form("bi", "bi-secret")),
        200,
    ),
    "the bi client is granted at most three tokens a while": (
        [(A, form("bi", "bi-secret")), (B, form("bi", "bi-secret")), (C, form("bi", "bi-secret"))],
        ("10.0.0.4", form("bi", "bi-secret")),
        429,
    ),
    "bi's grants leave ladec alone": (
        [(A, form("bi", "bi-secret")), (B, form("bi", "bi-secret")), (C, form("bi", "bi-secret"))],
        ("10.0.0.4", form("ladec", "ladec-secret")),
        200,
    ),
    "wrong secrets for bi from many addresses do not lock bi out": (
        [(f"10.0.3.{i}", form("bi", "wrong")) for i in range(10)],
        (A, form("bi", "bi-secret")),
        200,
    ),
}


@pytest.mark.parametrize("case", TOKEN_CASES)
async def test_token_endpoint_throttle(
    case: str, database_urls: Callable[[str], str], issuer: TestTokenIssuer
) -> None:
    before, (address, checked), expected = TOKEN_CASES[case]
    async with running_gateway(
        database_urls("gateway"),
        issuer,
        token_requests_per_address_per_second=0.001,
        token_request_burst_per_address=3,
        token_grants_per_client_per_second=0.001,
        token_grant_burst_per_client=3,
    ) as gateway:
        for at, data in before:
            async with gateway.client(at) as client:
                earlier = await client.post("/auth/token", data=data)
                assert earlier.status_code in (200, 401), earlier.text
        async with gateway.client(address) as client:
            response = await client.post("/auth/token", data=checked)
    assert response.status_code == expected, response.text
    if expected == 429:
        assert int(response.headers["retry-after"]) > 0
