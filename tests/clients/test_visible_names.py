"""`visible_only` names: only the clients the person may open under the access policy."""

from __future__ import annotations

from typing import Any

import pytest

from tests.clients.support import CLIENTS, as_, enrolled
from tests.conftest import ServiceApi

NAMES = "/internal/clients/names"

# Client A: referred by the coach, wac1 responsible. Client B: wac2's own client.
VISIBLE = [
    ("wac1", {"A"}),  # the client's own coordinator
    ("wac2", {"B"}),  # a coordinator unrelated to A
    ("lead", {"A", "B"}),  # the team lead sees the unit's clients
    ("coach", {"A"}),  # the coach who referred A, unrelated to B
]


async def _names(api: ServiceApi, reader: str, ids: list[str], **extra: Any) -> Any:
    response = await api.client.post(
        NAMES,
        json={"client_ids": ids, **extra},
        headers={**api.as_machine("svc-employers", "internal"), "X-On-Behalf-Of": reader},
    )
    assert response.status_code == 200, response.text
    return response.json()["items"]


@pytest.mark.parametrize(("reader", "expected"), VISIBLE)
async def test_visible_only_names_whom_the_reader_may_open(
    api: ServiceApi, reader: str, expected: set[str]
) -> None:
    client_a, _ = await enrolled(api, coordinator="wac1", by="coach")
    client_b, _ = await enrolled(api, coordinator="wac2", by="wac2")
    letter = {client_a: "A", client_b: "B"}
    items = await _names(api, reader, [client_a, client_b], visible_only=True)
    assert {letter[i["client_id"]] for i in items} == expected


async def test_a_name_left_out_is_not_logged_as_read(api: ServiceApi) -> None:
    client_a, _ = await enrolled(api, coordinator="wac1", by="coach")
    assert await _names(api, "wac2", [client_a], visible_only=True) == []
    log = await api.client.get(f"{CLIENTS}/{client_a}/access-log", headers=as_(api, "lead"))
    assert not [e for e in log.json() if e["actor"] == "wac2" and e["action"] == "read_name"]
    # Without `visible_only` the asking service has decided itself, as before.
    assert len(await _names(api, "wac2", [client_a])) == 1
