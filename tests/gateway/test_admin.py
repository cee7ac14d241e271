"""The admin API manages users and machine clients; nobody else may."""

from __future__ import annotations

import pytest

from tests.conftest import ServiceApi


async def test_admin_creates_a_user_who_can_sign_in(gateway_api: ServiceApi) -> None:
    admin = gateway_api.as_staff("admin", "admin")
    created = await gateway_api.client.post(
        "/api/v1/admin/users",
        headers=admin,
        json={
            "username": "wac3",
            "display_name": "Liisa Uusi",
            "roles": ["work_ability_coordinator"],
            "password": "a-long-password-1",
        },
    )
    assert created.status_code == 201
    assert "password" not in created.text
    login = await gateway_api.client.post(
        "/auth/login", json={"username": "wac3", "password": "a-long-password-1"}
    )
    assert login.status_code == 200
    duplicate = await gateway_api.client.post(
        "/api/v1/admin/users",
        headers=admin,
        json={
            "username": "wac3",
            "display_name": "X",
            "roles": ["coach"],
            "password": "a-long-password-2",
        },
    )
    assert duplicate.status_code == 409


async def test_deactivated_user_cannot_sign_in(gateway_api: ServiceApi) -> None:
    admin = gateway_api.as_staff("admin", "admin")
    response = await gateway_api.client.patch(
        "/api/v1/admin/users/bc2", headers=admin, json={"active": False}
    )
    assert response.json()["active"] is False
    login = await gateway_api.client.post(
        "/auth/login", json={"username": "bc2", "password": "polku"}
    )
    assert login.status_code == 401


async def test_machine_client_secret_is_shown_once_and_works(gateway_api: ServiceApi) -> None:
    admin = gateway_api.as_staff("admin", "admin")
    created = await gateway_api.client.post(
        "/api/v1/admin/machine-clients",
        headers=admin,
        json={"client_id": "hollola-bi", "name": "Hollola BI", "scopes": ["metrics:read"]},
    )
    assert created.status_code == 201
    secret = created.json()["client_secret"]
    listed = await gateway_api.client.get("/api/v1/admin/machine-clients", headers=admin)
    assert "client_secret" not in listed.text
    token = await gateway_api.client.post(
        "/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": "hollola-bi",
            "client_secret": secret,
        },
    )
    assert token.status_code == 200
    rotated = await gateway_api.client.post(
        "/api/v1/admin/machine-clients/hollola-bi/secret", headers=admin
    )
    assert rotated.json()["client_secret"] != secret
    old = await gateway_api.client.post(
        "/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": "hollola-bi",
            "client_secret": secret,
        },
    )
    assert old.status_code == 401


async def test_only_admins_reach_the_admin_api(gateway_api: ServiceApi) -> None:
    for headers in (
        gateway_api.as_staff("lead", "team_lead"),
        gateway_api.as_machine("ladec", "leads:write"),
    ):
        response = await gateway_api.client.get("/api/v1/admin/users", headers=headers)
        assert response.status_code == 403
    assert (await gateway_api.client.get("/api/v1/admin/users")).status_code == 401


async def test_invalid_user_is_422_naming_the_field(gateway_api: ServiceApi) -> None:
    response = await gateway_api.client.post(
        "/api/v1/admin/users",
        headers=gateway_api.as_staff("admin", "admin"),
        json={"username": "x", "display_name": "", "roles": ["wizard"], "password": "short"},
    )
    assert response.status_code == 422
    fields = {tuple(e["loc"])[-1] for e in response.json()["errors"]}
    assert {"username", "display_name", "password"} <= fields


async def _users(gateway_api: ServiceApi) -> list[str]:
    listed = await gateway_api.client.get(
        "/api/v1/admin/users", headers=gateway_api.as_staff("admin", "admin")
    )
    return sorted(u["username"] for u in listed.json())


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"username": "a/b"}, "username"),
        ({"username": "nobody/../wac2"}, "username"),
        ({"username": "x\nx"}, "username"),
        ({"username": "wac4\u0000"}, "username"),
        ({"display_name": "Liisa\u0000"}, "display_name"),
        ({"display_name": "Liisa \u202eisiiL"}, "display_name"),
        ({"display_name": "Lii\u200bsa"}, "display_name"),
        ({"display_name": "Liisa\u0085"}, "display_name"),
    ],
)
async def test_a_username_or_display_name_breaking_the_text_rules_is_refused(
    gateway_api: ServiceApi, body: dict[str, str], field: str
) -> None:
    before = await _users(gateway_api)
    response = await gateway_api.client.post(
        "/api/v1/admin/users",
        headers=gateway_api.as_staff("admin", "admin"),
        json={
            "username": "wac4",
            "display_name": "Liisa Uusi",
            "roles": ["work_ability_coordinator"],
            "password": "a-long-password-1",
            **body,
        },
    )
    assert response.status_code == 422, response.text
    assert [e["loc"] for e in response.json()["errors"]] == [["body", field]]
    assert await _users(gateway_api) == before


async def test_a_display_name_keeps_its_joiners(gateway_api: ServiceApi) -> None:
    name = "\u0dc1\u0dca\u200d\u0dbb\u0dd3 Perera"  # ZWJ inside
    response = await gateway_api.client.post(
        "/api/v1/admin/users",
        headers=gateway_api.as_staff("admin", "admin"),
        json={
            "username": "wac5",
            "display_name": name,
            "roles": ["work_ability_coordinator"],
            "password": "a-long-password-1",
        },
    )
    assert response.status_code == 201, response.text
    assert response.json()["display_name"] == name


async def test_a_machine_client_id_breaking_the_username_rule_is_refused(
    gateway_api: ServiceApi,
) -> None:
    response = await gateway_api.client.post(
        "/api/v1/admin/machine-clients",
        headers=gateway_api.as_staff("admin", "admin"),
        json={"client_id": "bi/../ladec", "name": "BI", "scopes": ["metrics:read"]},
    )
    assert response.status_code == 422, response.text
    assert [e["loc"] for e in response.json()["errors"]] == [["body", "client_id"]]


@pytest.mark.parametrize("username", ["wac1\u0000", "wac1\n", "wa\rc1", "a/b"])
async def test_a_sign_in_name_that_cannot_exist_is_refused(
    gateway_api: ServiceApi, username: str
) -> None:
    response = await gateway_api.client.post(
        "/auth/login", json={"username": username, "password": "polku"}
    )
    assert response.status_code == 422, response.text
    assert [e["loc"] for e in response.json()["errors"]] == [["body", "username"]]
