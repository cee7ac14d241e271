"""Acceptance 2 and 5: need-to-know access with two staff members of each role, and the
access log that records every read and cannot be altered."""

from __future__ import annotations

import uuid

from tests.clients.support import CLIENTS, as_, events, new_client, started
from tests.conftest import ServiceApi

HEALTH = "Diagnosis text that is health data"


async def _client_with_notes(api: ServiceApi) -> str:
    client_id, _ = await started(api, coordinator="wac1", by="coach")
    for text, sensitivity in (("Normal note", "normal"), (HEALTH, "health")):
        response = await api.client.post(
            f"{CLIENTS}/{client_id}/notes",
            json={"text": text, "sensitivity": sensitivity},
            headers=as_(api, "wac1"),
        )
        assert response.status_code == 201
    return client_id


async def test_each_role_reads_only_what_it_may(api: ServiceApi) -> None:
    client_id = await _client_with_notes(api)
    can_read = {"wac1", "coach", "lead", "lead2", "admin"}
    for user in ("coach", "coach2", "wac1", "wac2", "bc1", "bc2", "lead", "lead2", "admin"):
        response = await api.client.get(f"{CLIENTS}/{client_id}", headers=as_(api, user))
        assert response.status_code == (200 if user in can_read else 404), user
        listed = (await api.client.get(CLIENTS, headers=as_(api, user))).json()["items"]
        assert [c["id"] for c in listed] == ([client_id] if user in can_read else []), user

    notes = {}
    for user in ("coach", "coach2", "wac1", "wac2", "bc1", "lead", "admin"):
        response = await api.client.get(f"{CLIENTS}/{client_id}/notes", headers=as_(api, user))
        notes[user] = (
            response.status_code,
            [n["text"] for n in response.json()] if response.status_code == 200 else None,
        )
    assert notes["wac1"][0] == 200
    assert set(notes["wac1"][1] or []) == {HEALTH, "Normal note"}
    assert notes["lead"] == (200, ["Normal note"])
    assert notes["admin"] == (200, ["Normal note"])
    for user in ("coach", "coach2", "wac2", "bc1"):
        assert notes[user][0] == 404, user


async def test_a_business_coordinator_with_a_referral_grant_sees_no_health_notes(
    api: ServiceApi,
) -> None:
    client_id = await _client_with_notes(api)
    referral_id = str(uuid.uuid4())
    internal = api.as_machine("svc-referrals", "internal")
    response = await api.client.post(
        f"/internal/clients/{client_id}/access-grants",
        json={"username": "bc1", "referral_id": referral_id},
        headers=internal,
    )
    assert response.status_code == 204
    notes = await api.client.get(f"{CLIENTS}/{client_id}/notes", headers=as_(api, "bc1"))
    assert [n["text"] for n in notes.json()] == ["Normal note"]
    assert (
        await api.client.get(f"{CLIENTS}/{client_id}", headers=as_(api, "bc2"))
    ).status_code == 404
    assessments = await api.client.get(
        f"{CLIENTS}/{client_id}/assessments", headers=as_(api, "bc1")
    )
    assert assessments.status_code == 404

    revoke = await api.client.delete(
        f"/internal/clients/{client_id}/access-grants/{referral_id}", headers=internal
    )
    assert revoke.status_code == 204
    assert (
        await api.client.get(f"{CLIENTS}/{client_id}", headers=as_(api, "bc1"))
    ).status_code == 404


async def test_health_notes_never_leave_through_events_or_the_wrong_export(api: ServiceApi) -> None:
    client_id = await _client_with_notes(api)
    assert HEALTH not in str(await events(api))
    for user in ("lead", "wac1"):
        response = await api.client.get(
            f"{CLIENTS}/{client_id}/export",
            headers={**as_(api, user), "X-Access-Reason": "request"},
        )
        assert response.status_code == 404
    admin = as_(api, "admin")
    assert (await api.client.get(f"{CLIENTS}/{client_id}/export", headers=admin)).status_code == 422
    export = await api.client.get(
        f"{CLIENTS}/{client_id}/export",
        headers={**admin, "X-Access-Reason": "data-subject request 7"},
    )
    assert export.status_code == 200
    assert HEALTH in str(export.json()["notes"])


async def test_non_disclosure_hides_contact_details_from_all_but_the_responsible(
    api: ServiceApi,
) -> None:
    client_id, _ = await started(api, coordinator="bc1", by="coach")
    update = {"non_disclosure": True, "phone": "0401234567", "address": "Salainen katu 1"}
    assert (
        await api.client.patch(f"{CLIENTS}/{client_id}", json=update, headers=as_(api, "bc1"))
    ).status_code == 200
    mine = (await api.client.get(f"{CLIENTS}/{client_id}", headers=as_(api, "bc1"))).json()
    assert mine["address"] == "Salainen katu 1"
    for user in ("lead", "coach"):
        other = (await api.client.get(f"{CLIENTS}/{client_id}", headers=as_(api, user))).json()
        assert other["address"] is None
        assert other["phone"] is None
        assert other["contact_details_hidden"]


async def test_every_read_is_logged_and_the_log_cannot_be_altered(api: ServiceApi) -> None:
    first = await new_client(api, by="wac1", personal_identity_code="131052-308T")
    second = await new_client(api, by="wac1", first_name="Eino")
    headers = {**as_(api, "wac1"), "X-Access-Reason": "weekly review"}
    listed = (await api.client.get(CLIENTS, headers=headers)).json()["items"]
    assert {c["personal_identity_code"] for c in listed} == {"131052-***T", None}
    await api.client.get(f"{CLIENTS}/{first['id']}", headers=headers)
    found = (await api.client.get(CLIENTS, params={"q": "131052-308t"}, headers=headers)).json()
    assert [c["id"] for c in found["items"]] == [first["id"]]

    log = await api.client.get(f"{CLIENTS}/{first['id']}/access-log", headers=as_(api, "lead"))
    assert log.status_code == 200
    actions = [(e["actor"], e["action"], e["reason"]) for e in log.json()]
    assert ("wac1", "read", "weekly review") in actions
    assert ("wac1", "list", "weekly review") in actions
    assert ("wac1", "search", "weekly review") in actions
    second_log = (
        await api.client.get(f"{CLIENTS}/{second['id']}/access-log", headers=as_(api, "admin"))
    ).json()
    assert ("wac1", "list", "weekly review") in [
        (e["actor"], e["action"], e["reason"]) for e in second_log
    ]

    for user in ("wac1", "coach"):
        response = await api.client.get(
            f"{CLIENTS}/{first['id']}/access-log", headers=as_(api, user)
        )
        assert response.status_code == 404
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        response = await api.client.request(
            method, f"{CLIENTS}/{first['id']}/access-log", headers=as_(api, "admin"), json={}
        )
        assert response.status_code == 405
    after = (
        await api.client.get(f"{CLIENTS}/{first['id']}/access-log", headers=as_(api, "lead"))
    ).json()
    assert len(after) == len(log.json()) + 1
