"""Identity as CONTRACTS §1 describes it: sign-in, refresh, logout, client credentials, me."""

from __future__ import annotations

import time

import pytest
from jose import jwt

from tests.conftest import ServiceApi


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
    }


async def test_wrong_password_and_unknown_user_look_the_same(gateway_api: ServiceApi) -> None:
    wrong = await gateway_api.client.post("/auth/login", json={"username": "wac1", "password": "x"})
    unknown = await gateway_api.client.post(
        "/auth/login", json={"username": "nobody", "password": "x"}
    )
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["detail"] == unknown.json()["detail"]
    assert wrong.headers["content-type"] == "application/problem+json"


async def test_password_guessing_is_stopped_per_username(gateway_api: ServiceApi) -> None:
    for _ in range(5):
        response = await gateway_api.client.post(
            "/auth/login", json={"username": "wac2", "password": "guess"}
        )
        assert response.status_code == 401
    blocked = await gateway_api.client.post(
        "/auth/login", json={"username": "wac2", "password": "polku"}
    )
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) > 0
    # Another user from the same address is not locked out by wac2's guesses.
    assert (
        await gateway_api.client.post("/auth/login", json={"username": "wac1", "password": "polku"})
    ).status_code == 200


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
