"""A lead from the LADEC push to its close, worked by coordinators over the API."""

from __future__ import annotations

import uuid
from typing import Any

from tests.conftest import ServiceApi
from tests.employers.payloads import business_id, lead_push

BC1 = ("bc1", "business_coordinator")
BC2 = ("bc2", "business_coordinator")
LEAD = ("lead", "team_lead")


async def _push(api: ServiceApi, **overrides: Any) -> dict[str, Any]:
    response = await api.client.post(
        "/api/v1/leads",
        json=lead_push(**overrides),
        headers={
            **api.as_machine("ladec", "leads:write", "leads:read"),
            "Idempotency-Key": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 201, response.text
    lead: dict[str, Any] = response.json()
    return lead


async def _activity(
    api: ServiceApi, lead_id: str, who: tuple[str, str], kind: str, at: str
) -> dict[str, Any]:
    response = await api.client.post(
        f"/api/v1/leads/{lead_id}/activities",
        json={"kind": kind, "at": at, "summary": "Spoke with the CEO", "agreed": "Visit next week"},
        headers=api.as_staff(*who),
    )
    assert response.status_code == 201, response.text
    lead: dict[str, Any] = response.json()
    return lead


async def test_a_lead_runs_from_push_to_close_and_its_history_shows_every_step(
    crm: ServiceApi,
) -> None:
    lead = await _push(crm, received_at="2026-10-01T09:00:00+03:00")
    lead_id = lead["id"]
    assert lead["coordinator"] == "bc1"

    contacted = await _activity(crm, lead_id, BC1, "contact", "2026-10-02T10:00:00+03:00")
    assert contacted["status"] == "contacted"
    assert contacted["follow_up_due"] == "2026-10-23"

    working = await _activity(crm, lead_id, BC1, "visit", "2026-10-05T13:00:00+03:00")
    assert working["status"] == "in_progress"

    reassigned = await crm.client.patch(
        f"/api/v1/leads/{lead_id}", json={"coordinator": "bc2"}, headers=crm.as_staff(*LEAD)
    )
    assert reassigned.status_code == 200
    assert reassigned.json()["coordinator"] == "bc2"

    followed = await _activity(crm, lead_id, BC2, "follow_up", "2026-10-23T09:30:00+03:00")
    assert followed["status"] == "follow_up"
    assert followed["followed_up_at"] is not None

    closed = await crm.client.post(
        f"/api/v1/leads/{lead_id}/close",
        json={"reason": "hired", "at": "2026-10-30T15:00:00+02:00"},
        headers=crm.as_staff(*BC2),
    )
    assert closed.status_code == 200
    assert closed.json()["status"] == "closed"

    seen_by_ladec = await crm.client.get(
        f"/api/v1/leads/{lead_id}", headers=crm.as_machine("ladec", "leads:read")
    )
    assert seen_by_ladec.json()["status"] == "closed"
    assert seen_by_ladec.json()["close_reason"] == "hired"

    history = await crm.client.get(f"/api/v1/leads/{lead_id}/history", headers=crm.as_staff(*BC1))
    steps = [
        (s["action"], s["by"], s["from_status"], s["to_status"]) for s in history.json()["items"]
    ]
    assert steps == [
        ("received", "ladec", None, "new"),
        ("assigned", "ladec", None, None),
        ("activity", "bc1", None, None),
        ("contacted", "bc1", None, None),
        ("status_changed", "bc1", "new", "contacted"),
        ("activity", "bc1", None, None),
        ("status_changed", "bc1", "contacted", "in_progress"),
        ("assigned", "lead", None, None),
        ("activity", "bc2", None, None),
        ("followed_up", "bc2", None, None),
        ("status_changed", "bc2", "in_progress", "follow_up"),
        ("status_changed", "bc2", "follow_up", "closed"),
        ("closed", "bc2", None, None),
    ]
    items = history.json()["items"]
    assert items[0]["at"].startswith("2026-10-01T06:00:00")
    assert items[3]["at"].startswith("2026-10-02T07:00:00")
    assert items[-1]["at"].startswith("2026-10-30T13:00:00")
    assert items[-1]["details"] == {"reason": "hired"}
    assert items[7]["details"] == {"from": "bc1", "coordinator": "bc2"}

    activities = await crm.client.get(
        f"/api/v1/employers/{lead['employer_id']}/activities", headers=crm.as_staff(*BC1)
    )
    assert [(a["kind"], a["by"]) for a in activities.json()["items"]] == [
        ("follow_up", "bc2"),
        ("visit", "bc1"),
        ("contact", "bc1"),
    ]
    employer = await crm.client.get(
        f"/api/v1/employers/{lead['employer_id']}", headers=crm.as_staff(*BC1)
    )
    assert employer.json()["status"] == "contacted"
    assert employer.json()["contacted_on"] == "2026-10-02"

    feed = await crm.client.get(
        "/internal/events",
        params={"limit": 1000},
        headers=crm.as_machine("svc-metrics", "events:read"),
    )
    lead_events = [
        (e["type"], e["data"].get("status"))
        for e in feed.json()["events"]
        if e["subject_id"] == lead_id
    ]
    assert lead_events == [
        ("lead.received", None),
        ("lead.contacted", None),
        ("lead.status_changed", "contacted"),
        ("lead.status_changed", "in_progress"),
        ("lead.assigned", None),
        ("lead.followed_up", None),
        ("lead.status_changed", "follow_up"),
        ("lead.status_changed", "closed"),
        ("lead.closed", None),
    ]
    received = next(e for e in feed.json()["events"] if e["type"] == "lead.received")["data"]
    assert received["received_on"] == "2026-10-01"
    assert received["contact_due"] == lead["contact_due"]
    assert "Maija" not in str(feed.json())


async def test_a_closed_lead_takes_no_more_work(crm: ServiceApi) -> None:
    lead = await _push(crm)
    await crm.client.post(
        f"/api/v1/leads/{lead['id']}/close",
        json={"reason": "withdrawn"},
        headers=crm.as_staff(*BC1),
    )
    again = await crm.client.post(
        f"/api/v1/leads/{lead['id']}/close", json={"reason": "hired"}, headers=crm.as_staff(*BC1)
    )
    activity = await crm.client.post(
        f"/api/v1/leads/{lead['id']}/activities",
        json={"kind": "call", "at": "2026-11-21T10:00:00+02:00"},
        headers=crm.as_staff(*BC1),
    )
    assert again.status_code == activity.status_code == 409
    current = await crm.client.get(f"/api/v1/leads/{lead['id']}", headers=crm.as_staff(*BC1))
    assert current.json()["close_reason"] == "withdrawn"


async def test_leads_are_assigned_in_turn_and_listed_by_mine_and_status(crm: ServiceApi) -> None:
    owners = [(await _push(crm))["coordinator"] for _ in range(3)]
    assert owners == ["bc1", "bc2", "bc1"]

    mine = await crm.client.get("/api/v1/leads?mine=true", headers=crm.as_staff(*BC2))
    assert [lead["coordinator"] for lead in mine.json()["items"]] == ["bc2"]
    new = await crm.client.get("/api/v1/leads?status=new", headers=crm.as_staff(*BC2))
    assert len(new.json()["items"]) == 3
    closed = await crm.client.get("/api/v1/leads?status=closed", headers=crm.as_staff(*BC2))
    assert closed.json()["items"] == []


async def test_overdue_leads_are_flagged_and_filtered(crm: ServiceApi) -> None:
    late = await _push(crm, received_at="2026-01-05T09:00:00+02:00")
    fresh = await _push(crm, received_at="2099-01-05T09:00:00+02:00")
    contacted_late = await _push(crm, received_at="2026-02-02T09:00:00+02:00")
    await _activity(crm, contacted_late["id"], BC1, "call", "2026-02-03T09:00:00+02:00")

    listing = await crm.client.get("/api/v1/leads?overdue=true", headers=crm.as_staff(*BC1))
    overdue = {lead["id"]: lead for lead in listing.json()["items"]}
    assert set(overdue) == {late["id"], contacted_late["id"]}
    assert overdue[late["id"]]["contact_overdue"] is True
    assert overdue[contacted_late["id"]]["follow_up_overdue"] is True
    assert overdue[contacted_late["id"]]["contact_overdue"] is False
    everything = await crm.client.get("/api/v1/leads", headers=crm.as_staff(*BC1))
    flags = {lead["id"]: lead["overdue"] for lead in everything.json()["items"]}
    assert flags[fresh["id"]] is False


async def test_a_coordinator_enters_a_lead_from_a_phone_call(crm: ServiceApi) -> None:
    response = await crm.client.post(
        "/api/v1/leads/entries",
        json={
            "source": "phone",
            "business_id": business_id(900),
            "company_name": "Siivous Oy Puhdas",
            "need": "Cleaner, part time",
            "industry": "N",
            "contact": {"name": "Pekka", "phone": "040 1234567"},
        },
        headers=crm.as_staff(*BC2),
    )
    assert response.status_code == 201, response.text
    lead = response.json()
    assert lead["source"] == "phone"
    assert lead["coordinator"] == "bc2"
    assert lead["received_by"] == "bc2"
    assert lead["contact"]["phone"] == "+358401234567"

    by_lead = await crm.client.post(
        "/api/v1/leads/entries",
        json={
            "source": "prospecting",
            "employer_id": lead["employer_id"],
            "need": "Summer workers",
            "coordinator": "bc1",
        },
        headers=crm.as_staff(*LEAD),
    )
    assert by_lead.status_code == 201
    assert by_lead.json()["coordinator"] == "bc1"


async def test_only_a_team_lead_reassigns_and_only_to_a_business_coordinator(
    crm: ServiceApi,
) -> None:
    lead = await _push(crm)
    url = f"/api/v1/leads/{lead['id']}"
    by_coordinator = await crm.client.patch(
        url, json={"coordinator": "bc2"}, headers=crm.as_staff(*BC1)
    )
    to_wac = await crm.client.patch(url, json={"coordinator": "wac1"}, headers=crm.as_staff(*LEAD))
    to_nobody = await crm.client.patch(
        url, json={"coordinator": "ghost"}, headers=crm.as_staff(*LEAD)
    )
    assert by_coordinator.status_code == 403
    assert to_wac.status_code == to_nobody.status_code == 422
    assert to_wac.json()["errors"][0]["loc"] == ["body", "coordinator"]
    current = await crm.client.get(url, headers=crm.as_staff(*BC1))
    assert current.json()["coordinator"] == lead["coordinator"]


async def test_a_follow_up_before_any_contact_is_refused_and_changes_nothing(
    crm: ServiceApi,
) -> None:
    lead = await _push(crm)
    response = await crm.client.post(
        f"/api/v1/leads/{lead['id']}/activities",
        json={"kind": "follow_up", "at": "2026-11-21T10:00:00+02:00"},
        headers=crm.as_staff(*BC1),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "kind"]
    current = await crm.client.get(f"/api/v1/leads/{lead['id']}", headers=crm.as_staff(*BC1))
    assert current.json()["status"] == "new"
    activities = await crm.client.get(
        f"/api/v1/leads/{lead['id']}/activities", headers=crm.as_staff(*BC1)
    )
    assert activities.json()["items"] == []


async def test_the_referrals_service_closes_a_lead_idempotently(crm: ServiceApi) -> None:
    lead = await _push(crm)
    internal = crm.as_machine("svc-referrals", "internal")
    url = f"/internal/leads/{lead['id']}/close"
    first = await crm.client.post(
        url, json={"effect_key": "r1:close", "reason": "hired"}, headers=internal
    )
    second = await crm.client.post(
        url, json={"effect_key": "r1:close", "reason": "no_hire"}, headers=internal
    )
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert second.json()["close_reason"] == "hired"
    staff = await crm.client.post(
        url, json={"effect_key": "x", "reason": "hired"}, headers=crm.as_staff(*LEAD)
    )
    assert staff.status_code == 403
