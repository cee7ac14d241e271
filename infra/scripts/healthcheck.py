"""Container health check: `python healthcheck.py [/healthz|/readyz] [port]`.

One image runs six processes on different ports, so the port comes, in this order, from the
argument, from `--port` on the container's command line, from the process's
`POLKU_<NAME>_PORT`, or from the process's default. A one-shot command (`migrate`, `seed`)
has nothing to serve and counts as healthy. Standard library only.
"""

from __future__ import annotations

import os
import sys
import urllib.request

DEFAULT_PORTS = {
    "gateway": 8000,
    "services.clients": 8101,
    "services.employers": 8102,
    "services.referrals": 8103,
    "services.metrics": 8104,
    "services.notifications": 8105,
}


def _command_line() -> list[str]:
    try:
        with open("/proc/1/cmdline", "rb") as handle:
            return [part.decode() for part in handle.read().split(b"\0") if part]
    except OSError:
        return []


def _port(args: list[str]) -> int | None:
    module = args[args.index("-m") + 1] if "-m" in args[:-1] else "gateway"
    if "serve" not in args:
        return None
    for index, arg in enumerate(args):
        if arg == "--port" and index + 1 < len(args):
            return int(args[index + 1])
        if arg.startswith("--port="):
            return int(arg.split("=", 1)[1])
    name = module.rsplit(".", 1)[-1].upper()
    return int(os.environ.get(f"POLKU_{name}_PORT", DEFAULT_PORTS.get(module, 8000)))


def main() -> int:
    path = sys.argv[1] if len(sys.argv) > 1 else "/healthz"
    port = int(sys.argv[2]) if len(sys.argv) > 2 else _port(_command_line())
    if port is None:
        return 0
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2) as response:
            return 0 if response.status == 200 else 1
    except OSError:
        return 1


if __name__ == "__main__":
    sys.exit(main())
