"""Recruitment events: Tiistairekry, DuuniWork … with their employers and attendance."""

from __future__ import annotations

import uuid

from tests.conftest import ServiceApi
from tests.employers.payloads import employer_body

EVENTS = "/api/v1/recruitment-events"
BC1 = ("bc1", "business_coordinator")


async def test_an_event_is_recorded_with_its_employers(crm: ServiceApi) -> None:
    employers = [
        (
            await crm.client.post(
                "/api/v1/employers", json=employer_body(), headers=crm.as_staff(*BC1)
            )
        ).json()
        for _ in range(2)
    ]
    created = await crm.client.post(
        EVENTS,
        json={
            "name": "Tiistairekry",
            "kind": "recruitment_event",
            "held_on": "2026-11-10",
            "place": "Palvelutori, Trio",
            "employer_ids": [e["id"] for e in employers],
        },
        headers=crm.as_staff(*BC1),
    )
    assert created.status_code == 201, created.text
    event = created.json()
    assert {e["id"] for e in event["employers"]} == {e["id"] for e in employers}
    assert event["jobseekers_attended"] is None

    updated = await crm.client.patch(
        f"{EVENTS}/{event['id']}", json={"jobseekers_attended": 42}, headers=crm.as_staff(*BC1)
    )
    assert updated.json()["jobseekers_attended"] == 42
    listed = await crm.client.get(
        f"{EVENTS}?from=2026-11-01&to=2026-11-30", headers=crm.as_staff(*BC1)
    )
    assert [e["id"] for e in listed.json()["items"]] == [event["id"]]

    feed = await crm.client.get("/internal/events", headers=crm.as_machine("m", "events:read"))
    recorded = [
        e["data"] for e in feed.json()["events"] if e["type"] == "recruitment_event.recorded"
    ]
    assert recorded[-1]["jobseekers_attended"] == 42
    assert recorded[-1]["on"] == "2026-11-10"


async def test_an_unknown_employer_is_refused_naming_it(crm: ServiceApi) -> None:
    response = await crm.client.post(
        EVENTS,
        json={
            "name": "DuuniWork",
            "kind": "job_fair",
            "held_on": "2026-11-10",
            "employer_ids": [str(uuid.uuid4())],
        },
        headers=crm.as_staff(*BC1),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "employer_ids", 0]
    listed = await crm.client.get(EVENTS, headers=crm.as_staff(*BC1))
    assert listed.json()["items"] == []
