"""The event feed never skips an event that commits late, and never serves one twice."""

from __future__ import annotations

import asyncio
import random
import uuid

import pytest

from services.common.events import emit, write_pending_events
from services.common.testing import stand_in_outbox
from tests.conftest import ServiceApi

# Made-up event types, written into the clients service's outbox table.
outbox = stand_in_outbox()

WRITERS = 24
EVENTS_PER_WRITER = 10


async def _write(api: ServiceApi, writer: int) -> list[str]:
    written: list[str] = []
    for n in range(EVENTS_PER_WRITER):
        async with api.app.state.database.sessionmaker() as session:
            event_id = emit(
                session, outbox, "test.happened", uuid.uuid4(), {"writer": writer, "n": n}
            )
            # The row (and its seq) is written, then the commit comes late: the case the
            # feed must survive without skipping this event.
            await write_pending_events(session)
            await asyncio.sleep(random.uniform(0, 0.03))
            await session.commit()
        written.append(str(event_id))
    return written


async def _read_until(
    api: ServiceApi, expected: int, stop: asyncio.Event
) -> list[dict[str, object]]:
    headers = api.as_machine("svc-metrics", "events:read")
    seen: list[dict[str, object]] = []
    cursor = "0"
    while len(seen) < expected:
        response = await api.client.get(f"/internal/events?after={cursor}&limit=7", headers=headers)
        assert response.status_code == 200
        body = response.json()
        seen.extend(body["events"])
        cursor = body["next_cursor"]
        if not body["events"]:
            if stop.is_set() and len(seen) < expected:
                # Writers are done: one more pass must bring the rest, or events were skipped.
                final = await api.client.get(
                    f"/internal/events?after={cursor}&limit=1000", headers=headers
                )
                seen.extend(final.json()["events"])
                break
            await asyncio.sleep(0.002)
    return seen


async def _run(api: ServiceApi) -> None:
    stop = asyncio.Event()
    reader = asyncio.create_task(_read_until(api, WRITERS * EVENTS_PER_WRITER, stop))
    written_lists = await asyncio.gather(*(_write(api, w) for w in range(WRITERS)))
    stop.set()
    seen = await asyncio.wait_for(reader, timeout=60)

    written = {event_id for ids in written_lists for event_id in ids}
    seen_ids = [str(e["id"]) for e in seen]
    seqs = [int(str(e["seq"])) for e in seen]
    assert len(seen_ids) == len(set(seen_ids)), "an event was served twice"
    assert set(seen_ids) == written, "an event was skipped"
    assert seqs == sorted(seqs), "events came out of seq order"


@pytest.mark.postgres_only
async def test_concurrent_writers_and_a_polling_reader_on_postgres(clients_api: ServiceApi) -> None:
    await _run(clients_api)


async def test_concurrent_writers_and_a_polling_reader(clients_api: ServiceApi) -> None:
    """The same guarantee on the embedded default (SQLite's single writer)."""
    await _run(clients_api)


async def test_event_shape_and_cursor(clients_api: ServiceApi) -> None:
    async with clients_api.app.state.database.transaction() as session:
        emit(session, outbox, "client.created", "c-1", {"municipality": "Lahti"})
        emit(session, outbox, "client.updated", "c-1", {"municipality": "Hollola"})
    headers = clients_api.as_machine("svc-metrics", "events:read")
    first = (await clients_api.client.get("/internal/events?limit=1", headers=headers)).json()
    assert [e["type"] for e in first["events"]] == ["client.created"]
    assert set(first["events"][0]) == {"seq", "id", "type", "occurred_at", "subject_id", "data"}
    rest = (
        await clients_api.client.get(
            f"/internal/events?after={first['next_cursor']}", headers=headers
        )
    ).json()
    assert [e["type"] for e in rest["events"]] == ["client.updated"]
    empty = (
        await clients_api.client.get(
            f"/internal/events?after={rest['next_cursor']}", headers=headers
        )
    ).json()
    assert empty == {"events": [], "next_cursor": rest["next_cursor"]}


async def test_a_rolled_back_change_emits_nothing(clients_api: ServiceApi) -> None:
    async def failing_change() -> None:
        async with clients_api.app.state.database.transaction() as session:
            emit(session, outbox, "client.created", "c-2", {})
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        await failing_change()
    headers = clients_api.as_machine("svc-metrics", "events:read")
    assert (await clients_api.client.get("/internal/events", headers=headers)).json()[
        "events"
    ] == []
