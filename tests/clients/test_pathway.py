"""Acceptance 1: the whole pathway over the API, with its events and deadlines."""

from __future__ import annotations

import json

from services.common.calendar import add_working_days, helsinki_today
from tests.clients.support import CLIENTS, as_, day, enrolled, events, new_client, past, started
from tests.conftest import ServiceApi


async def test_the_whole_pathway_from_referral_to_outcome(api: ServiceApi) -> None:
    client = await new_client(
        api, personal_identity_code="131052-308T", municipality="hollola", phone="040 123 4567"
    )
    assert client["municipality"] == "Hollola"
    assert client["phone"] == "+358401234567"
    assert client["birth_year"] == 1952
    assert client["responsible"] == ["coach"]
    cid = client["id"]
    coach, wac = as_(api, "coach"), as_(api, "wac1")

    for purpose in ("service", "esf_data"):
        response = await api.client.post(
            f"{CLIENTS}/{cid}/consents", json={"purpose": purpose}, headers=coach
        )
        assert response.status_code == 201

    registered_on = day(3)
    response = await api.client.post(
        f"{CLIENTS}/{cid}/enrolments",
        json={
            "service_line": "work_ability",
            "coordinator": "wac1",
            "registered_on": registered_on,
        },
        headers=coach,
    )
    assert response.status_code == 201, response.text
    enrolment = response.json()
    assert enrolment["state"] == "registered"
    assert enrolment["referred_by"] == "coach"
    assert (
        enrolment["contact_due"]
        == add_working_days(
            helsinki_today() - __import__("datetime").timedelta(days=3), 5
        ).isoformat()
    )
    base = f"{CLIENTS}/{cid}/enrolments/{enrolment['id']}"

    missed = {"channel": "sms", "reached": False, "at": past(2)}
    assert (await api.client.post(f"{base}/contacts", json=missed, headers=wac)).status_code == 201
    assert (await api.client.get(base, headers=wac)).json()["state"] == "registered"
    reached = {"channel": "phone", "reached": True, "at": past(1)}
    assert (await api.client.post(f"{base}/contacts", json=reached, headers=wac)).status_code == 201
    assert (await api.client.get(base, headers=wac)).json()["state"] == "contacted"

    first = {"kind": "first", "at": past(0), "status": "held", "place": "Palvelutori"}
    assert (await api.client.post(f"{base}/meetings", json=first, headers=wac)).status_code == 201
    assert (await api.client.get(base, headers=wac)).json()["state"] == "active"

    assessment = {
        "recorded_on": day(0),
        "instrument_version": "2023",
        "language": "fi",
        "overall": 5,
        "domain_scores": {
            "health_and_functioning": 4,
            "competence": 6,
            "values_and_motivation": 7,
            "work_and_community": 5,
            "life_situation": 5,
        },
    }
    assert (
        await api.client.post(f"{CLIENTS}/{cid}/assessments", json=assessment, headers=wac)
    ).status_code == 201
    second = {
        **assessment,
        "overall": 7,
        "domain_scores": {**assessment["domain_scores"], "competence": 8},
    }
    response = await api.client.post(f"{CLIENTS}/{cid}/assessments", json=second, headers=wac)
    assert response.json()["change"]["overall"] == 2
    assert response.json()["change"]["domain_scores"]["competence"] == 2

    need = {"path": "partial_work_ability", "assessed_on": day(0)}
    assert (
        await api.client.post(f"{CLIENTS}/{cid}/service-need-assessments", json=need, headers=wac)
    ).status_code == 201
    plan = {
        "goals": ["Work trial in retail"],
        "actions": [{"text": "Ask for a work trial", "owner": "wac1", "due_on": day(-14)}],
        "reviewed_on": day(0),
    }
    response = await api.client.put(f"{CLIENTS}/{cid}/plan", json=plan, headers=wac)
    assert response.status_code == 200, response.text
    assert (await api.client.get(f"{CLIENTS}/{cid}/plan", headers=wac)).json()["goals"] == plan[
        "goals"
    ]

    for text, sensitivity in (("Met at Trio", "normal"), ("Back pain limits lifting", "health")):
        note = {"text": text, "sensitivity": sensitivity}
        assert (
            await api.client.post(f"{CLIENTS}/{cid}/notes", json=note, headers=wac)
        ).status_code == 201
    follow_up = {"kind": "follow_up", "at": past(0), "status": "held"}
    assert (
        await api.client.post(f"{base}/meetings", json=follow_up, headers=wac)
    ).status_code == 201
    episode = {"status": "active_service", "service_type": "work_trial", "starts_on": day(0)}
    assert (
        await api.client.post(f"{CLIENTS}/{cid}/status-episodes", json=episode, headers=wac)
    ).status_code == 201
    feedback = {"grade": 9, "text": "Kiitos"}
    assert (
        await api.client.post(f"{CLIENTS}/{cid}/feedback", json=feedback, headers=wac)
    ).status_code == 201

    end = {
        "outcome": "work_trial",
        "ended_on": day(0),
        "exit_status": "job_seeking",
        "qualification_gained": False,
    }
    response = await api.client.post(f"{base}/end", json=end, headers=wac)
    assert response.status_code == 200, response.text
    assert response.json()["state"] == "ended"
    assert response.json()["exit_form_missing"] is False

    feed = await events(api)
    types = [e["type"] for e in feed]
    for expected in (
        "client.registered",
        "consent.granted",
        "enrolment.registered",
        "enrolment.contacted",
        "enrolment.first_meeting_held",
        "meeting.recorded",
        "service_plan.reviewed",
        "feedback.given",
        "labour_market_status.recorded",
        "enrolment.ended",
    ):
        assert expected in types
    assert types.count("enrolment.contacted") == 1
    ended = next(e for e in feed if e["type"] == "enrolment.ended")["data"]
    assert ended["outcome"] == "work_trial"
    assert ended["coordinator"] == "wac1"
    assert ended["coordinator_role"] == "work_ability_coordinator"
    assert ended["exit_form"] is True
    text = json.dumps(feed)
    for secret in ("Aino", "Esimerkki", "131052", "Back pain", "Met at Trio", "Kiitos", "+35840"):
        assert secret not in text


async def test_an_exit_outcome_without_exit_data_shows_in_the_worklist(api: ServiceApi) -> None:
    client_id, enrolment_id = await started(api)
    end = {"outcome": "employed", "ended_on": day(0)}
    response = await api.client.post(
        f"{CLIENTS}/{client_id}/enrolments/{enrolment_id}/end", json=end, headers=as_(api, "wac1")
    )
    assert response.json()["exit_form_missing"] is True
    worklist = (await api.client.get(f"{CLIENTS}/worklist", headers=as_(api, "wac1"))).json()
    assert [i["enrolment_id"] for i in worklist["exit_form_missing"]] == [enrolment_id]
    other = (await api.client.get(f"{CLIENTS}/worklist", headers=as_(api, "wac2"))).json()
    assert other["exit_form_missing"] == []


async def test_cancelled_and_not_reached_only_before_the_first_meeting(api: ServiceApi) -> None:
    client_id, enrolment_id = await enrolled(api)
    base = f"{CLIENTS}/{client_id}/enrolments/{enrolment_id}"
    response = await api.client.post(
        f"{base}/end", json={"outcome": "not_reached", "ended_on": day(0)}, headers=as_(api, "wac1")
    )
    assert response.status_code == 200
    assert response.json()["state"] == "not_reached"
    again = await api.client.post(
        f"{base}/contacts",
        json={"channel": "phone", "reached": True, "at": past(0)},
        headers=as_(api, "wac1"),
    )
    # Once it has ended, its coordinator is in the grace period: no more pathway work.
    assert again.status_code == 403

    client_id, enrolment_id = await started(api)
    response = await api.client.post(
        f"{CLIENTS}/{client_id}/enrolments/{enrolment_id}/end",
        json={"outcome": "cancelled", "ended_on": day(0)},
        headers=as_(api, "wac1"),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "outcome"]


async def test_worklist_shows_overdue_contacts_in_working_days(api: ServiceApi) -> None:
    _, enrolment_id = await enrolled(api, registered_ago=20)
    await enrolled(api, coordinator="wac2", registered_ago=20)
    worklist = (await api.client.get(f"{CLIENTS}/worklist", headers=as_(api, "wac1"))).json()
    assert [i["enrolment_id"] for i in worklist["contacts_due"]] == [enrolment_id]
    assert worklist["contacts_due"][0]["working_days_overdue"] > 0
    caseload = (await api.client.get(f"{CLIENTS}/caseload", headers=as_(api, "lead"))).json()[
        "items"
    ]
    assert {(r["username"], r["open_enrolments"], r["target"]) for r in caseload} == {
        ("wac1", 1, 25),
        ("wac2", 1, 25),
    }
    mine = (await api.client.get(f"{CLIENTS}/caseload", headers=as_(api, "wac1"))).json()["items"]
    assert [r["username"] for r in mine] == ["wac1"]
