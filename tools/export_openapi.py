"""Export the OpenAPI document of the gateway and of every service, for the SPA's types.

`make openapi` runs this and then the SPA's generator; a test checks that the committed
documents match the code, so the SPA's API types can never drift from the services.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from gateway.config import GatewaySettings
from gateway.main import create_api
from services.clients.main import create_app as clients_app
from services.common.signing import SigningKey
from services.employers.main import create_app as employers_app
from services.metrics.main import create_app as metrics_app
from services.notifications.main import create_app as notifications_app
from services.referrals.main import create_app as referrals_app


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


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, document in documents().items():
        (folder / f"{name}.json").write_text(render(document), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "frontend/src/api/openapi"))
