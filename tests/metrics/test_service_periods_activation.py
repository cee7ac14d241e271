"""The official activation rate from active-service periods, built through the real clients
API (issue 15, acceptance 2): the periods write the status episodes the indicator reads."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from services.metrics.models import ServicePeriodFact
from tests.clients.support import CLIENTS, seed_service_kind_rules
from tests.conftest import ServiceApi

WAC1 = ("wac1", "work_ability_coordinator")


async def _post(api: ServiceApi, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = await api.client.post(path, json=body, headers=api.as_staff(*WAC1))
    assert response.status_code in (200, 201), response.text
    result: dict[str, Any] = response.json()
    return result


async def _unemployed_client(api: ServiceApi, name: str) -> str:
    client = await _post(api, CLIENTS, {"first_name": name, "last_name": "Virtanen"})
    enrolment = {
        "service_line": "work_ability",
        "coordinator": "wac1",
        "registered_on": "2026-01-05",
    }
    await _post(api, f"{CLIENTS}/{client['id']}/enrolments", enrolment)
    episode = {"status": "unemployed", "starts_on": "2026-01-01"}
    await _post(api, f"{CLIENTS}/{client['id']}/status-episodes", episode)
    return str(client["id"])


async def _period(
    api: ServiceApi, client_id: str, kind: str, starts: str, ends: str | None
) -> None:
    body: dict[str, Any] = {"kind": kind, "starts_on": starts}
    if kind == "wage_subsidy":
        body["subsidy_percent"] = 50
    period = await _post(api, f"{CLIENTS}/{client_id}/service-periods", body)
    if ends is not None:
        await _post(
            api, f"{CLIENTS}/{client_id}/service-periods/{period['id']}/end", {"ends_on": ends}
        )


async def test_periods_around_two_month_ends_give_the_official_rate_worked_by_hand(
    seeded_metrics_api: ServiceApi, clients_api: ServiceApi
) -> None:
    await seed_service_kind_rules(clients_api)
    anna = await _unemployed_client(clients_api, "Anna")
    bertta = await _unemployed_client(clients_api, "Bertta")
    cecilia = await _unemployed_client(clients_api, "Cecilia")
    # Cecilia: rehabilitative work 1.8.-30.9. (counted on 31.8. and on the count day 30.9.).
    await _period(clients_api, cecilia, "rehabilitative_work", "2026-08-01", "2026-09-30")
    # Anna: a work trial 20.9.-10.10., over the September month-end.
    await _period(clients_api, anna, "work_trial", "2026-09-20", "2026-10-10")
    # Bertta: wage-subsidised work from 15.10., still running.
    await _period(clients_api, bertta, "wage_subsidy", "2026-10-15", None)

    response = await seeded_metrics_api.client.post(
        "/api/v1/metrics/catch-up", headers=seeded_metrics_api.as_staff("admin", "admin")
    )
    assert response.status_code == 200, response.text
    response = await seeded_metrics_api.client.get(
        "/api/v1/metrics/official_activation_rate",
        params={"from": "2026-08-01", "to": "2026-11-30", "group_by": "month"},
        headers=seeded_metrics_api.as_staff("lead", "team_lead"),
    )
    assert response.status_code == 200, response.text
    by_month = {
        r["month"]: (r["numerator"], r["denominator"], r["value"]) for r in response.json()["rows"]
    }
    # Count days (the last working day of each month): 31.8., 30.9., 30.10. (31.10. is a
    # Saturday), 30.11. Each period ends the unemployment the day before it and the
    # unemployment resumes the day after it ends, so every client is in the denominator.
    assert by_month == {
        "2026-08": (1, 3, 33.3),  # Cecilia
        "2026-09": (2, 3, 66.7),  # Cecilia (her last day) and Anna
        "2026-10": (1, 3, 33.3),  # Bertta; Anna and Cecilia unemployed again
        "2026-11": (1, 3, 33.3),  # Bertta
    }

    # The read model keeps the periods themselves for the figures about them.
    async with seeded_metrics_api.app.state.database.transaction() as session:
        facts = (await session.scalars(select(ServicePeriodFact))).all()
    assert sorted(
        (str(f.client_id), f.kind, f.starts_on.isoformat(), f.ends_on and f.ends_on.isoformat())
        for f in facts
    ) == sorted(
        [
            (cecilia, "rehabilitative_work", "2026-08-01", "2026-09-30"),
            (anna, "work_trial", "2026-09-20", "2026-10-10"),
            (bertta, "wage_subsidy", "2026-10-15", None),
        ]
    )
    assert {f.kind: f.subsidy_percent for f in facts}["wage_subsidy"] == 50
