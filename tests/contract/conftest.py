from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import POSTGRES_URL
from tests.system import RunningSystem, running_system


@pytest.fixture(scope="session")
def system(tmp_path_factory: pytest.TempPathFactory, run_id: str) -> Iterator[RunningSystem]:
    folder: Path = tmp_path_factory.mktemp("system")
    with running_system(folder, POSTGRES_URL, f"contract_{run_id}") as running:
        yield running
