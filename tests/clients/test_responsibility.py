"""Issue 12: the warm hand-off and the responsibility history of an enrolment.

A hand-off starts when the referrals service applies `handoff_start` (the receiver becomes
responsible beside the sender, the line stays the sender's) and completes with
`handoff_complete` (the sender steps out, the receiver's line applies from that day). Every
change of coordinators shows in `GET …/responsibilities` as ended and new segments.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from services.common.calendar import helsinki_today
from tests.clients.support import CLIENTS, as_, day, enrolled, events, started
from tests.conftest import ServiceApi

TODAY = helsinki_today().isoformat()


def _machine(api: ServiceApi) -> dict[str, str]:
    return api.as_machine("svc-referrals", "internal")


async def _change(
    api: ServiceApi, enrolment_id: str, body: dict[str, Any], status: int = 200
) -> dict[str, Any]:
    response = await api.client.post(
        f"/internal/enrolments/{enrolment_id}/coordinators", json=body, headers=_machine(api)
    )
    assert response.status_code == status, response.text
    return dict(response.json())


def _handoff(action: str, referral_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "effect_key": f"{referral_id}:coordinators_{action}",
        "action": action,
        "from_user": "wac1",
        "to_user": "bc1",
        "to_role": "business_coordinator",
        "referral_id": referral_id,
        **extra,
    }


async def _segments(
    api: ServiceApi, client_id: str, enrolment_id: str, who: str = "wac1"
) -> list[dict[str, Any]]:
    response = await api.client.get(
        f"{CLIENTS}/{client_id}/enrolments/{enrolment_id}/responsibilities", headers=as_(api, who)
    )
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


def _brief(segments: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(s["username"], s["service_line"], s["reason"], s["from"], s["to"]) for s in segments]


async def test_an_enrolment_starts_with_one_current_segment(api: ServiceApi) -> None:
    client_id, enrolment_id = await enrolled(api, registered_ago=20)
    segments = await _segments(api, client_id, enrolment_id)
    assert segments == [
        {
            "username": "wac1",
            "role": "work_ability_coordinator",
            "service_line": "work_ability",
            "reason": "responsible",
            "from": day(20),
            "to": None,
        }
    ]


async def test_a_warm_handoff_keeps_both_then_hands_the_line_over(api: ServiceApi) -> None:
    client_id, enrolment_id = await started(api)
    referral_id = str(uuid.uuid4())

    during = await _change(api, enrolment_id, _handoff("handoff_start", referral_id))
    assert during["service_line"] == "work_ability"
    assert (during["handoff_referral_id"], during["handoff_started_on"]) == (referral_id, TODAY)
    assert [(c["username"], c["reason"]) for c in during["coordinators"]] == [
        ("wac1", "responsible"),
        ("bc1", "responsible"),
    ]
    current = [s for s in await _segments(api, client_id, enrolment_id) if s["to"] is None]
    assert {(s["username"], s["service_line"]) for s in current} == {
        ("wac1", "work_ability"),
        ("bc1", "work_ability"),
    }
    # The receiver reads the history as a responsible coordinator.
    assert len(await _segments(api, client_id, enrolment_id, who="bc1")) == 2

    after = await _change(api, enrolment_id, _handoff("handoff_complete", referral_id))
    assert after["service_line"] == "business"
    assert after["handoff_referral_id"] is None
    assert [c["username"] for c in after["coordinators"]] == ["bc1"]
    assert _brief(await _segments(api, client_id, enrolment_id, who="bc1")) == [
        ("wac1", "work_ability", "responsible", day(20), TODAY),
        ("bc1", "work_ability", "responsible", TODAY, TODAY),
        ("bc1", "business", "responsible", TODAY, None),
    ]

    changes = [
        e["data"] for e in await events(api) if e["type"] == "enrolment.coordinators_changed"
    ]
    assert [(c["reason"], c["service_line"], c["referral_id"]) for c in changes] == [
        ("handoff_start", "work_ability", referral_id),
        ("transfer", "business", referral_id),
    ]
    assert [c["username"] for c in changes[0]["coordinators"]] == ["wac1", "bc1"]


async def test_handoff_effects_are_idempotent_by_effect_key(api: ServiceApi) -> None:
    client_id, enrolment_id = await started(api)
    referral_id = str(uuid.uuid4())
    first = await _change(api, enrolment_id, _handoff("handoff_start", referral_id))
    again = await _change(api, enrolment_id, _handoff("handoff_start", referral_id))
    assert again == first
    done = await _change(api, enrolment_id, _handoff("handoff_complete", referral_id))
    assert await _change(api, enrolment_id, _handoff("handoff_complete", referral_id)) == done
    assert len(await _segments(api, client_id, enrolment_id, who="bc1")) == 3
    reasons = [
        e["data"]["reason"]
        for e in await events(api)
        if e["type"] == "enrolment.coordinators_changed"
    ]
    assert reasons == ["handoff_start", "transfer"]


async def test_a_second_handoff_and_a_third_coordinator_are_refused(api: ServiceApi) -> None:
    _, enrolment_id = await started(api)
    referral_id = str(uuid.uuid4())
    await _change(api, enrolment_id, _handoff("handoff_start", referral_id))

    other = str(uuid.uuid4())
    refused = await _change(
        api, enrolment_id, _handoff("handoff_start", other, to_user="bc2"), status=409
    )
    assert refused["code"] == "handoff_already_open"
    assert refused["params"] == {"referral_id": referral_id}

    third = {
        "effect_key": f"{other}:coordinators_add",
        "action": "add",
        "to_user": "wac2",
        "to_role": "work_ability_coordinator",
        "referral_id": other,
    }
    refused = await _change(api, enrolment_id, third, status=409)
    assert refused["code"] == "too_many_coordinators"
    assert refused["params"] == {"max": 2}


async def test_a_handoff_from_someone_not_on_the_enrolment_is_refused(api: ServiceApi) -> None:
    _, enrolment_id = await started(api)
    body = _handoff("handoff_start", str(uuid.uuid4()), from_user="wac2")
    refused = await _change(api, enrolment_id, body, status=422)
    assert refused["errors"][0]["code"] == "not_enrolment_coordinator"
    assert refused["errors"][0]["loc"] == ["body", "from_user"]


async def test_ending_during_a_handoff_keeps_the_senders_line(api: ServiceApi) -> None:
    client_id, enrolment_id = await started(api)
    referral_id = str(uuid.uuid4())
    await _change(api, enrolment_id, _handoff("handoff_start", referral_id))
    end = {"outcome": "employed", "ended_on": TODAY, "exit_status": "employed"}
    end["qualification_gained"] = False  # type: ignore[assignment]
    response = await api.client.post(
        f"{CLIENTS}/{client_id}/enrolments/{enrolment_id}/end", json=end, headers=as_(api, "wac1")
    )
    assert response.status_code == 200, response.text
    ended = [e["data"] for e in await events(api) if e["type"] == "enrolment.ended"]
    assert ended[-1]["service_line"] == "work_ability"
    assert all(s["to"] == TODAY for s in await _segments(api, client_id, enrolment_id))
    # The referral may still complete: nothing is left to hand over.
    after = await _change(api, enrolment_id, _handoff("handoff_complete", referral_id))
    assert after["state"] == "ended"
    assert after["service_line"] == "work_ability"


async def test_the_old_transfer_still_moves_the_line_at_once(api: ServiceApi) -> None:
    client_id, enrolment_id = await started(api)
    referral_id = str(uuid.uuid4())
    body = _handoff("transfer", referral_id)
    body["effect_key"] = f"{referral_id}:coordinators_transfer"
    moved = await _change(api, enrolment_id, body)
    assert moved["service_line"] == "business"
    assert _brief(await _segments(api, client_id, enrolment_id, who="bc1")) == [
        ("wac1", "work_ability", "responsible", day(20), TODAY),
        ("bc1", "business", "responsible", TODAY, None),
    ]


async def test_a_consultation_shows_as_its_own_segment(api: ServiceApi) -> None:
    client_id, enrolment_id = await started(api)
    referral_id = str(uuid.uuid4())
    add = {
        "effect_key": f"{referral_id}:coordinators_add",
        "action": "add",
        "to_user": "bc1",
        "to_role": "business_coordinator",
        "referral_id": referral_id,
    }
    await _change(api, enrolment_id, add)
    remove = {**add, "effect_key": f"{referral_id}:coordinators_remove", "action": "remove"}
    await _change(api, enrolment_id, remove)
    assert _brief(await _segments(api, client_id, enrolment_id)) == [
        ("wac1", "work_ability", "responsible", day(20), None),
        ("bc1", "work_ability", "consultation", TODAY, TODAY),
    ]


# --- reassignment --------------------------------------------------------------------------

REASSIGN = f"{CLIENTS}/reassignments"
# Who may move a coordinator's clients: the team lead only (issue 12), written out here.
REASSIGNERS = {
    "coach": 403,
    "wac1": 403,
    "wac2": 403,
    "bc1": 403,
    "admin": 403,
    "lead": 200,
}


@pytest.mark.parametrize(("who", "status"), sorted(REASSIGNERS.items()))
async def test_only_a_team_lead_reassigns(api: ServiceApi, who: str, status: int) -> None:
    _, enrolment_id = await enrolled(api, coordinator="wac2")
    body = {"from_user": "wac2", "to_user": "wac1", "enrolment_ids": [enrolment_id]}
    response = await api.client.post(REASSIGN, json=body, headers=as_(api, who))
    assert response.status_code == status, response.text
    if status == 403:
        assert response.json()["code"] == "team_lead_only"


async def test_a_machine_client_may_not_reassign(api: ServiceApi) -> None:
    _, enrolment_id = await enrolled(api, coordinator="wac2")
    body = {"from_user": "wac2", "to_user": "wac1", "enrolment_ids": [enrolment_id]}
    response = await api.client.post(REASSIGN, json=body, headers=_machine(api))
    assert response.status_code == 403


async def test_a_team_lead_moves_one_or_all_of_a_coordinators_clients(api: ServiceApi) -> None:
    first_client, first = await enrolled(api, coordinator="wac2")
    _, second = await enrolled(api, coordinator="wac2")
    _, unrelated = await enrolled(api, coordinator="wac1")
    lead = as_(api, "lead")

    one = {"from_user": "wac2", "to_user": "wac1", "enrolment_ids": [first]}
    response = await api.client.post(REASSIGN, json=one, headers=lead)
    assert response.json() == {"moved": [first]}
    assert _brief(await _segments(api, first_client, first)) == [
        ("wac2", "work_ability", "responsible", day(20), TODAY),
        ("wac1", "work_ability", "responsible", TODAY, None),
    ]
    log = await api.client.get(f"{CLIENTS}/{first_client}/access-log", headers=lead)
    assert "reassign" in [entry["action"] for entry in log.json()]

    everything = {"from_user": "wac2", "to_user": "bc1", "enrolment_ids": None}
    response = await api.client.post(REASSIGN, json=everything, headers=lead)
    assert response.json() == {"moved": [second]}
    changes = [
        e["data"] for e in await events(api) if e["type"] == "enrolment.coordinators_changed"
    ]
    assert [(c["enrolment_id"], c["reason"], c["service_line"]) for c in changes] == [
        (first, "manual", "work_ability"),
        (second, "manual", "business"),
    ]
    assert unrelated not in {c["enrolment_id"] for c in changes}


@pytest.mark.parametrize(
    ("body", "code", "loc"),
    [
        ({"from_user": "wac2", "to_user": "wac2"}, "same_person", ["body", "to_user"]),
        ({"from_user": "wac2", "to_user": "coach"}, "staff_member_lacks_role", ["body", "to_user"]),
        ({"from_user": "wac2", "to_user": "nobody"}, "staff_member_not_found", ["body", "to_user"]),
        (
            {"from_user": "wac1", "to_user": "wac2", "enrolment_ids": "OWN"},
            "not_enrolment_coordinator",
            ["body", "enrolment_ids", 0],
        ),
    ],
)
async def test_bad_reassignments_are_refused_with_their_code(
    api: ServiceApi, body: dict[str, Any], code: str, loc: list[Any]
) -> None:
    _, enrolment_id = await enrolled(api, coordinator="wac2")
    if body.get("enrolment_ids") == "OWN":
        body = {**body, "enrolment_ids": [enrolment_id]}
    response = await api.client.post(REASSIGN, json=body, headers=as_(api, "lead"))
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["code"] == code
    assert response.json()["errors"][0]["loc"] == loc
