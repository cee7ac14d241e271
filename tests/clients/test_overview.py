"""The client page in one read: one access check, one access-log entry with the reason, and
each part only as the policy lets the caller see it."""

from __future__ import annotations

import uuid
from typing import Any

from services.clients.models import access_log
from services.common import audit
from tests.clients.support import CLIENTS, as_, day, ended_long_ago, started
from tests.conftest import ServiceApi

HEALTH = "Back pain limits lifting"


async def _entries(api: ServiceApi) -> int:
    async with api.app.state.database.transaction() as session:
        return await audit.count_entries(session, access_log)


async def _post(api: ServiceApi, path: str, who: str, body: dict[str, Any]) -> dict[str, Any]:
    response = await api.client.post(f"{CLIENTS}/{path}", json=body, headers=as_(api, who))
    assert response.status_code in (200, 201), response.text
    return dict(response.json())


async def _full_record(api: ServiceApi) -> tuple[str, str]:
    """A client of wac1 (referred by the coach) with every part of the record filled."""
    client_id, enrolment_id = await started(api, "wac1", by="coach")
    for text, sensitivity in (("Met at Trio", "normal"), (HEALTH, "health")):
        await _post(api, f"{client_id}/notes", "wac1", {"text": text, "sensitivity": sensitivity})
    await _post(
        api,
        f"{client_id}/service-need-assessments",
        "wac1",
        {"path": "skills", "assessed_on": day(5), "reason": "Wants to study."},
    )
    scores = dict.fromkeys(
        (
            "health_and_functioning",
            "competence",
            "values_and_motivation",
            "work_and_community",
            "life_situation",
        ),
        6,
    )
    await _post(
        api,
        f"{client_id}/assessments",
        "wac1",
        {
            "recorded_on": day(4),
            "instrument_version": "2024",
            "language": "fi",
            "overall": 6,
            "domain_scores": scores,
        },
    )
    plan = {"goals": ["Study"], "actions": [{"what": "Apply", "owner": "client"}]}
    response = await api.client.put(
        f"{CLIENTS}/{client_id}/plan", json=plan | {"reviewed_on": day(3)}, headers=as_(api, "wac1")
    )
    assert response.status_code == 200, response.text
    await _post(api, f"{client_id}/feedback", "wac1", {"grade": 9, "given_on": day(2)})
    await _post(
        api,
        f"{client_id}/status-episodes",
        "wac1",
        {"status": "unemployed", "starts_on": day(30)},
    )
    await _post(api, f"{client_id}/consents", "wac1", {"purpose": "service"})
    return client_id, enrolment_id


async def _overview(api: ServiceApi, client_id: str, who: str, **headers: str) -> Any:
    return await api.client.get(
        f"{CLIENTS}/{client_id}/overview", headers={**as_(api, who), **headers}
    )


async def test_one_overview_writes_exactly_one_access_log_entry_with_the_reason(
    api: ServiceApi,
) -> None:
    client_id, _ = await _full_record(api)
    before = await _entries(api)
    response = await _overview(api, client_id, "lead", **{"X-Access-Reason": "weekly review"})
    assert response.status_code == 200, response.text
    assert await _entries(api) == before + 1
    async with api.app.state.database.transaction() as session:
        [entry] = await audit.entries_for_subject(
            session, access_log, uuid.UUID(client_id), limit=1
        )
    assert (entry.actor, entry.action, entry.reason) == ("lead", "read_overview", "weekly review")

    without = await _overview(api, client_id, "wac1")
    assert without.status_code == 200
    assert await _entries(api) == before + 2
    async with api.app.state.database.transaction() as session:
        [entry] = await audit.entries_for_subject(
            session, access_log, uuid.UUID(client_id), limit=1
        )
    assert (entry.actor, entry.action, entry.reason) == ("wac1", "read_overview", None)


async def test_the_responsible_work_ability_coordinator_sees_every_part(api: ServiceApi) -> None:
    client_id, enrolment_id = await _full_record(api)
    body = (await _overview(api, client_id, "wac1")).json()
    assert body["client"]["id"] == client_id
    assert body["relations"] == ["responsible"]
    assert {n["text"] for n in body["notes"]} == {"Met at Trio", HEALTH}
    assert [a["reason"] for a in body["service_need_assessments"]] == ["Wants to study."]
    assert body["plan"]["actions"][0]["what"] == "Apply"
    assert len(body["assessments"]) == 1
    assert [f["grade"] for f in body["feedback"]] == [9]
    assert [e["status"] for e in body["status_episodes"]] == ["unemployed"]
    assert [c["purpose"] for c in body["consents"]] == ["service"]
    [enrolment] = body["enrolments"]
    assert enrolment["id"] == enrolment_id
    assert [c["reached"] for c in enrolment["contacts"]] == [True]
    assert [m["status"] for m in enrolment["meetings"]] == ["held"]
    kinds = [event["kind"] for event in body["history"]]
    assert kinds == [
        "registered",
        "contacted",
        "first_meeting",
        "service_need_assessed",
        "plan_reviewed",
    ]
    assert body["history"][0]["detail"] == "work_ability"
    assert body["history"][3]["detail"] == "skills"
    days = [event["on"] for event in body["history"]]
    assert days == sorted(days)


async def test_a_coach_sees_the_state_and_no_notes(api: ServiceApi) -> None:
    client_id, _ = await _full_record(api)
    body = (await _overview(api, client_id, "coach")).json()
    assert body["relations"] == ["coach_referrer"]
    for part in ("notes", "assessments", "plan", "service_need_assessments", "feedback"):
        assert body[part] is None, part
    assert body["consents"] is None
    [enrolment] = body["enrolments"]
    assert (enrolment["state"], enrolment["contacts"], enrolment["meetings"]) == (
        "active",
        None,
        None,
    )
    assert [e["kind"] for e in body["history"]] == ["registered", "contacted", "first_meeting"]


async def test_a_business_coordinator_in_consultation_sees_no_health_notes(
    api: ServiceApi,
) -> None:
    client_id, enrolment_id = await _full_record(api)
    added = await api.client.post(
        f"/internal/enrolments/{enrolment_id}/coordinators",
        json={
            "effect_key": f"{uuid.uuid4()}:consultation",
            "action": "add",
            "to_user": "bc1",
            "to_role": "business_coordinator",
        },
        headers=api.as_machine("svc-referrals", "internal"),
    )
    assert added.status_code == 200, added.text
    body = (await _overview(api, client_id, "bc1")).json()
    assert body["relations"] == ["consultation"]
    assert [n["text"] for n in body["notes"]] == ["Met at Trio"]
    assert body["assessments"] is None
    assert body["plan"] is not None


# The overview's authorisation table: who gets what, with the literal status.
OVERVIEW_TABLE = {
    "coach": 200,  # referred the client
    "coach2": 404,
    "wac1": 200,  # responsible
    "wac2": 404,  # another work-ability coordinator
    "bc1": 404,
    "lead": 200,
    "admin": 422,  # no reason stated
}


async def test_the_overview_authorisation_table(api: ServiceApi) -> None:
    client_id, _ = await _full_record(api)
    for who, status in OVERVIEW_TABLE.items():
        response = await _overview(api, client_id, who)
        assert response.status_code == status, (who, response.text)
    admin = await _overview(api, client_id, "admin", **{"X-Access-Reason": "a data request"})
    assert admin.status_code == 200
    assert admin.json()["notes"] is not None
    assert all(n["sensitivity"] == "normal" for n in admin.json()["notes"])
    machine = await api.client.get(
        f"{CLIENTS}/{client_id}/overview", headers=api.as_machine("svc-referrals", "internal")
    )
    assert machine.status_code == 404
    assert (await api.client.get(f"{CLIENTS}/{client_id}/overview")).status_code == 401

    gone = await ended_long_ago(api)
    previous = await _overview(api, gone, "wac1")
    assert previous.status_code == 404
    missing = await _overview(api, str(uuid.uuid4()), "wac1")
    assert (previous.json()["code"], previous.json()["title"]) == (
        missing.json()["code"],
        missing.json()["title"],
    )


async def test_forged_client_ids_are_refused(api: ServiceApi) -> None:
    for forged in ("not-a-uuid", "..%2Fworklist", "%00", "1" * 300):
        response = await api.client.get(f"{CLIENTS}/{forged}/overview", headers=as_(api, "lead"))
        assert response.status_code in (404, 422), forged


async def test_the_overview_carries_the_responsibility_history_of_a_warm_handoff(
    api: ServiceApi,
) -> None:
    client_id, enrolment_id = await started(api, "wac1")
    referral_id = str(uuid.uuid4())
    internal = api.as_machine("svc-referrals", "internal")
    for action in ("handoff_start", "handoff_complete"):
        response = await api.client.post(
            f"/internal/enrolments/{enrolment_id}/coordinators",
            json={
                "effect_key": f"{referral_id}:{action}",
                "action": action,
                "from_user": "wac1",
                "to_user": "bc1",
                "to_role": "business_coordinator",
                "referral_id": referral_id,
            },
            headers=internal,
        )
        assert response.status_code == 200, response.text
    body = (await _overview(api, client_id, "bc1")).json()
    [enrolment] = body["enrolments"]
    segments = enrolment["responsibilities"]
    assert segments[0]["username"] == "wac1"
    assert segments[0]["to"] == day(0)
    assert (segments[-1]["username"], segments[-1]["service_line"], segments[-1]["to"]) == (
        "bc1",
        "business",
        None,
    )
    assert all(set(s) >= {"from", "to", "role", "reason"} for s in segments)
    [change] = [e for e in body["history"] if e["kind"] == "coordinators_changed"]
    assert (change["on"], change["people"], change["detail"]) == (day(0), ["bc1"], "business")
    assert body["history"][0]["people"] == ["wac1"]
    assert (await _overview(api, client_id, "wac1")).status_code == 404


async def test_a_reason_too_long_to_keep_whole_is_refused_and_nothing_is_read(
    api: ServiceApi,
) -> None:
    client_id, _ = await _full_record(api)
    before = await _entries(api)
    response = await _overview(api, client_id, "lead", **{"X-Access-Reason": "x" * 501})
    assert response.status_code == 422
    assert response.json()["code"] == "access_reason_too_long"
    assert response.json()["params"] == {"max": 500}
    assert await _entries(api) == before

    exactly = await _overview(api, client_id, "lead", **{"X-Access-Reason": "y" * 500})
    assert exactly.status_code == 200
    async with api.app.state.database.transaction() as session:
        [entry] = await audit.entries_for_subject(
            session, access_log, uuid.UUID(client_id), limit=1
        )
    assert entry.reason == "y" * 500
