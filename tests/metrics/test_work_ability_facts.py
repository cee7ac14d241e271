"""The read model follows the work-ability method's events (issue 15): the overall scores
of the self-assessments and the functional observations, and where each roadmap stands,
built through the real clients API; nothing of the health details reaches it."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from services.metrics.models import AssessmentFact, RoadmapFact
from tests.clients.support import CLIENTS, seed_work_ability_definitions
from tests.conftest import ServiceApi

WAC1 = ("wac1", "work_ability_coordinator")
ITEMS = (
    "punctuality",
    "following_instructions",
    "work_pace",
    "quality",
    "cooperation",
    "endurance",
    "independence",
)


async def _send(api: ServiceApi, method: str, path: str, body: dict[str, Any]) -> None:
    response = await api.client.request(method, path, json=body, headers=api.as_staff(*WAC1))
    assert response.status_code in (200, 201), response.text


async def test_the_read_model_keeps_overall_scores_and_roadmap_stages_only(
    seeded_metrics_api: ServiceApi, clients_api: ServiceApi
) -> None:
    await seed_work_ability_definitions(clients_api)
    created = await clients_api.client.post(
        CLIENTS,
        json={"first_name": "Anna", "last_name": "Virtanen"},
        headers=clients_api.as_staff(*WAC1),
    )
    client_id = created.json()["id"]
    base = f"{CLIENTS}/{client_id}"
    enrolment = {
        "service_line": "work_ability",
        "coordinator": "wac1",
        "registered_on": "2026-11-02",
    }
    await _send(clients_api, "POST", f"{base}/enrolments", enrolment)
    domains = {
        "health_and_functioning": 2,
        "competence": 7,
        "values_and_motivation": 8,
        "work_and_community": 6,
        "life_situation": 4,
    }
    assessment = {
        "recorded_on": "2026-11-10",
        "instrument_version": "2023",
        "language": "fi",
        "overall": 5,
        "domain_scores": domains,
    }
    await _send(clients_api, "POST", f"{base}/assessments", assessment)
    observation = {
        "instrument_code": "work_observation",
        "instrument_version": 1,
        "observed_on": "2026-11-20",
        "item_scores": {key: 4 for key in ITEMS} | {"endurance": 2},  # 26/7 = 3.71… → 3.7
        "setting": "workshop",
    }
    await _send(clients_api, "POST", f"{base}/functional-assessments", observation)
    stages = [
        {"key": "need_identified", "status": "done", "received": "Terveystarkastuksen lähete"},
        {"key": "health_check", "status": "in_progress"},
    ]
    await _send(clients_api, "PUT", f"{base}/roadmap", {"stages": stages})

    response = await seeded_metrics_api.client.post(
        "/api/v1/metrics/catch-up", headers=seeded_metrics_api.as_staff("admin", "admin")
    )
    assert response.status_code == 200, response.text
    async with seeded_metrics_api.app.state.database.transaction() as session:
        assessments = (await session.scalars(select(AssessmentFact))).all()
        roadmaps = (await session.scalars(select(RoadmapFact))).all()
    assert sorted(
        (a.kind, a.instrument, a.assessed_on.isoformat(), a.overall_tenths) for a in assessments
    ) == [
        ("functional", "work_observation", "2026-11-20", 37),
        ("self_assessment", None, "2026-11-10", 50),
    ]
    assert {str(a.client_id) for a in assessments} == {client_id}
    [roadmap] = roadmaps
    assert (str(roadmap.client_id), roadmap.template_version) == (client_id, 1)
    assert json.loads(roadmap.stages) == {"need_identified": "done", "health_check": "in_progress"}
