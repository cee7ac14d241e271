"""The notifications service as a real process: its own machine client reads the feeds
through the gateway's identity, and bc1's header count follows a referral sent to her."""

from __future__ import annotations

import time

import httpx
import pytest

from tests.system import RunningSystem

pytestmark = pytest.mark.system


def _unread(system: RunningSystem, headers: dict[str, str]) -> int:
    response = httpx.get(f"{system.gateway_url}/api/v1/notifications/count", headers=headers)
    assert response.status_code == 200, response.text
    count: int = response.json()["unread"]
    return count


def test_a_referral_to_bc1_raises_her_count_and_opening_it_lowers_it(
    system: RunningSystem,
) -> None:
    wac1, bc1 = system.staff_headers("wac1"), system.staff_headers("bc1")
    api = f"{system.gateway_url}/api/v1"
    before = _unread(system, bc1)
    client = httpx.post(
        f"{api}/clients", headers=wac1, json={"first_name": "Aino", "last_name": "Esimerkki"}
    )
    assert client.status_code == 201, client.text
    client_id = client.json()["id"]
    enrolment = httpx.post(
        f"{api}/clients/{client_id}/enrolments",
        headers=wac1,
        json={"service_line": "work_ability", "coordinator": "wac1"},
    )
    assert enrolment.status_code == 201, enrolment.text
    for purpose in ("service", "share_work_ability_summary"):
        consent = httpx.post(
            f"{api}/clients/{client_id}/consents", headers=wac1, json={"purpose": purpose}
        )
        assert consent.status_code == 201, consent.text
    referral = httpx.post(
        f"{api}/referrals",
        headers=wac1,
        json={
            "client_id": client_id,
            "kind": "transfer",
            "to_user": "bc1",
            "enrolment_id": enrolment.json()["id"],
        },
    )
    assert referral.status_code == 201, referral.text

    deadline = time.monotonic() + 30
    while _unread(system, bc1) == before and time.monotonic() < deadline:
        time.sleep(0.5)
    assert _unread(system, bc1) == before + 1

    items = httpx.get(f"{api}/notifications", headers=bc1, params={"unread": "true"}).json()
    [item] = [i for i in items["items"] if i["object_id"] == referral.json()["id"]]
    assert item["kind"] == "referral_received"
    opened = httpx.post(f"{api}/notifications/{item['id']}/read", headers=bc1)
    assert opened.status_code == 200
    assert _unread(system, bc1) == before
