"""Issue 11, acceptance 4, over real HTTP: a deactivated user, a logged-out session and a
disabled machine client are refused by the gateway and by each service called directly
within 5 seconds of the change, with the revocation refresh every process runs by default."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import httpx
import pytest

from tests.system import SERVICES, RunningSystem

pytestmark = pytest.mark.system

BOUND_SECONDS = 5.0
# One authenticated read per service, which any valid staff token may make.
READS = {
    "employers": "/api/v1/employers/industries",
    "referrals": "/api/v1/partners",
    "metrics": "/api/v1/metrics",
    "notifications": "/api/v1/notifications/count",
}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def targets(system: RunningSystem, client_path: str) -> dict[str, str]:
    """Where the token is tried: through the gateway and at each service directly."""
    paths = {"clients": client_path, **READS}
    found = {f"gateway→{s}": f"{system.gateway_url}{p}" for s, p in paths.items()}
    found.update({s: f"{system.url(s)}{p}" for s, p in paths.items()})
    assert {name for name in found if "→" not in name} == set(SERVICES)
    return found


def answers(urls: dict[str, str], token: str) -> dict[str, int]:
    return {name: httpx.get(url, headers=bearer(token)).status_code for name, url in urls.items()}


def refused_everywhere(urls: dict[str, str], token: str, accepted: dict[str, int]) -> None:
    """Poll every target until it answers 401; each must get there within the bound of the
    revocation (which the caller made just before), answering as before until then."""
    started = time.monotonic()
    refused_after: dict[str, float] = {}
    while len(refused_after) < len(urls):
        for name, url in urls.items():
            if name in refused_after:
                continue
            status = httpx.get(url, headers=bearer(token)).status_code
            elapsed = time.monotonic() - started
            if status == 401:
                refused_after[name] = elapsed
                continue
            assert status == accepted[name], (name, status)
            assert elapsed < BOUND_SECONDS, f"{name} still accepts the token after {elapsed:.1f} s"
        time.sleep(0.1)
    assert max(refused_after.values()) < BOUND_SECONDS, refused_after


def sign_in(session: httpx.Client, username: str) -> str:
    response = session.post("/auth/login", json={"username": username, "password": "polku"})
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


@pytest.fixture
def admin(system: RunningSystem) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=system.gateway_url, timeout=10) as client:
        client.headers.update(bearer(sign_in(client, "admin")))
        yield client


def wac1_client_path(system: RunningSystem, token: str) -> str:
    """A client wac1 registered, so wac1 may read it."""
    created = httpx.post(
        f"{system.gateway_url}/api/v1/clients",
        headers=bearer(token),
        json={
            "first_name": "Aino",
            "last_name": f"Istunto-{uuid.uuid4().hex[:8]}",
            "municipality": "hollola",
            "language": "fi",
        },
    )
    assert created.status_code == 201, created.text
    return f"/api/v1/clients/{created.json()['id']}"


def test_a_deactivated_user_is_refused_everywhere_within_5_s(
    system: RunningSystem, admin: httpx.Client
) -> None:
    with httpx.Client(base_url=system.gateway_url) as session:
        token = sign_in(session, "wac1")
    urls = targets(system, wac1_client_path(system, token))
    accepted = answers(urls, token)
    assert set(accepted.values()) == {200}, accepted
    try:
        assert admin.patch("/api/v1/admin/users/wac1", json={"active": False}).status_code == 200
        refused_everywhere(urls, token, accepted)
    finally:
        assert admin.patch("/api/v1/admin/users/wac1", json={"active": True}).status_code == 200


def test_a_logged_out_session_is_refused_everywhere_and_another_session_goes_on(
    system: RunningSystem,
) -> None:
    with (
        httpx.Client(base_url=system.gateway_url) as ended,
        httpx.Client(base_url=system.gateway_url) as going_on,
    ):
        ended_token, other_token = sign_in(ended, "wac1"), sign_in(going_on, "wac1")
        urls = targets(system, wac1_client_path(system, ended_token))
        accepted = answers(urls, ended_token)
        assert set(accepted.values()) == {200}, accepted
        assert ended.post("/auth/logout").status_code == 204
        refused_everywhere(urls, ended_token, accepted)
        assert answers(urls, other_token) == accepted
        assert going_on.post("/auth/refresh").status_code == 200


def test_a_disabled_machine_client_is_refused_everywhere_within_5_s(
    system: RunningSystem, admin: httpx.Client
) -> None:
    client_id = f"bi-{uuid.uuid4().hex[:8]}"
    created = admin.post(
        "/api/v1/admin/machine-clients",
        json={"client_id": client_id, "name": "Kunnan BI (testi)", "scopes": ["metrics:read"]},
    )
    assert created.status_code == 201, created.text
    granted = httpx.post(
        f"{system.gateway_url}/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": client_id,
            "client_secret": created.json()["client_secret"],
        },
    )
    token = granted.json()["access_token"]
    urls = targets(system, "/api/v1/clients/catalogue")
    # Authentic everywhere; only the metrics service lets its scope read anything.
    accepted = answers(urls, token)
    assert 401 not in accepted.values(), accepted
    assert accepted["metrics"] == accepted["gateway→metrics"] == 200
    disabled = admin.patch(f"/api/v1/admin/machine-clients/{client_id}", json={"active": False})
    assert disabled.status_code == 200
    refused_everywhere(urls, token, accepted)
