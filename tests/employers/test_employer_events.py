"""The employers service's outbox feed carries what metrics need, and nothing personal."""

from __future__ import annotations

from typing import Any

from tests.conftest import ServiceApi
from tests.employers.payloads import employer_body

BC1 = ("bc1", "business_coordinator")


async def _events(api: ServiceApi) -> list[dict[str, Any]]:
    feed = await api.client.get(
        "/internal/events", params={"limit": 1000}, headers=api.as_machine("m", "events:read")
    )
    assert feed.status_code == 200
    events: list[dict[str, Any]] = feed.json()["events"]
    return events


async def test_employer_changes_are_events_without_names(crm: ServiceApi) -> None:
    staff = crm.as_staff(*BC1)
    employer = (
        await crm.client.post(
            "/api/v1/employers",
            json=employer_body(name="Salainen Nimi Oy", industry="Q"),
            headers=staff,
        )
    ).json()
    url = f"/api/v1/employers/{employer['id']}"
    await crm.client.post(
        f"{url}/activities",
        json={"kind": "meeting", "at": "2026-11-02T09:00:00+02:00", "summary": "Salainen asia"},
        headers=staff,
    )
    await crm.client.patch(url, json={"status": "partner"}, headers=staff)
    opening = await crm.client.post(
        f"{url}/openings",
        json={"title": "Hoitaja", "kind": "work_trial", "wage_subsidy": True},
        headers=staff,
    )

    events = await _events(crm)
    assert [e["type"] for e in events] == [
        "employer.created",
        "employer.activity_recorded",
        "employer.status_changed",
        "employer.status_changed",
        "opening.recorded",
    ]
    created, activity, contacted, partner, recorded = (e["data"] for e in events)
    assert created == {
        "employer_id": employer["id"],
        "industry": "Q",
        "municipality": "Hollola",
        "size_class": "small",
        "status": "prospect",
    }
    assert activity["kind"] == "meeting"
    assert activity["by"] == "bc1"
    assert contacted["status"] == "contacted"
    assert contacted["changed_on"] == "2026-11-02"
    assert partner["status"] == "partner"
    assert partner["network_member"] is True
    assert recorded["opening_id"] == opening.json()["id"]
    assert recorded["wage_subsidy"] is True
    assert "Salainen" not in str(events)
