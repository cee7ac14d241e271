"""Acceptance 2 and 5: need-to-know access with two staff members of each role, and the
access log that records every read and cannot be altered."""

from __future__ import annotations

import uuid

from tests.clients.support import CLIENTS, as_, day, enrolled, events, new_client, past, started
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
        headers = {**as_(api, user), "X-Access-Reason": "review"}
        response = await api.client.get(f"{CLIENTS}/{client_id}", headers=headers)
        assert response.status_code == (200 if user in can_read else 404), user
        listed = (await api.client.get(CLIENTS, headers=headers)).json()["items"]
        assert [c["id"] for c in listed] == ([client_id] if user in can_read else []), user

    notes = {}
    for user in ("coach", "coach2", "wac1", "wac2", "bc1", "lead", "admin"):
        headers = {**as_(api, user), "X-Access-Reason": "review"}
        response = await api.client.get(f"{CLIENTS}/{client_id}/notes", headers=headers)
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


async def test_an_admin_reads_a_client_only_with_a_stated_reason(api: ServiceApi) -> None:
    client_id = await _client_with_notes(api)
    bare = await api.client.get(f"{CLIENTS}/{client_id}", headers=as_(api, "admin"))
    assert bare.status_code == 422
    assert bare.json()["errors"][0]["loc"] == ["header", "X-Access-Reason"]
    assert (await api.client.get(CLIENTS, headers=as_(api, "admin"))).status_code == 422


async def test_a_referral_grant_shows_only_the_basic_record_and_no_notes(
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
    assert notes.status_code == 404
    basic = (await api.client.get(f"{CLIENTS}/{client_id}", headers=as_(api, "bc1"))).json()
    assert (basic["first_name"], basic["enrolments"], basic["phone"]) == ("Aino", [], None)
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
    reason = {"X-Access-Reason": "threat reported"}
    assert (
        await api.client.patch(f"{CLIENTS}/{client_id}", json=update, headers=as_(api, "bc1"))
    ).status_code == 422
    assert (
        await api.client.patch(
            f"{CLIENTS}/{client_id}", json=update, headers={**as_(api, "bc1"), **reason}
        )
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
        await api.client.get(
            f"{CLIENTS}/{second['id']}/access-log",
            headers={**as_(api, "admin"), "X-Access-Reason": "audit"},
        )
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


async def _end(api: ServiceApi, client_id: str, enrolment_id: str, days_ago: int) -> None:
    response = await api.client.post(
        f"{CLIENTS}/{client_id}/enrolments/{enrolment_id}/end",
        json={"outcome": "job_search", "ended_on": day(days_ago)},
        headers=as_(api, "wac1"),
    )
    assert response.status_code == 200, response.text


async def _note(api: ServiceApi, client_id: str, by: str, text: str, sensitivity: str) -> str:
    response = await api.client.post(
        f"{CLIENTS}/{client_id}/notes",
        json={"text": text, "sensitivity": sensitivity},
        headers=as_(api, by),
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def test_responsibility_ends_with_the_grace_period_after_the_enrolment(
    api: ServiceApi,
) -> None:
    """Finding 2: a coordinator whose enrolment ended kept reading the client, including
    health notes the next coordinator wrote."""
    client_id, enrolment_id = await started(api, coordinator="wac1")
    own = await _note(api, client_id, "wac1", "Own health note", "health")
    await _end(api, client_id, enrolment_id, days_ago=3)
    # In the grace period wac1 sees the ended enrolment and their own notes only.
    notes = await api.client.get(f"{CLIENTS}/{client_id}/notes", headers=as_(api, "wac1"))
    assert [n["id"] for n in notes.json()] == [own]
    # wac1 may correct their own note, and nothing else.
    fix = await api.client.patch(
        f"{CLIENTS}/{client_id}/notes/{own}", json={"text": "Corrected"}, headers=as_(api, "wac1")
    )
    assert fix.status_code == 200
    assert fix.json()["corrected_at"] is not None
    plan = await api.client.put(
        f"{CLIENTS}/{client_id}/plan",
        json={"goals": ["x"], "actions": []},
        headers=as_(api, "wac1"),
    )
    assert plan.status_code == 403


async def test_after_the_grace_period_the_former_coordinator_finds_nothing(
    api: ServiceApi,
) -> None:
    client_id, enrolment_id = await enrolled(api, coordinator="wac1", registered_ago=40)
    base = f"{CLIENTS}/{client_id}/enrolments/{enrolment_id}"
    for path, body in (
        ("contacts", {"channel": "phone", "reached": True, "at": past(39)}),
        ("meetings", {"kind": "first", "at": past(38), "status": "held"}),
    ):
        response = await api.client.post(f"{base}/{path}", json=body, headers=as_(api, "wac1"))
        assert response.status_code == 201
    await _end(api, client_id, enrolment_id, days_ago=20)
    for path in ("", "/notes", "/enrolments", f"/enrolments/{enrolment_id}"):
        response = await api.client.get(f"{CLIENTS}/{client_id}{path}", headers=as_(api, "wac1"))
        assert response.status_code == 404, path
    listed = (await api.client.get(CLIENTS, headers=as_(api, "wac1"))).json()["items"]
    assert listed == []
    lead = (await api.client.get(f"{CLIENTS}/worklist", headers=as_(api, "lead"))).json()
    assert [i["client_id"] for i in lead["exit_form_missing"]] == [client_id]
    mine = (await api.client.get(f"{CLIENTS}/worklist", headers=as_(api, "wac1"))).json()
    assert mine["exit_form_missing"] == []


async def test_health_notes_written_after_the_end_stay_with_their_author(
    api: ServiceApi,
) -> None:
    client_id, first = await started(api, coordinator="wac1")
    before = await _note(api, client_id, "wac1", "Before the end", "normal")
    await _end(api, client_id, first, days_ago=2)
    referral = str(uuid.uuid4())
    internal = api.as_machine("svc-referrals", "internal")
    second = await api.client.post(
        f"{CLIENTS}/{client_id}/enrolments",
        json={"service_line": "business", "coordinator": "bc1"},
        headers=as_(api, "wac1"),
    )
    assert second.status_code == 403  # the grace period writes only the end
    change = await api.client.post(
        f"/internal/clients/{client_id}/access-grants",
        json={"username": "wac2", "referral_id": referral},
        headers=internal,
    )
    assert change.status_code == 204
    assert (
        await api.client.get(f"{CLIENTS}/{client_id}/notes", headers=as_(api, "wac2"))
    ).status_code == 404
    notes = await api.client.get(f"{CLIENTS}/{client_id}/notes", headers=as_(api, "wac1"))
    assert [n["id"] for n in notes.json()] == [before]


async def test_non_disclosure_is_lifted_only_by_the_responsible_or_a_team_lead(
    api: ServiceApi,
) -> None:
    """Finding 3: a referral addressee, or any coordinator while the client waited in
    triage, could lift non-disclosure and read the protected address."""
    client_id, _ = await started(api, coordinator="bc1", by="coach")
    reason = {"X-Access-Reason": "threat reported"}
    protect = {"non_disclosure": True, "address": "Salainen katu 1"}
    assert (
        await api.client.patch(
            f"{CLIENTS}/{client_id}", json=protect, headers={**as_(api, "bc1"), **reason}
        )
    ).status_code == 200
    internal = api.as_machine("svc-referrals", "internal")
    grant = await api.client.post(
        f"/internal/clients/{client_id}/access-grants",
        json={"username": "wac2", "referral_id": str(uuid.uuid4())},
        headers=internal,
    )
    assert grant.status_code == 204
    lift = {"non_disclosure": False}
    expected = {"wac2": 403, "coach": 403, "wac1": 404, "lead": 200}
    for user, status in expected.items():
        response = await api.client.patch(
            f"{CLIENTS}/{client_id}", json=lift, headers={**as_(api, user), **reason}
        )
        assert response.status_code == status, user
        if status == 200:
            await api.client.patch(
                f"{CLIENTS}/{client_id}", json=protect, headers={**as_(api, "bc1"), **reason}
            )
    log = await api.client.get(f"{CLIENTS}/{client_id}/access-log", headers=as_(api, "lead"))
    actions = [(e["actor"], e["action"], e["reason"]) for e in log.json()]
    assert ("lead", "lift_non_disclosure", "threat reported") in actions
    assert ("bc1", "set_non_disclosure", "threat reported") in actions


async def test_a_self_registration_in_triage_is_read_only(api: ServiceApi) -> None:
    form = {"first_name": "Tiina", "last_name": "Triage", "phone": "+358401112223"}
    registered = await api.client.post(
        "/api/v1/registrations", json={**form, "consents": ["service"]}
    )
    assert registered.status_code == 201, registered.text
    client_id = registered.json()["id"]
    read = await api.client.get(f"{CLIENTS}/{client_id}", headers=as_(api, "wac2"))
    assert read.status_code == 200
    reason = {"X-Access-Reason": "x"}
    for change in ({"non_disclosure": True}, {"first_name": "Muu"}):
        response = await api.client.patch(
            f"{CLIENTS}/{client_id}", json=change, headers={**as_(api, "wac2"), **reason}
        )
        assert response.status_code == 403, change
    notes = await api.client.post(
        f"{CLIENTS}/{client_id}/notes", json={"text": "x"}, headers=as_(api, "wac2")
    )
    assert notes.status_code == 403


async def test_only_a_service_names_the_person_it_acts_for(api: ServiceApi) -> None:
    """Finding 8: reads a service made for a person were logged as the service."""
    client = await new_client(api, by="wac1")
    internal = api.as_machine("svc-referrals", "internal")
    path = f"/internal/clients/{client['id']}"
    for forged in ("wac1/../lead", "wac1\u0000", "A"):
        response = await api.client.get(path, headers={**internal, "X-On-Behalf-Of": forged})
        assert response.status_code == 422, forged
    assert (
        await api.client.get(path, headers={**internal, "X-On-Behalf-Of": "coach"})
    ).status_code == 200
    # A person's own token cannot pretend to be someone else.
    staff = {**as_(api, "wac1"), "X-On-Behalf-Of": "lead"}
    assert (await api.client.get(f"{CLIENTS}/{client['id']}", headers=staff)).status_code == 200
    log = await api.client.get(f"{CLIENTS}/{client['id']}/access-log", headers=as_(api, "lead"))
    actors = [(e["actor"], e["action"], e["actor_roles"]) for e in log.json()]
    assert ("coach", "internal_read", "via svc-referrals") in actors
    assert ("wac1", "read", "work_ability_coordinator") in actors
    assert not [a for a in actors if a[0] == "svc-referrals"]


async def test_a_reason_with_finnish_letters_is_logged_as_given_latin_1_or_utf_8(
    api: ServiceApi,
) -> None:
    # A browser sends "ä" as Latin-1; the gateway forwards header text as UTF-8.
    client = await new_client(api, by="wac1")
    reason = "Tarkastus: pyyntö, ä ö å"
    for encoded in (reason.encode("latin-1"), reason.encode("utf-8")):
        headers = {**as_(api, "lead"), "X-Access-Reason": encoded}
        response = await api.client.get(f"{CLIENTS}/{client['id']}/overview", headers=headers)
        assert response.status_code == 200
    log = await api.client.get(f"{CLIENTS}/{client['id']}/access-log", headers=as_(api, "lead"))
    reads = [e["reason"] for e in log.json() if e["action"] == "read_overview"]
    assert reads == [reason, reason]
