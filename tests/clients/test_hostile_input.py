"""Hostile input on the client-work endpoints of issue 12: a control character, an oversized
text, a link that is not https and a forged username each get a 422 naming the field and
the rule, and nothing already stored changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.clients.support import CLIENTS, as_, enrolled, past
from tests.conftest import ServiceApi

TOMORROW = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).replace(microsecond=0).isoformat()
BELL = "Room\x07 12"
RTL_OVERRIDE = "Room \u202e21"
HUGE = "x" * 100_000

# (what, method, path under the enrolment or client, body, the rule's code, the field)
# "{e}" is the enrolment's path, "{c}" the client's, "{m}" the booked meeting's.
CASES: list[tuple[str, str, str, dict[str, Any], str, list[Any]]] = [
    (
        "contact comment with a control character",
        "POST",
        "{e}/contacts",
        {"channel": "phone", "reached": False, "at": past(1), "comment": "no\x00answer"},
        "forbidden_character",
        ["body", "comment"],
    ),
    (
        "contact comment far too long",
        "POST",
        "{e}/contacts",
        {"channel": "phone", "reached": False, "at": past(1), "comment": HUGE},
        "string_too_long",
        ["body", "comment"],
    ),
    (
        "meeting place with a control character",
        "POST",
        "{e}/meetings",
        {"kind": "first", "status": "scheduled", "at": TOMORROW, "place": BELL},
        "forbidden_character",
        ["body", "place"],
    ),
    (
        "meeting place with a direction override",
        "POST",
        "{e}/meetings",
        {"kind": "first", "status": "scheduled", "at": TOMORROW, "place": RTL_OVERRIDE},
        "forbidden_character",
        ["body", "place"],
    ),
    (
        "meeting link that runs script",
        "POST",
        "{e}/meetings",
        {
            "kind": "first",
            "status": "scheduled",
            "at": TOMORROW,
            "remote_link": "javascript:alert(1)",
        },
        "invalid_link",
        ["body", "remote_link"],
    ),
    (
        "meeting participant with a forged username",
        "POST",
        "{e}/meetings",
        {"kind": "first", "status": "scheduled", "at": TOMORROW, "participants": ["../admin"]},
        "invalid_username",
        ["body", "participants", 0],
    ),
    (
        "moving a meeting to a place too long",
        "PATCH",
        "{m}",
        {"place": HUGE},
        "string_too_long",
        ["body", "place"],
    ),
    (
        "service need reason far too long",
        "POST",
        "{c}/service-need-assessments",
        {"path": "skills", "reason": HUGE, "assessed_on": past(1)[:10]},
        "string_too_long",
        ["body", "reason"],
    ),
    (
        "plan action with a control character",
        "PUT",
        "{c}/plan",
        {"goals": ["Work"], "actions": [{"what": "Apply\x1b[31m", "owner": "client"}]},
        "forbidden_character",
        ["body", "actions", 0, "what"],
    ),
    (
        "client name with a zero-width space",
        "PATCH",
        "{c}",
        {"first_name": "Ma\u200bija"},
        "forbidden_character",
        ["body", "first_name"],
    ),
]


async def _world(api: ServiceApi) -> dict[str, str]:
    client_id, enrolment_id = await enrolled(api)
    enrolment = f"{CLIENTS}/{client_id}/enrolments/{enrolment_id}"
    wac = as_(api, "wac1")
    contact = {"channel": "phone", "reached": True, "at": past(2)}
    assert (await api.client.post(f"{enrolment}/contacts", json=contact, headers=wac)).is_success
    meeting = {"kind": "first", "status": "scheduled", "at": TOMORROW, "place": "Room 1"}
    booked = await api.client.post(f"{enrolment}/meetings", json=meeting, headers=wac)
    assert booked.status_code == 201, booked.text
    return {
        "{c}": f"{CLIENTS}/{client_id}",
        "{e}": enrolment,
        "{m}": f"{enrolment}/meetings/{booked.json()['id']}",
    }


async def _stored(api: ServiceApi, paths: dict[str, str]) -> Any:
    wac = as_(api, "wac1")
    client = (await api.client.get(paths["{c}"], headers=wac)).json()
    client.pop("updated_at", None)
    return (
        client,
        (await api.client.get(f"{paths['{e}']}/contacts", headers=wac)).json(),
        (await api.client.get(f"{paths['{e}']}/meetings", headers=wac)).json(),
        (await api.client.get(f"{paths['{c}']}/service-need-assessments", headers=wac)).json(),
        (await api.client.get(f"{paths['{c}']}/plan", headers=wac)).status_code,
    )


@pytest.mark.parametrize(
    ("method", "path", "body", "code", "loc"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
async def test_hostile_input_is_refused_by_rule_and_nothing_stored_changes(
    api: ServiceApi, method: str, path: str, body: dict[str, Any], code: str, loc: list[Any]
) -> None:
    paths = await _world(api)
    before = await _stored(api, paths)
    url = path.replace(path[:3], paths[path[:3]])
    response = await api.client.request(method, url, json=body, headers=as_(api, "wac1"))
    assert response.status_code == 422, response.text
    problem = response.json()
    assert [(e["code"], e["loc"]) for e in problem["errors"]][:1] == [(code, loc)]
    assert "\x00" not in response.text
    assert "\x1b" not in response.text
    assert await _stored(api, paths) == before
