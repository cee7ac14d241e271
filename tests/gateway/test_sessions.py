"""Sessions end when they end (issue 11, finding 5): a logout, a deactivation, a new
password, a role change, a disabled or re-keyed machine client void the tokens already out,
at the gateway and at every service, within 5 s; a verifier that cannot tell refuses."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from jose import jwt
from sqlalchemy import select

from gateway.demo import seed_accounts
from gateway.identity.service import Identity
from gateway.models import MachineClient, Revocation
from services.common import users as users_module
from services.common.app import revocations_from_gateway
from services.common.auth import (
    RevocationList,
    Revocations,
    RevocationsUnavailable,
    SessionEnded,
    TokenVerifier,
)
from services.common.calendar import utcnow
from services.common.testing import TEST_AUDIENCE, TEST_ISSUER, StaticTokenSource, TestTokenIssuer
from services.common.users import UserDirectory
from tests.conftest import ServiceApi
from tests.gateway.test_identity import Gateway, running_gateway

BOUND_SECONDS = 5.0
ADMIN_USERS = "/api/v1/admin/users"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def refused_within(call: Callable[[], Awaitable[httpx.Response]]) -> float:
    """Poll `call` until it answers 401; fail if it answers anything but 200 before, or if
    the refusal takes longer than the bound. The seconds it took."""
    started = time.monotonic()
    while True:
        response = await call()
        elapsed = time.monotonic() - started
        if response.status_code == 401:
            assert response.json()["type"] == "urn:polku:problem:session-ended"
            return elapsed
        assert response.status_code == 200, response.text
        assert elapsed < BOUND_SECONDS, "still accepted after the bound"
        await asyncio.sleep(0.05)


async def sign_in(client: httpx.AsyncClient, username: str, password: str = "polku") -> str:
    response = await client.post("/auth/login", json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


@pytest.fixture
async def gateway(database_urls: Callable[[str], str], issuer: TestTokenIssuer) -> Any:
    # Refreshing on every request keeps these tests quick; the 2 s default is what the
    # contract test with real processes measures against the bound.
    async with running_gateway(
        database_urls("gateway"), issuer, revocation_refresh_seconds=0.0
    ) as running:
        yield running


async def make_admin(gateway: Gateway, admin: httpx.AsyncClient, username: str) -> None:
    created = await admin.post(
        ADMIN_USERS,
        headers=bearer(await sign_in(admin, "admin")),
        json={
            "username": username,
            "display_name": "Toinen Pääkäyttäjä",
            "roles": ["admin"],
            "password": "a-long-password-1",
        },
    )
    assert created.status_code == 201, created.text


# --- at the gateway ------------------------------------------------------------------------


async def test_logout_ends_that_sessions_access_token_and_no_other(gateway: Gateway) -> None:
    async with gateway.client("10.0.0.1") as desk, gateway.client("10.0.0.2") as laptop:
        ended, other = await sign_in(desk, "admin"), await sign_in(laptop, "admin")
        assert (await desk.get(ADMIN_USERS, headers=bearer(ended))).status_code == 200
        assert (await desk.post("/auth/logout")).status_code == 204
        await refused_within(lambda: desk.get(ADMIN_USERS, headers=bearer(ended)))
        assert (await laptop.get(ADMIN_USERS, headers=bearer(other))).status_code == 200
        assert (await laptop.post("/auth/refresh")).status_code == 200


async def test_deactivation_ends_every_session_of_the_user(gateway: Gateway) -> None:
    async with gateway.client() as admin, gateway.client("10.0.0.5") as other:
        await make_admin(gateway, admin, "admin2")
        first = await sign_in(other, "admin2", "a-long-password-1")
        second = await sign_in(other, "admin2", "a-long-password-1")
        deactivated = await admin.patch(
            f"{ADMIN_USERS}/admin2",
            headers=bearer(await sign_in(admin, "admin")),
            json={"active": False},
        )
        assert deactivated.status_code == 200
        for token in (first, second):
            await refused_within(lambda t=token: other.get(ADMIN_USERS, headers=bearer(t)))  # type: ignore[misc]


async def test_a_new_password_voids_old_tokens_and_the_next_sign_in_works_at_once(
    gateway: Gateway,
) -> None:
    async with gateway.client() as admin, gateway.client("10.0.0.5") as other:
        await make_admin(gateway, admin, "admin2")
        old = await sign_in(other, "admin2", "a-long-password-1")
        changed = await admin.patch(
            f"{ADMIN_USERS}/admin2",
            headers=bearer(await sign_in(admin, "admin")),
            json={"password": "a-long-password-2"},
        )
        assert changed.status_code == 200
        new = await sign_in(other, "admin2", "a-long-password-2")
        await refused_within(lambda: other.get(ADMIN_USERS, headers=bearer(old)))
        # Within the same second as the change: a version, not a time, tells them apart.
        assert (await other.get(ADMIN_USERS, headers=bearer(new))).status_code == 200


async def test_a_role_change_voids_the_token_and_a_refresh_carries_the_new_roles(
    gateway: Gateway,
) -> None:
    async with gateway.client() as admin, gateway.client("10.0.0.5") as other:
        await make_admin(gateway, admin, "admin2")
        old = await sign_in(other, "admin2", "a-long-password-1")
        changed = await admin.patch(
            f"{ADMIN_USERS}/admin2",
            headers=bearer(await sign_in(admin, "admin")),
            json={"roles": ["admin", "team_lead"]},
        )
        assert changed.status_code == 200
        await refused_within(lambda: other.get(ADMIN_USERS, headers=bearer(old)))
        refreshed = await other.post("/auth/refresh")
        assert refreshed.status_code == 200
        new = refreshed.json()["access_token"]
        assert jwt.get_unverified_claims(new)["roles"] == ["admin", "team_lead"]
        assert (await other.get(ADMIN_USERS, headers=bearer(new))).status_code == 200


async def test_a_reused_refresh_token_ends_the_sessions_access_tokens(gateway: Gateway) -> None:
    async with gateway.client() as client:
        token = await sign_in(client, "lead")
        stolen = client.cookies.get("polku_refresh") or ""
        assert (await client.post("/auth/refresh")).status_code == 200
        client.cookies.set("polku_refresh", stolen, path="/auth")
        assert (await client.post("/auth/refresh")).status_code == 401
        await refused_within(lambda: client.get("/api/v1/me", headers=bearer(token)))


async def machine_token(client: httpx.AsyncClient, client_id: str, secret: str) -> str:
    response = await client.post(
        "/auth/token",
        data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret},
    )
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


@pytest.mark.parametrize(
    ("change", "body"),
    [
        ("disabled", {"active": False}),
        ("a scope taken away", {"scopes": ["metrics:read"]}),
        ("its secret rotated", None),
    ],
)
async def test_a_machine_clients_tokens_end_when_it_is(
    gateway: Gateway, change: str, body: dict[str, Any] | None
) -> None:
    async with gateway.client() as client:
        admin = bearer(await sign_in(client, "admin"))
        created = await client.post(
            "/api/v1/admin/machine-clients",
            headers=admin,
            json={
                "client_id": "hollola-bi",
                "name": "Hollola",
                "scopes": ["metrics:read", "leads:read"],
            },
        )
        token = await machine_token(client, "hollola-bi", created.json()["client_secret"])
        assert (await client.get("/api/v1/me", headers=bearer(token))).status_code == 200
        if body is None:
            done = await client.post(
                "/api/v1/admin/machine-clients/hollola-bi/secret", headers=admin
            )
        else:
            done = await client.patch(
                "/api/v1/admin/machine-clients/hollola-bi", headers=admin, json=body
            )
        assert done.status_code == 200, change
        await refused_within(lambda: client.get("/api/v1/me", headers=bearer(token)))
        if body is None:
            fresh = await machine_token(client, "hollola-bi", done.json()["client_secret"])
            assert (await client.get("/api/v1/me", headers=bearer(fresh))).status_code == 200


async def test_a_staff_member_and_a_machine_client_of_the_same_name_are_apart(
    gateway: Gateway,
) -> None:
    async with gateway.client() as client:
        admin = bearer(await sign_in(client, "admin"))
        await client.post(
            ADMIN_USERS,
            headers=admin,
            json={
                "username": "bi",
                "display_name": "Bi Ihminen",
                "roles": ["admin"],
                "password": "a-long-password-1",
            },
        )
        person = await sign_in(client, "bi", "a-long-password-1")
        machine = await machine_token(client, "bi", "bi-secret")
        await client.patch(f"{ADMIN_USERS}/bi", headers=admin, json={"active": False})
        await refused_within(lambda: client.get(ADMIN_USERS, headers=bearer(person)))
        assert (await client.get("/api/v1/me", headers=bearer(machine))).status_code == 200


async def test_the_revocation_list_is_for_the_services_and_only_as_old_as_a_token(
    gateway: Gateway, issuer: TestTokenIssuer
) -> None:
    path = "/internal/users/-/revocations"
    async with gateway.client() as client:
        assert (await client.get(path)).status_code == 401
        partner = bearer(await machine_token(client, "bi", "bi-secret"))
        assert (await client.get(path, headers=partner)).status_code == 403
        service = bearer(await machine_token(client, "svc-clients", "svc-clients-demo-secret"))
        assert (await client.get(path, headers=service)).json() == {
            "sessions": [],
            "staff": {},
            "machine": {},
        }
        long_ago = utcnow() - dt.timedelta(hours=1)
        async with gateway.app.state.database.transaction() as session:
            session.add(Revocation(kind="staff", key="wac2", token_version=7, revoked_at=long_ago))
        await sign_in(client, "lead")
        assert (await client.post("/auth/logout")).status_code == 204
        listed = (await client.get(path, headers=service)).json()
    assert len(listed["sessions"]) == 1
    # Older than any token can live: not listed, and forgotten when the next one was kept.
    assert listed["staff"] == {}
    async with gateway.app.state.database.transaction() as session:
        kept = (await session.scalars(select(Revocation.kind))).all()
    assert kept == ["session"]


async def test_seeding_again_keeps_the_services_tokens_and_a_new_secret_voids_them(
    gateway: Gateway,
) -> None:
    identity: Identity = gateway.app.state.identity

    async def version() -> int:
        async with gateway.app.state.database.transaction() as session:
            client = await session.get(MachineClient, "svc-clients")
            assert client is not None
            return client.token_version

    await seed_accounts(gateway.settings, demo=True, identity=identity)
    assert await version() == 0
    rotated = gateway.settings.model_copy(
        update={
            "service_client_secrets": {
                **gateway.settings.service_client_secrets,
                "svc-clients": type(gateway.settings.service_client_secrets["svc-clients"])(
                    "a-new-secret-for-clients"
                ),
            }
        }
    )
    await seed_accounts(rotated, demo=False, identity=identity)
    assert await version() == 1


# --- at a service ----------------------------------------------------------------------------


async def test_a_service_refuses_a_deactivated_users_token_within_the_bound(
    gateway_api: ServiceApi, clients_api: ServiceApi
) -> None:
    """The clients service with the verifier a deployment gives it: revocations fetched from
    the gateway's internal API with the service's own machine token."""
    app = clients_api.app
    settings = app.state.settings.model_copy(update={"revocation_refresh_seconds": 0.0})
    app.state.token_verifier = TokenVerifier(
        issuer=settings.issuer,
        audience=settings.audience,
        fetch_jwks=clients_api.issuer.fetch_jwks,
        revocations=revocations_from_gateway(app, settings),
    )
    wac1 = bearer(await sign_in(gateway_api.client, "wac1"))

    def read() -> Awaitable[httpx.Response]:
        return clients_api.client.get("/api/v1/clients/catalogue", headers=wac1)

    assert (await read()).status_code == 200
    deactivated = await gateway_api.client.patch(
        f"{ADMIN_USERS}/wac1",
        headers=gateway_api.as_staff("admin", "admin"),
        json={"active": False},
    )
    assert deactivated.status_code == 200
    await refused_within(read)


# --- the verifier --------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Source:
    """A revocation source the test controls: its answer, whether it is up, how often asked."""

    def __init__(self) -> None:
        self.answer = Revocations()
        self.up = True
        self.calls = 0
        self.gate: asyncio.Event | None = None

    async def __call__(self) -> Revocations:
        self.calls += 1
        if self.gate is not None:
            await self.gate.wait()
        if not self.up:
            raise httpx.ConnectError("the gateway is down")
        return self.answer


def verifier_with(issuer: TestTokenIssuer, source: Source, clock: Clock) -> TokenVerifier:
    return TokenVerifier(
        issuer=TEST_ISSUER,
        audience=TEST_AUDIENCE,
        fetch_jwks=issuer.fetch_jwks,
        revocations=RevocationList(source, clock=clock),
    )


async def settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


REVOKED_CASES: dict[str, tuple[dict[str, Any], Revocations, bool]] = {
    # case: (the token's subject and claims, the revocations, refused?)
    "its session ended": (
        {"sub": "wac1", "sid": "s1", "ver": 0},
        Revocations(sessions=frozenset({"s1"})),
        True,
    ),
    "another session ended": (
        {"sub": "wac1", "sid": "s2", "ver": 0},
        Revocations(sessions=frozenset({"s1"})),
        False,
    ),
    "no session named, sessions ended": (
        {"sub": "wac1"},
        Revocations(sessions=frozenset({"s1"})),
        False,
    ),
    "its version below the lowest valid": (
        {"sub": "wac1", "ver": 1},
        Revocations(staff={"wac1": 2}),
        True,
    ),
    "its version the lowest valid": (
        {"sub": "wac1", "ver": 2},
        Revocations(staff={"wac1": 2}),
        False,
    ),
    "no version, subject voided": ({"sub": "wac1"}, Revocations(staff={"wac1": 1}), True),
    "another staff member voided": ({"sub": "wac1"}, Revocations(staff={"wac2": 1}), False),
    "a machine client called like a voided person": (
        {"sub": "bi", "machine": True},
        Revocations(staff={"bi": 1}),
        False,
    ),
    "a voided machine client": (
        {"sub": "bi", "machine": True, "ver": 0},
        Revocations(machine={"bi": 1}),
        True,
    ),
    "a person called like a voided machine client": (
        {"sub": "bi"},
        Revocations(machine={"bi": 1}),
        False,
    ),
}


@pytest.mark.parametrize("case", REVOKED_CASES)
async def test_the_verifier_refuses_what_the_revocations_name(
    case: str, issuer: TestTokenIssuer
) -> None:
    claims, revocations, refused = REVOKED_CASES[case]
    source, clock = Source(), Clock()
    source.answer = revocations
    verifier = verifier_with(issuer, source, clock)
    extra = {k: v for k, v in claims.items() if k in ("sid", "ver")}
    token = issuer.token(claims["sub"], machine=claims.get("machine", False), extra=extra)
    if refused:
        with pytest.raises(SessionEnded):
            await verifier.verify(token)
    else:
        assert (await verifier.verify(token)).subject == claims["sub"]


async def test_a_cached_token_obeys_a_later_revocation(issuer: TestTokenIssuer) -> None:
    source, clock = Source(), Clock()
    verifier = verifier_with(issuer, source, clock)
    token = issuer.token("wac1", extra={"sid": "s1"})
    await verifier.verify(token)
    source.answer = Revocations(sessions=frozenset({"s1"}))
    clock.now += 2.0
    # The request that finds the copy due starts a refresh and goes on with the copy it has.
    await verifier.verify(token)
    await settle()
    with pytest.raises(SessionEnded):
        await verifier.verify(token)


async def test_the_verifier_fails_closed_when_it_cannot_tell(issuer: TestTokenIssuer) -> None:
    source, clock = Source(), Clock()
    verifier = verifier_with(issuer, source, clock)
    token = issuer.token("wac1", extra={"sid": "s1"})
    source.up = False
    with pytest.raises(RevocationsUnavailable):
        await verifier.verify(token)  # never had a list
    source.up = True
    clock.now += 1.0
    await verifier.verify(token)  # a good answer at t = 101
    source.up = False
    # (seconds since the last good answer, refused?) while the gateway cannot be reached
    for since_good, refused in ((2.0, False), (4.9, False), (5.1, True), (30.0, True)):
        clock.now = 101.0 + since_good
        if refused:
            with pytest.raises(RevocationsUnavailable) as caught:
                await verifier.verify(token)
            assert caught.value.status == 503
            assert caught.value.headers["Retry-After"]
        else:
            await verifier.verify(token)
        await settle()
    source.up = True
    clock.now += 1.0
    await verifier.verify(token)


async def test_one_fetch_at_a_time_and_only_a_stale_list_makes_a_request_wait(
    issuer: TestTokenIssuer,
) -> None:
    source, clock = Source(), Clock()
    verifier = verifier_with(issuer, source, clock)
    token = issuer.token("wac1")
    source.gate = asyncio.Event()
    waiting = [asyncio.create_task(verifier.verify(token)) for _ in range(20)]
    await settle()
    assert source.calls == 1
    assert not any(task.done() for task in waiting)
    source.gate.set()
    await asyncio.gather(*waiting)
    # A list 3 s old is due for a refresh but still good: a slow gateway holds nobody up.
    source.gate = asyncio.Event()
    clock.now += 3.0
    await asyncio.wait_for(verifier.verify(token), timeout=0.5)
    await asyncio.wait_for(verifier.verify(token), timeout=0.5)
    assert source.calls == 2
    source.gate.set()
    await settle()


# --- the services' user directory (issue 11, finding 12) ------------------------------------


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0

    def monotonic(self) -> float:
        return self.now


def directory_over(handler: Callable[[httpx.Request], httpx.Response]) -> UserDirectory:
    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    return UserDirectory(http, "http://gateway.test", StaticTokenSource(TestTokenIssuer(), "svc"))


async def test_the_user_directory_sees_a_deactivation_within_the_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock, active = FakeTime(), {"wac1": True}
    monkeypatch.setattr(users_module, "time", clock)

    def handler(request: httpx.Request) -> httpx.Response:
        name = request.url.path.rsplit("/", 1)[-1]
        return httpx.Response(
            200,
            json={"username": name, "display_name": "T", "roles": [], "active": active[name]},
        )

    directory = directory_over(handler)
    member = await directory.get("wac1")
    assert member is not None
    assert member.active
    active["wac1"] = False
    clock.now += BOUND_SECONDS
    member = await directory.get("wac1")
    assert member is not None
    assert not member.active


@pytest.mark.parametrize(
    ("username", "sent_path"),
    [
        ("wac1", "/internal/users/wac1"),
        ("nobody/../wac2", "/internal/users/nobody%2F..%2Fwac2"),
        ("a b?c#d", "/internal/users/a%20b%3Fc%23d"),
        ("x\rx", "/internal/users/x%0Dx"),
        ("wac1\x00", "/internal/users/wac1%00"),
        ("..", None),
        (".", None),
    ],
)
async def test_the_user_directory_sends_a_username_as_one_encoded_segment(
    username: str, sent_path: str | None
) -> None:
    sent: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.url.raw_path.decode())
        return httpx.Response(404, json={})

    assert await directory_over(handler).get(username) is None
    assert sent == ([sent_path] if sent_path else [])
