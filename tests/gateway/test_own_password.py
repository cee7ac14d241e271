"""My page: one's own new password (issue 13). The current password is asked, the admin
form's rule holds, the sessions on other devices end and the one that asked stays."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from services.common.testing import TestTokenIssuer
from tests.gateway.test_identity import Gateway, running_gateway
from tests.gateway.test_sessions import bearer, machine_token, refused_within, sign_in

PASSWORD = "/api/v1/me/password"
NEW = "uusi-pitka-salasana-1"


async def change(
    client: httpx.AsyncClient, token: str, current: str, new: str = NEW
) -> httpx.Response:
    return await client.post(
        PASSWORD, headers=bearer(token), json={"current_password": current, "new_password": new}
    )


@pytest.fixture
async def gateway(database_urls: Callable[[str], str], issuer: TestTokenIssuer) -> Any:
    async with running_gateway(
        database_urls("gateway"),
        issuer,
        revocation_refresh_seconds=0.0,
        login_slowdown_base_seconds=0.001,
        login_slowdown_max_seconds=0.01,
    ) as running:
        yield running


async def test_the_new_password_signs_in_and_the_old_one_no_longer(gateway: Gateway) -> None:
    async with gateway.client() as client:
        token = await sign_in(client, "bc1")
        changed = await change(client, token, "polku")
        assert changed.status_code == 204, changed.text
        old = await client.post("/auth/login", json={"username": "bc1", "password": "polku"})
        assert old.status_code == 401
        assert await sign_in(client, "bc1", NEW)


async def test_the_other_sessions_end_and_this_one_stays(gateway: Gateway) -> None:
    async with gateway.client("10.0.0.1") as desk, gateway.client("10.0.0.2") as laptop:
        here = await sign_in(desk, "wac1")
        elsewhere = await sign_in(laptop, "wac1")
        changed = await change(desk, here, "polku")
        assert changed.status_code == 204, changed.text
        await refused_within(lambda: laptop.get("/api/v1/me", headers=bearer(elsewhere)))
        assert (await laptop.post("/auth/refresh")).status_code == 401
        assert (await desk.get("/api/v1/me", headers=bearer(here))).status_code == 200
        assert (await desk.post("/auth/refresh")).status_code == 200


# case: (body, expected status, the refusal's code)
REFUSALS: dict[str, tuple[dict[str, str], int, str]] = {
    "wrong current password": (
        {"current_password": "arvaus", "new_password": NEW},
        422,
        "wrong_current_password",
    ),
    "new password of 11 characters": (
        {"current_password": "polku", "new_password": "lyhyt-sala1"},
        422,
        "string_too_short",
    ),
    "new password of 201 characters": (
        {"current_password": "polku", "new_password": "x" * 201},
        422,
        "string_too_long",
    ),
    "no current password": ({"new_password": NEW}, 422, "missing"),
}


@pytest.mark.parametrize("case", REFUSALS)
async def test_refusals_keep_the_old_password_and_the_other_sessions(
    case: str, gateway: Gateway
) -> None:
    body, expected_status, expected_code = REFUSALS[case]
    async with gateway.client("10.0.0.1") as desk, gateway.client("10.0.0.2") as laptop:
        here = await sign_in(desk, "bc1")
        elsewhere = await sign_in(laptop, "bc1")
        refused = await desk.post(PASSWORD, headers=bearer(here), json=body)
        assert refused.status_code == expected_status, refused.text
        problem = refused.json()
        assert expected_code in {problem["code"], *(e["code"] for e in problem["errors"])}
        assert (await laptop.get("/api/v1/me", headers=bearer(elsewhere))).status_code == 200
        assert await sign_in(desk, "bc1")


async def test_the_same_password_again_is_no_change(gateway: Gateway) -> None:
    async with gateway.client() as client:
        admin = bearer(await sign_in(client, "admin"))
        await client.patch("/api/v1/admin/users/bc1", headers=admin, json={"password": NEW})
        token = await sign_in(client, "bc1", NEW)
        refused = await change(client, token, NEW, NEW)
        assert refused.status_code == 422
        assert refused.json()["code"] == "password_unchanged"


async def test_guessing_the_current_password_is_throttled_like_sign_in(gateway: Gateway) -> None:
    limit = gateway.settings.login_failures_per_username_and_address
    async with gateway.client() as client:
        token = await sign_in(client, "bc1")
        for _ in range(limit):
            wrong = await change(client, token, "arvaus")
            assert wrong.status_code == 422
        locked = await change(client, token, "polku")
        assert locked.status_code == 429
        assert locked.json()["code"] == "too_many_password_attempts"
        assert int(locked.headers["retry-after"]) > 0


# case: (who asks, expected status)
WHO_MAY: dict[str, tuple[str, int]] = {
    "a staff member": ("staff", 204),
    "a machine client": ("machine", 403),
    "no token": ("anonymous", 401),
}


@pytest.mark.parametrize("case", WHO_MAY)
async def test_who_may_change_a_password(case: str, gateway: Gateway) -> None:
    who, expected = WHO_MAY[case]
    async with gateway.client() as client:
        headers: dict[str, str] = {}
        if who == "staff":
            headers = bearer(await sign_in(client, "coach"))
        elif who == "machine":
            headers = bearer(await machine_token(client, "bi", "bi-secret"))
        response = await client.post(
            PASSWORD, headers=headers, json={"current_password": "polku", "new_password": NEW}
        )
    assert response.status_code == expected, response.text
