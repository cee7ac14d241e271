"""The metrics service reads the producers' events through its own lenient models
(services/metrics/feed_events.py): every field it reads must be in the producer's exported
schema with a JSON type it accepts, and a field it cannot do without must be one the producer
always writes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from services.metrics.feed_events import FEED_EVENTS
from services.metrics.ingestion.service import HANDLERS

SCHEMAS = Path(__file__).resolve().parent.parent.parent / "frontend/src/api/openapi/events"


def _producer_schemas() -> dict[str, dict[str, Any]]:
    schemas: dict[str, dict[str, Any]] = {}
    for path in sorted(SCHEMAS.glob("*.json")):
        schemas.update(json.loads(path.read_text("utf-8")))
    return schemas


def _json_types(schema: dict[str, Any]) -> set[tuple[str, str | None]]:
    """(type, format) pairs a property's schema allows; `$ref`s count as objects."""
    if "anyOf" in schema:
        return set().union(*(_json_types(option) for option in schema["anyOf"]))
    if "$ref" in schema or "properties" in schema:
        return {("object", None)}
    if "enum" in schema or "const" in schema:
        return {(schema.get("type", "string"), None)}
    return {(schema["type"], schema.get("format"))}


def _accepts(consumer: set[tuple[str, str | None]], produced: tuple[str, str | None]) -> bool:
    kind, _ = produced
    # A consumer string without a format takes any string; an integer is a number too.
    return (
        produced in consumer
        or (kind == "string" and ("string", None) in consumer)
        or (kind == "integer" and ("number", None) in consumer)
    )


def incompatibilities(event_type: str, producer: dict[str, Any]) -> list[str]:
    consumer = FEED_EVENTS[event_type].model_json_schema()
    properties = producer["properties"]
    problems = []
    for name, field in consumer.get("properties", {}).items():
        if name not in properties:
            problems.append(f"{event_type}.{name}: not in the producer's schema")
            continue
        produced = _json_types(properties[name])
        accepted = _json_types(field)
        refused = [p for p in produced if p[0] != "null" and not _accepts(accepted, p)]
        if refused:
            problems.append(f"{event_type}.{name}: the producer writes {refused}")
        if name in consumer.get("required", []) and (
            name not in producer.get("required", []) or ("null", None) in produced
        ):
            problems.append(f"{event_type}.{name}: required here, not always written")
    return problems


def test_every_event_metrics_follows_has_a_consumer_model() -> None:
    assert set(FEED_EVENTS) == set(HANDLERS)


def test_metrics_reads_only_what_the_producers_write() -> None:
    producers = _producer_schemas()
    missing = sorted(set(FEED_EVENTS) - set(producers))
    assert not missing, f"No producer exports {missing}"
    problems = [p for t in sorted(FEED_EVENTS) for p in incompatibilities(t, producers[t])]
    assert not problems, "\n".join(problems)


def test_a_field_a_producer_drops_or_retypes_is_reported() -> None:
    producer = _producer_schemas()["feedback.given"]
    dropped = {**producer, "properties": {**producer["properties"]}}
    del dropped["properties"]["grade"]
    assert incompatibilities("feedback.given", dropped) == [
        "feedback.given.grade: not in the producer's schema"
    ]
    retyped = {**producer, "properties": {**producer["properties"], "grade": {"type": "string"}}}
    assert incompatibilities("feedback.given", retyped) == [
        "feedback.given.grade: the producer writes [('string', None)]"
    ]
