"""The monitoring plan's client figures and dimensions (issue 16), from a small world built
through the real clients API and worked out by hand.

wac1's clients (all work ability):
  Aino    born 1996 (turns 30 in 2026), female, fi, recorded long-term unemployed.
          Registered 3.11.2025, ended 2.3.2026 employed. Self-assessments 4 (10.11.2025), 7.
  Bashir  born 2003, male, so. Registered 2.2.2026, ended 4.5.2026 job_search.
          Self-assessments 6 (10.2.), 5 (20.4.).
  Cecilia born 1970, female, sv, recorded partial work ability; unemployed since 1.6.2024
          (long-term from 31.5.2025). Registered 12.1.2026, ended 30.6.2026 education.
          One self-assessment (5).
  Dmitri  born 1985, gender not given, ru. Unemployed 1.9.2025-31.8.2026 (twelve months on
          31.8.), an active service from 1.9.2026: long-term through the service.
          Registered 2.3.2026, still active; plan reviewed 1.10.2026.
          Self-assessments 3 and 5, both in 2025.
  Eino    born 1990, male, fi. Unemployed since 4.5.2026. Registered 4.5.2026, still active,
          plan never reviewed.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.clients.support import CLIENTS
from tests.conftest import ServiceApi, migration_module

WAC1 = ("wac1", "work_ability_coordinator")
LEAD = ("lead", "team_lead")
SCORES = {
    "health_and_functioning": 5,
    "competence": 5,
    "values_and_motivation": 5,
    "work_and_community": 5,
}


async def _send(api: ServiceApi, method: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = await api.client.request(method, path, json=body, headers=api.as_staff(*WAC1))
    assert response.status_code in (200, 201), response.text
    result: dict[str, Any] = response.json()
    return result


class Client:
    def __init__(self, api: ServiceApi, client_id: str) -> None:
        self.api, self.id = api, client_id
        self.enrolment = self.registered_on = ""

    async def enrol(self, registered_on: str) -> None:
        body = {
            "service_line": "work_ability",
            "coordinator": "wac1",
            "registered_on": registered_on,
        }
        enrolment = await _send(self.api, "POST", f"{CLIENTS}/{self.id}/enrolments", body)
        self.enrolment, self.registered_on = str(enrolment["id"]), registered_on

    async def end(self, outcome: str, ended_on: str) -> None:
        """Reached and met on the day of registration, as only a started enrolment ends so."""
        base = f"{CLIENTS}/{self.id}/enrolments/{self.enrolment}"
        day = self.registered_on
        contact = {"channel": "phone", "reached": True, "at": f"{day}T09:00:00+02:00"}
        await _send(self.api, "POST", f"{base}/contacts", contact)
        meeting = {"kind": "first", "at": f"{day}T13:00:00+02:00", "status": "held"}
        await _send(self.api, "POST", f"{base}/meetings", meeting)
        await _send(self.api, "POST", f"{base}/end", {"outcome": outcome, "ended_on": ended_on})

    async def status(self, status: str, starts_on: str, ends_on: str | None = None) -> None:
        body: dict[str, Any] = {"status": status, "starts_on": starts_on}
        if ends_on:
            body["ends_on"] = ends_on
        await _send(self.api, "POST", f"{CLIENTS}/{self.id}/status-episodes", body)

    async def self_assessment(self, overall: int, recorded_on: str) -> None:
        body = {
            "recorded_on": recorded_on,
            "instrument_version": "2024",
            "language": "fi",
            "overall": overall,
            "domain_scores": {**SCORES, "life_situation": 5},
        }
        await _send(self.api, "POST", f"{CLIENTS}/{self.id}/assessments", body)

    async def review_plan(self, reviewed_on: str) -> None:
        body = {"goals": ["Työhön"], "reviewed_on": reviewed_on}
        await _send(self.api, "PUT", f"{CLIENTS}/{self.id}/plan", body)


async def _client(api: ServiceApi, first_name: str, **fields: Any) -> Client:
    body = {"first_name": first_name, "last_name": "Esimerkki", **fields}
    created = await _send(api, "POST", CLIENTS, body)
    return Client(api, str(created["id"]))


async def _world(api: ServiceApi) -> None:
    aino = await _client(
        api,
        "Aino",
        birth_year=1996,
        gender="female",
        language="fi",
        target_groups=["long_term_unemployed"],
    )
    await aino.enrol("2025-11-03")
    await aino.self_assessment(4, "2025-11-10")
    await aino.self_assessment(7, "2026-02-20")
    await aino.end("employed", "2026-03-02")

    bashir = await _client(api, "Bashir", birth_year=2003, gender="male", language="so")
    await bashir.enrol("2026-02-02")
    await bashir.self_assessment(6, "2026-02-10")
    await bashir.self_assessment(5, "2026-04-20")
    await bashir.end("job_search", "2026-05-04")

    cecilia = await _client(
        api,
        "Cecilia",
        birth_year=1970,
        gender="female",
        language="sv",
        target_groups=["partial_work_ability"],
    )
    await cecilia.status("unemployed", "2024-06-01")
    await cecilia.enrol("2026-01-12")
    await cecilia.self_assessment(5, "2026-03-01")
    await cecilia.end("education", "2026-06-30")

    dmitri = await _client(api, "Dmitri", birth_year=1985, language="ru")
    await dmitri.status("unemployed", "2025-09-01", "2026-08-31")
    await dmitri.status("active_service", "2026-09-01")
    await dmitri.enrol("2026-03-02")
    await dmitri.self_assessment(3, "2025-10-01")
    await dmitri.self_assessment(5, "2025-12-01")
    await dmitri.review_plan("2026-10-01")

    eino = await _client(api, "Eino", birth_year=1990, gender="male", language="fi")
    await eino.status("unemployed", "2026-05-04")
    await eino.enrol("2026-05-04")


@pytest.fixture
async def metrics(seeded_metrics_api: ServiceApi, clients_api: ServiceApi) -> ServiceApi:
    await _world(clients_api)
    response = await seeded_metrics_api.client.post(
        "/api/v1/metrics/catch-up", headers=seeded_metrics_api.as_staff("admin", "admin")
    )
    assert response.status_code == 200, response.text
    return seeded_metrics_api


async def _rows(
    api: ServiceApi,
    indicator: str,
    group_by: str | None,
    start: str = "2026-01-01",
    end: str = "2026-12-31",
    headers: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    params = {"from": start, "to": end}
    if group_by is not None:
        params["group_by"] = group_by
    response = await api.client.get(
        f"/api/v1/metrics/{indicator}", params=params, headers=headers or api.as_staff(*LEAD)
    )
    assert response.status_code == 200, response.text
    rows: list[dict[str, Any]] = response.json()["rows"]
    return rows


def _by(rows: list[dict[str, Any]], dimension: str, *measures: str) -> dict[Any, Any]:
    return {r[dimension]: tuple(r[m] for m in measures) for r in rows}


RATE = ("numerator", "denominator", "value")


async def test_activation_rate_by_target_group_gender_and_language(metrics: ServiceApi) -> None:
    # Ended in 2026 with an exit outcome: Aino employed and Cecilia education (activated),
    # Bashir job_search (not). The groups are judged on `to`, 31.12.2026.
    rows = await _rows(metrics, "activation_rate", "target_group")
    assert _by(rows, "target_group", *RATE) == {
        # Aino is 30 in 2026: in no age group. Bashir (23) is in three groups at once.
        "under_25": (0, 1, 0.0),
        "under_30": (0, 1, 0.0),
        "foreign_language": (0, 1, 0.0),
        # Aino as recorded, Cecilia from her spell (twelve months on 31.5.2025).
        "long_term_unemployed": (2, 2, 100.0),
        "partial_work_ability": (1, 1, 100.0),
    }
    rows = await _rows(metrics, "activation_rate", "gender")
    assert _by(rows, "gender", *RATE) == {"female": (2, 2, 100.0), "male": (0, 1, 0.0)}
    rows = await _rows(metrics, "activation_rate", "language")
    assert _by(rows, "language", *RATE) == {
        "fi": (1, 1, 100.0),
        "so": (0, 1, 0.0),
        "sv": (1, 1, 100.0),
    }


async def test_a_client_turning_30_counts_under_30_only_in_the_year_before(
    metrics: ServiceApi,
) -> None:
    # Registered in 2025: Aino alone, 29 in 2025.
    rows = await _rows(metrics, "funnel", "target_group", "2025-01-01", "2025-12-31")
    assert _by(rows, "target_group", "registered") == {
        "under_30": (1,),
        "long_term_unemployed": (1,),
    }
    # Registered in 2026: Bashir, Cecilia, Dmitri and Eino; the rows add up to more than 4.
    rows = await _rows(metrics, "funnel", "target_group")
    assert _by(rows, "target_group", "registered") == {
        "under_25": (1,),  # Bashir
        "under_30": (1,),  # Bashir
        "foreign_language": (2,),  # Bashir (so), Dmitri (ru)
        "long_term_unemployed": (2,),  # Cecilia, Dmitri (in a service after 12 months)
        "partial_work_ability": (1,),  # Cecilia
    }
    rows = await _rows(metrics, "funnel", "gender")
    assert _by(rows, "gender", "registered") == {
        "female": (1,),
        "male": (2,),
        "unknown": (1,),  # Dmitri gave no gender
    }
    assert _by(await _rows(metrics, "funnel", None), "suppressed", "registered") == {False: (4,)}


async def test_a_machine_client_sees_rare_languages_together(
    metrics: ServiceApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(metrics.app.state.settings, "min_cell", 2)
    machine = metrics.as_machine("bi", "metrics:read")
    # Each of the four languages of 2026's registrations has one client: below 2, so all
    # four are `other`, which has four and is shown.
    rows = await _rows(metrics, "funnel", "language", headers=machine)
    assert _by(rows, "language", "registered", "suppressed") == {"other": (4, False)}
    rows = await _rows(metrics, "activation_rate", "language", headers=machine)
    assert _by(rows, "language", *RATE) == {"other": (2, 3, 66.7)}
    # Staff see the languages themselves.
    rows = await _rows(metrics, "funnel", "language")
    assert _by(rows, "language", "registered") == {
        "fi": (1,),
        "ru": (1,),
        "so": (1,),
        "sv": (1,),
    }


async def test_a_machine_client_cannot_subtract_its_way_to_a_suppressed_cell(
    metrics: ServiceApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(metrics.app.state.settings, "min_cell", 2)
    machine = metrics.as_machine("bi", "metrics:read")
    # The total (2 of 3) is shown; by gender Bashir's row (0 of 1) is under 2. The total
    # minus the women's row (2 of 2) would give it away, so that row goes too.
    [total] = await _rows(metrics, "activation_rate", None, headers=machine)
    assert (total["numerator"], total["denominator"]) == (2, 3)
    rows = await _rows(metrics, "activation_rate", "gender", headers=machine)
    assert _by(rows, "gender", "denominator", "suppressed") == {
        "female": (None, True),
        "male": (None, True),
    }
    # Registrations by gender: two rows of one (Cecilia; Dmitri's unknown) are under 2. A
    # subtraction leaves their sum only, so the men's row (2) stays.
    rows = await _rows(metrics, "funnel", "gender", headers=machine)
    assert _by(rows, "gender", "registered", "suppressed") == {
        "female": (None, True),
        "male": (2, False),
        "unknown": (None, True),
    }
    # The team lead sees every cell.
    rows = await _rows(metrics, "activation_rate", "gender")
    assert _by(rows, "gender", "denominator", "suppressed") == {
        "female": (2, False),
        "male": (1, False),
    }


async def test_enrolment_duration(metrics: ServiceApi) -> None:
    # Ended in 2026: Aino 3.11.2025-2.3.2026 = 119 days, Bashir 2.2.-4.5. = 91 days,
    # Cecilia 12.1.-30.6. = 169 days. Working days after registration up to the end (Finnish
    # holidays out: Independence Day, Christmas, Epiphany, Easter, May Day, Ascension,
    # Midsummer Eve): Aino 80, Bashir 62, Cecilia 116.
    rows = await _rows(metrics, "enrolment_duration", None)
    measures = ("count", "median_days", "mean_days", "median_working_days")
    assert _by(rows, "suppressed", *measures) == {False: (3, 119.0, 126.3, 80.0)}
    rows = await _rows(metrics, "enrolment_duration", "gender")
    assert _by(rows, "gender", *measures) == {
        "female": (2, 144.0, 144.0, 98.0),  # Aino 119 / 80, Cecilia 169 / 116
        "male": (1, 91.0, 91.0, 62.0),
    }


async def test_long_term_unemployment_on_each_month_end(metrics: ServiceApi) -> None:
    rows = await _rows(metrics, "long_term_unemployment", "month", "2026-08-01")
    assert _by(rows, "month", *RATE) == {
        # Cecilia and Dmitri (twelve months complete on 31.8.) of Cecilia, Dmitri, Eino.
        "2026-08": (2, 3, 66.7),
        # Dmitri is in a service from 1.9.: not unemployed. Cecilia of Cecilia and Eino.
        "2026-09": (1, 2, 50.0),
        "2026-10": (1, 2, 50.0),
        "2026-11": (1, 2, 50.0),
        "2026-12": (1, 2, 50.0),
    }
    rows = await _rows(metrics, "long_term_unemployment", "gender")
    assert _by(rows, "gender", *RATE) == {"female": (1, 1, 100.0), "male": (0, 1, 0.0)}


async def test_plan_debt_and_plan_currency_agree(metrics: ServiceApi) -> None:
    # Active on 31.12.2026: Dmitri (reviewed 1.10., up to date until 29.12.: 2 days overdue)
    # and Eino (never reviewed: 4.5.-31.12. = 242 days).
    rows = await _rows(metrics, "plan_debt", "coordinator")
    assert _by(rows, "coordinator", "enrolments", "days_overdue") == {"wac1": (2, 244)}
    rows = await _rows(metrics, "plan_currency", None)
    assert _by(rows, "suppressed", *RATE) == {False: (0, 2, 0.0)}
    # On 30.11. Dmitri's plan is up to date and Eino's 211 days overdue (4.5.-30.11.).
    rows = await _rows(metrics, "plan_debt", "coordinator", end="2026-11-30")
    assert _by(rows, "coordinator", "enrolments", "days_overdue") == {"wac1": (1, 211)}
    # The city's totals (from the day counts kept at ingestion) say the same.
    rows = await _rows(metrics, "plan_debt", None)
    assert _by(rows, "suppressed", "enrolments", "days_overdue") == {False: (2, 244)}
    rows = await _rows(metrics, "plan_debt", "month", "2026-11-01")
    assert _by(rows, "month", "enrolments", "days_overdue") == {
        "2026-11": (1, 211),
        "2026-12": (2, 244),
    }


async def test_the_migration_fills_the_day_counts_ingestion_keeps(metrics: ServiceApi) -> None:
    """A database migrated with facts in it gets the same plan-debt and long-term day counts
    as ingestion keeps from then on."""
    from alembic.migration import MigrationContext
    from alembic.operations import Operations
    from sqlalchemy import delete, select

    from services.metrics.models import DayDelta

    module = migration_module("metrics", "day_counts_of_plan_debt_and_long_term_unemployment")
    series = DayDelta.indicator.in_(module.NEW_SERIES)
    engine = metrics.app.state.database.engine

    def migrate(connection: Any) -> None:
        with Operations.context(MigrationContext.configure(connection)):
            module.upgrade()

    async with engine.begin() as connection:
        kept = sorted((await connection.execute(select(DayDelta).where(series))).all())
        assert {row.indicator for row in kept} == set(module.NEW_SERIES)
        await connection.execute(delete(DayDelta).where(series))
        await connection.run_sync(migrate)
        filled = sorted((await connection.execute(select(DayDelta).where(series))).all())
    assert filled == kept


async def test_wellbeing_change(metrics: ServiceApi) -> None:
    # Two or more self-assessments, the latest in 2026: Aino 4 -> 7 (+3), Bashir 6 -> 5 (-1).
    # Cecilia has one; Dmitri's latest is in 2025.
    rows = await _rows(metrics, "wellbeing_change", None)
    measures = ("clients", "mean_change", "improved_percent")
    assert _by(rows, "suppressed", *measures) == {False: (2, 1.0, 50.0)}
    rows = await _rows(metrics, "wellbeing_change", "month")
    assert _by(rows, "month", *measures) == {"2026-02": (1, 3.0, 100.0), "2026-04": (1, -1.0, 0.0)}
    rows = await _rows(metrics, "wellbeing_change", "target_group")
    assert _by(rows, "target_group", *measures) == {
        "long_term_unemployed": (1, 3.0, 100.0),  # Aino
        "under_25": (1, -1.0, 0.0),  # Bashir
        "under_30": (1, -1.0, 0.0),
        "foreign_language": (1, -1.0, 0.0),
    }
