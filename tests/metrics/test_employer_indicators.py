"""The employer-side indicators against figures worked out by hand (issue 6, acceptance 1).

The world and its figures: `tests.metrics.pathways.build_employers`.
"""

from __future__ import annotations

from tests.metrics.pathways import build_employers
from tests.metrics.world import World


async def test_lead_response(world: World) -> None:
    await build_employers(world)
    body = await world.figures("lead_response")
    assert body["rows"] == [
        {
            "received": 3,
            "contacted_by_due": 1,
            "contacted_by_due_percent": 33.3,
            "followed_up": 1,
            "followed_up_percent": 33.3,
            "closed_hired": 1,
            "closed_hired_elsewhere": 0,
            "closed_no_hire": 1,
            "closed_withdrawn": 0,
            "suppressed": False,
        }
    ]
    march = await world.figures(
        "lead_response", start="2026-03-01", end="2026-03-31", group_by="coordinator"
    )
    assert {r["coordinator"]: r["contacted_by_due"] for r in march["rows"]} == {"bc1": 1, "bc2": 0}


async def test_lead_response_is_not_suppressed_for_machine_clients(world: World) -> None:
    """Leads describe companies, not persons."""
    await build_employers(world)
    body = await world.figures(
        "lead_response", headers=world.metrics.as_machine("bi", "metrics:read")
    )
    assert body["rows"][0]["received"] == 3
    assert body["rows"][0]["suppressed"] is False


async def test_employers_contacted_and_partners_by_industry(world: World) -> None:
    await build_employers(world)
    body = await world.figures("employers", start="2026-01-01", end="2026-06-30")
    assert body["rows"] == [
        {"industry": "F", "contacted": 1, "partners": 1, "suppressed": False},
        {"industry": "G", "contacted": 1, "partners": 0, "suppressed": False},
    ]
    march = await world.figures("employers", start="2026-03-01", end="2026-03-31")
    # No activity in March; on 31.3. both Emp1 and Emp3 are partners.
    assert {r["industry"]: (r["contacted"], r["partners"]) for r in march["rows"]} == {
        "F": (0, 1),
        "G": (0, 1),
    }


async def test_a_coordinator_sees_the_employers_they_worked_with(world: World) -> None:
    await build_employers(world)
    body = await world.figures(
        "employers",
        start="2026-01-01",
        end="2026-06-30",
        headers=world.metrics.as_staff("bc2", "business_coordinator"),
    )
    assert body["rows"] == [{"industry": "G", "contacted": 1, "partners": 0, "suppressed": False}]


async def test_partners_are_counted_on_each_month_end(world: World) -> None:
    """Count days 2026: 30.1., 27.2., 31.3., 30.4., 29.5., 30.6. (last working days).
    Emp3 is a partner 1.2. to 30.4., Emp1 from 1.3.; both were contacted in February."""
    await build_employers(world)
    body = await world.figures("employers", start="2026-01-01", end="2026-06-30", group_by="month")
    assert [(r["month"], r["contacted"], r["partners"]) for r in body["rows"]] == [
        ("2026-02", 2, 1),
        ("2026-03", 0, 2),
        ("2026-04", 0, 2),
        ("2026-05", 0, 1),
        ("2026-06", 0, 1),
    ]
