"""The employers service's outbox feed carries what metrics need, and nothing personal."""

from __future__ import annotations

from typing import Any

from services.common.calendar import helsinki_today
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
        "sector": "unknown",
        "sector_since": helsinki_today().isoformat(),
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


async def test_a_change_of_sector_is_an_event_dated_on_the_day_of_the_change(
    crm: ServiceApi,
) -> None:
    staff = crm.as_staff(*BC1)
    body = {**employer_body(name="Kaupungin Liikelaitos"), "sector": "public"}
    employer = (await crm.client.post("/api/v1/employers", json=body, headers=staff)).json()
    assert (employer["sector"], employer["sector_since"]) == (
        "public",
        helsinki_today().isoformat(),
    )
    url = f"/api/v1/employers/{employer['id']}"

    # Neither emptied nor an unknown code: the stored sector stays.
    for bad in (None, "state", "PUBLIC"):
        response = await crm.client.patch(url, json={"sector": bad}, headers=staff)
        assert response.status_code == 422, bad
        assert response.json()["errors"][0]["loc"] == ["body", "sector"]
    assert (await crm.client.get(url, headers=staff)).json()["sector"] == "public"

    changed = await crm.client.patch(url, json={"sector": "third_sector"}, headers=staff)
    assert changed.status_code == 200
    # The same sector again changes nothing, and tells nobody.
    await crm.client.patch(url, json={"sector": "third_sector"}, headers=staff)
    events = [e for e in await _events(crm) if e["subject_id"] == employer["id"]]
    assert [(e["type"], e["data"]["sector"]) for e in events] == [
        ("employer.created", "public"),
        ("employer.status_changed", "third_sector"),
    ]
    assert events[1]["data"]["sector_since"] == helsinki_today().isoformat()
