"""Issue 12: a booked meeting is moved, held, missed or cancelled as the same meeting; contacts
carry a comment; the end is corrected with its exit data; a coach refers by enrolling."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest

from tests.clients.support import (
    CLIENTS,
    as_,
    booked,
    day,
    enrolled,
    events,
    new_client,
    past,
    started,
)
from tests.conftest import ServiceApi

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)


def future(days: int, hours: int = 0) -> str:
    return (NOW + dt.timedelta(days=days, hours=hours)).isoformat()


def _instant(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


async def _booked(api: ServiceApi, **fields: Any) -> tuple[str, dict[str, Any]]:
    """A contacted enrolment of wac1's with a meeting booked for tomorrow: (base, meeting)."""
    _, base, meeting = await booked(api, NOW + dt.timedelta(days=1), **fields)
    return base, meeting


async def _patch(
    api: ServiceApi, base: str, meeting_id: str, body: dict[str, Any], status: int = 200
) -> dict[str, Any]:
    response = await api.client.patch(
        f"{base}/meetings/{meeting_id}", json=body, headers=as_(api, "wac1")
    )
    assert response.status_code == status, response.text
    return dict(response.json())


async def test_a_booking_names_its_participants_end_and_link(api: ServiceApi) -> None:
    base, meeting = await _booked(api, remote_link="https://meet.example.fi/abc")
    assert meeting["participants"] == ["wac1"]
    assert meeting["remote_link"] == "https://meet.example.fi/abc"
    assert _instant(meeting["ends_at"]) - _instant(meeting["at"]) == dt.timedelta(hours=1)
    listed = (await api.client.get(f"{base}/meetings", headers=as_(api, "wac1"))).json()
    assert [m["id"] for m in listed] == [meeting["id"]]


async def test_a_booking_is_moved_then_held_as_the_same_meeting(api: ServiceApi) -> None:
    base, meeting = await _booked(api)
    moved = await _patch(api, base, meeting["id"], {"at": future(3), "place": "Palvelutori"})
    assert moved["id"] == meeting["id"]
    assert moved["place"] == "Palvelutori"
    # A moved meeting keeps its length.
    assert _instant(moved["ends_at"]) - _instant(moved["at"]) == dt.timedelta(hours=1)

    # Marking a future booking held sends `at` = now.
    now = dt.datetime.now(dt.UTC).isoformat()
    held = await _patch(api, base, meeting["id"], {"status": "held", "at": now})
    assert held["status"] == "held"
    enrolment = (await api.client.get(base, headers=as_(api, "wac1"))).json()
    assert enrolment["state"] == "active"
    listed = (await api.client.get(f"{base}/meetings", headers=as_(api, "wac1"))).json()
    assert len(listed) == 1

    recorded = [
        e["data"]["status"]
        for e in await events(api)
        if e["type"] == "meeting.recorded" and e["data"]["meeting_id"] == meeting["id"]
    ]
    assert recorded == ["scheduled", "scheduled", "held"]

    # Once held, its time and status stay; where it was may still be corrected.
    refused = await _patch(api, base, meeting["id"], {"at": future(5)}, status=409)
    assert refused["code"] == "meeting_not_scheduled"
    assert refused["params"] == {"status": "held"}
    refused = await _patch(api, base, meeting["id"], {"status": "cancelled"}, status=409)
    assert refused["code"] == "meeting_not_scheduled"
    fixed = await _patch(api, base, meeting["id"], {"place": "Trio"})
    assert fixed["place"] == "Trio"


async def test_a_booking_is_cancelled_or_missed(api: ServiceApi) -> None:
    base, meeting = await _booked(api)
    cancelled = await _patch(api, base, meeting["id"], {"status": "cancelled"})
    assert cancelled["status"] == "cancelled"

    base, meeting = await _booked(api)
    early = await _patch(api, base, meeting["id"], {"status": "no_show"}, status=422)
    assert early["code"] == "date_in_future"
    assert early["errors"][0]["loc"] == ["body", "at"]
    missed = await _patch(
        api, base, meeting["id"], {"status": "no_show", "at": past(0), "ends_at": None}
    )
    assert missed["status"] == "no_show"
    enrolment = (await api.client.get(base, headers=as_(api, "wac1"))).json()
    assert enrolment["state"] == "contacted"


async def test_a_tripartite_meeting_names_the_handoffs_receiver(api: ServiceApi) -> None:
    client_id, enrolment_id = await started(api)
    base = f"{CLIENTS}/{client_id}/enrolments/{enrolment_id}"
    referral_id = str(uuid.uuid4())
    body = {
        "kind": "tripartite",
        "at": future(2),
        "status": "scheduled",
        "participants": ["wac1", "bc1"],
        "referral_id": referral_id,
    }
    response = await api.client.post(f"{base}/meetings", json=body, headers=as_(api, "wac1"))
    assert response.status_code == 201, response.text
    assert response.json()["participants"] == ["wac1", "bc1"]
    assert response.json()["referral_id"] == referral_id


@pytest.mark.parametrize(
    ("change", "code", "loc"),
    [
        ({"remote_link": "http://meet.example.fi/x"}, "invalid_link", ["body", "remote_link"]),
        ({"remote_link": "javascript:alert(1)"}, "invalid_link", ["body", "remote_link"]),
        ({"ends_at": "AT"}, "ends_before_start", ["body", "ends_at"]),
        (
            {"participants": ["wac1", "nobody"]},
            "staff_member_not_found",
            ["body", "participants", 1],
        ),
        ({"participants": ["Not A Name"]}, "invalid_username", ["body", "participants", 0]),
        ({"status": "held", "at": "TOMORROW"}, "date_in_future", ["body", "at"]),
        ({"at": "2000-01-01T10:00:00+02:00"}, "date_before_registration", ["body", "at"]),
    ],
)
async def test_bad_meetings_are_refused_with_their_code(
    api: ServiceApi, change: dict[str, Any], code: str, loc: list[Any]
) -> None:
    client_id, enrolment_id = await enrolled(api)
    base = f"{CLIENTS}/{client_id}/enrolments/{enrolment_id}"
    at = future(1)
    body = {"kind": "follow_up", "at": at, "status": "scheduled", **change}
    if body.get("ends_at") == "AT":
        body["ends_at"] = at
    if body.get("at") == "TOMORROW":
        body["at"] = at
    response = await api.client.post(f"{base}/meetings", json=body, headers=as_(api, "wac1"))
    assert response.status_code == 422, response.text
    error = response.json()["errors"][0]
    assert (error["code"], error["loc"]) == (code, loc)


async def test_a_meeting_on_an_ended_enrolment_is_refused(api: ServiceApi) -> None:
    base, meeting = await _booked(api)
    end = {"outcome": "cancelled", "ended_on": day(0)}
    assert (
        await api.client.post(f"{base}/end", json=end, headers=as_(api, "wac1"))
    ).status_code == 200
    response = await api.client.patch(
        f"{base}/meetings/{meeting['id']}", json={"status": "cancelled"}, headers=as_(api, "wac1")
    )
    # Its coordinator is in the grace period now: no more pathway work.
    assert response.status_code == 403


async def test_a_contact_attempt_keeps_its_comment(api: ServiceApi) -> None:
    client_id, enrolment_id = await enrolled(api)
    base = f"{CLIENTS}/{client_id}/enrolments/{enrolment_id}"
    wac = as_(api, "wac1")
    body = {"channel": "phone", "reached": False, "at": past(0), "comment": "Ei vastannut"}
    response = await api.client.post(f"{base}/contacts", json=body, headers=wac)
    assert response.status_code == 201, response.text
    assert response.json()["comment"] == "Ei vastannut"
    listed = (await api.client.get(f"{base}/contacts", headers=wac)).json()
    assert [c["comment"] for c in listed] == ["Ei vastannut"]
    assert "Ei vastannut" not in str(await events(api))

    long = {**body, "comment": "x" * 501}
    response = await api.client.post(f"{base}/contacts", json=long, headers=wac)
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "comment"]


async def test_posting_the_end_again_with_exit_data_clears_the_flag(api: ServiceApi) -> None:
    client_id, enrolment_id = await started(api)
    base = f"{CLIENTS}/{client_id}/enrolments/{enrolment_id}"
    wac = as_(api, "wac1")
    end = {"outcome": "employed", "ended_on": day(0)}
    first = await api.client.post(f"{base}/end", json=end, headers=wac)
    assert first.json()["exit_form_missing"] is True
    full = {**end, "exit_status": "employed", "qualification_gained": False}
    again = await api.client.post(f"{base}/end", json=full, headers=wac)
    assert again.status_code == 200, again.text
    assert again.json()["exit_form_missing"] is False
    worklist = (await api.client.get(f"{CLIENTS}/worklist", headers=wac)).json()
    assert worklist["exit_form_missing"] == []
    ended = [e["data"] for e in await events(api) if e["type"] == "enrolment.ended"]
    assert [e["exit_form"] for e in ended] == [False, True]


async def test_a_coachs_enrolment_is_their_referral(api: ServiceApi) -> None:
    client = await new_client(api, by="coach")
    body = {"service_line": "work_ability", "coordinator": "wac1"}
    response = await api.client.post(
        f"{CLIENTS}/{client['id']}/enrolments", json=body, headers=as_(api, "coach")
    )
    assert response.status_code == 201, response.text
    assert response.json()["referred_by"] == "coach"
    assert response.json()["source"] == "coach"
    assert response.json()["state"] == "registered"


async def test_a_second_open_enrolment_on_a_line_is_refused_with_its_code(
    api: ServiceApi,
) -> None:
    client_id, _ = await enrolled(api)
    body = {"service_line": "work_ability", "coordinator": "wac2"}
    response = await api.client.post(
        f"{CLIENTS}/{client_id}/enrolments", json=body, headers=as_(api, "wac1")
    )
    assert response.status_code == 409
    assert response.json()["code"] == "open_enrolment_exists"
