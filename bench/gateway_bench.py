"""Gateway benchmark: one authenticated, database-backed endpoint called directly, through
the gateway and through nginx, at 1 and at 32 connections (wrk), on PostgreSQL.

    python -m bench.gateway_bench [--seconds 10]

Needs wrk and nginx (Debian packages) and PostgreSQL (POLKU_BENCH_DATABASE_URL, default
postgresql+asyncpg://postgres@127.0.0.1:5432/postgres).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from services.common.migrations import run_coroutine_blocking
from tests.system import running_system

ROOT = Path(__file__).resolve().parent.parent
ENDPOINT = "/api/v1/partners?limit=20"
_LATENCY = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
_RPS = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)


def _milliseconds(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, token: str, connections: int, seconds: int) -> dict[str, float]:
    threads = 1 if connections == 1 else 2
    output = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-H",
            f"Authorization: Bearer {token}",
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    latencies = {
        m.group(1): _milliseconds(m.group(2), m.group(3)) for m in _LATENCY.finditer(output)
    }
    rps = _RPS.search(output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} failed responses:\n{output}")
    return {
        "rps": float(rps.group(1)) if rps else 0.0,
        "p50": latencies["50"],
        "p99": latencies["99"],
    }


async def _fill_partners(database_url: str) -> None:
    engine = create_async_engine(database_url)
    async with engine.begin() as conn:
        for n in range(40):
            await conn.execute(
                text(
                    "INSERT INTO partner (id, name, kind, description, active) "
                    "VALUES (:id, :name, 'health', 'Benchmark partner', true)"
                ),
                {"id": uuid.uuid4(), "name": f"Bench partner {n:02d}"},
            )
    await engine.dispose()


def start_nginx(folder: Path, upstream_port: int, listen_port: int) -> subprocess.Popen[bytes]:
    template = (ROOT / "infra" / "nginx" / "bench-proxy.conf.template").read_text()
    temp_dir = folder / "nginx"
    temp_dir.mkdir(exist_ok=True)
    config = template
    for key, value in {
        "pid_file": str(folder / "nginx.pid"),
        "error_log": str(folder / "nginx-error.log"),
        "temp_dir": str(temp_dir),
        "upstream_port": str(upstream_port),
        "listen_port": str(listen_port),
    }.items():
        config = config.replace("{" + key + "}", value)
    path = folder / "nginx.conf"
    path.write_text(config)
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    return subprocess.Popen([nginx, "-c", str(path), "-e", str(folder / "nginx-error.log")])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            sys.exit(f"{tool} is missing: apt-get install -y {tool}")
    postgres = os.environ.get(
        "POLKU_BENCH_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
    )
    with (
        tempfile.TemporaryDirectory() as tmp,
        running_system(Path(tmp), postgres, "bench", services=("referrals",)) as system,
    ):
        system.env["POLKU_LOG_LEVEL"] = "WARNING"
        run_coroutine_blocking(_fill_partners(system.env["POLKU_REFERRALS_DATABASE_URL"]))
        token = httpx.post(
            f"{system.gateway_url}/auth/login", json={"username": "wac1", "password": "polku"}
        ).json()["access_token"]
        from tests.system import free_port

        nginx_port = free_port()
        nginx = start_nginx(Path(tmp), system.ports["referrals"], nginx_port)
        try:
            targets = {
                "direct": f"{system.url('referrals')}{ENDPOINT}",
                "gateway": f"{system.gateway_url}{ENDPOINT}",
                "nginx": f"http://127.0.0.1:{nginx_port}{ENDPOINT}",
            }
            for url in targets.values():  # warm up connections, caches and JIT-free paths
                wrk(url, token, 8, 2)
            results = {
                (name, c): wrk(url, token, c, args.seconds)
                for c in (1, 32)
                for name, url in targets.items()
            }
        finally:
            nginx.terminate()
            nginx.wait()
    print(f"\nGET {ENDPOINT} (authenticated, PostgreSQL-backed), wrk {args.seconds} s per cell\n")
    print(f"{'path':<10}{'conns':>6}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}")
    for (name, c), r in results.items():
        print(f"{name:<10}{c:>6}{r['rps']:>10.0f}{r['p50']:>9.2f}{r['p99']:>9.2f}")
    d1, g1 = results[("direct", 1)], results[("gateway", 1)]
    d32, g32, n32 = results[("direct", 32)], results[("gateway", 32)], results[("nginx", 32)]
    print(f"\ngateway adds {g1['p50'] - d1['p50']:.2f} ms at p50 (1 connection; goal <= 1 ms)")
    print(
        f"gateway keeps {g32['rps'] / d32['rps']:.0%} of direct req/s at 32 connections "
        f"(goal >= 50%); nginx keeps {n32['rps'] / d32['rps']:.0%}"
    )


if __name__ == "__main__":
    main()
