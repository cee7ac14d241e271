"""CONTRACTS §2, row by row (429 is the gateway's): every test takes a `LeadsTarget`, so the
gateway's tests can run the same functions through the gateway with real tokens."""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

import httpx
import pytest

from tests.employers.conftest import LeadsTarget
from tests.employers.payloads import lead_push

LEADS = "/api/v1/leads"


def key() -> dict[str, str]:
    return {"Idempotency-Key": f"key-{uuid.uuid4()}"}


async def push(
    target: LeadsTarget, body: Any, headers: dict[str, str], *, as_: dict[str, str] | None = None
) -> httpx.Response:
    return await target.client.post(LEADS, json=body, headers={**(as_ or target.ladec), **headers})


async def stored_leads(target: LeadsTarget) -> set[str]:
    """The ids of every lead on record (the target may hold demo data and earlier tests')."""
    ids: set[str] = set()
    cursor: str | None = None
    while True:
        params: dict[str, str | int] = {"limit": 200, **({"cursor": cursor} if cursor else {})}
        response = await target.client.get(LEADS, params=params, headers=target.coordinator)
        assert response.status_code == 200
        ids.update(lead["id"] for lead in response.json()["items"])
        cursor = response.json()["next_cursor"]
        if cursor is None:
            return ids


async def test_a_new_lead_is_created_with_its_contact_due(leads_target: LeadsTarget) -> None:
    body = lead_push(received_at="2026-11-20T10:00:00+02:00")  # a Friday
    response = await push(leads_target, body, key())

    assert response.status_code == 201
    lead = response.json()
    assert lead["external_id"] == body["external_id"]
    assert lead["status"] == "new"
    assert lead["contact_due"] == "2026-11-25"  # Mon, Tue, Wed
    assert lead["received_at"].startswith("2026-11-20T08:00:00")
    assert uuid.UUID(lead["employer_id"])
    assert response.headers["location"] == f"{LEADS}/{lead['id']}"

    again = await leads_target.client.get(response.headers["location"], headers=leads_target.ladec)
    assert again.status_code == 200
    assert again.json()["id"] == lead["id"]
    assert again.json()["status"] == "new"
    assert again.json()["close_reason"] is None


async def test_a_retry_gets_the_first_response_again(leads_target: LeadsTarget) -> None:
    before = await stored_leads(leads_target)
    body = lead_push()
    headers = key()
    first = await push(leads_target, body, headers)
    # The same body with other key order and spacing is the same request.
    reordered = json.dumps(dict(reversed(list(body.items()))), indent=2)
    retry = await leads_target.client.post(
        LEADS,
        content=reordered,
        headers={**leads_target.ladec, **headers, "Content-Type": "application/json"},
    )

    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert retry.headers["location"] == first.headers["location"]
    assert await stored_leads(leads_target) - before == {first.json()["id"]}


async def test_the_same_key_with_another_body_is_refused(leads_target: LeadsTarget) -> None:
    before = await stored_leads(leads_target)
    headers = key()
    body = lead_push()
    first = await push(leads_target, body, headers)
    changed = await push(leads_target, {**body, "positions": 3}, headers)

    assert first.status_code == 201
    assert changed.status_code == 422
    assert changed.headers["content-type"] == "application/problem+json"
    assert await stored_leads(leads_target) - before == {first.json()["id"]}


async def test_a_push_without_an_idempotency_key_is_a_bad_request(
    leads_target: LeadsTarget,
) -> None:
    before = await stored_leads(leads_target)
    for headers in ({}, {"Idempotency-Key": ""}, {"Idempotency-Key": "k" * 256}):
        response = await push(leads_target, lead_push(), headers)
        assert response.status_code == 400, headers
        assert response.json()["status"] == 400
    assert await stored_leads(leads_target) == before


async def test_a_new_key_for_a_known_external_id_names_the_existing_lead(
    leads_target: LeadsTarget,
) -> None:
    before = await stored_leads(leads_target)
    body = lead_push()
    first = await push(leads_target, body, key())
    second = await push(leads_target, {**body, "need": "One more helper"}, key())

    assert second.status_code == 409
    assert first.json()["id"] in second.json()["detail"]
    assert await stored_leads(leads_target) - before == {first.json()["id"]}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"external_id": None}, "external_id"),
        ({"business_id": None}, "business_id"),
        ({"company_name": None}, "company_name"),
        ({"need": None}, "need"),
        ({"received_at": None}, "received_at"),
        ({"business_id": "1572860-1"}, "business_id"),  # wrong check digit
        ({"business_id": "123"}, "business_id"),
        ({"industry": "Z"}, "industry"),
        ({"received_at": "2026-11-20T10:00:00"}, "received_at"),  # no offset
        ({"positions": 0}, "positions"),
        ({"contact": {"email": "not-an-address"}}, "contact"),
    ],
)
async def test_an_invalid_body_is_refused_naming_the_field(
    leads_target: LeadsTarget, change: dict[str, Any], field: str
) -> None:
    before = await stored_leads(leads_target)
    body = {k: v for k, v in {**lead_push(), **change}.items() if v is not None}
    response = await push(leads_target, body, key())

    assert response.status_code == 422
    problem = response.json()
    assert problem["status"] == 422
    assert any(error["loc"][:2] == ["body", field] for error in problem["errors"]), problem
    assert await stored_leads(leads_target) == before


async def test_a_body_that_is_not_json_is_refused(leads_target: LeadsTarget) -> None:
    response = await leads_target.client.post(
        LEADS,
        content=b"{not json",
        headers={**leads_target.ladec, **key(), "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert response.json()["errors"]


async def test_scopes_are_enforced(leads_target: LeadsTarget) -> None:
    before = await stored_leads(leads_target)
    no_token = await leads_target.client.post(LEADS, json=lead_push(), headers=key())
    reader = await push(leads_target, lead_push(), key(), as_=leads_target.reader_only)
    other = await push(leads_target, lead_push(), key(), as_=leads_target.other_machine)
    staff = await push(leads_target, lead_push(), key(), as_=leads_target.coordinator)

    assert no_token.status_code == 401
    assert reader.status_code == other.status_code == staff.status_code == 403
    assert await stored_leads(leads_target) == before

    created = await push(leads_target, lead_push(), key())
    location = created.headers["location"]
    assert (await leads_target.client.get(location)).status_code == 401
    assert (
        await leads_target.client.get(location, headers=leads_target.writer_only)
    ).status_code == 403
    assert (
        await leads_target.client.get(location, headers=leads_target.other_machine)
    ).status_code == 403


async def test_a_machine_client_cannot_read_another_clients_lead(
    leads_target: LeadsTarget,
) -> None:
    created = await push(leads_target, lead_push(), key())
    # `reader_only` is a different client id from `ladec`: the lead is not its business.
    response = await leads_target.client.get(
        created.headers["location"], headers=leads_target.reader_only
    )
    assert response.status_code == 404


async def test_an_unknown_lead_is_not_found(leads_target: LeadsTarget) -> None:
    response = await leads_target.client.get(f"{LEADS}/{uuid.uuid4()}", headers=leads_target.ladec)
    assert response.status_code == 404


async def test_ten_concurrent_identical_pushes_make_one_lead(leads_target: LeadsTarget) -> None:
    """The real race is on PostgreSQL; on SQLite the writes queue, and the answers must agree."""
    before = await stored_leads(leads_target)
    body = lead_push()
    headers = key()
    responses = await asyncio.gather(*(push(leads_target, body, headers) for _ in range(10)))

    created = [r for r in responses if r.status_code == 201]
    assert created, [r.status_code for r in responses]
    first = created[0].json()
    for response in responses:
        assert response.status_code in (201, 409), response.text
        if response.status_code == 201:
            assert response.json() == first
            assert response.headers["location"] == f"{LEADS}/{first['id']}"
    assert await stored_leads(leads_target) - before == {first["id"]}

    retry = await push(leads_target, body, headers)
    assert retry.status_code == 201
    assert retry.json() == first


async def test_concurrent_pushes_of_one_external_id_under_new_keys_make_one_lead(
    leads_target: LeadsTarget,
) -> None:
    before = await stored_leads(leads_target)
    body = lead_push()
    responses = await asyncio.gather(*(push(leads_target, body, key()) for _ in range(6)))

    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201, 409, 409, 409, 409, 409]
    winner = next(r.json()["id"] for r in responses if r.status_code == 201)
    assert all(winner in r.json()["detail"] for r in responses if r.status_code == 409)
    assert await stored_leads(leads_target) - before == {winner}
