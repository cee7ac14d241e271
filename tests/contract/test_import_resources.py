"""Issue 11, acceptance 7 (the import half), on real processes: a zip-bomb XLSX and a CSV
over the row cap are refused with a clear error, and a real XLSX is read, while the
clients service's `/healthz` answers within a second throughout."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.clients.test_imports import XLSX_TYPE, history_csv, xlsx, zip_bomb_xlsx
from tests.conftest import POSTGRES_URL
from tests.system import RunningSystem, running_system

pytestmark = pytest.mark.system

MAX_ROWS = 10_000


@pytest.fixture(scope="module")
def capped_system(tmp_path_factory: pytest.TempPathFactory, run_id: str) -> Iterator[RunningSystem]:
    folder: Path = tmp_path_factory.mktemp("import_resources")
    settings = {"POLKU_CLIENTS_IMPORT_MAX_ROWS": str(MAX_ROWS)}
    with running_system(
        folder, POSTGRES_URL, f"imports_{run_id}", services=("clients",), settings=settings
    ) as running:
        yield running


class Prober(threading.Thread):
    """GET /healthz every 50 ms from another thread, keeping the slowest answer."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url = url
        self.samples: list[tuple[float, float]] = []  # (sent at, seconds to answer)
        self.failures: list[str] = []
        self.stopped = threading.Event()

    def run(self) -> None:
        with httpx.Client(timeout=10) as client:
            while not self.stopped.is_set():
                began = time.perf_counter()
                try:
                    status = client.get(f"{self.url}/healthz").status_code
                    if status != 200:
                        self.failures.append(f"status {status}")
                except httpx.HTTPError as exc:
                    self.failures.append(type(exc).__name__)
                self.samples.append((began, time.perf_counter() - began))
                self.stopped.wait(0.05)

    def worst(self, start: float = 0.0, end: float = float("inf")) -> float:
        """The slowest answer to a probe sent between `start` and `end`."""
        return max((took for sent, took in self.samples if start <= sent <= end), default=0.0)


def _post(
    system: RunningSystem, headers: dict[str, str], name: str, content: bytes, **form: str
) -> httpx.Response:
    kind = XLSX_TYPE if name.endswith(".xlsx") else "text/csv"
    return httpx.post(
        f"{system.url('clients')}/api/v1/clients/imports",
        files={"file": (name, content, kind)},
        data=form,
        headers=headers,
        timeout=60,
    )


def _refusal(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["errors"][0]["loc"] == ["body", "file"]
    return body


def test_hostile_files_are_refused_while_the_service_keeps_answering(
    capped_system: RunningSystem,
) -> None:
    system = capped_system
    lead = system.staff_headers("lead")
    bomb = zip_bomb_xlsx(300 * 1024 * 1024)
    too_many = history_csv(100_000)
    table = [line.split(";") for line in history_csv(3_000).decode("utf-8-sig").splitlines()]
    real = xlsx(table)

    prober = Prober(system.url("clients"))
    prober.start()
    try:
        phases: dict[str, tuple[float, float]] = {}
        began = time.perf_counter()
        refused = _refusal(_post(system, lead, "vienti.xlsx", bomb))
        phases["bomb"] = (began, time.perf_counter())
        bomb_seconds = time.perf_counter() - began
        assert refused["code"] == "import_file_unpacks_too_large"
        assert "100 MB" in refused["detail"]

        began = time.perf_counter()
        refused = _refusal(_post(system, lead, "vienti.csv", too_many))
        phases["rows"] = (began, time.perf_counter())
        rows_seconds = time.perf_counter() - began
        assert refused["code"] == "import_too_many_rows"
        assert f"{MAX_ROWS:,} rows" in refused["detail"]

        began = time.perf_counter()
        started = _post(system, lead, "vienti.xlsx", real, dry_run="true")
        assert started.status_code == 202, started.text
        url = f"{system.url('clients')}/api/v1/clients/imports/{started.json()['id']}"
        deadline = time.monotonic() + 180
        while (job := httpx.get(url, headers=lead).json())["status"] not in ("done", "failed"):
            assert time.monotonic() < deadline, job
            time.sleep(0.2)
        phases["real"] = (began, time.perf_counter())
        real_seconds = time.perf_counter() - began
        assert (job["status"], job["total_rows"], job["created"]) == ("done", 3_000, 3_000), job
    finally:
        prober.stopped.set()
        prober.join()
    print(
        f"bomb ({len(bomb) / 1e6:.1f} MB packed, 300 MB sheet) refused in {bomb_seconds:.2f} s; "
        f"{len(too_many) / 1e6:.1f} MB CSV of 100,000 rows refused in {rows_seconds:.2f} s; "
        f"3,000-row XLSX dry run {real_seconds:.1f} s; slowest /healthz "
        + ", ".join(f"{name} {prober.worst(*span) * 1000:.0f} ms" for name, span in phases.items())
    )
    assert prober.failures == []
    assert len(prober.samples) > 20
    assert prober.worst() < 1.0
