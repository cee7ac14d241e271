"""Clients invited to a recruitment event, who came, and their hires within 90 days."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, Request

from services.common.users import UserDirectory
from services.employers.models import Hire
from tests.conftest import ServiceApi
from tests.employers.payloads import created_body, employer_body

EVENTS = "/api/v1/recruitment-events"
BC1 = ("bc1", "business_coordinator")

# Whose names the stand-in clients service gives to whom (its need-to-know rule).
OWN_CLIENT = uuid.uuid4()
SECOND_CLIENT = uuid.uuid4()
BC2_CLIENT = uuid.uuid4()
VISIBLE = {
    "bc1": {OWN_CLIENT: ("Aino", "Asiakas"), SECOND_CLIENT: ("Eero", "Esimerkki")},
    "lead": {OWN_CLIENT: ("Aino", "Asiakas"), SECOND_CLIENT: ("Eero", "Esimerkki")},
    "bc2": {BC2_CLIENT: ("Bertta", "Toinen")},
}


def clients_stand_in(calls: list[dict[str, Any]]) -> FastAPI:
    app = FastAPI()

    @app.post("/internal/clients/names")
    async def names(request: Request) -> dict[str, Any]:
        body = await request.json()
        reader = request.headers.get("x-on-behalf-of", "")
        calls.append({"reader": reader, **body})
        visible = VISIBLE.get(reader, {})
        items = []
        for client_id in body["client_ids"]:
            if (known := visible.get(uuid.UUID(client_id))) is not None:
                items.append(
                    {"client_id": client_id, "first_name": known[0], "last_name": known[1]}
                )
        return {"items": items}

    return app


@pytest.fixture
async def desk(
    crm: ServiceApi, gateway_api: ServiceApi
) -> AsyncIterator[tuple[ServiceApi, list[dict[str, Any]]]]:
    """The employers service whose clients service is the stand-in above."""
    calls: list[dict[str, Any]] = []
    app = crm.app
    settings = app.state.settings
    previous = app.state.http
    app.state.http = httpx.AsyncClient(
        mounts={
            "http://gateway.test": httpx.ASGITransport(gateway_api.app),
            settings.clients_url: httpx.ASGITransport(clients_stand_in(calls)),
        }
    )
    app.state.users = UserDirectory(app.state.http, settings.gateway_url, app.state.machine_tokens)
    yield crm, calls
    await app.state.http.aclose()
    app.state.http = previous


async def new_event(crm: ServiceApi, employers: int = 2) -> dict[str, Any]:
    employer_ids = [
        (
            await crm.client.post(
                "/api/v1/employers", json=employer_body(), headers=crm.as_staff(*BC1)
            )
        ).json()["id"]
        for _ in range(employers)
    ]
    created = await crm.client.post(
        EVENTS,
        json={
            "name": "Tiistairekry",
            "kind": "recruitment_event",
            "held_on": "2026-11-10",
            "employer_ids": employer_ids,
        },
        headers=crm.as_staff(*BC1),
    )
    return created_body(created)


async def invite(
    crm: ServiceApi, event_id: str, client_id: uuid.UUID, who: tuple[str, ...] = BC1
) -> httpx.Response:
    return await crm.client.post(
        f"{EVENTS}/{event_id}/clients",
        json={"client_id": str(client_id)},
        headers=crm.as_staff(*who),
    )


async def mark_attended(crm: ServiceApi, event_id: str, client_id: uuid.UUID) -> httpx.Response:
    return await crm.client.patch(
        f"{EVENTS}/{event_id}/clients/{client_id}",
        json={"attended": True},
        headers=crm.as_staff(*BC1),
    )


async def test_two_clients_are_invited_and_one_comes(
    desk: tuple[ServiceApi, list[dict[str, Any]]],
) -> None:
    crm, calls = desk
    event = await new_event(crm)
    assert len(event["employers"]) == 2
    for client_id in (OWN_CLIENT, SECOND_CLIENT):
        invited = await invite(crm, event["id"], client_id)
        assert invited.status_code == 201, invited.text
    came = await mark_attended(crm, event["id"], OWN_CLIENT)
    assert came.json()["attended"] is True
    listed = await crm.client.get(f"{EVENTS}/{event['id']}/clients", headers=crm.as_staff(*BC1))
    assert [(c["client_name"], c["attended"], c["invited_by"]) for c in listed.json()["items"]] == [
        ("Aino Asiakas", True, "bc1"),
        ("Eero Esimerkki", False, "bc1"),
    ]
    # The names are asked for the reader, and only among the clients they may open.
    assert calls[-1]["reader"] == "bc1"
    assert calls[-1]["visible_only"] is True


async def test_another_readers_list_hides_the_names_they_may_not_see(
    desk: tuple[ServiceApi, list[dict[str, Any]]],
) -> None:
    crm, _ = desk
    event = await new_event(crm)
    await invite(crm, event["id"], OWN_CLIENT)
    listed = await crm.client.get(
        f"{EVENTS}/{event['id']}/clients", headers=crm.as_staff("bc2", "business_coordinator")
    )
    assert [(c["client_id"], c["client_name"]) for c in listed.json()["items"]] == [
        (str(OWN_CLIENT), None)
    ]


INVITE_CASES = [
    # (who, client, event, expected status, expected code)
    (("bc1", "business_coordinator"), "own", "real", 201, None),
    (("lead", "team_lead"), "own", "real", 201, None),
    (("bc2", "business_coordinator"), "own", "real", 422, "client_not_visible"),
    (("bc2", "business_coordinator"), "bc2", "real", 201, None),
    (("bc1", "business_coordinator"), "forged", "real", 422, "client_not_visible"),
    (("bc1", "business_coordinator"), "own", "forged", 404, "recruitment_event_not_found"),
    (("wac1", "work_ability_coordinator"), "own", "real", 403, None),
    (("coach", "coach"), "own", "real", 403, None),
    (("admin", "admin"), "own", "real", 403, None),
    ("machine", "own", "real", 403, None),
]


@pytest.mark.parametrize(("who", "client", "event_ref", "status", "code"), INVITE_CASES)
async def test_who_may_invite_which_client(
    desk: tuple[ServiceApi, list[dict[str, Any]]],
    who: Any,
    client: str,
    event_ref: str,
    status: int,
    code: str | None,
) -> None:
    crm, _ = desk
    event = await new_event(crm, employers=0)
    event_id = event["id"] if event_ref == "real" else str(uuid.uuid4())
    client_id = {"own": OWN_CLIENT, "bc2": BC2_CLIENT, "forged": uuid.uuid4()}[client]
    headers = (
        crm.as_machine("svc-referrals", "internal") if who == "machine" else crm.as_staff(*who)
    )
    response = await crm.client.post(
        f"{EVENTS}/{event_id}/clients", json={"client_id": str(client_id)}, headers=headers
    )
    assert response.status_code == status, response.text
    if code is not None:
        assert response.json()["code"] == code


async def test_a_client_is_invited_once_and_an_invitation_can_be_taken_back(
    desk: tuple[ServiceApi, list[dict[str, Any]]],
) -> None:
    crm, _ = desk
    event = await new_event(crm, employers=0)
    await invite(crm, event["id"], OWN_CLIENT)
    again = await invite(crm, event["id"], OWN_CLIENT)
    assert (again.status_code, again.json()["code"]) == (409, "client_already_invited")
    removed = await crm.client.delete(
        f"{EVENTS}/{event['id']}/clients/{OWN_CLIENT}", headers=crm.as_staff(*BC1)
    )
    assert removed.status_code == 204
    gone = await mark_attended(crm, event["id"], OWN_CLIENT)
    assert (gone.status_code, gone.json()["code"]) == (404, "event_client_not_found")


async def test_invitations_and_attendance_are_in_the_event_feed_by_id(
    desk: tuple[ServiceApi, list[dict[str, Any]]],
) -> None:
    crm, _ = desk
    event = await new_event(crm, employers=0)
    await invite(crm, event["id"], OWN_CLIENT)
    await mark_attended(crm, event["id"], OWN_CLIENT)
    feed = await crm.client.get("/internal/events", headers=crm.as_machine("m", "events:read"))
    mine = [
        (e["type"], e["data"])
        for e in feed.json()["events"]
        if e["type"].startswith("recruitment_event.") and e["type"] != "recruitment_event.recorded"
    ]
    assert mine == [
        (
            "recruitment_event.client_invited",
            {"event_id": event["id"], "client_id": str(OWN_CLIENT), "attended": False},
        ),
        (
            "recruitment_event.attendance_recorded",
            {"event_id": event["id"], "client_id": str(OWN_CLIENT), "attended": True},
        ),
    ]


async def test_hires_of_invited_clients_within_90_days_show_on_the_event(
    desk: tuple[ServiceApi, list[dict[str, Any]]],
) -> None:
    crm, _ = desk
    event = await new_event(crm, employers=1)
    employer_id = event["employers"][0]["id"]
    opening = (
        await crm.client.post(
            f"/api/v1/employers/{employer_id}/openings",
            json={"title": "Varastotyöntekijä", "kind": "regular", "positions": 3},
            headers=crm.as_staff(*BC1),
        )
    ).json()
    await invite(crm, event["id"], OWN_CLIENT)
    await mark_attended(crm, event["id"], OWN_CLIENT)
    await invite(crm, event["id"], SECOND_CLIENT)
    held_on = dt.date(2026, 11, 10)
    hires = [
        (OWN_CLIENT, held_on + dt.timedelta(days=90)),  # the last day that counts
        (SECOND_CLIENT, held_on - dt.timedelta(days=1)),  # before the event
        (SECOND_CLIENT, held_on + dt.timedelta(days=91)),  # too late
        (BC2_CLIENT, held_on + dt.timedelta(days=5)),  # not invited
    ]
    async with crm.app.state.database.transaction() as session:
        for client_id, hired_on in hires:
            session.add(
                Hire(
                    referral_id=uuid.uuid4(),
                    opening_id=uuid.UUID(opening["id"]),
                    employer_id=uuid.UUID(employer_id),
                    client_id=client_id,
                    hired_on=hired_on,
                    recorded_by="bc1",
                )
            )
    listed = await crm.client.get(f"{EVENTS}/{event['id']}/hires", headers=crm.as_staff(*BC1))
    assert [
        (h["client_name"], h["opening_title"], h["employer_name"], h["attended"], h["hired_on"])
        for h in listed.json()["items"]
    ] == [
        (
            "Aino Asiakas",
            "Varastotyöntekijä",
            event["employers"][0]["name"],
            True,
            "2027-02-08",
        )
    ]
    hidden = await crm.client.get(
        f"{EVENTS}/{event['id']}/hires", headers=crm.as_staff("bc2", "business_coordinator")
    )
    assert [h["client_name"] for h in hidden.json()["items"]] == [None]


READ_CASES = [
    (("bc1", "business_coordinator"), 200),
    (("lead", "team_lead"), 200),
    (("wac1", "work_ability_coordinator"), 403),
    (("coach", "coach"), 403),
    ("machine", 403),
]


@pytest.mark.parametrize(("who", "status"), READ_CASES)
@pytest.mark.parametrize("path", ["clients", "hires"])
async def test_who_may_read_an_events_clients_and_hires(
    desk: tuple[ServiceApi, list[dict[str, Any]]], who: Any, status: int, path: str
) -> None:
    crm, _ = desk
    event = await new_event(crm, employers=0)
    headers = (
        crm.as_machine("svc-metrics", "events:read") if who == "machine" else crm.as_staff(*who)
    )
    response = await crm.client.get(f"{EVENTS}/{event['id']}/{path}", headers=headers)
    assert response.status_code == status
    forged = await crm.client.get(f"{EVENTS}/{uuid.uuid4()}/{path}", headers=headers)
    assert forged.status_code == (404 if status == 200 else status)
