"""CONTRACTS §2 through the gateway with real tokens from /auth/token: the same test
functions as the employers service's own contract tests, plus the gateway's 429."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from tests.employers.conftest import LeadsTarget
from tests.employers.payloads import lead_push
from tests.employers.test_lead_contract import (  # noqa: F401 - collected here, through the gateway
    test_a_body_that_is_not_json_is_refused,
    test_a_machine_client_cannot_read_another_clients_lead,
    test_a_new_key_for_a_known_external_id_names_the_existing_lead,
    test_a_new_lead_is_created_with_its_contact_due,
    test_a_push_without_an_idempotency_key_is_a_bad_request,
    test_a_retry_gets_the_first_response_again,
    test_an_invalid_body_is_refused_naming_the_field,
    test_an_unknown_lead_is_not_found,
    test_concurrent_pushes_of_one_external_id_under_new_keys_make_one_lead,
    test_scopes_are_enforced,
    test_ten_concurrent_identical_pushes_make_one_lead,
    test_the_same_key_with_another_body_is_refused,
)
from tests.system import RunningSystem

pytestmark = pytest.mark.system


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _machine(
    system: RunningSystem, client_id: str, secret: str, scope: str | None = None
) -> dict[str, str]:
    form = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
    if scope:
        form["scope"] = scope
    response = httpx.post(f"{system.gateway_url}/auth/token", data=form)
    assert response.status_code == 200, response.text
    return _bearer(response.json()["access_token"])


@pytest.fixture(scope="session")
def reader_secret(system: RunningSystem) -> str:
    """A second partner client holding only leads:read, made through the admin API."""
    response = httpx.post(
        f"{system.gateway_url}/api/v1/admin/machine-clients",
        headers=system.staff_headers("admin"),
        json={"client_id": "ladec-reader", "name": "LADEC read-only", "scopes": ["leads:read"]},
    )
    assert response.status_code == 201, response.text
    secret: str = response.json()["client_secret"]
    return secret


@pytest.fixture
async def leads_target(system: RunningSystem, reader_secret: str) -> AsyncIterator[LeadsTarget]:
    async with httpx.AsyncClient(base_url=system.gateway_url, timeout=30) as client:
        yield LeadsTarget(
            client=client,
            ladec=_machine(system, "ladec", "ladec-secret"),
            reader_only=_machine(system, "ladec-reader", reader_secret),
            writer_only=_machine(system, "ladec", "ladec-secret", "leads:write"),
            other_machine=_machine(system, "bi", "bi-secret"),
            coordinator=system.staff_headers("bc1"),
            events_reader=None,
        )


async def test_a_client_over_its_rate_limit_gets_429_with_retry_after(
    leads_target: LeadsTarget,
) -> None:
    body = lead_push()
    headers = {**leads_target.ladec, "Idempotency-Key": "rate-limit-probe"}
    responses = await asyncio.gather(
        *(leads_target.client.post("/api/v1/leads", json=body, headers=headers) for _ in range(80))
    )
    limited = [r for r in responses if r.status_code == 429]
    assert limited, sorted({r.status_code for r in responses})
    assert int(limited[0].headers["retry-after"]) >= 1
    assert limited[0].headers["content-type"] == "application/problem+json"
    # Whatever got through was the one push, answered as the contract says.
    assert {r.status_code for r in responses} <= {201, 409, 429}
