"""The staff directory the pickers use: `GET /api/v1/staff?role=&active=` (issue 12).

The expected answers are written out here, not computed by the code under test."""

from __future__ import annotations

import pytest

from tests.conftest import ServiceApi

STAFF = "/api/v1/staff"

# The demo accounts by display name (gateway/demo.py), as the directory must list them.
EVERYONE = [
    {"username": "lead", "display_name": "Anna Mäkelä", "roles": ["team_lead"]},
    {"username": "bc2", "display_name": "Jussi Nieminen", "roles": ["business_coordinator"]},
    {"username": "wac2", "display_name": "Mikko Laine", "roles": ["work_ability_coordinator"]},
    {"username": "coach", "display_name": "Outi Omavalmentaja", "roles": ["coach"]},
    {"username": "admin", "display_name": "Pekka Pääkäyttäjä", "roles": ["admin"]},
    {"username": "bc1", "display_name": "Sanna Korhonen", "roles": ["business_coordinator"]},
    {"username": "wac1", "display_name": "Tiina Virtanen", "roles": ["work_ability_coordinator"]},
]


# Who may read the directory: every staff role, and nobody else.
@pytest.mark.parametrize(
    ("caller", "status"),
    [
        (("staff", "coach", "coach"), 200),
        (("staff", "wac1", "work_ability_coordinator"), 200),
        (("staff", "bc1", "business_coordinator"), 200),
        (("staff", "lead", "team_lead"), 200),
        (("staff", "admin", "admin"), 200),
        (("machine", "ladec", "leads:read"), 403),
        (("machine", "svc-referrals", "internal"), 403),
        (("machine", "bi", "metrics:read"), 403),
        (None, 401),
    ],
)
async def test_who_may_read_the_staff_directory(
    gateway_api: ServiceApi, caller: tuple[str, str, str] | None, status: int
) -> None:
    headers: dict[str, str] = {}
    if caller is not None:
        kind, name, grant = caller
        headers = (
            gateway_api.as_staff(name, grant)
            if kind == "staff"
            else gateway_api.as_machine(name, grant)
        )
    response = await gateway_api.client.get(STAFF, headers=headers)
    assert response.status_code == status, response.text
    if status == 200:
        assert response.json() == {"items": EVERYONE}
    else:
        assert response.headers["content-type"] == "application/problem+json"
    if status == 403:
        assert response.json()["code"] == "staff_only"
    if status == 401:
        assert response.json()["code"] == "unauthorized"


async def test_the_directory_filters_by_role(gateway_api: ServiceApi) -> None:
    response = await gateway_api.client.get(
        STAFF,
        params={"role": "work_ability_coordinator"},
        headers=gateway_api.as_staff("coach", "coach"),
    )
    assert response.status_code == 200
    assert response.json() == {
        "items": [
            {
                "username": "wac2",
                "display_name": "Mikko Laine",
                "roles": ["work_ability_coordinator"],
            },
            {
                "username": "wac1",
                "display_name": "Tiina Virtanen",
                "roles": ["work_ability_coordinator"],
            },
        ]
    }


async def test_inactive_staff_are_listed_only_when_asked(gateway_api: ServiceApi) -> None:
    admin = gateway_api.as_staff("admin", "admin")
    deactivated = await gateway_api.client.patch(
        "/api/v1/admin/users/bc2", headers=admin, json={"active": False}
    )
    assert deactivated.status_code == 200
    coach = gateway_api.as_staff("coach", "coach")
    active = await gateway_api.client.get(
        STAFF, params={"role": "business_coordinator"}, headers=coach
    )
    assert active.json() == {
        "items": [
            {"username": "bc1", "display_name": "Sanna Korhonen", "roles": ["business_coordinator"]}
        ]
    }
    inactive = await gateway_api.client.get(STAFF, params={"active": "false"}, headers=coach)
    assert inactive.json() == {
        "items": [
            {"username": "bc2", "display_name": "Jussi Nieminen", "roles": ["business_coordinator"]}
        ]
    }


async def test_the_directory_never_carries_password_data(gateway_api: ServiceApi) -> None:
    response = await gateway_api.client.get(
        STAFF, headers=gateway_api.as_staff("lead", "team_lead")
    )
    assert response.status_code == 200
    text = response.text.lower()
    assert "password" not in text
    assert "hash" not in text
    assert "argon2" not in text
    assert all(
        set(item) == {"username", "display_name", "roles"} for item in response.json()["items"]
    )


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"role": "wizard"}, "literal_error"),
        ({"active": "perhaps"}, "bool_parsing"),
    ],
)
async def test_a_bad_filter_is_422_with_the_rule_code(
    gateway_api: ServiceApi, params: dict[str, str], code: str
) -> None:
    response = await gateway_api.client.get(
        STAFF, params=params, headers=gateway_api.as_staff("wac1", "work_ability_coordinator")
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_failed"
    assert [(e["loc"], e["code"]) for e in body["errors"]] == [
        (["query", next(iter(params))], code)
    ]
