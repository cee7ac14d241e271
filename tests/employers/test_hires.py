"""Hires recorded by job referrals: one position each, the lead closed when all is filled."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, Request

from tests.conftest import ServiceApi
from tests.employers.payloads import lead_push

BC1 = ("bc1", "business_coordinator")
LEAD = ("lead", "team_lead")
CLIENTS_URL = "http://clients.names.test"


def _internal(api: ServiceApi, person: str = "bc1") -> dict[str, str]:
    return {**api.as_machine("svc-referrals", "internal"), "X-On-Behalf-Of": person}


async def _lead(api: ServiceApi) -> dict[str, Any]:
    pushed = await api.client.post(
        "/api/v1/leads",
        json=lead_push(business_id="0112038-9"),
        headers={**api.as_machine("ladec", "leads:write"), "Idempotency-Key": str(uuid.uuid4())},
    )
    assert pushed.status_code == 201, pushed.text
    lead: dict[str, Any] = pushed.json()
    return lead


async def _opening(api: ServiceApi, lead: dict[str, Any], positions: int = 1) -> str:
    created = await api.client.post(
        f"/api/v1/employers/{lead['employer_id']}/openings",
        json={"title": "Rakennusapulainen", "kind": "regular", "positions": positions,
              "lead_id": lead["id"]},
        headers=api.as_staff(*BC1),
    )  # fmt: skip
    assert created.status_code == 201, created.text
    opening_id: str = created.json()["id"]
    return opening_id


async def _hire(
    api: ServiceApi, opening_id: str, referral_id: str | None = None, person: str = "bc1"
) -> httpx.Response:
    referral_id = referral_id or str(uuid.uuid4())
    return await api.client.post(
        "/internal/hires",
        json={
            "effect_key": f"{referral_id}:hire",
            "referral_id": referral_id,
            "opening_id": opening_id,
            "client_id": str(uuid.uuid4()),
            "hired_on": "2026-12-02",
        },
        headers=_internal(api, person),
    )


async def _read(api: ServiceApi, path: str) -> dict[str, Any]:
    response = await api.client.get(path, headers=api.as_staff(*LEAD))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_two_positions_fill_one_hire_at_a_time_and_then_close_the_lead(
    crm: ServiceApi,
) -> None:
    lead = await _lead(crm)
    opening_id = await _opening(crm, lead, positions=2)
    opening_path = f"/api/v1/employers/{lead['employer_id']}/openings/{opening_id}"

    first = await _hire(crm, opening_id)
    assert first.status_code == 200, first.text
    assert (first.json()["filled_positions"], first.json()["opening_status"]) == (1, "open")
    assert (await _read(crm, opening_path))["status"] == "open"
    assert (await _read(crm, f"/api/v1/leads/{lead['id']}"))["status"] != "closed"

    second = await _hire(crm, opening_id, person="bc2")
    assert (second.json()["filled_positions"], second.json()["opening_status"]) == (2, "filled")
    assert (await _read(crm, opening_path))["filled_at"] is not None
    closed = await _read(crm, f"/api/v1/leads/{lead['id']}")
    assert (closed["status"], closed["close_reason"]) == ("closed", "hired")
    history = await _read(crm, f"/api/v1/leads/{lead['id']}/history")
    assert history["items"][-1]["by"] == "bc2"


async def test_a_lead_with_two_openings_closes_only_when_both_are_filled(
    crm: ServiceApi,
) -> None:
    lead = await _lead(crm)
    first, second = await _opening(crm, lead), await _opening(crm, lead)
    assert (await _hire(crm, first)).json()["lead_status"] != "closed"
    assert (await _hire(crm, second)).json()["lead_status"] == "closed"


async def test_a_repeated_effect_records_one_hire(crm: ServiceApi) -> None:
    lead = await _lead(crm)
    opening_id = await _opening(crm, lead, positions=3)
    referral_id = str(uuid.uuid4())
    first = await _hire(crm, opening_id, referral_id)
    again = await _hire(crm, opening_id, referral_id)
    assert first.json() == again.json()
    assert again.json()["filled_positions"] == 1
    hires = await _read(crm, f"/api/v1/employers/{lead['employer_id']}/hires")
    assert [h["referral_id"] for h in hires["items"]] == [referral_id]


async def test_hire_events_name_the_person(crm: ServiceApi) -> None:
    lead = await _lead(crm)
    opening_id = await _opening(crm, lead)
    await _hire(crm, opening_id, person="bc2")
    feed = await crm.client.get(
        "/internal/events?limit=1000", headers=crm.as_machine("svc-metrics", "events:read")
    )
    types = [e["type"] for e in feed.json()["events"]]
    assert {"hire.recorded", "opening.recorded", "lead.closed"} <= set(types)
    closing = next(e for e in feed.json()["events"] if e["type"] == "lead.closed")
    assert closing["data"]["by"] == "bc2"


async def test_the_opening_for_a_job_referral_names_its_lead_holder(crm: ServiceApi) -> None:
    lead = await _lead(crm)
    opening_id = await _opening(crm, lead)
    seen = await crm.client.get(f"/internal/hires/openings/{opening_id}", headers=_internal(crm))
    assert (seen.json()["kind"], seen.json()["lead_holder"]) == ("regular", lead["coordinator"])
    staff = await crm.client.get(
        f"/internal/hires/openings/{opening_id}", headers=crm.as_staff(*BC1)
    )
    assert staff.status_code == 403
    unknown = await crm.client.get(
        f"/internal/hires/openings/{uuid.uuid4()}", headers=_internal(crm)
    )
    assert unknown.status_code == 404


async def test_a_cancelled_opening_takes_no_hire(crm: ServiceApi) -> None:
    lead = await _lead(crm)
    opening_id = await _opening(crm, lead)
    await crm.client.patch(
        f"/api/v1/employers/{lead['employer_id']}/openings/{opening_id}",
        json={"status": "cancelled"},
        headers=crm.as_staff(*BC1),
    )
    refused = await _hire(crm, opening_id)
    assert (refused.status_code, refused.json()["code"]) == (409, "opening_cancelled")


def _names_service(visible: set[str], calls: list[dict[str, Any]]) -> FastAPI:
    """The clients service's names call: it names only the clients it lets the reader see."""
    app = FastAPI()

    @app.post("/internal/clients/names")
    async def names(request: Request) -> dict[str, Any]:
        body = await request.json()
        calls.append({**body, "reader": request.headers.get("x-on-behalf-of")})
        return {
            "items": [
                {"client_id": c, "first_name": "Testi", "last_name": "Asiakas"}
                for c in body["client_ids"]
                if c in visible
            ]
        }

    return app


async def test_the_hires_list_names_only_clients_the_reader_may_see(crm: ServiceApi) -> None:
    lead = await _lead(crm)
    opening_id = await _opening(crm, lead, positions=2)
    seen_hire = (await _hire(crm, opening_id)).json()
    unseen_hire = (await _hire(crm, opening_id)).json()
    calls: list[dict[str, Any]] = []
    crm.app.state.settings.clients_url = CLIENTS_URL
    crm.app.state.http = httpx.AsyncClient(
        mounts={CLIENTS_URL: httpx.ASGITransport(_names_service({seen_hire["client_id"]}, calls))}
    )
    path = f"/api/v1/employers/{lead['employer_id']}/hires"
    listed = await crm.client.get(path, headers=crm.as_staff("wac1", "work_ability_coordinator"))
    assert listed.status_code == 200, listed.text
    names = {h["client_id"]: h["client_name"] for h in listed.json()["items"]}
    assert names == {seen_hire["client_id"]: "Testi Asiakas", unseen_hire["client_id"]: None}
    assert (calls[0]["visible_only"], calls[0]["reader"]) == (True, "wac1")
    item = listed.json()["items"][0]
    assert set(item) == {
        "id", "referral_id", "opening_id", "opening_title", "employer_id", "lead_id",
        "client_id", "client_name", "hired_on", "recorded_at", "recorded_by",
    }  # fmt: skip
    assert item["opening_title"] == "Rakennusapulainen"

    by_opening = await crm.client.get(
        path, params={"opening_id": str(uuid.uuid4())}, headers=crm.as_staff(*BC1)
    )
    assert by_opening.json()["items"] == []
    by_lead = await crm.client.get(path, params={"lead_id": lead["id"]}, headers=crm.as_staff(*BC1))
    assert len(by_lead.json()["items"]) == 2


# Who reads an employer's hires: the roles that read employers.
READERS = [
    (("bc1", "business_coordinator"), 200),
    (("lead", "team_lead"), 200),
    (("wac1", "work_ability_coordinator"), 200),
    (("coach", "coach"), 200),
    (("admin", "admin"), 403),
]


@pytest.mark.parametrize(("who", "expected"), READERS)
async def test_who_reads_the_hires(crm: ServiceApi, who: tuple[str, str], expected: int) -> None:
    lead = await _lead(crm)
    response = await crm.client.get(
        f"/api/v1/employers/{lead['employer_id']}/hires", headers=crm.as_staff(*who)
    )
    assert response.status_code == expected, response.text
