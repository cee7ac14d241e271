"""Issue 5, acceptance 1 and 2 over real HTTP: the clients, employers and referrals services
as separate processes with their own databases, called through the gateway with real tokens."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.system import RunningSystem

pytestmark = pytest.mark.system

CLIENTS = "/api/v1/clients"
REFERRALS = "/api/v1/referrals"
ALL_CONSENTS = ("service", "esf_data", "share_with_health_services", "share_work_ability_summary")
# Long enough for the referrals service's retrier (5 s passes, back-off from 5 s) to find
# the clients service back after a restart.
EFFECT_DEADLINE_SECONDS = 30.0


def ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, (response.request.url, response.text)
    return response.json()


def service_secret(system: RunningSystem, client_id: str) -> str:
    """The secret the gateway seeded for a service's own machine client."""
    configured = system.env.get("POLKU_GATEWAY_SERVICE_CLIENT_SECRETS")
    if configured:
        return str(json.loads(configured)[client_id])
    return f"{client_id}-demo-secret"


@dataclass
class Team:
    system: RunningSystem
    http: httpx.Client
    tokens: dict[str, dict[str, str]]

    def as_(self, username: str) -> dict[str, str]:
        if username not in self.tokens:
            response = self.http.post(
                "/auth/login", json={"username": username, "password": "polku"}
            )
            self.tokens[username] = {"Authorization": f"Bearer {ok(response)['access_token']}"}
        return self.tokens[username]

    def machine(self, client_id: str, secret: str, scope: str | None = None) -> dict[str, str]:
        form = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
        if scope:
            form["scope"] = scope
        token = ok(self.http.post("/auth/token", data=form))["access_token"]
        return {"Authorization": f"Bearer {token}"}

    def new_client(self, coordinator: str, line: str) -> tuple[str, str]:
        """A client with every consent, enrolled with `coordinator`: (client_id, enrolment_id)."""
        who = self.as_(coordinator)
        body = {"first_name": "Testi", "last_name": f"Siirto-{uuid.uuid4().hex[:8]}"}
        client_id = ok(self.http.post(CLIENTS, json=body, headers=who), 201)["id"]
        for purpose in ALL_CONSENTS:
            consent = {"purpose": purpose}
            ok(self.http.post(f"{CLIENTS}/{client_id}/consents", json=consent, headers=who), 201)
        enrolment = ok(
            self.http.post(
                f"{CLIENTS}/{client_id}/enrolments",
                json={"service_line": line, "coordinator": coordinator},
                headers=who,
            ),
            201,
        )
        return client_id, enrolment["id"]

    def sees(self, username: str, client_id: str) -> bool:
        response = self.http.get(f"{CLIENTS}/{client_id}", headers=self.as_(username))
        assert response.status_code in (200, 404), response.text
        return response.status_code == 200

    def enrolment(self, username: str, client_id: str, enrolment_id: str) -> Any:
        path = f"{CLIENTS}/{client_id}/enrolments/{enrolment_id}"
        return ok(self.http.get(path, headers=self.as_(username)))

    def coordinators(self, username: str, client_id: str, enrolment_id: str) -> list[str]:
        enrolment = self.enrolment(username, client_id, enrolment_id)
        return [c["username"] for c in enrolment["coordinators"]]

    def send(self, username: str, **body: Any) -> Any:
        return ok(self.http.post(REFERRALS, json=body, headers=self.as_(username)), 201)

    def act(self, username: str, referral_id: str, action: str, body: Any = None) -> Any:
        path = f"{REFERRALS}/{referral_id}/{action}"
        return ok(self.http.post(path, json=body, headers=self.as_(username)))

    def referral(self, username: str, referral_id: str) -> Any:
        return ok(self.http.get(f"{REFERRALS}/{referral_id}", headers=self.as_(username)))

    def clients_events(self) -> list[dict[str, Any]]:
        """The clients service's whole event feed, read directly as the metrics service."""
        headers = self.machine("svc-metrics", service_secret(self.system, "svc-metrics"))
        feed: list[dict[str, Any]] = []
        cursor = "0"
        while True:
            page = ok(
                httpx.get(
                    f"{self.system.url('clients')}/internal/events",
                    params={"after": cursor, "limit": 1000},
                    headers=headers,
                    timeout=30,
                )
            )
            if not page["events"]:
                return feed
            feed += page["events"]
            cursor = page["next_cursor"]


@pytest.fixture
def team(system: RunningSystem) -> Iterator[Team]:
    with httpx.Client(base_url=system.gateway_url, timeout=30) as http:
        yield Team(system, http, {})


def effects_of(referral: dict[str, Any]) -> dict[str, str]:
    return {e["name"]: e["status"] for e in referral["effects"]}


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"not within {seconds} s: {what}"
        time.sleep(0.25)


def test_a_warm_hand_off_moves_the_client_from_wac1_to_bc1(team: Team) -> None:
    client_id, enrolment_id = team.new_client("wac1", "work_ability")
    assert not team.sees("bc1", client_id)

    sent = team.send(
        "wac1",
        client_id=client_id,
        kind="transfer",
        to_user="bc1",
        enrolment_id=enrolment_id,
        summary=[{"text": "Ready for a work trial in retail"}],
    )
    assert sent["status"] == "sent"
    inbox = ok(team.http.get(REFERRALS, params={"box": "inbox"}, headers=team.as_("bc1")))
    assert sent["id"] in [r["id"] for r in inbox["items"]]
    # While the referral is open, the addressee may look at the client.
    assert team.sees("bc1", client_id)

    accepted = team.act("bc1", sent["id"], "accept")
    assert accepted["status"] == "accepted"
    assert set(effects_of(accepted).values()) == {"applied"}, accepted["effects"]
    # Both responsible while the hand-off runs, on wac1's service line.
    assert team.sees("bc1", client_id)
    assert team.sees("wac1", client_id)
    enrolment = team.enrolment("bc1", client_id, enrolment_id)
    assert sorted(c["username"] for c in enrolment["coordinators"]) == ["bc1", "wac1"]
    assert enrolment["service_line"] == "work_ability"

    done = team.act("wac1", sent["id"], "complete")
    assert done["status"] == "completed"
    assert set(effects_of(done).values()) == {"applied"}, done["effects"]
    assert team.sees("bc1", client_id)
    assert not team.sees("wac1", client_id)
    enrolment = team.enrolment("bc1", client_id, enrolment_id)
    assert [c["username"] for c in enrolment["coordinators"]] == ["bc1"]
    assert enrolment["service_line"] == "business"
    # The sender still sees their own referral, its history, and whom they handed over.
    referral = team.referral("wac1", sent["id"])
    assert [(h["to_status"], h["by"]) for h in referral["history"]] == [
        ("sent", "wac1"),
        ("accepted", "bc1"),
        ("completed", "wac1"),
    ]
    outbox = ok(team.http.get(REFERRALS, params={"box": "outbox"}, headers=team.as_("wac1")))
    item = next(r for r in outbox["items"] if r["id"] == sent["id"])
    assert (item["client_name"] or "").startswith("Testi Siirto-")
    assert (item["to_user"], item["to_role"]) == ("bc1", "business_coordinator")


def test_one_open_hand_off_per_enrolment_and_the_lists_name_the_client(team: Team) -> None:
    client_id, enrolment_id = team.new_client("wac1", "work_ability")
    sent = team.send(
        "wac1", client_id=client_id, kind="transfer", to_user="bc1", enrolment_id=enrolment_id
    )
    second = team.http.post(
        REFERRALS,
        json={
            "client_id": client_id,
            "kind": "consultation",
            "to_user": "bc2",
            "enrolment_id": enrolment_id,
        },
        headers=team.as_("wac1"),
    )
    assert second.status_code == 409, second.text
    assert second.json()["code"] == "handoff_already_open"
    assert second.json()["params"] == {"referral_id": sent["id"]}
    inbox = ok(team.http.get(REFERRALS, params={"box": "inbox"}, headers=team.as_("bc1")))
    named = {r["id"]: r["client_name"] for r in inbox["items"]}
    assert (named[sent["id"]] or "").startswith("Testi Siirto-")
    assert team.referral("bc1", sent["id"])["client_name"] == named[sent["id"]]


def test_a_consultation_period_and_the_one_who_steps_out(team: Team) -> None:
    client_id, enrolment_id = team.new_client("wac1", "work_ability")
    sent = team.send(
        "wac1", client_id=client_id, kind="consultation", to_user="bc1", enrolment_id=enrolment_id
    )
    accepted = team.act("bc1", sent["id"], "accept")
    assert set(effects_of(accepted).values()) == {"applied"}, accepted["effects"]
    assert sorted(team.coordinators("wac1", client_id, enrolment_id)) == ["bc1", "wac1"]
    assert team.sees("wac1", client_id)
    assert team.sees("bc1", client_id)
    assert team.enrolment("bc1", client_id, enrolment_id)["service_line"] == "work_ability"

    done = team.act("wac1", sent["id"], "complete")
    assert done["status"] == "completed"
    assert set(effects_of(done).values()) == {"applied"}, done["effects"]
    assert team.coordinators("wac1", client_id, enrolment_id) == ["wac1"]
    assert team.sees("wac1", client_id)
    assert not team.sees("bc1", client_id)


def push_lead(team: Team) -> dict[str, Any]:
    """A LADEC lead through the gateway (retried if an earlier test left the client at its
    rate limit)."""
    headers = {
        **team.machine("ladec", "ladec-secret", "leads:write"),
        "Idempotency-Key": uuid.uuid4().hex,
    }
    body = {
        "external_id": f"LADEC-CT-{uuid.uuid4().hex[:10]}",
        "business_id": "1572860-0",
        "company_name": "Rakennus Oy Esimerkki",
        "need": "Two construction helpers",
        "positions": 2,
        "industry": "F",
        "received_at": "2026-11-20T10:00:00+02:00",
    }
    for _ in range(20):
        response = team.http.post("/api/v1/leads", json=body, headers=headers)
        if response.status_code != 429:
            break
        time.sleep(float(response.headers.get("retry-after", "1")))
    return dict(ok(response, 201))


def test_a_job_referral_ending_in_a_hire_suggests_the_outcome_and_closes_the_lead(
    team: Team,
) -> None:
    client_id, enrolment_id = team.new_client("bc1", "business")
    lead = push_lead(team)
    assert lead["status"] != "closed"
    opening = ok(
        team.http.post(
            f"/api/v1/employers/{lead['employer_id']}/openings",
            json={"title": "Construction helper", "kind": "regular", "lead_id": lead["id"]},
            headers=team.as_("bc1"),
        ),
        201,
    )

    sent = team.send("bc1", client_id=client_id, kind="job", to_opening=opening["id"])
    assert (sent["opening_id"], sent["lead_id"]) == (opening["id"], lead["id"])
    team.act("bc1", sent["id"], "accept")
    done = team.act("bc1", sent["id"], "complete", {"result": "hired"})
    assert (done["status"], done["result"]) == ("completed", "hired")
    assert effects_of(done) == {
        "outcome_suggestion": "applied",
        "hire": "applied",
    }

    enrolment = team.enrolment("bc1", client_id, enrolment_id)
    assert [s["outcome"] for s in enrolment["outcome_suggestions"]] == ["employed"]
    assert enrolment["state"] != "ended"  # a suggestion, the coordinator records the end
    worklist = ok(team.http.get(f"{CLIENTS}/worklist", headers=team.as_("bc1")))
    suggested = [i for i in worklist["outcome_suggestions"] if i["enrolment_id"] == enrolment_id]
    assert [i["detail"] for i in suggested] == ["employed"]

    closed = ok(team.http.get(f"/api/v1/leads/{lead['id']}", headers=team.as_("bc1")))
    assert (closed["status"], closed["close_reason"]) == ("closed", "hired")
    filled = ok(
        team.http.get(
            f"/api/v1/employers/{lead['employer_id']}/openings/{opening['id']}",
            headers=team.as_("bc1"),
        )
    )
    assert filled["status"] == "filled"


def test_a_transfer_accepted_while_clients_is_down_is_applied_once_when_it_is_back(
    team: Team, system: RunningSystem
) -> None:
    client_id, enrolment_id = team.new_client("wac1", "work_ability")
    sent = team.send(
        "wac1", client_id=client_id, kind="transfer", to_user="bc1", enrolment_id=enrolment_id
    )

    system.stop("clients")
    try:
        accepted = team.act("bc1", sent["id"], "accept")
        assert accepted["status"] == "accepted"
        effects = effects_of(accepted)
        assert effects["coordinators_handoff_start"] == "pending", accepted["effects"]
        assert effects["access_revoke"] == "pending", accepted["effects"]
        # Through the gateway, the clients service is plainly unavailable meanwhile.
        down = team.http.get(f"{CLIENTS}/{client_id}", headers=team.as_("bc1"))
        assert down.status_code == 503
    finally:
        system.start("clients")

    def applied() -> bool:
        statuses = effects_of(team.referral("bc1", sent["id"]))
        return set(statuses.values()) == {"applied"}

    wait_for(applied, EFFECT_DEADLINE_SECONDS, "the pending effects applied after the restart")
    detail = team.referral("bc1", sent["id"])
    start = next(e for e in detail["effects"] if e["name"] == "coordinators_handoff_start")
    assert start["attempts"] >= 2

    assert sorted(team.coordinators("bc1", client_id, enrolment_id)) == ["bc1", "wac1"]
    assert team.sees("wac1", client_id)
    changes = [
        e
        for e in team.clients_events()
        if e["type"] == "enrolment.coordinators_changed" and e["subject_id"] == enrolment_id
    ]
    assert len(changes) == 1, changes
    assert changes[0]["data"]["reason"] == "handoff_start"
    assert changes[0]["data"]["referral_id"] == sent["id"]
