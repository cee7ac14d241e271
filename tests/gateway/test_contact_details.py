"""Staff e-mail and language: set by an admin or on one's own page, read by the services."""

from __future__ import annotations

import pytest

from tests.conftest import ServiceApi


async def _internal(gateway_api: ServiceApi, username: str) -> dict[str, object]:
    machine = gateway_api.as_machine("svc-notifications", "users:read")
    found = await gateway_api.client.get(f"/internal/users/{username}", headers=machine)
    assert found.status_code == 200
    body: dict[str, object] = found.json()
    return body


async def test_a_person_sets_their_own_email_and_language(gateway_api: ServiceApi) -> None:
    me = gateway_api.as_staff("wac1", "work_ability_coordinator")
    before = (await gateway_api.client.get("/api/v1/me", headers=me)).json()
    assert before["email"] is None
    assert before["language"] == "fi"

    changed = await gateway_api.client.patch(
        "/api/v1/me", headers=me, json={"email": " tiina@lahti.example ", "language": "en"}
    )
    assert changed.status_code == 200
    assert changed.json()["email"] == "tiina@lahti.example"
    assert changed.json()["language"] == "en"
    assert await _internal(gateway_api, "wac1") == {
        "username": "wac1",
        "display_name": "Tiina Virtanen",
        "roles": ["work_ability_coordinator"],
        "active": True,
        "email": "tiina@lahti.example",
        "language": "en",
    }

    # Leaving a field out keeps it; null removes the address.
    await gateway_api.client.patch("/api/v1/me", headers=me, json={"language": "fi"})
    assert (await _internal(gateway_api, "wac1"))["email"] == "tiina@lahti.example"
    await gateway_api.client.patch("/api/v1/me", headers=me, json={"email": None})
    after = await _internal(gateway_api, "wac1")
    assert after["email"] is None
    assert after["language"] == "fi"


async def test_bad_email_and_unknown_language_are_refused_with_codes(
    gateway_api: ServiceApi,
) -> None:
    me = gateway_api.as_staff("bc1", "business_coordinator")
    bad = await gateway_api.client.patch("/api/v1/me", headers=me, json={"email": "not-an-address"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["code"] == "invalid_email"
    swedish = await gateway_api.client.patch("/api/v1/me", headers=me, json={"language": "sv"})
    assert swedish.status_code == 422
    assert (await _internal(gateway_api, "bc1"))["email"] is None


async def test_admin_sets_and_clears_a_users_email_and_language(gateway_api: ServiceApi) -> None:
    admin = gateway_api.as_staff("admin", "admin")
    created = await gateway_api.client.post(
        "/api/v1/admin/users",
        headers=admin,
        json={
            "username": "bc3",
            "display_name": "Outi Uusi",
            "roles": ["business_coordinator"],
            "password": "a-long-password-1",
            "email": "outi@lahti.example",
        },
    )
    assert created.status_code == 201
    assert created.json()["email"] == "outi@lahti.example"
    assert created.json()["language"] == "fi"

    changed = await gateway_api.client.patch(
        "/api/v1/admin/users/bc3", headers=admin, json={"language": "en"}
    )
    assert changed.json()["email"] == "outi@lahti.example"
    assert changed.json()["language"] == "en"
    cleared = await gateway_api.client.patch(
        "/api/v1/admin/users/bc3", headers=admin, json={"email": None}
    )
    assert cleared.json()["email"] is None
    assert (await _internal(gateway_api, "bc3"))["language"] == "en"


@pytest.mark.parametrize(
    ("who", "path", "code"),
    [
        # A machine has no contact details of its own...
        (("machine", "ladec"), "/api/v1/me", "staff_only"),
        # ...and only an admin changes another person's.
        (("team_lead", "lead"), "/api/v1/admin/users/wac2", None),
    ],
)
async def test_contact_details_refused_to_others(
    gateway_api: ServiceApi, who: tuple[str, str], path: str, code: str | None
) -> None:
    kind, name = who
    headers = (
        gateway_api.as_machine(name, "leads:write")
        if kind == "machine"
        else gateway_api.as_staff(name, kind)
    )
    response = await gateway_api.client.patch(
        path, headers=headers, json={"email": "x@else.example"}
    )
    assert response.status_code == 403
    if code is not None:
        assert response.json()["code"] == code
    assert (await _internal(gateway_api, "wac2"))["email"] is None
