"""Issue 6, acceptance 2 with a real kill: the metrics process is SIGKILLed in the middle of
its first catch-up over the demo data, started again, and its figures are compared with an
uninterrupted catch-up from an empty read model."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from services.common.calendar import helsinki_today
from services.common.testing import migrated_test_database
from services.metrics.definitions import INDICATORS
from services.metrics.models import FeedCursor
from tests.conftest import POSTGRES_URL
from tests.system import RunningSystem, running_system

pytestmark = pytest.mark.system

SUFFIX = "metrics_kill"


@pytest.fixture(scope="module")
def demo_system(tmp_path_factory: pytest.TempPathFactory, run_id: str) -> Iterator[RunningSystem]:
    folder: Path = tmp_path_factory.mktemp("metrics_kill")
    # One event per batch: the first catch-up takes hundreds of transactions, so there is
    # a middle to kill it in.
    settings = {"POLKU_METRICS_INGEST_BATCH_SIZE": "1"}
    with running_system(
        folder, POSTGRES_URL, f"{SUFFIX}_{run_id}", demo=True, settings=settings
    ) as running:
        yield running


def _clients_cursor(url: str) -> int:
    async def read() -> int:
        engine = create_async_engine(url, poolclass=NullPool)
        try:
            async with engine.connect() as connection:
                found = await connection.scalar(
                    select(FeedCursor.last_seq).where(FeedCursor.source == "clients")
                )
                return int(found or 0)
        finally:
            await engine.dispose()

    return asyncio.run(read())


def _empty_read_model(system: RunningSystem, run_id: str) -> None:
    """Stop the metrics process and give it a new, empty database at the same address."""
    system.stop("metrics")
    migrated_test_database(
        "services.metrics", POSTGRES_URL, f"polku_{SUFFIX}_{run_id}_metrics", system.folder
    )


def _figures(system: RunningSystem) -> dict[str, Any]:
    """Catch up (admin) and read every indicator as the team lead, by month and in total."""
    admin, lead = system.staff_headers("admin"), system.staff_headers("lead")
    # Straight to the service: one event per batch makes this catch-up outlast the
    # gateway's upstream timeout.
    caught_up = httpx.post(
        f"{system.url('metrics')}/api/v1/metrics/catch-up", headers=admin, timeout=120
    )
    assert caught_up.status_code == 200, caught_up.text
    assert {s["status"] for s in caught_up.json()["sources"]} == {"ok"}
    figures = {}
    with httpx.Client(base_url=system.gateway_url, timeout=30) as gateway:
        for indicator in INDICATORS:
            for group_by in ("month", ""):
                response = gateway.get(
                    f"/api/v1/metrics/{indicator.id}",
                    params={
                        "from": "2024-01-01",
                        "to": helsinki_today().isoformat(),
                        "group_by": group_by,
                    },
                    headers=lead,
                )
                assert response.status_code == 200, response.text
                figures[f"{indicator.id}/{group_by}"] = response.json()["rows"]
    return figures


def test_a_killed_catch_up_resumes_to_the_same_figures(
    demo_system: RunningSystem, run_id: str
) -> None:
    system = demo_system
    _empty_read_model(system, run_id)
    system.start("metrics")
    deadline = time.monotonic() + 60
    position = 0
    while position < 50:
        assert time.monotonic() < deadline, "the consumer did not start"
        time.sleep(0.01)
        position = _clients_cursor(system.database_url("metrics"))
    system.kill("metrics")
    killed_at = _clients_cursor(system.database_url("metrics"))

    system.start("metrics")
    after_restart = _figures(system)
    end = _clients_cursor(system.database_url("metrics"))
    assert 50 <= killed_at < end, "killed in the middle of the clients feed"

    _empty_read_model(system, run_id)
    system.start("metrics")
    uninterrupted = _figures(system)

    assert after_restart == uninterrupted
    counted = [key for key, rows in uninterrupted.items() if rows]
    assert len(counted) >= 8, f"the demo data fills most indicators, not only {counted}"
