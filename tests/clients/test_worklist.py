"""My day: items grouped by kind with counts, each naming the client and saying how to clear
it, nothing stale, and a warm hand-off open too long on both coordinators' lists."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from services.clients.models import Enrolment
from services.common.calendar import (
    HELSINKI,
    add_working_days,
    helsinki_today,
    working_days_between,
)
from tests.clients.support import CLIENTS, as_, day, enrolled, started
from tests.conftest import ServiceApi

KINDS = {
    "new_clients",
    "contacts_due",
    "meetings_today",
    "no_meeting_in_14_days",
    "plans_not_reviewed",
    "registrations_to_triage",
    "exit_form_missing",
    "outcome_suggestions",
    "handoffs_overdue",
    "roadmap_next_steps",
}


async def _day(api: ServiceApi, who: str) -> dict[str, Any]:
    response = await api.client.get(f"{CLIENTS}/worklist", headers=as_(api, who))
    assert response.status_code == 200, response.text
    body = dict(response.json())
    assert set(body["counts"]) == KINDS
    for kind in KINDS:
        assert body["counts"][kind] == len(body[kind]), kind
        assert all(item["kind"] == kind for item in body[kind]), kind
    return body


async def test_every_item_names_the_client_and_how_to_clear_it(api: ServiceApi) -> None:
    fresh, _ = await enrolled(api, "wac1", registered_ago=0)
    late, _ = await enrolled(api, "wac1", registered_ago=20)
    quiet, _ = await started(api, "wac1")
    triage = await api.client.post(
        "/api/v1/registrations",
        json={"first_name": "Eino", "last_name": "Ilmoittautuja", "consents": ["service"]},
    )
    assert triage.status_code == 201
    body = await _day(api, "wac1")
    [new] = body["new_clients"]
    assert (new["client_id"], new["client_name"], new["fix"]) == (
        fresh,
        "Aino Esimerkki",
        "record_contact",
    )
    assert new["due"] > helsinki_today().isoformat()
    [due] = body["contacts_due"]
    assert due["client_id"] == late
    assert due["working_days_overdue"] == working_days_between(
        dt.date.fromisoformat(due["due"]), helsinki_today()
    )
    assert [i["client_id"] for i in body["plans_not_reviewed"]] == [quiet]
    assert body["plans_not_reviewed"][0]["fix"] == "review_plan"
    [waiting] = body["registrations_to_triage"]
    assert (waiting["client_name"], waiting["fix"]) == ("Eino Ilmoittautuja", "triage_registration")
    for kind in KINDS:
        for item in body[kind]:
            assert item["client_name"] == f"{item['first_name']} {item['last_name']}"


async def test_an_ended_enrolment_leaves_nothing_stale(api: ServiceApi) -> None:
    client_id, enrolment_id = await started(api, "wac1")
    base = f"{CLIENTS}/{client_id}/enrolments/{enrolment_id}"
    booked = await api.client.post(
        f"{base}/meetings",
        json={
            "kind": "follow_up",
            "at": dt.datetime.now(dt.UTC).isoformat(),
            "status": "scheduled",
        },
        headers=as_(api, "wac1"),
    )
    assert booked.status_code == 201, booked.text
    [meeting] = (await _day(api, "wac1"))["meetings_today"]
    assert (meeting["meeting_id"], meeting["status"], meeting["fix"]) == (
        booked.json()["id"],
        "scheduled",
        "record_meeting_outcome",
    )

    end = {"outcome": "employed", "ended_on": day(1)}
    ended = await api.client.post(f"{base}/end", json=end, headers=as_(api, "wac1"))
    assert ended.status_code == 200, ended.text
    body = await _day(api, "wac1")
    assert body["meetings_today"] == []
    assert body["no_meeting_in_14_days"] == []
    [missing] = body["exit_form_missing"]
    assert (missing["enrolment_id"], missing["fix"]) == (enrolment_id, "fill_exit_form")

    exit_data = {"exit_status": "employed", "qualification_gained": False}
    filled = await api.client.post(f"{base}/end", json=end | exit_data, headers=as_(api, "wac1"))
    assert filled.status_code == 200, filled.text
    assert (await _day(api, "wac1"))["exit_form_missing"] == []


def _working_days_ago(count: int) -> dt.date:
    """The latest day `count` working days before today."""
    day = helsinki_today()
    while working_days_between(day, helsinki_today()) < count:
        day -= dt.timedelta(days=1)
    return day


async def _handoff(api: ServiceApi, started_ago: int) -> str:
    """wac1's enrolment handed off warmly to bc1 (`handoff_start`: both responsible), the
    hand-off begun `started_ago` working days ago."""
    _, enrolment_id = await started(api, "wac1")
    referral_id = uuid.uuid4()
    added = await api.client.post(
        f"/internal/enrolments/{enrolment_id}/coordinators",
        json={
            "effect_key": f"{referral_id}:handoff_start",
            "action": "handoff_start",
            "from_user": "wac1",
            "to_user": "bc1",
            "to_role": "business_coordinator",
            "referral_id": str(referral_id),
        },
        headers=api.as_machine("svc-referrals", "internal"),
    )
    assert added.status_code == 200, added.text
    # The clock cannot be turned back through the API: the start is moved in the table.
    async with api.app.state.database.transaction() as session:
        enrolment = await session.get(Enrolment, uuid.UUID(enrolment_id))
        assert enrolment is not None
        assert enrolment.handoff_referral_id == referral_id
        enrolment.handoff_started_on = _working_days_ago(started_ago)
    return enrolment_id


async def test_a_handoff_open_too_long_is_on_both_coordinators_lists(api: ServiceApi) -> None:
    overdue = await _handoff(api, started_ago=12)
    await _handoff(api, started_ago=3)
    for who in ("wac1", "bc1"):
        [item] = (await _day(api, who))["handoffs_overdue"]
        assert (item["enrolment_id"], item["fix"]) == (overdue, "complete_handoff"), who
        assert item["working_days_overdue"] == 2
        assert item["due"] == add_working_days(_working_days_ago(12), 10).isoformat()
    assert (await _day(api, "wac2"))["handoffs_overdue"] == []


# Who has a My day: coordinators and team leads.
WORKLIST_TABLE = {
    "coach": 403,
    "wac1": 200,
    "wac2": 200,
    "bc1": 200,
    "lead": 200,
    "admin": 403,
}


async def test_the_worklist_authorisation_table(api: ServiceApi) -> None:
    await started(api, "wac1")
    for who, status in WORKLIST_TABLE.items():
        response = await api.client.get(f"{CLIENTS}/worklist", headers=as_(api, who))
        assert response.status_code == status, who
        if status == 403:
            assert response.json()["code"] == "role_not_allowed"
    admin = {**as_(api, "admin"), "X-Access-Reason": "checking"}
    assert (await api.client.get(f"{CLIENTS}/worklist", headers=admin)).status_code == 403
    machine = api.as_machine("svc-referrals", "internal")
    assert (await api.client.get(f"{CLIENTS}/worklist", headers=machine)).status_code == 403
    assert (await api.client.get(f"{CLIENTS}/worklist")).status_code == 401
    lead = (await api.client.get(f"{CLIENTS}/worklist", headers=as_(api, "lead"))).json()
    assert lead["counts"]["handoffs_overdue"] == 0


async def test_an_outcome_suggested_by_a_hire_is_on_my_day(api: ServiceApi) -> None:
    client_id, enrolment_id = await started(api, "wac1")
    suggested = await api.client.post(
        f"/internal/enrolments/{enrolment_id}/outcome-suggestion",
        json={"effect_key": f"{uuid.uuid4()}:outcome_suggestion", "outcome": "employed"},
        headers=api.as_machine("svc-referrals", "internal"),
    )
    assert suggested.status_code == 204, suggested.text
    [item] = (await _day(api, "wac1"))["outcome_suggestions"]
    assert (item["client_id"], item["enrolment_id"], item["detail"], item["fix"]) == (
        client_id,
        enrolment_id,
        "employed",
        "end_enrolment",
    )


async def test_a_meeting_i_am_invited_to_is_on_my_day_without_its_outcome_to_record(
    api: ServiceApi,
) -> None:
    client_id, enrolment_id = await started(api)
    noon = dt.datetime.combine(helsinki_today(), dt.time(12), tzinfo=HELSINKI)
    body = {
        "kind": "tripartite",
        "at": noon.isoformat(),
        "status": "scheduled",
        "participants": ["wac1", "bc1"],
    }
    booked = await api.client.post(
        f"{CLIENTS}/{client_id}/enrolments/{enrolment_id}/meetings",
        json=body,
        headers=as_(api, "wac1"),
    )
    assert booked.status_code == 201, booked.text
    meeting_id = booked.json()["id"]

    [invited] = [
        m for m in (await _day(api, "bc1"))["meetings_today"] if m["meeting_id"] == meeting_id
    ]
    assert (invited["client_id"], invited["fix"]) == (client_id, None)
    [own] = [
        m for m in (await _day(api, "wac1"))["meetings_today"] if m["meeting_id"] == meeting_id
    ]
    assert own["fix"] is not None
    # Somebody not invited and not responsible does not see it.
    assert all(m["meeting_id"] != meeting_id for m in (await _day(api, "bc2"))["meetings_today"])
