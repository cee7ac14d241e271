"""The clients service's deadlines for the reminders (`/internal/worklist/{username}`): only
services may ask, and they get ids and dates, never a name."""

from __future__ import annotations

from typing import Any

from tests.notifications.conftest import Desk

# case → (caller, username in the path)
CASES: dict[str, tuple[str, str]] = {
    "the notifications service asks for wac1": ("machine", "wac1"),
    "the notifications service asks for nobody known": ("machine", "nobody"),
    "a service token without `internal`": ("events-only", "wac1"),
    "wac1 herself": ("wac1", "wac1"),
    "the admin": ("admin", "wac1"),
    "a path that escapes": ("machine", "..%2f..%2fclients"),
    "a username that is no username": ("machine", "Wac1;DROP"),
}

EXPECTED: dict[str, int] = {
    "the notifications service asks for wac1": 200,
    "the notifications service asks for nobody known": 200,
    "a service token without `internal`": 403,
    "wac1 herself": 403,
    "the admin": 403,
    "a path that escapes": 404,
    "a username that is no username": 422,
}


async def test_each_caller_gets_the_answer_the_table_states(desk: Desk) -> None:
    assert CASES.keys() == EXPECTED.keys()
    found: dict[str, int] = {}
    bodies: dict[str, Any] = {}
    client_id = await desk.client("wac1", first_name="Wilhelmiina")
    await desk.enrol(client_id, "wac1", registered_ago=20)
    for case, (caller, username) in CASES.items():
        response = await desk.clients.client.get(
            f"/internal/worklist/{username}", headers=desk.headers_of(caller)
        )
        found[case] = response.status_code
        bodies[case] = response.json()
    assert found == EXPECTED
    wac1 = bodies["the notifications service asks for wac1"]
    assert [(i["kind"], i["client_id"]) for i in wac1["items"]] == [("contact_due", client_id)]
    assert "Wilhelmiina" not in str(wac1)
    assert bodies["the notifications service asks for nobody known"]["items"] == []
