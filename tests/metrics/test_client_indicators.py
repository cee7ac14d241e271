"""Every client indicator against figures worked out by hand (issue 6, acceptance 1)."""

from __future__ import annotations

from tests.metrics.pathways import build_pathways, correct_outcome, d
from tests.metrics.world import World


def rows_by(body: dict[str, object], key: str) -> dict[object, dict[str, object]]:
    rows = body["rows"]
    assert isinstance(rows, list)
    return {row[key]: row for row in rows}


async def built(world: World) -> None:
    pathways = await build_pathways(world)
    await world.catch_up()
    await correct_outcome(world, pathways)
    await world.catch_up()


async def test_activation_rate_counts_the_role_at_the_end_and_the_corrected_outcome(
    world: World,
) -> None:
    await built(world)

    by_role = rows_by(
        await world.figures("activation_rate", group_by="coordinator_role"), "coordinator_role"
    )
    # Exit outcomes: E1 employed, E2 job_search, E5 education (wac); E4 employed (bc at end).
    assert by_role["work_ability_coordinator"] == {
        "coordinator_role": "work_ability_coordinator",
        "numerator": 2,
        "denominator": 3,
        "value": 66.7,
        "suppressed": False,
    }
    assert by_role["business_coordinator"]["numerator"] == 1
    assert by_role["business_coordinator"]["denominator"] == 1
    assert by_role["business_coordinator"]["value"] == 100.0

    total = await world.figures("activation_rate")
    assert total["rows"] == [{"numerator": 3, "denominator": 4, "value": 75.0, "suppressed": False}]
    assert total["definition_version"] == "1"
    assert total["catalogue_version"] == 1
    assert total["data_as_of"] is not None

    by_month = rows_by(await world.figures("activation_rate", group_by="month"), "month")
    assert {m: (r["numerator"], r["denominator"]) for m, r in by_month.items()} == {
        "2026-06": (1, 2),
        "2026-07": (1, 1),
        "2026-08": (1, 1),
    }


async def test_activation_rate_selects_by_the_end_date(world: World) -> None:
    await built(world)
    body = await world.figures("activation_rate", start="2026-06-01", end="2026-06-30")
    assert body["rows"] == [{"numerator": 1, "denominator": 2, "value": 50.0, "suppressed": False}]
    assert body["from"] == "2026-06-01"
    assert body["to"] == "2026-06-30"


async def test_outcomes_count_every_code_once_per_enrolment(world: World) -> None:
    await built(world)
    body = await world.figures("outcomes", group_by="outcome")
    assert {r["outcome"]: r["value"] for r in body["rows"]} == {
        "cancelled": 1,
        "education": 1,
        "employed": 2,
        "job_search": 1,
        "not_reached": 1,
        "stopped_contact": 1,
    }


async def test_funnel_by_coordinator(world: World) -> None:
    await built(world)
    body = await world.figures("funnel", group_by="coordinator")
    measures = ("registered", "contacted", "first_meeting", "ended", "cancelled", "not_reached")
    assert {r["coordinator"]: tuple(r[m] for m in measures) for r in body["rows"]} == {
        "wac1": (4, 3, 3, 4, 1, 0),
        "bc1": (4, 3, 3, 3, 0, 1),
    }
    total = await world.figures("funnel")
    assert tuple(total["rows"][0][m] for m in measures) == (8, 6, 6, 7, 1, 1)


async def test_contact_sla(world: World) -> None:
    await built(world)
    body = await world.figures("contact_sla")
    # On time: E1 E4 E5 E6 E8; late: E2 (contacted after due), E3 and E7 (never contacted).
    # Working days to contact: 1, 8, 1, 1, 1, 1 → median 1.
    assert body["rows"] == [
        {
            "numerator": 5,
            "denominator": 8,
            "value": 62.5,
            "median_working_days": 1.0,
            "suppressed": False,
        }
    ]


async def test_caseload_follows_the_transfer(world: World) -> None:
    await built(world)
    before = await world.figures("caseload", start="2026-04-01", end="2026-04-21")
    assert {
        r["coordinator"]: (r["active_enrolments"], r["target"], r["load_percent"])
        for r in before["rows"]
    } == {
        "wac1": (3, 25, 12.0),
        "bc1": (1, 20, 5.0),
    }
    after = await world.figures("caseload", start="2026-06-01", end="2026-06-30")
    assert {r["coordinator"]: r["active_enrolments"] for r in after["rows"]} == {
        "wac1": 1,
        "bc1": 1,
    }
    by_role = await world.figures(
        "caseload", start="2026-06-01", end="2026-06-30", group_by="coordinator_role"
    )
    assert {r["coordinator_role"]: r["coordinators"] for r in by_role["rows"]} == {
        "business_coordinator": 1,
        "work_ability_coordinator": 1,
    }


async def test_transfers_by_direction(world: World) -> None:
    await built(world)
    body = await world.figures("transfers")
    assert body["rows"] == [
        {
            "direction": "work_ability_coordinator->business_coordinator",
            "sent": 1,
            "accepted": 1,
            "median_working_days_to_accept": 2.0,
            "suppressed": False,
        }
    ]


async def test_satisfaction(world: World) -> None:
    await built(world)
    total = await world.figures("satisfaction")
    assert total["rows"] == [{"answers": 4, "mean_grade": 8.5, "suppressed": False}]
    by_coordinator = await world.figures("satisfaction", group_by="coordinator")
    assert {r["coordinator"]: (r["answers"], r["mean_grade"]) for r in by_coordinator["rows"]} == {
        "wac1": (3, 8.0),
        "bc1": (1, 10.0),
    }


async def test_plan_currency_on_the_count_day(world: World) -> None:
    await built(world)
    # Active on 30.6.: E4 (last review 1.4., 90 days before: stale) and E5 (10.5.: current).
    body = await world.figures("plan_currency", start="2026-06-01", end="2026-06-30")
    assert body["rows"] == [{"numerator": 1, "denominator": 2, "value": 50.0, "suppressed": False}]


async def test_official_activation_rate_per_month(world: World) -> None:
    await built(world)
    body = await world.figures(
        "official_activation_rate", start="2026-04-01", end="2026-06-30", group_by="month"
    )
    # Count days 30.4., 29.5., 30.6. (last working days).
    assert {r["month"]: (r["numerator"], r["denominator"], r["value"]) for r in body["rows"]} == {
        "2026-04": (1, 4, 25.0),
        "2026-05": (2, 4, 50.0),
        "2026-06": (2, 3, 66.7),
    }
    single = await world.figures("official_activation_rate", start="2026-01-01", end="2026-06-30")
    assert single["rows"][0]["value"] == 66.7


async def test_a_replayed_feed_changes_nothing(world: World) -> None:
    await built(world)
    indicators = ("activation_rate", "funnel", "caseload", "transfers", "outcomes")
    before = [await world.figures(i, group_by="coordinator_role") for i in indicators]
    # Rewind every cursor: the whole history is delivered again.
    from sqlalchemy import update

    from services.metrics.models import FeedCursor

    async with world.metrics.app.state.database.transaction() as session:
        await session.execute(update(FeedCursor).values(last_seq=0))
    report = await world.catch_up()
    assert sum(s["ingested"] for s in report["sources"]) > 0
    after = [await world.figures(i, group_by="coordinator_role") for i in indicators]
    assert [b["rows"] for b in before] == [a["rows"] for a in after]


async def test_a_new_catalogue_version_applies_from_its_date(world: World) -> None:
    """The catalogue is data: a version published from 1.8. changes later figures only."""
    from sqlalchemy import insert, update

    from services.metrics.models import OutcomeRule

    await built(world)
    async with world.metrics.app.state.database.transaction() as session:
        await session.execute(update(OutcomeRule).values(valid_to=d(1, 8)))
        await session.execute(
            insert(OutcomeRule),
            [
                {
                    "version": 2,
                    "code": code,
                    "valid_from": d(1, 8),
                    "valid_to": None,
                    "exit_form": True,
                    # From 1.8. on, education no longer counts as activation.
                    "counts_as_activation": code in ("employed", "work_trial"),
                }
                for code in ("employed", "education", "work_trial", "job_search")
            ],
        )
    body = await world.figures("activation_rate")
    # E5 (education, ended 3.8.) now counts as not activated; the June and July ends keep
    # version 1: E1 employed, E2 job_search, E4 employed.
    assert body["rows"] == [{"numerator": 2, "denominator": 4, "value": 50.0, "suppressed": False}]
    assert body["catalogue_version"] == 2


async def test_a_reopened_transfer_is_sent_but_no_longer_accepted(world: World) -> None:
    """An acceptance the clients service refused (`referral.reopened`) leaves the
    referral sent: the transfers figure counts it as sent, not as accepted."""
    import uuid

    await built(world)
    referral_id = uuid.uuid4()
    sent_on = d(2, 6)
    await world.emit(
        "referrals",
        "referral.sent",
        referral_id,
        {
            "referral_id": referral_id,
            "kind": "transfer",
            "client_id": uuid.uuid4(),
            "enrolment_id": uuid.uuid4(),
            "from_user": "wac1",
            "from_role": "work_ability_coordinator",
            "to_user": "bc1",
            "to_role": "business_coordinator",
            "partner_id": None,
            "partner_kind": None,
            "opening_id": None,
            "sent_at": "2026-06-02T09:00:00+03:00",
            "sent_on": sent_on,
            "response_due": d(5, 6),
        },
    )
    await world.emit(
        "referrals",
        "referral.accepted",
        referral_id,
        {
            "referral_id": referral_id,
            "kind": "transfer",
            "from_role": "work_ability_coordinator",
            "to_role": "business_coordinator",
            "accepted_at": "2026-06-03T10:00:00+03:00",
            "accepted_on": d(3, 6),
            "working_days_to_accept": 1,
        },
    )
    await world.emit(
        "referrals",
        "referral.reopened",
        referral_id,
        {
            "referral_id": referral_id,
            "kind": "transfer",
            "at": "2026-06-03T10:00:01+03:00",
            "on": d(3, 6),
            "reason": "effect_refused",
        },
    )
    await world.catch_up()
    body = await world.figures("transfers")
    assert [(r["sent"], r["accepted"]) for r in body["rows"]] == [(2, 1)]
