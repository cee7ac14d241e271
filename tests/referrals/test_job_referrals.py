"""Job referrals to a hire: who answers them, their stage, and what a hire asks elsewhere."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import update

from services.common.calendar import utcnow
from services.referrals.background import run_background_pass
from services.referrals.models import PendingEffect
from tests.referrals.conftest import World
from tests.referrals.fakes import BC

# Who may answer a job referral sent by bc1 to an opening whose lead bc2 holds.
ANSWERS = [
    ("bc1", 200),  # the sender
    ("bc2", 200),  # the holder of the opening's lead
    ("wac1", 404),  # unrelated: the referral does not exist for them
    ("lead", 403),  # the team lead sees it but does not answer it
    ("coach", 404),
]


async def _job_referral(world: World, **opening: Any) -> tuple[uuid.UUID, uuid.UUID, str]:
    client_id, _ = world.clients.add_client([("bc1", BC)])
    opening_id = world.employers.add_opening(**opening)
    sent = await world.send("bc1", client_id=client_id, kind="job", to_opening=opening_id)
    assert sent.status_code == 201, sent.text
    return client_id, opening_id, sent.json()["id"]


@pytest.mark.parametrize(("username", "expected"), ANSWERS)
async def test_who_accepts_a_job_referral(world: World, username: str, expected: int) -> None:
    _, _, referral_id = await _job_referral(world)
    answer = await world.act(username, referral_id, "accept")
    assert answer.status_code == expected, answer.text
    if expected == 403:
        assert answer.json()["code"] == "may_not_answer_job_referral"


@pytest.mark.parametrize(("username", "expected"), ANSWERS)
async def test_who_records_the_stage(world: World, username: str, expected: int) -> None:
    _, _, referral_id = await _job_referral(world)
    answer = await world.act(username, referral_id, "stage", {"stage": "presented"})
    assert answer.status_code == expected, answer.text


@pytest.mark.parametrize(("username", "expected"), ANSWERS)
async def test_who_completes_a_job_referral(world: World, username: str, expected: int) -> None:
    _, _, referral_id = await _job_referral(world)
    assert (await world.act("bc1", referral_id, "accept")).status_code == 200
    answer = await world.act(username, referral_id, "complete", {"result": "hired"})
    assert answer.status_code == expected, answer.text


async def test_reassigning_the_lead_moves_the_right_to_answer(world: World) -> None:
    _, opening_id, referral_id = await _job_referral(world)
    world.employers.reassign_lead(opening_id, "bc1")
    assert (await world.act("bc2", referral_id, "accept")).status_code == 404
    world.employers.reassign_lead(opening_id, "bc2")
    seen = await world.http.get(f"/api/v1/referrals/{referral_id}", headers=world.as_("bc2"))
    assert (seen.status_code, seen.json()["viewer_answers"]) == (200, True)
    by_lead = await world.http.get(f"/api/v1/referrals/{referral_id}", headers=world.as_("lead"))
    assert by_lead.json()["viewer_answers"] is False
    assert (await world.act("bc2", referral_id, "accept")).status_code == 200


async def test_the_lead_holder_gets_a_name_only_as_the_clients_service_allows(
    world: World,
) -> None:
    _, _, referral_id = await _job_referral(world)
    await world.http.get(f"/api/v1/referrals/{referral_id}", headers=world.as_("bc2"))
    await world.http.get(f"/api/v1/referrals/{referral_id}", headers=world.as_("bc1"))
    by_reader = {who: visible for who, _, visible in world.clients.name_calls_visible}
    assert by_reader == {"bc2": True, "bc1": False}


async def test_the_stage_shows_beside_the_unchanged_status(world: World) -> None:
    _, _, referral_id = await _job_referral(world)
    presented = await world.act("bc1", referral_id, "stage", {"stage": "presented"})
    assert (presented.json()["stage"], presented.json()["status"]) == ("presented", "sent")
    assert (await world.act("bc1", referral_id, "accept")).status_code == 200
    interview = await world.act("bc2", referral_id, "stage", {"stage": "interview"})
    assert (interview.json()["stage"], interview.json()["status"]) == ("interview", "accepted")
    listed = await world.http.get("/api/v1/referrals?box=outbox", headers=world.as_("bc1"))
    assert [r["stage"] for r in listed.json()["items"]] == ["interview"]

    stage_events = [e for e in await world.events() if e["type"] == "referral.stage_changed"]
    assert [e["data"] for e in stage_events] == [
        {"referral_id": referral_id, "stage": "presented"},
        {"referral_id": referral_id, "stage": "interview"},
    ]
    again = await world.act("bc1", referral_id, "stage", {"stage": "interview"})
    assert again.status_code == 200
    assert len([e for e in await world.events() if e["type"] == "referral.stage_changed"]) == 2


async def test_a_closed_or_other_referral_takes_no_stage(world: World) -> None:
    _, _, referral_id = await _job_referral(world)
    assert (await world.act("bc1", referral_id, "accept")).status_code == 200
    done = await world.act("bc1", referral_id, "complete", {"result": "not_hired"})
    assert done.status_code == 200
    closed = await world.act("bc1", referral_id, "stage", {"stage": "interview"})
    assert (closed.status_code, closed.json()["code"]) == (409, "referral_not_open")

    _, _, transfer_id = await world.referred("wac1", "bc1")
    other = await world.act("wac1", transfer_id, "stage", {"stage": "presented"})
    assert (other.status_code, other.json()["code"]) == (422, "stage_only_for_job_referrals")
    unknown = await world.act("bc1", referral_id, "stage", {"stage": "hired"})
    assert unknown.status_code == 422


# The outcome a hire suggests, by the opening's kind.
SUGGESTIONS = [
    ("regular", ["employed"]),
    ("hidden_job", ["employed"]),
    ("summer_job", ["employed"]),
    ("work_trial", []),
    ("apprenticeship", []),
    ("tailored_work", []),
]


@pytest.mark.parametrize(("kind", "suggested"), SUGGESTIONS)
async def test_the_outcome_a_hire_suggests(world: World, kind: str, suggested: list[str]) -> None:
    client_id, _, referral_id = await _job_referral(world, kind=kind)
    assert (await world.act("bc2", referral_id, "accept")).status_code == 200
    done = await world.act("bc2", referral_id, "complete", {"result": "hired"})
    assert done.status_code == 200, done.text
    assert [s["outcome"] for s in world.clients.suggestions] == suggested
    hire = world.employers.hires[referral_id]
    assert (hire["client_id"], hire["recorded_by"]) == (str(client_id), "bc2")


async def test_effects_stored_before_the_upgrade_still_apply(world: World) -> None:
    """A hire completed before hires were recorded one by one left `lead_close` and
    `opening_fill` pending; after the upgrade the retrier applies them as they were meant."""
    _, opening_id, referral_id = await _job_referral(world)
    assert (await world.act("bc1", referral_id, "accept")).status_code == 200
    world.employers_link.down = True
    done = await world.act("bc1", referral_id, "complete", {"result": "hired"})
    assert done.status_code == 200
    lead_id = world.employers.openings[opening_id]["lead_id"]
    async with world.app.state.database.transaction() as session:
        await session.execute(
            update(PendingEffect)
            .where(PendingEffect.kind == "hire")
            .values(
                kind="opening_fill",
                effect_key=f"{referral_id}:opening_fill",
                payload={"opening_id": str(opening_id), "on_behalf_of": "bc1"},
            )
        )
        session.add(
            PendingEffect(
                id=uuid.uuid4(),
                referral_id=uuid.UUID(referral_id),
                position=10,
                effect_key=f"{referral_id}:lead_close",
                kind="lead_close",
                payload={"lead_id": lead_id, "reason": "hired"},
                status="pending",
                attempts=0,
                created_at=utcnow(),
                next_attempt_at=utcnow(),
            )
        )
    world.employers_link.down = False
    await run_background_pass(world.app)
    await run_background_pass(world.app)
    assert world.employers.openings[opening_id]["status"] == "filled"
    lead = world.employers.leads[uuid.UUID(lead_id)]
    assert (lead["status"], lead["close_reason"]) == ("closed", "hired")
    detail = await world.http.get(f"/api/v1/referrals/{referral_id}", headers=world.as_("bc1"))
    assert {e["name"]: e["status"] for e in detail.json()["effects"]} == {
        "outcome_suggestion": "applied",
        "opening_fill": "applied",
        "lead_close": "applied",
    }


# Whose list of an opening's referrals holds a job referral sent by bc1 (bc2 holds the lead).
OPENING_LISTS = [
    ("bc1", 1),  # the sender
    ("bc2", 1),  # the lead holder
    ("wac1", 0),  # unrelated
]


@pytest.mark.parametrize(("username", "expected"), OPENING_LISTS)
async def test_the_referrals_of_an_opening(world: World, username: str, expected: int) -> None:
    _, opening_id, referral_id = await _job_referral(world)
    _, other_opening, _ = await _job_referral(world)
    listed = await world.http.get(
        "/api/v1/referrals", params={"opening_id": str(opening_id)}, headers=world.as_(username)
    )
    assert listed.status_code == 200, listed.text
    assert [r["id"] for r in listed.json()["items"]] == [referral_id] * expected
    assert other_opening != opening_id
