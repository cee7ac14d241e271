"""Self-registration: no token, no identity code, consents, triage, duplicates flagged."""

from __future__ import annotations

from tests.clients.support import CLIENTS, as_, events, new_client
from tests.conftest import ServiceApi

REGISTRATIONS = "/api/v1/registrations"
FORM = {
    "first_name": "Aino",
    "last_name": "Esimerkki",
    "birth_year": 1990,
    "municipality": "Lahti",
    "phone": "+358 40 765 4321",
    "consents": ["service", "esf_data"],
}


async def test_a_registration_lands_in_triage_with_duplicates_flagged(api: ServiceApi) -> None:
    existing = await new_client(api, by="wac2", birth_year=1990)
    response = await api.client.post(REGISTRATIONS, json=FORM)
    assert response.status_code == 201
    assert set(response.json()) == {"id", "status"}
    registration_id = response.json()["id"]

    worklist = (await api.client.get(f"{CLIENTS}/worklist", headers=as_(api, "bc1"))).json()
    triage = worklist["registrations_to_triage"]
    assert [i["client_id"] for i in triage] == [registration_id]
    client = (await api.client.get(f"{CLIENTS}/{registration_id}", headers=as_(api, "bc1"))).json()
    assert client["possible_duplicates"] == [existing["id"]]
    assert client["phone"] == "+358407654321"
    consents = (
        await api.client.get(f"{CLIENTS}/{registration_id}/consents", headers=as_(api, "bc1"))
    ).json()
    assert {c["purpose"] for c in consents} == {"service", "esf_data"}
    assert (
        await api.client.get(f"{CLIENTS}/{registration_id}", headers=as_(api, "coach"))
    ).status_code == 404

    enrol = await api.client.post(
        f"{CLIENTS}/{registration_id}/enrolments",
        json={"service_line": "business", "coordinator": "bc1"},
        headers=as_(api, "bc1"),
    )
    assert enrol.status_code == 201
    assert enrol.json()["source"] == "self"
    assert (
        await api.client.get(f"{CLIENTS}/{registration_id}", headers=as_(api, "bc2"))
    ).status_code == 404
    registered = [e for e in await events(api) if e["type"] == "client.registered"]
    assert registered[-1]["data"]["source"] == "self"


async def test_a_registration_refuses_an_identity_code(api: ServiceApi) -> None:
    response = await api.client.post(
        REGISTRATIONS, json={**FORM, "personal_identity_code": "131052-308T"}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "personal_identity_code"]
    assert (await api.client.get(CLIENTS, headers=as_(api, "lead"))).json()["items"] == []


async def test_registrations_are_rate_limited_per_address(api: ServiceApi) -> None:
    statuses = [
        (
            await api.client.post(REGISTRATIONS, json=FORM, headers={"X-Forwarded-For": "10.0.0.9"})
        ).status_code
        for _ in range(8)
    ]
    assert statuses[:5] == [201] * 5
    assert statuses[-1] == 429
    other = await api.client.post(
        REGISTRATIONS, json=FORM, headers={"X-Forwarded-For": "10.0.0.10"}
    )
    assert other.status_code == 201
