"""The in-progress rows of the Idempotency-Key table, which a test can only set up directly."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import uuid
from typing import Any

import pytest

from services.common.calendar import utcnow
from services.employers.leads import service
from services.employers.leads.service import request_hash
from services.employers.models import IdempotencyKey, Lead
from tests.conftest import ServiceApi
from tests.employers.payloads import lead_push


async def _claim(api: ServiceApi, key: str, body: dict[str, object], age: dt.timedelta) -> None:
    async with api.app.state.database.transaction() as session:
        session.add(
            IdempotencyKey(
                client_id="ladec",
                key=key,
                request_hash=request_hash(json.dumps(body).encode()),
                claimed_at=utcnow() - age,
            )
        )


async def _lead_count(api: ServiceApi) -> int:
    async with api.app.state.database.transaction() as session:
        return len((await session.scalars(Lead.__table__.select())).all())


async def test_a_key_still_in_progress_answers_409(crm: ServiceApi) -> None:
    body = lead_push()
    key = str(uuid.uuid4())
    await _claim(crm, key, body, dt.timedelta(seconds=1))

    response = await crm.client.post(
        "/api/v1/leads",
        json=body,
        headers={**crm.as_machine("ladec", "leads:write"), "Idempotency-Key": key},
    )
    assert response.status_code == 409
    assert response.headers["retry-after"]
    assert await _lead_count(crm) == 0


async def test_a_claim_abandoned_long_ago_is_taken_over(crm: ServiceApi) -> None:
    body = lead_push()
    key = str(uuid.uuid4())
    await _claim(crm, key, body, dt.timedelta(hours=1))

    response = await crm.client.post(
        "/api/v1/leads",
        json=body,
        headers={**crm.as_machine("ladec", "leads:write"), "Idempotency-Key": key},
    )
    assert response.status_code == 201
    assert await _lead_count(crm) == 1


async def test_the_claim_of_a_killed_push_is_free_again_within_ten_seconds(
    crm: ServiceApi,
) -> None:
    """Finding 12: a push that died stopped renewing its lease six seconds ago; the LADEC
    retry is processed instead of getting 409 for two minutes."""
    body = lead_push()
    key = str(uuid.uuid4())
    await _claim(crm, key, body, dt.timedelta(seconds=6))

    response = await crm.client.post(
        "/api/v1/leads",
        json=body,
        headers={**crm.as_machine("ladec", "leads:write"), "Idempotency-Key": key},
    )
    assert response.status_code == 201, response.text
    assert await _lead_count(crm) == 1


async def _claimed_at(api: ServiceApi, key: str) -> dt.datetime:
    async with api.app.state.database.transaction() as session:
        row = await session.get(IdempotencyKey, ("ladec", key))
        assert row is not None
        return row.claimed_at


async def test_a_live_push_renews_its_lease_so_a_duplicate_still_gets_409(
    crm: ServiceApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    lease = 0.3
    monkeypatch.setattr(crm.app.state.settings, "idempotency_claim_lease_seconds", lease)
    release = asyncio.Event()
    started = asyncio.Event()
    receive = service._receive_push

    async def slow_receive(*args: Any) -> Any:
        started.set()
        await release.wait()
        return await receive(*args)

    monkeypatch.setattr(service, "_receive_push", slow_receive)
    body = lead_push()
    key = str(uuid.uuid4())
    headers = {**crm.as_machine("ladec", "leads:write"), "Idempotency-Key": key}
    first = asyncio.create_task(crm.client.post("/api/v1/leads", json=body, headers=headers))
    await asyncio.wait_for(started.wait(), 10)
    taken = await _claimed_at(crm, key)

    await asyncio.sleep(lease * 4)
    assert await _claimed_at(crm, key) > taken, "the lease is renewed while the push runs"
    # Bounded: a duplicate that took the key over would wait on the same gate.
    duplicate = await asyncio.wait_for(
        crm.client.post("/api/v1/leads", json=body, headers=headers), 10
    )
    assert duplicate.status_code == 409
    assert duplicate.headers["retry-after"]

    release.set()
    answered = await asyncio.wait_for(first, 10)
    assert answered.status_code == 201, answered.text
    retry = await crm.client.post("/api/v1/leads", json=body, headers=headers)
    assert (retry.status_code, retry.json()) == (201, answered.json())
    assert await _lead_count(crm) == 1


async def test_keys_belong_to_their_client(crm: ServiceApi) -> None:
    key = {"Idempotency-Key": "shared-key"}
    first = await crm.client.post(
        "/api/v1/leads", json=lead_push(), headers={**crm.as_machine("ladec", "leads:write"), **key}
    )
    second = await crm.client.post(
        "/api/v1/leads", json=lead_push(), headers={**crm.as_machine("other", "leads:write"), **key}
    )
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] != second.json()["id"]


async def _answered(api: ServiceApi, key: str, age: dt.timedelta) -> None:
    async with api.app.state.database.transaction() as session:
        row = await session.get(IdempotencyKey, ("ladec", key))
        assert row is not None
        row.completed_at = utcnow() - age


async def test_answered_keys_are_kept_for_the_retention_period_and_then_forgotten(
    crm: ServiceApi,
) -> None:
    """30 days by default: a retry within them gets the first answer; after them the key is
    gone and the same push is a new one, refused because the lead is already known."""
    headers = crm.as_machine("ladec", "leads:write")
    recent, old = lead_push(), lead_push()
    recent_key, old_key = str(uuid.uuid4()), str(uuid.uuid4())
    for body, key in ((recent, recent_key), (old, old_key)):
        first = await crm.client.post(
            "/api/v1/leads", json=body, headers={**headers, "Idempotency-Key": key}
        )
        assert first.status_code == 201
    await _answered(crm, recent_key, dt.timedelta(days=29))
    await _answered(crm, old_key, dt.timedelta(days=31))

    retry = await crm.client.post(
        "/api/v1/leads", json=recent, headers={**headers, "Idempotency-Key": recent_key}
    )
    assert retry.status_code == 201
    async with crm.app.state.database.transaction() as session:
        assert await session.get(IdempotencyKey, ("ladec", old_key)) is None
        assert await session.get(IdempotencyKey, ("ladec", recent_key)) is not None

    late = await crm.client.post(
        "/api/v1/leads", json=old, headers={**headers, "Idempotency-Key": old_key}
    )
    assert late.status_code == 409
    assert await _lead_count(crm) == 2
