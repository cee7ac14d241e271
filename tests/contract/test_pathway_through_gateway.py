"""Issue 3, acceptance 1 over real HTTP: a client's whole pathway through the gateway, with
real staff tokens, checking at each step what the coordinator would notice."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from services.common.calendar import HELSINKI, add_working_days, helsinki_today
from tests.system import RunningSystem

pytestmark = pytest.mark.system

CLIENTS = "/api/v1/clients"


@pytest.fixture
def gateway(system: RunningSystem) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=system.gateway_url, timeout=30) as client:
        yield client


def staff(gateway: httpx.Client, username: str) -> dict[str, str]:
    response = gateway.post("/auth/login", json={"username": username, "password": "polku"})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def day(days_ago: int) -> str:
    return (helsinki_today() - dt.timedelta(days=days_ago)).isoformat()


def past(days: int) -> str:
    return (dt.datetime.now(dt.UTC) - dt.timedelta(days=days)).isoformat()


def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, (response.request.url, response.text)
    return response.json()


def test_the_whole_pathway_through_the_gateway(gateway: httpx.Client) -> None:
    coach, wac1 = staff(gateway, "coach"), staff(gateway, "wac1")
    bc1, lead = staff(gateway, "bc1"), staff(gateway, "lead")
    last_name = f"Polku-{uuid.uuid4().hex[:8]}"

    # The coach registers the client and is responsible for it until an enrolment.
    client = ok(
        gateway.post(
            CLIENTS,
            json={
                "first_name": "Aino",
                "last_name": last_name,
                "municipality": "hollola",
                "phone": "040 123 4567",
                "language": "fi",
            },
            headers=coach,
        ),
        201,
    )
    cid = client["id"]
    assert client["responsible"] == ["coach"]
    assert client["municipality"] == "Hollola"
    assert client["phone"] == "+358401234567"
    # Nobody else on the team sees it yet.
    assert gateway.get(f"{CLIENTS}/{cid}", headers=wac1).status_code == 404

    for purpose in ("service", "esf_data"):
        consent = ok(
            gateway.post(f"{CLIENTS}/{cid}/consents", json={"purpose": purpose}, headers=coach), 201
        )
        assert consent["purpose"] == purpose
    assert sorted(
        c["purpose"] for c in ok(gateway.get(f"{CLIENTS}/{cid}/consents", headers=coach))
    ) == [
        "esf_data",
        "service",
    ]

    # Registered 20 days ago: the first contact is overdue by the time wac1 looks.
    registered_on = helsinki_today() - dt.timedelta(days=20)
    enrolment = ok(
        gateway.post(
            f"{CLIENTS}/{cid}/enrolments",
            json={
                "service_line": "work_ability",
                "coordinator": "wac1",
                "registered_on": registered_on.isoformat(),
            },
            headers=coach,
        ),
        201,
    )
    eid = enrolment["id"]
    assert enrolment["state"] == "registered"
    assert enrolment["referred_by"] == "coach"
    assert enrolment["contact_due"] == add_working_days(registered_on, 5).isoformat()
    assert [c["username"] for c in enrolment["coordinators"]] == ["wac1"]
    base = f"{CLIENTS}/{cid}/enrolments/{eid}"

    # wac1 now sees the client: in the search, among their own, and as overdue to contact.
    mine = ok(gateway.get(CLIENTS, params={"mine": "true", "q": last_name}, headers=wac1))
    assert [c["id"] for c in mine["items"]] == [cid]
    worklist = ok(gateway.get(f"{CLIENTS}/worklist", headers=wac1))
    due = [i for i in worklist["contacts_due"] if i["enrolment_id"] == eid]
    assert len(due) == 1
    assert due[0]["working_days_overdue"] > 0
    assert eid not in [
        i["enrolment_id"]
        for i in ok(gateway.get(f"{CLIENTS}/worklist", headers=staff(gateway, "wac2")))[
            "contacts_due"
        ]
    ]
    assert gateway.get(f"{CLIENTS}/{cid}", headers=bc1).status_code == 404

    # A missed text, then a call that reaches the client.
    ok(
        gateway.post(
            f"{base}/contacts",
            json={"channel": "sms", "reached": False, "at": past(2)},
            headers=wac1,
        ),
        201,
    )
    assert ok(gateway.get(base, headers=wac1))["state"] == "registered"
    ok(
        gateway.post(
            f"{base}/contacts",
            json={"channel": "phone", "reached": True, "at": past(1)},
            headers=wac1,
        ),
        201,
    )
    contacted = ok(gateway.get(base, headers=wac1))
    assert contacted["state"] == "contacted"
    assert contacted["first_contact_on"] is not None
    worklist = ok(gateway.get(f"{CLIENTS}/worklist", headers=wac1))
    assert eid not in [i["enrolment_id"] for i in worklist["contacts_due"]]
    assert len(ok(gateway.get(f"{base}/contacts", headers=wac1))) == 2

    # The first meeting held makes the enrolment active.
    first = {"kind": "first", "at": past(1), "status": "held", "place": "Palvelutori"}
    ok(gateway.post(f"{base}/meetings", json=first, headers=wac1), 201)
    active = ok(gateway.get(base, headers=wac1))
    assert active["state"] == "active"
    assert active["first_meeting_on"] is not None

    # Service need assessment, two work-ability self-assessments with the change, a plan.
    need = {"path": "partial_work_ability", "assessed_on": day(0)}
    ok(gateway.post(f"{CLIENTS}/{cid}/service-need-assessments", json=need, headers=wac1), 201)
    assessment = {
        "recorded_on": day(1),
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
    ok(gateway.post(f"{CLIENTS}/{cid}/assessments", json=assessment, headers=wac1), 201)
    again = {**assessment, "recorded_on": day(0), "overall": 7}
    changed = ok(gateway.post(f"{CLIENTS}/{cid}/assessments", json=again, headers=wac1), 201)
    assert changed["change"]["overall"] == 2
    plan = {
        "goals": ["Work trial in retail"],
        "actions": [{"text": "Ask for a work trial", "owner": "wac1", "due_on": day(-14)}],
        "reviewed_on": day(0),
    }
    ok(gateway.put(f"{CLIENTS}/{cid}/plan", json=plan, headers=wac1))
    assert ok(gateway.get(f"{CLIENTS}/{cid}/plan", headers=wac1))["goals"] == plan["goals"]

    # Notes: wac1 reads both, the team lead the normal one only, bc1 nothing at all.
    for text, sensitivity in (("Met at Trio", "normal"), ("Back pain limits lifting", "health")):
        note = ok(
            gateway.post(
                f"{CLIENTS}/{cid}/notes",
                json={"text": text, "sensitivity": sensitivity},
                headers=wac1,
            ),
            201,
        )
        assert note["sensitivity"] == sensitivity
    notes = ok(gateway.get(f"{CLIENTS}/{cid}/notes", headers=wac1))
    assert sorted(n["sensitivity"] for n in notes) == ["health", "normal"]
    lead_notes = ok(gateway.get(f"{CLIENTS}/{cid}/notes", headers=lead))
    assert [n["text"] for n in lead_notes] == ["Met at Trio"]
    assert gateway.get(f"{CLIENTS}/{cid}/notes", headers=bc1).status_code == 404

    # A follow-up scheduled for now shows among today's meetings, then is held.
    now = dt.datetime.now(HELSINKI).isoformat()
    follow_up = ok(
        gateway.post(
            f"{base}/meetings",
            json={"kind": "follow_up", "at": now, "status": "scheduled"},
            headers=wac1,
        ),
        201,
    )
    worklist = ok(gateway.get(f"{CLIENTS}/worklist", headers=wac1))
    assert follow_up["enrolment_id"] in [i["enrolment_id"] for i in worklist["meetings_today"]]
    held = ok(
        gateway.patch(f"{base}/meetings/{follow_up['id']}", json={"status": "held"}, headers=wac1)
    )
    assert held["status"] == "held"
    ok(
        gateway.post(
            f"{base}/meetings",
            json={"kind": "follow_up", "at": past(0), "status": "held"},
            headers=wac1,
        ),
        201,
    )
    meetings = ok(gateway.get(f"{base}/meetings", headers=wac1))
    assert sorted(m["kind"] for m in meetings) == ["first", "follow_up", "follow_up"]

    # The end with an outcome from the catalogue and the ESF exit data.
    end = {
        "outcome": "work_trial",
        "ended_on": day(0),
        "exit_status": "job_seeking",
        "qualification_gained": False,
    }
    ended = ok(gateway.post(f"{base}/end", json=end, headers=wac1))
    assert (ended["state"], ended["outcome"], ended["exit_form_missing"]) == (
        "ended",
        "work_trial",
        False,
    )
    assert ok(gateway.get(f"{CLIENTS}/{cid}", headers=wac1))["enrolments"][0]["state"] == "ended"
    # An ended enrolment takes no more meetings: in the grace period its coordinator may
    # only correct the end and their own notes.
    assert gateway.post(f"{base}/meetings", json=first, headers=wac1).status_code == 403

    # The team lead sees who read and changed the client; bc1 still gets 404 everywhere.
    log = ok(gateway.get(f"{CLIENTS}/{cid}/access-log", headers=lead))
    actors = {entry["actor"] for entry in log}
    assert {"coach", "wac1", "lead"} <= actors
    assert gateway.get(f"{CLIENTS}/{cid}/access-log", headers=wac1).status_code in (403, 404)
    for path in ("", "/notes", "/plan", "/enrolments", f"/enrolments/{eid}"):
        assert gateway.get(f"{CLIENTS}/{cid}{path}", headers=bc1).status_code == 404, path


def test_public_self_registration_works_through_the_gateway_without_a_token(
    gateway: httpx.Client,
) -> None:
    last_name = f"Itse-{uuid.uuid4().hex[:8]}"
    response = gateway.post(
        "/api/v1/registrations",
        json={
            "first_name": "Eino",
            "last_name": last_name,
            "birth_year": 1990,
            "consents": ["service"],
            "preferred_service_line": "business",
        },
    )
    receipt = ok(response, 201)
    assert receipt["status"] == "received"
    assert last_name not in response.text
    # It waits in the coordinators' triage list.
    worklist = ok(gateway.get(f"{CLIENTS}/worklist", headers=staff(gateway, "bc1")))
    assert receipt["id"] in [i["client_id"] for i in worklist["registrations_to_triage"]]
    # The same path with a bad token is refused by the gateway, not let through as public.
    bad = gateway.post(
        "/api/v1/registrations",
        json={"first_name": "Eino", "last_name": last_name},
        headers={"Authorization": "Bearer not-a-token"},
    )
    assert bad.status_code == 401
