"""Issue 12: the warm hand-off, one open hand-off per enrolment, and who completes it."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest
from sqlalchemy import select

from services.referrals.background import run_background_pass
from services.referrals.models import PendingEffect
from tests.referrals.conftest import World
from tests.referrals.fakes import BC, WAC


async def _payloads(world: World, referral_id: str) -> dict[str, dict[str, Any]]:
    """The effects as stored with the referral: kind → payload."""
    async with world.app.state.database.transaction() as session:
        rows = await session.scalars(
            select(PendingEffect).where(PendingEffect.referral_id == uuid.UUID(referral_id))
        )
        return {row.kind: dict(row.payload) for row in rows}


async def _handoff(world: World) -> tuple[uuid.UUID, uuid.UUID, str]:
    """wac1's client, handed over to bc1 and accepted: the hand-off is running."""
    client_id, enrolment_id, referral_id = await world.referred("wac1", "bc1")
    accepted = await world.act("bc1", referral_id, "accept")
    assert accepted.status_code == 200, accepted.text
    return client_id, enrolment_id, referral_id


async def test_accepting_a_transfer_makes_the_receiver_responsible_beside_the_sender(
    world: World,
) -> None:
    _, enrolment_id, referral_id = await _handoff(world)

    start = (await _payloads(world, referral_id))["coordinators_handoff_start"]
    assert start == {
        "enrolment_id": str(enrolment_id),
        "referral_id": referral_id,
        "action": "handoff_start",
        "from_user": "wac1",
        "to_user": "bc1",
        "to_role": BC,
        "on_behalf_of": "bc1",
    }
    assert "coordinators_transfer" not in await _payloads(world, referral_id)
    call = world.clients.coordinator_calls[-1]
    assert (call["action"], call["effect_key"]) == (
        "handoff_start",
        f"{referral_id}:coordinators_handoff_start",
    )
    assert world.clients.coordinators(enrolment_id) == [("wac1", WAC), ("bc1", BC)]
    assert world.clients.enrolment(enrolment_id)["service_line"] == "work_ability"
    # The referral stays accepted while the hand-off runs, in both people's lists.
    for username, box in (("wac1", "outbox"), ("bc1", "inbox")):
        listed = await world.http.get(
            f"/api/v1/referrals?box={box}&status=accepted", headers=world.as_(username)
        )
        assert [r["id"] for r in listed.json()["items"]] == [referral_id]


@pytest.mark.parametrize("completer", ["wac1", "bc1"])
async def test_the_sender_or_the_receiver_completes_the_hand_off(
    world: World, completer: str
) -> None:
    _, enrolment_id, referral_id = await _handoff(world)

    done = await world.act(completer, referral_id, "complete")
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "completed"
    assert done.json()["history"][-1]["by"] == completer
    statuses = {e["name"]: e["status"] for e in done.json()["effects"]}
    assert statuses["coordinators_handoff_complete"] == "applied"
    assert (await _payloads(world, referral_id))["coordinators_handoff_complete"] == {
        "enrolment_id": str(enrolment_id),
        "referral_id": referral_id,
        "action": "handoff_complete",
        "from_user": "wac1",
        "to_user": "bc1",
        "to_role": BC,
        "on_behalf_of": completer,
    }
    assert world.clients.coordinators(enrolment_id) == [("bc1", BC)]
    assert world.clients.enrolment(enrolment_id)["service_line"] == "business"
    assert (await world.events())[-1]["type"] == "referral.completed"
    again = await world.act("bc1" if completer == "wac1" else "wac1", referral_id, "complete")
    assert (again.status_code, again.json()["code"]) == (409, "referral_status_conflict")


# Who may complete a running hand-off (wac1 → bc1), written from the rule "either of the
# two coordinators completes it": the others see it (team lead) or not at all.
COMPLETE_TABLE: dict[str, tuple[int, str | None]] = {
    "wac1": (200, None),  # the sender
    "bc1": (200, None),  # the receiver
    "wac2": (404, "referral_not_found"),  # another coordinator
    "bc2": (404, "referral_not_found"),
    "coach": (404, "referral_not_found"),
    "lead": (403, "may_not_complete_referral"),
    "admin": (404, "referral_not_found"),
    "machine:svc-clients": (403, "forbidden"),
}


@pytest.mark.parametrize(("caller", "expected"), list(COMPLETE_TABLE.items()))
async def test_who_may_complete_a_hand_off(
    world: World, caller: str, expected: tuple[int, str | None]
) -> None:
    _, enrolment_id, referral_id = await _handoff(world)
    headers = (
        world.issuer.machine_headers(caller.removeprefix("machine:"), "internal")
        if caller.startswith("machine:")
        else world.as_(caller)
    )
    answer = await world.http.post(
        f"/api/v1/referrals/{referral_id}/complete", json={}, headers=headers
    )
    status, code = expected
    assert answer.status_code == status, answer.text
    if code is not None:
        assert answer.json()["code"] == code
        assert world.clients.coordinators(enrolment_id) == [("wac1", WAC), ("bc1", BC)]
        detail = await world.http.get(f"/api/v1/referrals/{referral_id}", headers=world.as_("wac1"))
        assert detail.json()["status"] == "accepted"
    else:
        assert world.clients.coordinators(enrolment_id) == [("bc1", BC)]


async def test_a_hand_off_completed_while_the_clients_service_is_down_completes_later(
    world: World,
) -> None:
    _, enrolment_id, referral_id = await _handoff(world)
    world.clients_link.down = True
    done = await world.act("bc1", referral_id, "complete")
    assert done.status_code == 200, done.text
    effects = {e["name"]: e["status"] for e in done.json()["effects"]}
    assert effects["coordinators_handoff_complete"] == "pending"
    assert world.clients.coordinators(enrolment_id) == [("wac1", WAC), ("bc1", BC)]

    world.clients_link.down = False
    await run_background_pass(world.app)
    assert world.clients.coordinators(enrolment_id) == [("bc1", BC)]
    assert world.clients.calls_by_key[f"{referral_id}:coordinators_handoff_complete"] == 1


async def test_a_refused_completion_changes_nothing(world: World) -> None:
    _, enrolment_id, referral_id = await _handoff(world)
    # Meanwhile the clients service no longer knows this hand-off.
    world.clients.clients[next(iter(world.clients.clients))]["enrolments"][0][
        "handoff_referral_id"
    ] = None
    refused = await world.act("wac1", referral_id, "complete")
    assert refused.status_code == 409, refused.text
    assert refused.json()["code"] == "responsibility_change_refused"
    detail = await world.http.get(f"/api/v1/referrals/{referral_id}", headers=world.as_("wac1"))
    assert detail.json()["status"] == "accepted"
    assert world.clients.coordinators(enrolment_id) == [("wac1", WAC), ("bc1", BC)]
    assert "coordinators_handoff_complete" not in await _payloads(world, referral_id)
    assert [e["type"] for e in await world.events()][-1] == "referral.accepted"


async def test_a_refused_hand_off_start_reopens_the_referral(world: World) -> None:
    _, _, referral_id = await world.referred("wac1", "bc1")
    # wac1 is no longer responsible when bc1 accepts: the clients service refuses.
    world.clients.clients[next(iter(world.clients.clients))]["enrolments"][0]["coordinators"] = [
        {"username": "wac2", "role": WAC, "reason": "responsible"}
    ]
    refused = await world.act("bc1", referral_id, "accept")
    assert refused.status_code == 409
    assert refused.json()["code"] == "responsibility_change_refused"
    assert refused.json()["params"]["referral_id"] == referral_id
    detail = await world.http.get(f"/api/v1/referrals/{referral_id}", headers=world.as_("bc1"))
    assert detail.json()["status"] == "sent"
    effects = {e["name"]: e["status"] for e in detail.json()["effects"]}
    assert effects["coordinators_handoff_start"] == "failed"
    assert [e["type"] for e in await world.events()][-1] == "referral.reopened"


async def test_the_sender_abandons_a_running_hand_off_and_keeps_the_client(
    world: World,
) -> None:
    """What a coordinator expects of "cancel" after the tripartite meeting showed the move
    was wrong: the client stays theirs, the receiver steps out again."""
    _, enrolment_id, referral_id = await _handoff(world)
    assert (await world.act("bc1", referral_id, "cancel")).json()["code"] == "only_sender_cancels"

    cancelled = await world.act("wac1", referral_id, "cancel", {"reason": "Not ready yet."})
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled"
    history = [(h["from_status"], h["to_status"]) for h in cancelled.json()["history"]]
    assert history[-1] == ("accepted", "cancelled")
    assert (await _payloads(world, referral_id))["coordinators_remove"] == {
        "enrolment_id": str(enrolment_id),
        "referral_id": referral_id,
        "action": "remove",
        "from_user": "bc1",
        "to_user": "bc1",
        "to_role": BC,
        "on_behalf_of": "wac1",
    }
    assert world.clients.coordinators(enrolment_id) == [("wac1", WAC)]
    assert world.clients.enrolment(enrolment_id)["service_line"] == "work_ability"
    event = (await world.events())[-1]
    assert (event["type"], event["data"]["from_status"]) == ("referral.cancelled", "accepted")
    # The enrolment may be handed over again.
    client_id = next(iter(world.clients.clients))
    again = await world.send(
        "wac1", client_id=client_id, kind="transfer", to_user="bc2", enrolment_id=enrolment_id
    )
    assert again.status_code == 201, again.text


async def test_an_accepted_consultation_is_still_not_cancelled(world: World) -> None:
    _, _, referral_id = await world.referred("wac1", "bc1", "consultation")
    await world.act("bc1", referral_id, "accept")
    refused = await world.act("wac1", referral_id, "cancel")
    assert (refused.status_code, refused.json()["code"]) == (409, "referral_status_conflict")


@pytest.mark.parametrize(
    ("first", "then", "second"),
    [
        ("transfer", None, "transfer"),
        ("transfer", "accept", "consultation"),
        ("consultation", None, "transfer"),
        ("consultation", "accept", "consultation"),
    ],
)
async def test_one_open_transfer_or_consultation_per_enrolment(
    world: World, first: str, then: str | None, second: str
) -> None:
    client_id, enrolment_id, referral_id = await world.referred("wac1", "bc1", first)
    if then:
        assert (await world.act("bc1", referral_id, then)).status_code == 200
    refused = await world.send(
        "wac1", client_id=client_id, kind=second, to_user="wac2", enrolment_id=enrolment_id
    )
    assert refused.status_code == 409, refused.text
    problem = refused.json()
    assert problem["code"] == "handoff_already_open"
    assert problem["params"] == {"referral_id": referral_id}
    # A referral of another kind is not a hand-off: it may go beside it.
    partner = await world.add_partner("education")
    beside = await world.send("wac1", client_id=client_id, kind="external", to_partner=partner)
    assert beside.status_code == 201, beside.text


async def test_the_next_hand_off_may_start_once_the_open_one_ended(world: World) -> None:
    client_id, enrolment_id, referral_id = await world.referred("wac1", "bc1")
    assert (await world.act("bc1", referral_id, "decline", {"reason": "full"})).status_code == 200
    again = await world.send(
        "wac1", client_id=client_id, kind="consultation", to_user="bc2", enrolment_id=enrolment_id
    )
    assert again.status_code == 201, again.text


async def test_two_hand_offs_sent_at_once_leave_one(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check before the write can miss a concurrent send; the database still refuses."""
    from services.referrals.referrals import repository

    client_id, enrolment_id = world.clients.add_client([("wac1", WAC)])
    first = await world.send(
        "wac1", client_id=client_id, kind="transfer", to_user="bc1", enrolment_id=enrolment_id
    )
    assert first.status_code == 201

    real_check = repository.open_handoff
    calls = 0

    async def misses_once(*args: Any) -> Any:
        # The send's own check finds nothing; the lookup after the refusal finds the first.
        nonlocal calls
        calls += 1
        return None if calls == 1 else await real_check(*args)

    monkeypatch.setattr(repository, "open_handoff", misses_once)
    refused = await world.send(
        "wac1", client_id=client_id, kind="consultation", to_user="bc2", enrolment_id=enrolment_id
    )
    assert refused.status_code == 409, refused.text
    assert refused.json()["code"] == "handoff_already_open"
    assert refused.json()["params"] == {"referral_id": first.json()["id"]}
    outbox = await world.http.get("/api/v1/referrals?box=outbox", headers=world.as_("wac1"))
    assert [r["id"] for r in outbox.json()["items"]] == [first.json()["id"]]
    assert [e["type"] for e in await world.events()] == ["referral.sent"]


async def test_concurrent_hand_offs_of_one_enrolment_store_one(world: World) -> None:
    client_id, enrolment_id = world.clients.add_client([("wac1", WAC)])
    answers = await asyncio.gather(
        *(
            world.send(
                "wac1", client_id=client_id, kind=kind, to_user=to, enrolment_id=enrolment_id
            )
            for kind, to in (("transfer", "bc1"), ("consultation", "bc2"), ("transfer", "wac2"))
        )
    )
    assert sorted(a.status_code for a in answers) == [201, 409, 409], [a.text for a in answers]
    assert {a.json()["code"] for a in answers if a.status_code == 409} == {"handoff_already_open"}
    outbox = await world.http.get("/api/v1/referrals?box=outbox", headers=world.as_("wac1"))
    assert len(outbox.json()["items"]) == 1
