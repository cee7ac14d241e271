"""Acceptance 2: effects in another service survive its outage and apply exactly once."""

from __future__ import annotations

import asyncio
from typing import Any

from services.referrals.background import run_background_pass
from tests.referrals.conftest import World
from tests.referrals.fakes import BC, WAC


def _statuses(referral: dict[str, Any]) -> dict[str, str]:
    return {e["name"]: e["status"] for e in referral["effects"]}


async def test_accepting_while_the_clients_service_is_down_succeeds_as_pending(
    world: World,
) -> None:
    client_id, enrolment_id, referral_id = await world.referred("wac1", "bc1")
    world.clients_link.down = True

    accepted = await world.act("bc1", referral_id, "accept")
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "accepted"
    assert _statuses(accepted.json()) == {
        "access_grant": "applied",
        "coordinators_handoff_start": "pending",
        "access_revoke": "pending",
    }
    assert world.clients.coordinators(enrolment_id) == [("wac1", WAC)]
    assert [e["type"] for e in await world.events()][-1] == "referral.accepted"

    # Still down: the retrier tries, fails, and keeps the order (no revoke before transfer).
    assert await run_background_pass(world.app) == 0
    assert (client_id, referral_id) in world.clients.grants

    world.clients_link.down = False
    assert await run_background_pass(world.app) == 2
    assert world.clients.coordinators(enrolment_id) == [("wac1", WAC), ("bc1", BC)]
    assert (client_id, referral_id) not in world.clients.grants
    assert world.clients.calls_by_key[f"{referral_id}:coordinators_handoff_start"] == 1

    # Nothing is left to do: further passes call nobody.
    assert await run_background_pass(world.app) == 0
    assert world.clients.calls_by_key[f"{referral_id}:coordinators_handoff_start"] == 1
    detail = await world.http.get(f"/api/v1/referrals/{referral_id}", headers=world.as_("bc1"))
    effects = {e["name"]: e for e in detail.json()["effects"]}
    assert effects["coordinators_handoff_start"]["status"] == "applied"
    assert effects["coordinators_handoff_start"]["attempts"] == 3


async def test_a_lost_answer_is_retried_with_the_same_key_and_applied_once(world: World) -> None:
    _, enrolment_id, referral_id = await world.referred("wac1", "bc1")
    world.clients_link.lose_next_answers = 1

    accepted = await world.act("bc1", referral_id, "accept")
    assert _statuses(accepted.json())["coordinators_handoff_start"] == "pending"
    # The clients service did the change; only its answer was lost.
    assert world.clients.coordinators(enrolment_id) == [("wac1", WAC), ("bc1", BC)]

    await run_background_pass(world.app)
    assert world.clients.calls_by_key[f"{referral_id}:coordinators_handoff_start"] == 2
    assert world.clients.coordinators(enrolment_id) == [("wac1", WAC), ("bc1", BC)]
    detail = await world.http.get(f"/api/v1/referrals/{referral_id}", headers=world.as_("bc1"))
    assert _statuses(detail.json())["coordinators_handoff_start"] == "applied"


async def test_the_background_loop_applies_pending_effects_by_itself(make_world: Any) -> None:
    async with make_world(background_interval_seconds=0.05) as world:
        _, enrolment_id, referral_id = await world.referred("wac1", "bc1")
        world.clients_link.down = True
        await world.act("bc1", referral_id, "accept")
        world.clients_link.down = False
        both = [("wac1", WAC), ("bc1", BC)]
        for _ in range(100):
            if world.clients.coordinators(enrolment_id) == both:
                break
            await asyncio.sleep(0.05)
        assert world.clients.coordinators(enrolment_id) == both
        assert world.clients.calls_by_key[f"{referral_id}:coordinators_handoff_start"] == 1


async def test_a_hire_recorded_while_the_employers_service_is_down_closes_the_lead_later(
    world: World,
) -> None:
    client_id, _ = world.clients.add_client([("bc1", BC)])
    opening_id = world.employers.add_opening()
    sent = await world.send("bc1", client_id=client_id, kind="job", to_opening=opening_id)
    referral_id = sent.json()["id"]
    await world.act("bc1", referral_id, "accept")
    world.employers_link.down = True

    done = await world.act("bc1", referral_id, "complete", {"result": "hired"})
    assert done.status_code == 200
    assert _statuses(done.json()) == {
        "outcome_suggestion": "applied",
        "hire": "pending",
    }
    lead = next(iter(world.employers.leads.values()))
    assert lead["status"] != "closed"

    pending = await world.http.get(
        "/api/v1/referrals/effects?status=pending", headers=world.as_("lead")
    )
    assert [e["name"] for e in pending.json()["items"]] == ["hire"]
    assert (
        await world.http.get("/api/v1/referrals/effects", headers=world.as_("wac1"))
    ).status_code == 403

    world.employers_link.down = False
    await run_background_pass(world.app)
    await run_background_pass(world.app)
    assert (lead["status"], lead["close_reason"]) == ("closed", "hired")
    assert world.employers.calls_by_key[f"{referral_id}:hire"] == 1
    assert world.employers.hires[referral_id]["recorded_by"] == "bc1"


async def test_a_refused_responsibility_change_leaves_the_referral_unanswered(
    world: World,
) -> None:
    _, enrolment_id, referral_id = await world.referred("wac1", "bc1")
    # Meanwhile somebody else took the enrolment over in the clients service.
    world.clients.clients[next(iter(world.clients.clients))]["enrolments"][0]["coordinators"] = [
        {"username": "wac2", "role": WAC}
    ]
    refused = await world.act("bc1", referral_id, "accept")
    assert refused.status_code == 409
    assert "not responsible" in refused.json()["detail"]
    detail = await world.http.get(f"/api/v1/referrals/{referral_id}", headers=world.as_("bc1"))
    assert detail.json()["status"] == "sent"
    history = [(h["to_status"], h["by"]) for h in detail.json()["history"]]
    assert history[-1] == ("sent", "system")
    assert "not responsible" in detail.json()["history"][-1]["reason"]
    assert detail.json()["history"][-1]["reason_code"] == "change_refused"
    # The acceptance committed, then was undone: both are in the feed, in order.
    assert [e["type"] for e in await world.events()] == [
        "referral.sent",
        "referral.accepted",
        "referral.reopened",
    ]
    assert world.clients.coordinators(enrolment_id) == [("wac2", WAC)]
    # No grant remains of the accept.
    assert not [k for k in world.clients.grants if k[1] == referral_id]


async def test_sending_while_the_clients_service_is_down_is_refused_and_stores_nothing(
    world: World,
) -> None:
    client_id, enrolment_id = world.clients.add_client([("wac1", WAC)])
    world.clients_link.down = True
    response = await world.send(
        "wac1", client_id=client_id, kind="transfer", to_user="bc1", enrolment_id=enrolment_id
    )
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert "Retry-After" in response.headers
    world.clients_link.down = False
    assert (await world.http.get("/api/v1/referrals", headers=world.as_("wac1"))).json()[
        "items"
    ] == []


async def test_a_pass_calls_a_service_found_down_only_once(world: World) -> None:
    referral_ids = [(await world.referred("wac1", "bc1"))[2] for _ in range(3)]
    world.clients_link.down = True
    for referral_id in referral_ids:
        await world.act("bc1", referral_id, "accept")

    await run_background_pass(world.app)
    attempts = []
    for referral_id in referral_ids:
        detail = await world.http.get(f"/api/v1/referrals/{referral_id}", headers=world.as_("bc1"))
        effects = {e["name"]: e for e in detail.json()["effects"]}
        attempts.append(effects["coordinators_handoff_start"]["attempts"])
    # One accept each, then a single retry in the pass before it stopped calling.
    assert sorted(attempts) == [1, 1, 2]
