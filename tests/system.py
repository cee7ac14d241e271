"""The whole system as real processes: the gateway and five services, each with its own
database, talking real HTTP — for the contract tests and the end-to-end browser test."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from services.common.testing import drop_test_databases, migrated_test_database

SERVICES = ("clients", "employers", "referrals", "metrics", "notifications")
ROUTES = {
    "clients": "clients",
    "registrations": "clients",
    "employers": "employers",
    "leads": "employers",
    "recruitment-events": "employers",
    "referrals": "referrals",
    "partners": "referrals",
    "metrics": "metrics",
    "notifications": "notifications",
}
ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class RunningSystem:
    folder: Path
    env: dict[str, str]
    ports: dict[str, int]
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    @property
    def gateway_url(self) -> str:
        return f"http://127.0.0.1:{self.ports['gateway']}"

    def url(self, process: str) -> str:
        return f"http://127.0.0.1:{self.ports[process]}"

    def _command(self, process: str) -> list[str]:
        module = "gateway" if process == "gateway" else f"services.{process}"
        return [sys.executable, "-m", module, "serve", "--port", str(self.ports[process])]

    def start(self, process: str) -> None:
        log = (self.folder / f"{process}.log").open("ab")
        self.processes[process] = subprocess.Popen(
            self._command(process),
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.wait_ready(process)

    def stop(self, process: str) -> None:
        proc = self.processes.pop(process, None)
        if proc is None:
            return
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def staff_token(self, username: str) -> str:
        """An access token of a demo staff account, signed in through the gateway."""
        response = httpx.post(
            f"{self.gateway_url}/auth/login", json={"username": username, "password": "polku"}
        )
        assert response.status_code == 200, response.text
        token: str = response.json()["access_token"]
        return token

    def staff_headers(self, username: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.staff_token(username)}"}

    def kill(self, process: str) -> None:
        """SIGKILL: no shutdown handler runs, as when the machine or the pod dies."""
        proc = self.processes.pop(process)
        proc.kill()
        proc.wait()

    def database_url(self, process: str) -> str:
        return self.env[f"POLKU_{process.upper()}_DATABASE_URL"]

    def wait_ready(self, process: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            proc = self.processes[process]
            if proc.poll() is not None:
                log = (self.folder / f"{process}.log").read_text()[-3000:]
                raise RuntimeError(f"{process} exited with {proc.returncode}:\n{log}")
            try:
                if httpx.get(f"{self.url(process)}/readyz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"{process} did not become ready in {timeout} s")

    def stop_all(self) -> None:
        for process in list(self.processes):
            self.stop(process)

    def run_module(self, module: str, *args: str) -> None:
        subprocess.run(
            [sys.executable, "-m", module, *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


@contextmanager
def running_system(
    folder: Path,
    postgres_url: str | None,
    name_suffix: str,
    *,
    demo: bool = False,
    services: tuple[str, ...] = SERVICES,
    settings: dict[str, str] | None = None,
) -> Iterator[RunningSystem]:
    """The gateway and `services` as real processes; `settings` adds POLKU_ variables."""
    ports = {"gateway": free_port(), **{s: free_port() for s in SERVICES}}
    gateway = f"http://127.0.0.1:{ports['gateway']}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLKU_")}
    env.update(
        {
            "POLKU_ENV": "test",
            "POLKU_ISSUER": gateway,
            "POLKU_JWKS_URL": f"{gateway}/.well-known/jwks.json",
            "POLKU_TOKEN_URL": f"{gateway}/auth/token",
            "POLKU_GATEWAY_URL": gateway,
            "POLKU_GATEWAY_SIGNING_KEY_PATH": str(folder / "signing-key.pem"),
            "POLKU_GATEWAY_PASSWORD_HASH_TIME_COST": "1",
            "POLKU_GATEWAY_PASSWORD_HASH_MEMORY_KIB": "1024",
            "POLKU_GATEWAY_UPSTREAM_TIMEOUT_SECONDS": "5",
            "POLKU_GATEWAY_SPA_DIR": str(ROOT / "frontend" / "dist"),
            "POLKU_GATEWAY_ROUTES": json.dumps(
                {segment: f"http://127.0.0.1:{ports[s]}" for segment, s in ROUTES.items()}
            ),
            # Pending effects retried every second, so the outage test heals quickly.
            "POLKU_REFERRALS_BACKGROUND_INTERVAL_SECONDS": "1",
            "POLKU_REFERRALS_EFFECT_RETRY_INITIAL_SECONDS": "1",
            "POLKU_NOTIFICATIONS_APP_URL": gateway,
            "POLKU_NOTIFICATIONS_MAILDIR": str(folder / "mail"),
            "POLKU_NOTIFICATIONS_TEXTS_FOLDER": str(folder / "texts"),
            "POLKU_NOTIFICATIONS_POLL_SECONDS": "0.5",
        }
    )
    # Every service finds every other one here, whichever peers its settings name: a peer
    # left out would be sought at its `make run` port and answer nothing.
    env.update(
        {
            f"POLKU_{service.upper()}_{peer.upper()}_URL": f"http://127.0.0.1:{ports[peer]}"
            for service in SERVICES
            for peer in SERVICES
            if peer != service
        }
    )
    env.update(settings or {})
    for process in ("gateway", *services):
        package = "gateway" if process == "gateway" else f"services.{process}"
        url = migrated_test_database(
            package, postgres_url, f"polku_{name_suffix}_{process}", folder
        )
        env[f"POLKU_{process.upper()}_DATABASE_URL"] = url
    system = RunningSystem(folder=folder, env=env, ports=ports)
    system.run_module("gateway", "seed-demo")
    if demo:
        for service in services:
            system.run_module(f"services.{service}", "seed-demo")
    try:
        for process in ("gateway", *services):
            system.start(process)
        yield system
    finally:
        system.stop_all()
        if postgres_url:
            drop_test_databases(
                postgres_url, [f"polku_{name_suffix}_{p}" for p in ("gateway", *services)]
            )
