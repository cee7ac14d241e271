"""The event schemas the consumers are checked against come from the producers' models: the
committed documents must match the models (or `make openapi` was not run after a change), and
what a producer really emits must fit them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import create_model

from services.common.events import EventRegistry, event_schemas
from services.employers.events import EVENTS as EMPLOYERS_EVENTS
from services.employers.events import EmployerCreated
from tests.conftest import ServiceApi
from tests.employers.payloads import employer_body
from tools import export_openapi
from tools.export_openapi import event_documents, render

COMMITTED = (
    Path(__file__).resolve().parent.parent.parent
    / "frontend"
    / "src"
    / "api"
    / "openapi"
    / "events"
)


def _committed(name: str) -> dict[str, Any]:
    import json

    document: dict[str, Any] = json.loads((COMMITTED / f"{name}.json").read_text("utf-8"))
    return document


def stale_event_documents() -> list[str]:
    return [
        name
        for name, document in event_documents().items()
        if not (COMMITTED / f"{name}.json").exists()
        or (COMMITTED / f"{name}.json").read_text(encoding="utf-8") != render(document)
    ]


def test_committed_event_schemas_match_the_producer_models() -> None:
    stale = stale_event_documents()
    assert not stale, f"Run `make openapi`: the committed event schemas of {stale} are stale."


def test_a_changed_producer_field_makes_the_committed_schemas_stale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # `employer.created` without its `municipality`: what a producer change would export.
    fields: dict[str, Any] = {
        name: (info.annotation, info)
        for name, info in EmployerCreated.model_fields.items()
        if name != "municipality"
    }
    changed = create_model("EmployerCreated", __base__=EmployerCreated.__base__, **fields)
    registry: EventRegistry = {**EMPLOYERS_EVENTS, "employer.created": changed}
    monkeypatch.setitem(export_openapi.EVENT_REGISTRIES, "employers", registry)
    assert "municipality" not in event_schemas(registry)["employer.created"]["properties"]
    assert stale_event_documents() == ["employers"]


async def test_what_the_employers_service_emits_fits_its_committed_schemas(
    employers_api: ServiceApi,
) -> None:
    staff = employers_api.as_staff("bc1", "business_coordinator")
    created = await employers_api.client.post(
        "/api/v1/employers", json=employer_body(name="Skeema Oy"), headers=staff
    )
    assert created.status_code == 201, created.text
    url = f"/api/v1/employers/{created.json()['id']}"
    await employers_api.client.post(
        f"{url}/activities", json={"kind": "call", "at": "2026-11-02T09:00:00+02:00"}, headers=staff
    )
    await employers_api.client.patch(url, json={"status": "partner"}, headers=staff)
    await employers_api.client.post(
        f"{url}/openings", json={"title": "Hoitaja", "kind": "regular"}, headers=staff
    )
    feed = await employers_api.client.get(
        "/internal/events",
        params={"limit": 1000},
        headers=employers_api.as_machine("m", "events:read"),
    )
    events = feed.json()["events"]
    schemas = _committed("employers")
    assert {e["type"] for e in events} >= {
        "employer.created",
        "employer.activity_recorded",
        "employer.status_changed",
        "opening.recorded",
    }
    for event in events:
        assert event["type"] in schemas, f"{event['type']} is emitted but has no schema"
        jsonschema.validate(event["data"], schemas[event["type"]])
