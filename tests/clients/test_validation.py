"""Acceptance 3: invalid input is refused with 422 naming the field, and nothing changes."""

from __future__ import annotations

from typing import Any

import pytest

from tests.clients.support import CLIENTS, as_, day, enrolled, events, new_client, started
from tests.conftest import ServiceApi


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"personal_identity_code": "131052-308U"}, "personal_identity_code"),
        ({"personal_identity_code": "310252-308T"}, "personal_identity_code"),
        ({"phone": "12"}, "phone"),
        ({"municipality": "Helsinki"}, "municipality"),
        ({"birth_year": 1990, "personal_identity_code": "131052-308T"}, "birth_year"),
    ],
)
async def test_bad_client_fields_are_refused(
    api: ServiceApi, body: dict[str, Any], field: str
) -> None:
    client = await new_client(api, by="wac1")
    before = await events(api)
    response = await api.client.patch(
        f"{CLIENTS}/{client['id']}", json=body, headers=as_(api, "wac1")
    )
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["loc"][-1] == field
    after = (await api.client.get(f"{CLIENTS}/{client['id']}", headers=as_(api, "wac1"))).json()
    assert after["personal_identity_code"] is None
    assert after["phone"] is None
    assert len(await events(api)) == len(before)


async def test_the_2023_century_signs_are_accepted(api: ServiceApi) -> None:
    for code, year in (("010594Y234F", 1994), ("010504B2348", 2004), ("010594y9021", 1994)):
        client = await new_client(api, by="wac1", personal_identity_code=code)
        assert client["birth_year"] == year
        assert client["personal_identity_code"] == code.upper()


@pytest.mark.parametrize(
    ("end", "field"),
    [
        ({"outcome": "promoted", "ended_on": day(0)}, "outcome"),
        ({"outcome": "employed", "ended_on": "2026-02-30"}, "ended_on"),
        ({"outcome": "employed", "ended_on": day(-3)}, "ended_on"),
    ],
)
async def test_bad_ends_are_refused(api: ServiceApi, end: dict[str, Any], field: str) -> None:
    client_id, enrolment_id = await started(api)
    response = await api.client.post(
        f"{CLIENTS}/{client_id}/enrolments/{enrolment_id}/end", json=end, headers=as_(api, "wac1")
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"][-1] == field
    enrolment = (
        await api.client.get(
            f"{CLIENTS}/{client_id}/enrolments/{enrolment_id}", headers=as_(api, "wac1")
        )
    ).json()
    assert enrolment["state"] == "active"
    assert enrolment["outcome"] is None


async def test_ending_an_enrolment_that_never_started_is_refused(api: ServiceApi) -> None:
    client_id, enrolment_id = await enrolled(api)
    response = await api.client.post(
        f"{CLIENTS}/{client_id}/enrolments/{enrolment_id}/end",
        json={"outcome": "employed", "ended_on": day(0)},
        headers=as_(api, "wac1"),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "outcome"]
    assert "enrolment.ended" not in [e["type"] for e in await events(api)]


async def test_a_grade_of_11_is_refused(api: ServiceApi) -> None:
    client_id, _ = await started(api)
    response = await api.client.post(
        f"{CLIENTS}/{client_id}/feedback", json={"grade": 11}, headers=as_(api, "wac1")
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "grade"]
    assert (
        await api.client.get(f"{CLIENTS}/{client_id}/feedback", headers=as_(api, "wac1"))
    ).json() == []


async def test_an_unknown_or_wrong_role_coordinator_is_refused(api: ServiceApi) -> None:
    client = await new_client(api)
    for coordinator in ("nobody", "bc1"):
        response = await api.client.post(
            f"{CLIENTS}/{client['id']}/enrolments",
            json={"service_line": "work_ability", "coordinator": coordinator},
            headers=as_(api, "coach"),
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["loc"] == ["body", "coordinator"]


async def test_a_duplicate_identity_code_is_a_conflict(api: ServiceApi) -> None:
    await new_client(api, by="wac1", personal_identity_code="131052-308T")
    response = await api.client.post(
        CLIENTS,
        json={"first_name": "B", "last_name": "C", "personal_identity_code": "131052-308T"},
        headers=as_(api, "wac1"),
    )
    assert response.status_code == 409
