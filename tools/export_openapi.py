"""Export the OpenAPI document of the gateway and of every service, for the SPA's types, and
the JSON Schemas of the events each producing service emits (`events/<service>.json`).

`make openapi` runs this and then the SPA's generator (which reads only the folder's own
`*.json`, not `events/`); tests check that the committed documents match the code, so neither
the SPA's API types nor the event schemas the consumers are checked against can drift.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from gateway.config import GatewaySettings
from gateway.main import create_api
from services.clients.events import EVENTS as CLIENTS_EVENTS
from services.clients.main import create_app as clients_app
from services.common.events import EventRegistry, event_schemas
from services.common.signing import SigningKey
from services.employers.events import EVENTS as EMPLOYERS_EVENTS
from services.employers.main import create_app as employers_app
from services.metrics.main import create_app as metrics_app
from services.notifications.main import create_app as notifications_app
from services.referrals.events import EVENTS as REFERRALS_EVENTS
from services.referrals.main import create_app as referrals_app

# Every service that emits events others follow (metrics and notifications emit none).
EVENT_REGISTRIES: dict[str, EventRegistry] = {
    "clients": CLIENTS_EVENTS,
    "employers": EMPLOYERS_EVENTS,
    "referrals": REFERRALS_EVENTS,
}


def documents() -> dict[str, dict[str, Any]]:
    gateway = create_api(GatewaySettings(env="test"), signing_key=SigningKey.generate())
    return {
        "gateway": gateway.openapi(),
        "clients": clients_app().openapi(),
        "employers": employers_app().openapi(),
        "referrals": referrals_app().openapi(),
        "metrics": metrics_app().openapi(),
        "notifications": notifications_app().openapi(),
    }


def event_documents() -> dict[str, dict[str, Any]]:
    """`{service: {event_type: JSON Schema of its data}}`."""
    return {name: event_schemas(registry) for name, registry in EVENT_REGISTRIES.items()}


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, document in documents().items():
        (folder / f"{name}.json").write_text(render(document), encoding="utf-8")
    (folder / "events").mkdir(exist_ok=True)
    for name, document in event_documents().items():
        (folder / "events" / f"{name}.json").write_text(render(document), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "frontend/src/api/openapi"))
