"""The demo data and the partner directory."""

from __future__ import annotations

import argparse
from itertools import product

import pytest

from services.common.demo import demo_id
from services.referrals.demo import seed_demo
from tests.referrals.conftest import World

KINDS = ("transfer", "consultation", "external", "job")


async def _seed(world: World) -> None:
    await seed_demo(world.app.state.settings, argparse.Namespace(args=[]))


async def test_the_demo_has_every_kind_and_state_and_seeding_twice_changes_nothing(
    world: World,
) -> None:
    await _seed(world)
    lead = await world.http.get("/api/v1/referrals?limit=200", headers=world.as_("lead"))
    referrals = lead.json()["items"]
    events = await world.events()
    await _seed(world)
    assert (await world.http.get("/api/v1/referrals?limit=200", headers=world.as_("lead"))).json()[
        "items"
    ] == referrals
    assert len(await world.events()) == len(events)

    pairs = {(r["kind"], r["status"]) for r in referrals}
    for kind in KINDS:
        assert {status for k, status in pairs if k == kind} >= {"sent", "accepted", "completed"}
    assert {status for _, status in pairs} == {
        "sent",
        "accepted",
        "declined",
        "expired",
        "completed",
        "cancelled",
    }
    assert {r["client_id"] for r in referrals} <= {str(demo_id("client", n)) for n in range(1, 61)}
    inbox = await world.http.get("/api/v1/referrals?box=inbox", headers=world.as_("bc1"))
    assert any(r["from_user"] == "wac1" for r in inbox.json()["items"])
    overdue = await world.http.get("/api/v1/referrals?overdue=true", headers=world.as_("bc1"))
    assert [r["id"] for r in overdue.json()["items"]] == [str(demo_id("referral", 2))]
    assert len([e for e in events if e["type"] == "referral.sent"]) == len(referrals)


async def test_a_demo_effect_the_other_service_refuses_is_marked_failed_not_retried(
    world: World,
) -> None:
    from services.referrals.background import run_background_pass

    await _seed(world)
    # The fakes know nothing of the demo clients, so the clients service refuses; the demo's
    # running hand-off shows the effect as failed rather than retrying for ever.
    await run_background_pass(world.app)
    detail = await world.http.get(
        f"/api/v1/referrals/{demo_id('referral', 3)}", headers=world.as_("bc2")
    )
    assert {e["name"]: e["status"] for e in detail.json()["effects"]} == {
        "coordinators_handoff_start": "failed"
    }
    key = f"{demo_id('referral', 3)}:coordinators_handoff_start"
    assert world.clients.calls_by_key[key] == 1
    await run_background_pass(world.app)
    assert world.clients.calls_by_key[key] == 1


async def test_the_partner_directory_lists_the_regions_kinds_of_service(world: World) -> None:
    await _seed(world)
    response = await world.http.get("/api/v1/partners?limit=5", headers=world.as_("coach"))
    assert response.status_code == 200
    page = response.json()
    assert len(page["items"]) == 5
    everything = page["items"]
    cursor = page["next_cursor"]
    while cursor:
        more = await world.http.get(
            f"/api/v1/partners?limit=5&cursor={cursor}", headers=world.as_("coach")
        )
        everything += more.json()["items"]
        cursor = more.json()["next_cursor"]
    kinds = {p["kind"] for p in everything}
    assert kinds == {"health", "social", "education", "employment", "kela", "third_sector"}
    names = {p["name"] for p in everything}
    assert "Koulutuskeskus Salpaus" in names
    assert "Ohjaamo Lahti" in names
    health = await world.http.get("/api/v1/partners?kind=health", headers=world.as_("wac1"))
    assert {p["kind"] for p in health.json()["items"]} == {"health"}
    assert (await world.http.get("/api/v1/partners")).status_code == 401


def test_every_kind_and_state_pair_that_exists_is_reachable() -> None:
    # A guard on the demo table itself: no state a referral of that kind cannot reach.
    from services.referrals.demo import REFERRALS

    reachable = {"sent", "accepted", "declined", "expired", "completed", "cancelled"}
    assert {(r.kind, r.status) for r in REFERRALS} <= set(product(KINDS, reachable))
    assert all(r.result in (None, "hired", "not_hired") for r in REFERRALS)
    assert all((r.kind == "job") == (r.opening is not None) for r in REFERRALS)
    assert all((r.kind == "external") == (r.partner is not None) for r in REFERRALS)


# Who may read one partner over /internal (stated, not computed): another service only.
INTERNAL_PARTNER_AS = [
    ("svc-clients machine", 200),
    ("coach", 403),
    ("bc1", 403),
    ("bi machine", 403),
    ("no token", 401),
]


@pytest.mark.parametrize(("caller", "expected"), INTERNAL_PARTNER_AS)
async def test_the_internal_partner_answers_other_services_only(
    world: World, caller: str, expected: int
) -> None:
    partner_id = await world.add_partner("health", "Hyvinvointialue")
    headers = {
        "svc-clients machine": world.issuer.machine_headers("svc-clients", "internal"),
        "coach": world.as_("coach"),
        "bc1": world.as_("bc1"),
        "bi machine": world.issuer.machine_headers("bi", "metrics:read"),
        "no token": {},
    }[caller]
    response = await world.http.get(f"/internal/partners/{partner_id}", headers=headers)
    assert response.status_code == expected, response.text
    if expected == 200:
        assert (response.json()["name"], response.json()["kind"]) == ("Hyvinvointialue", "health")


# A forged partner id (stated, not computed): unknown or a path escape → 404, no id → 422.
FORGED_PARTNER_IDS = [
    ("00000000-0000-4000-8000-0000000000e9", 404),
    ("..%2F..%2Finternal%2Fclients", 404),
    ("x%00y", 422),
]


@pytest.mark.parametrize(("forged", "expected"), FORGED_PARTNER_IDS)
async def test_an_unknown_or_forged_internal_partner_is_refused(
    world: World, forged: str, expected: int
) -> None:
    headers = world.issuer.machine_headers("svc-clients", "internal")
    response = await world.http.get(f"/internal/partners/{forged}", headers=headers)
    assert response.status_code == expected, response.text
