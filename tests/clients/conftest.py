"""The clients service with the real gateway as its staff directory, which gets a second
coach and a second team lead, so that every role has two people to compare."""

from __future__ import annotations

import pytest

from tests.conftest import ServiceApi

ROLES = {
    "coach": "coach",
    "coach2": "coach",
    "wac1": "work_ability_coordinator",
    "wac2": "work_ability_coordinator",
    "bc1": "business_coordinator",
    "bc2": "business_coordinator",
    "lead": "team_lead",
    "lead2": "team_lead",
    "admin": "admin",
}
EXTRA_STAFF = {"coach2": "coach", "lead2": "team_lead"}


@pytest.fixture
async def api(clients_api: ServiceApi, gateway_api: ServiceApi) -> ServiceApi:
    admin = gateway_api.as_staff("admin", "admin")
    for username, role in EXTRA_STAFF.items():
        response = await gateway_api.client.post(
            "/api/v1/admin/users",
            headers=admin,
            json={
                "username": username,
                "display_name": username.upper(),
                "roles": [role],
                "password": "a-long-test-password",
            },
        )
        assert response.status_code == 201, response.text
    return clients_api
