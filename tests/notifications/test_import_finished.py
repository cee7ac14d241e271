"""The person who started a history import hears when it has finished, whether it was
written or only checked, and nobody else does."""

from __future__ import annotations

from tests.clients.test_imports import _follow, _start, history_csv
from tests.notifications.conftest import Desk


async def test_the_team_lead_hears_that_her_import_has_finished(desk: Desk) -> None:
    checked = await _start(desk.clients, history_csv(3), dry_run="true")
    await _follow(desk.clients, checked)
    imported = await _start(desk.clients, history_csv(3))
    await _follow(desk.clients, imported)
    await desk.follow()

    finished = [i for i in await desk.listed("lead") if i["kind"] == "import_finished"]
    assert sorted((i["object_type"], i["object_id"]) for i in finished) == sorted(
        [("import", checked), ("import", imported)]
    )
    # The imported clients are wac1's and bc1's, but the import is the lead's news only.
    for other in ("wac1", "bc1", "admin"):
        assert [i for i in await desk.listed(other) if i["kind"] == "import_finished"] == []
