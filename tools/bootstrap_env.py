"""Write var/polku.env once: random machine-client secrets shared by the gateway and services.

The embedded default must not run on the publicly known demo secrets of the services'
own machine clients, so each installation generates its own on first start.
"""

from __future__ import annotations

import json
import secrets
import sys
from pathlib import Path

SERVICES = ("clients", "employers", "referrals", "metrics", "notifications")


def main(path: Path) -> None:
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    generated = {name: secrets.token_urlsafe(32) for name in SERVICES}
    lines = [
        f"POLKU_{name.upper()}_MACHINE_CLIENT_SECRET={secret}" for name, secret in generated.items()
    ]
    shared = json.dumps({f"svc-{name}": secret for name, secret in generated.items()})
    lines.append(f"POLKU_GATEWAY_SERVICE_CLIENT_SECRETS='{shared}'")
    path.write_text("\n".join(lines) + "\n")
    path.chmod(0o600)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "var/polku.env"))
