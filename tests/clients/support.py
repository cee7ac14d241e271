"""Small helpers for the clients tests: people by username, a client walked along its path."""

from __future__ import annotations

import datetime as dt
from typing import Any

from services.common.calendar import helsinki_today
from tests.clients.conftest import ROLES
from tests.conftest import ServiceApi, migration_module

CLIENTS = "/api/v1/clients"


def as_(api: ServiceApi, username: str) -> dict[str, str]:
    return api.as_staff(username, ROLES[username])


def past(days: int) -> str:
    return (dt.datetime.now(dt.UTC) - dt.timedelta(days=days)).isoformat()


def day(days_ago: int) -> str:
    return (helsinki_today() - dt.timedelta(days=days_ago)).isoformat()


async def new_client(api: ServiceApi, by: str = "coach", **fields: Any) -> dict[str, Any]:
    body = {"first_name": "Aino", "last_name": "Esimerkki", **fields}
    response = await api.client.post(CLIENTS, json=body, headers=as_(api, by))
    assert response.status_code == 201, response.text
    return dict(response.json())


async def enrolled(
    api: ServiceApi, coordinator: str = "wac1", by: str = "coach", registered_ago: int = 20
) -> tuple[str, str]:
    """A client referred by `by` and enrolled with `coordinator`: (client_id, enrolment_id)."""
    client = await new_client(api, by=by)
    line = "work_ability" if coordinator.startswith("wac") else "business"
    response = await api.client.post(
        f"{CLIENTS}/{client['id']}/enrolments",
        json={
            "service_line": line,
            "coordinator": coordinator,
            "registered_on": day(registered_ago),
        },
        headers=as_(api, by),
    )
    assert response.status_code == 201, response.text
    return client["id"], response.json()["id"]


async def booked(api: ServiceApi, starts_at: dt.datetime, **fields: Any) -> tuple[str, str, Any]:
    """A contacted enrolment of wac1's with a first meeting she booked at `starts_at` for an
    hour: (client id, the enrolment's path, the meeting)."""
    client_id, enrolment_id = await enrolled(api)
    base = f"{CLIENTS}/{client_id}/enrolments/{enrolment_id}"
    wac = as_(api, "wac1")
    contact = {"channel": "phone", "reached": True, "at": past(3)}
    assert (await api.client.post(f"{base}/contacts", json=contact, headers=wac)).status_code == 201
    body = {
        "kind": "first",
        "at": starts_at.isoformat(),
        "ends_at": (starts_at + dt.timedelta(hours=1)).isoformat(),
        "status": "scheduled",
        **fields,
    }
    response = await api.client.post(f"{base}/meetings", json=body, headers=wac)
    assert response.status_code == 201, response.text
    return client_id, base, response.json()


async def started(api: ServiceApi, coordinator: str = "wac1", by: str = "coach") -> tuple[str, str]:
    """An enrolment contacted and with its first meeting held."""
    client_id, enrolment_id = await enrolled(api, coordinator, by)
    base = f"{CLIENTS}/{client_id}/enrolments/{enrolment_id}"
    headers = as_(api, coordinator)
    contact = {"channel": "phone", "reached": True, "at": past(15)}
    assert (
        await api.client.post(f"{base}/contacts", json=contact, headers=headers)
    ).status_code == 201
    meeting = {"kind": "first", "at": past(10), "status": "held"}
    assert (
        await api.client.post(f"{base}/meetings", json=meeting, headers=headers)
    ).status_code == 201
    return client_id, enrolment_id


async def events(api: ServiceApi) -> list[dict[str, Any]]:
    """The whole event feed, page by page."""
    feed: list[dict[str, Any]] = []
    cursor = "0"
    while True:
        response = await api.client.get(
            "/internal/events",
            params={"after": cursor, "limit": 1000},
            headers=api.as_machine("svc-metrics", "events:read"),
        )
        assert response.status_code == 200
        page = response.json()
        feed += page["events"]
        if not page["events"]:
            return feed
        cursor = page["next_cursor"]


async def ended_long_ago(api: ServiceApi, coordinator: str = "wac1") -> str:
    """A client whose only enrolment (referred by the coach) ended 20 days ago, past its
    coordinator's grace period."""
    client = await new_client(api, by="coach")
    base = f"{CLIENTS}/{client['id']}/enrolments"
    enrolment = await api.client.post(
        base,
        json={"service_line": "work_ability", "coordinator": coordinator, "registered_on": day(40)},
        headers=as_(api, "coach"),
    )
    assert enrolment.status_code == 201, enrolment.text
    path = f"{base}/{enrolment.json()['id']}"
    headers = as_(api, coordinator)
    steps = (
        ("contacts", {"channel": "phone", "reached": True, "at": past(38)}),
        ("meetings", {"kind": "first", "at": past(35), "status": "held"}),
        (
            "end",
            {
                "outcome": "employed",
                "ended_on": day(20),
                "exit_status": "employed",
                "qualification_gained": False,
            },
        ),
    )
    for step, body in steps:
        response = await api.client.post(f"{path}/{step}", json=body, headers=headers)
        assert response.status_code in (200, 201), response.text
    return str(client["id"])


def first_service_kind_rules() -> dict[str, str]:
    """Version 1 of which status each kind of period writes, as the migration seeds it."""
    rules: dict[str, str] = migration_module("clients", "active_service_periods").KIND_STATUSES_V1
    return rules


async def seed_service_kind_rules(api: ServiceApi) -> None:
    """The fixtures empty every table before a test: put the migration's rules back."""
    from services.clients.models import ServiceKindRule

    async with api.app.state.database.transaction() as session:
        session.add(
            ServiceKindRule(
                version=1,
                valid_from=dt.date(2000, 1, 1),
                statuses=first_service_kind_rules(),
                created_by="system",
            )
        )


async def seed_work_ability_definitions(api: ServiceApi) -> None:
    """The fixtures empty every table before a test: put the migration's roadmap stages and
    functional measure back."""
    from services.clients.models import FunctionalInstrument, RoadmapTemplate

    seeds = migration_module("clients", "work_ability_method")
    async with api.app.state.database.transaction() as session:
        session.add(RoadmapTemplate(version=1, stages=seeds.ROADMAP_STAGES_V1, created_by="system"))
        session.add(FunctionalInstrument(**seeds.FUNCTIONAL_INSTRUMENT_V1, created_by="system"))
