"""The SPA in headless Chromium against the whole running system (started like `make run`,
with the demo data): the e2e specs in frontend/e2e, axe on every page included."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import POSTGRES_URL
from tests.system import ROOT, RunningSystem, running_system

pytestmark = [pytest.mark.system, pytest.mark.slow]


@pytest.fixture(scope="module")
def demo_system(tmp_path_factory: pytest.TempPathFactory, run_id: str) -> Iterator[RunningSystem]:
    if not (ROOT / "frontend" / "dist" / "index.html").exists():
        pytest.fail("The SPA is not built: `make test` builds it (cd frontend && npm run build).")
    folder: Path = tmp_path_factory.mktemp("browser")
    with running_system(folder, POSTGRES_URL, f"e2e_{run_id}", demo=True) as system:
        yield system


def test_the_spa_end_to_end_in_chromium(demo_system: RunningSystem) -> None:
    chromium = os.environ.get("POLKU_CHROMIUM") or shutil.which("chromium")
    if chromium is None:
        pytest.fail("Chromium is missing: apt-get install -y chromium (make test does it as root).")
    result = subprocess.run(
        # POLKU_E2E_FILTER runs only the specs whose title holds it (while working on one).
        ["npm", "run", "--silent", "e2e", "--", os.environ.get("POLKU_E2E_FILTER", "")],
        cwd=ROOT / "frontend",
        env={
            # Screenshots are for a person running the specs by hand; here nobody sees them.
            "POLKU_E2E_SCREENSHOTS": "0",
            **os.environ,
            "POLKU_BASE_URL": demo_system.gateway_url,
            "POLKU_CHROMIUM": chromium,
        },
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    print(result.stdout[-20000:])
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-4000:]
