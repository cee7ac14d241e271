"""`POST /internal/meetings/calendar`: the meetings a person takes part in and may see, for
the notifications service's invitations and feeds; never a name, and no place under
non-disclosure."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from tests.clients.support import CLIENTS, as_, booked, past
from tests.conftest import ServiceApi

CALENDAR = "/internal/meetings/calendar"
PLACE = "Työllisyyspalvelut, Aleksanterinkatu 18"


async def _meeting(api: ServiceApi, participants: list[str]) -> tuple[str, str]:
    """A meeting wac1 booked with her client in two days: (client id, meeting id)."""
    starts_at = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)
    client_id, _, meeting = await booked(
        api, starts_at, place=PLACE, channel="in_person", participants=participants
    )
    return client_id, str(meeting["id"])


async def _ask(api: ServiceApi, reader: str | None, ids: list[str], **headers: str) -> Any:
    names = {"X-On-Behalf-Of": reader} if reader else {}
    return await api.client.post(
        CALENDAR,
        json={"meeting_ids": ids},
        headers={**api.as_machine("svc-notifications", "internal"), **names, **headers},
    )


# Who is told about wac1's meeting with her client (participants wac1 and bc1): the
# participant who may see the client, never one who may not, nor a non-participant.
TOLD = {
    "wac1": True,  # books it, responsible for the client
    "bc1": False,  # a participant unrelated to the client
    "lead": False,  # sees the unit's clients, but takes no part
    "wac2": False,  # unrelated, no part
    "nobody-such": False,  # no such staff member
}


async def test_each_person_is_told_only_of_meetings_they_take_part_in_and_may_see(
    api: ServiceApi,
) -> None:
    _, meeting_id = await _meeting(api, ["wac1", "bc1"])
    found = {}
    for reader in TOLD:
        response = await _ask(api, reader, [meeting_id])
        assert response.status_code == 200, response.text
        found[reader] = [m["meeting_id"] for m in response.json()["meetings"]] == [meeting_id]
    assert found == TOLD


async def test_a_meeting_says_when_where_and_who_but_never_the_clients_name(
    api: ServiceApi,
) -> None:
    client_id, meeting_id = await _meeting(api, ["wac1"])
    response = await _ask(api, "wac1", [meeting_id, str(uuid.uuid4())])
    [meeting] = response.json()["meetings"]
    assert meeting["client_id"] == client_id
    assert meeting["place"] == PLACE
    assert (meeting["kind"], meeting["status"], meeting["channel"]) == (
        "first",
        "scheduled",
        "in_person",
    )
    assert meeting["participants"] == ["wac1"]
    assert meeting["recorded_by"] == "wac1"
    assert "Aino" not in response.text
    assert "Esimerkki" not in response.text

    log = await api.client.get(f"{CLIENTS}/{client_id}/access-log", headers=as_(api, "lead"))
    reads = [e for e in log.json() if e["action"] == "read_meeting_calendar"]
    assert [(e["actor"], e["actor_roles"]) for e in reads] == [("wac1", "via svc-notifications")]


async def test_a_polled_feed_leaves_one_entry_per_person_client_and_day(api: ServiceApi) -> None:
    client_id, first = await _meeting(api, ["wac1"])
    base = f"{CLIENTS}/{client_id}/enrolments"
    [enrolment] = (await api.client.get(base, headers=as_(api, "wac1"))).json()
    second = await api.client.post(
        f"{base}/{enrolment['id']}/meetings",
        json={"kind": "follow_up", "at": past(-5), "status": "scheduled"},
        headers=as_(api, "wac1"),
    )
    assert second.status_code == 201, second.text
    # A calendar program polls the feed: each poll asks for both meetings.
    for _ in range(3):
        answer = await _ask(api, "wac1", [first, second.json()["id"]])
        assert len(answer.json()["meetings"]) == 2

    log = await api.client.get(f"{CLIENTS}/{client_id}/access-log", headers=as_(api, "lead"))
    reads = [e for e in log.json() if e["action"] == "read_meeting_calendar"]
    assert [(e["actor"], e["actor_roles"]) for e in reads] == [("wac1", "via svc-notifications")]


async def test_no_place_is_given_when_the_client_is_under_non_disclosure(api: ServiceApi) -> None:
    client_id, meeting_id = await _meeting(api, ["wac1"])
    protect = await api.client.patch(
        f"{CLIENTS}/{client_id}",
        json={"non_disclosure": True},
        headers={**as_(api, "wac1"), "X-Access-Reason": "threat reported"},
    )
    assert protect.status_code == 200, protect.text

    [meeting] = (await _ask(api, "wac1", [meeting_id])).json()["meetings"]

    assert meeting["place"] is None
    assert PLACE not in str(meeting)


async def test_the_call_is_for_a_service_acting_for_a_person_and_asks_at_most_500(
    api: ServiceApi,
) -> None:
    _, meeting_id = await _meeting(api, ["wac1"])
    too_many = [str(uuid.uuid4()) for _ in range(501)]

    missing_person = await _ask(api, None, [meeting_id])
    oversized = await _ask(api, "wac1", too_many)
    as_staff = await api.client.post(
        CALENDAR, json={"meeting_ids": [meeting_id]}, headers=as_(api, "wac1")
    )
    feeds_only = await api.client.post(
        CALENDAR,
        json={"meeting_ids": [meeting_id]},
        headers={**api.as_machine("svc-notifications", "events:read"), "X-On-Behalf-Of": "wac1"},
    )
    anonymous = await api.client.post(CALENDAR, json={"meeting_ids": [meeting_id]})

    assert missing_person.status_code == 422
    assert missing_person.json()["errors"][0]["code"] == "on_behalf_of_required"
    assert oversized.status_code == 422
    assert (as_staff.status_code, feeds_only.status_code, anonymous.status_code) == (403, 403, 401)
