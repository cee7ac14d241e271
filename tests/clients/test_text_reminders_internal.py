"""The clients service's `GET /internal/text-reminders`: only a service with `internal` asks,
it is told the time, the place, the number and the language of the meetings whose client
may get a text reminder and nothing else, and each reminder lands in the client's access
log as read for the person who booked the meeting."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.clients.support import CLIENTS, as_, past
from tests.conftest import ServiceApi

REMINDERS = "/internal/text-reminders"
NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)


def _window(hours: float = 24) -> dict[str, str]:
    return {
        "starts_from": NOW.isoformat(),
        "starts_before": (NOW + dt.timedelta(hours=hours)).isoformat(),
    }


async def _booked(
    api: ServiceApi,
    *,
    consent: bool = True,
    in_hours: float = 3,
    client: dict[str, Any] | None = None,
    meeting: dict[str, Any] | None = None,
) -> tuple[str, str, dict[str, Any]]:
    """A client of wac1's with a meeting she booked: (client id, meetings path, meeting)."""
    body = {
        "first_name": "Wilhelmiina",
        "last_name": "Kärkkäinen",
        "phone": "040 123 4567",
        "language": "sv",
        **(client or {}),
    }
    wac = as_(api, "wac1")
    created = await api.client.post(CLIENTS, json=body, headers=wac)
    assert created.status_code == 201, created.text
    client_id = created.json()["id"]
    if consent:
        granted = await api.client.post(
            f"{CLIENTS}/{client_id}/consents", json={"purpose": "text_reminders"}, headers=wac
        )
        assert granted.status_code == 201, granted.text
    enrolled = await api.client.post(
        f"{CLIENTS}/{client_id}/enrolments",
        json={"service_line": "work_ability", "coordinator": "wac1"},
        headers=wac,
    )
    assert enrolled.status_code == 201, enrolled.text
    base = f"{CLIENTS}/{client_id}/enrolments/{enrolled.json()['id']}"
    contact = {"channel": "phone", "reached": True, "at": past(0)}
    assert (await api.client.post(f"{base}/contacts", json=contact, headers=wac)).status_code == 201
    booking = {
        "kind": "first",
        "at": (NOW + dt.timedelta(hours=in_hours)).isoformat(),
        "status": "scheduled",
        "place": "Palvelutori, Trio 2. krs",
        **(meeting or {}),
    }
    response = await api.client.post(f"{base}/meetings", json=booking, headers=wac)
    assert response.status_code == 201, response.text
    return client_id, f"{base}/meetings", response.json()


async def _reminders(api: ServiceApi, **window: str) -> list[dict[str, Any]]:
    response = await api.client.get(
        REMINDERS,
        params=window or _window(),
        headers=api.as_machine("svc-notifications", "internal"),
    )
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()["reminders"]
    return found


async def test_a_consenting_client_is_told_by_time_place_number_and_language(
    api: ServiceApi,
) -> None:
    _, _, meeting = await _booked(api)

    [reminder] = await _reminders(api)

    assert reminder == {
        "meeting_id": meeting["id"],
        "starts_at": reminder["starts_at"],
        "place": "Palvelutori, Trio 2. krs",
        "phone": "+358401234567",
        "language": "sv",
    }
    assert dt.datetime.fromisoformat(reminder["starts_at"]) == dt.datetime.fromisoformat(
        meeting["at"]
    )


async def test_only_the_meetings_the_rules_allow_are_named(api: ServiceApi) -> None:
    await _booked(api, consent=False)
    await _booked(api, client={"phone": None})
    await _booked(api, client={"non_disclosure": True})
    _, _, confirmed = await _booked(
        api, client={"non_disclosure": True}, meeting={"text_reminder_confirmed": True}
    )
    _, meetings, cancelled = await _booked(api)
    response = await api.client.patch(
        f"{meetings}/{cancelled['id']}", json={"status": "cancelled"}, headers=as_(api, "wac1")
    )
    assert response.status_code == 200, response.text
    await _booked(api, in_hours=30)
    _, _, ordinary = await _booked(api)

    named = {r["meeting_id"] for r in await _reminders(api)}

    assert named == {confirmed["id"], ordinary["id"]}
    assert confirmed["text_reminder_confirmed"] is True


async def test_a_withdrawn_consent_stops_the_reminder(api: ServiceApi) -> None:
    client_id, _, _ = await _booked(api)
    wac = as_(api, "wac1")
    [consent] = (await api.client.get(f"{CLIENTS}/{client_id}/consents", headers=wac)).json()
    withdrawn = await api.client.delete(
        f"{CLIENTS}/{client_id}/consents/{consent['id']}", headers=wac
    )
    assert withdrawn.status_code == 200, withdrawn.text

    assert await _reminders(api) == []


async def test_each_reminder_is_logged_once_as_read_for_the_person_who_booked(
    api: ServiceApi,
) -> None:
    client_id, meetings, meeting = await _booked(api)
    await _reminders(api)
    await _reminders(api)

    def reminder_entries(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [e for e in entries if e["action"] == "text_reminder"]

    log = f"{CLIENTS}/{client_id}/access-log"
    entries = (await api.client.get(log, headers=as_(api, "lead"))).json()
    [entry] = reminder_entries(entries)
    assert (entry["actor"], entry["actor_roles"]) == ("wac1", "via svc-notifications")

    # A moved meeting is a new reminder: one more entry.
    moved = (NOW + dt.timedelta(hours=5)).isoformat()
    response = await api.client.patch(
        f"{meetings}/{meeting['id']}", json={"at": moved}, headers=as_(api, "wac1")
    )
    assert response.status_code == 200, response.text
    await _reminders(api)
    entries = (await api.client.get(log, headers=as_(api, "lead"))).json()
    assert len(reminder_entries(entries)) == 2


# case → (caller, query): who asks, and with which window.
CASES: dict[str, tuple[str, dict[str, str]]] = {
    "the notifications service": ("machine", _window()),
    "a service token without `internal`": ("events-only", _window()),
    "a coach": ("coach", _window()),
    "a work-ability coordinator": ("wac1", _window()),
    "a business coordinator": ("bc1", _window()),
    "a team lead": ("lead", _window()),
    "the admin": ("admin", _window()),
    "no token": ("anonymous", _window()),
    "a window over 48 hours": ("machine", _window(hours=49)),
    "a window that ends before it starts": ("machine", _window(hours=-1)),
    "control characters in the query": (
        "machine",
        {**_window(), "starts_from": "2026-12-08T10:00:00\x00\x1b+02:00"},
    ),
    "a time without its offset": ("machine", {**_window(), "starts_from": "2026-12-08T10:00"}),
}

EXPECTED: dict[str, int] = {
    "the notifications service": 200,
    "a service token without `internal`": 403,
    "a coach": 403,
    "a work-ability coordinator": 403,
    "a business coordinator": 403,
    "a team lead": 403,
    "the admin": 403,
    "no token": 401,
    "a window over 48 hours": 422,
    "a window that ends before it starts": 422,
    "control characters in the query": 422,
    "a time without its offset": 422,
}


def _headers(api: ServiceApi, caller: str) -> dict[str, str]:
    if caller == "anonymous":
        return {}
    if caller == "machine":
        return api.as_machine("svc-notifications", "internal")
    if caller == "events-only":
        return api.as_machine("svc-notifications", "events:read")
    return as_(api, caller)


async def test_each_caller_gets_the_answer_the_table_states(api: ServiceApi) -> None:
    assert CASES.keys() == EXPECTED.keys()
    await _booked(api)
    found: dict[str, int] = {}
    for case, (caller, query) in CASES.items():
        response = await api.client.get(REMINDERS, params=query, headers=_headers(api, caller))
        found[case] = response.status_code
        if response.status_code != 200:
            assert response.headers["content-type"].startswith("application/problem+json")
            assert "Wilhelmiina" not in response.text
    assert found == EXPECTED
