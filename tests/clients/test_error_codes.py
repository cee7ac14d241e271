"""Errors a person can read (issue 12): each refusal names its rule by a stable `code`,
with the values the app's text needs in `params`, never pydantic's `value_error`."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.clients.support import CLIENTS, as_, new_client
from tests.conftest import ServiceApi

NEXT_YEAR = dt.date.today().year + 1


@pytest.mark.parametrize(
    ("body", "field", "code", "params"),
    [
        ({"phone": "12"}, "phone", "invalid_phone", None),
        ({"phone": "+358 1"}, "phone", "invalid_phone", None),
        (
            {"personal_identity_code": "131052-308U"},
            "personal_identity_code",
            "invalid_identity_code",
            None,
        ),
        (
            {"personal_identity_code": "310252-308T"},
            "personal_identity_code",
            "invalid_identity_code",
            None,
        ),
        ({"birth_year": 3000}, "birth_year", "birth_year_in_future", None),
        ({"birth_year": NEXT_YEAR}, "birth_year", "birth_year_in_future", None),
        ({"birth_year": 1850}, "birth_year", "greater_than_equal", {"ge": 1900}),
        ({"first_name": "x" * 101}, "first_name", "string_too_long", {"max_length": 100}),
        (
            {"first_name": "A\u202eB"},
            "first_name",
            "forbidden_character",
            {"character": "U+202E", "position": 1},
        ),
        ({"gender": "robot"}, "gender", "literal_error", None),
        ({"interpreter_needed": "perhaps"}, "interpreter_needed", "bool_parsing", None),
        (
            {"birth_year": 1990, "personal_identity_code": "131052-308T"},
            "birth_year",
            "birth_year_mismatch",
            None,
        ),
        (
            {"municipality": "Helsinki"},
            "municipality",
            "unknown_municipality",
            {"municipality": "Helsinki"},
        ),
    ],
)
async def test_a_refused_client_field_names_its_rule(
    api: ServiceApi, body: dict[str, Any], field: str, code: str, params: dict[str, Any] | None
) -> None:
    client = await new_client(api, by="wac1")
    response = await api.client.patch(
        f"{CLIENTS}/{client['id']}", json=body, headers=as_(api, "wac1")
    )
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["code"] in ("validation_failed", code)
    [error] = problem["errors"]
    assert error["loc"][-1] == field
    assert error["code"] == code
    if params is not None:
        assert {k: error["params"][k] for k in params} == params


async def test_a_birth_year_of_3000_is_in_the_future_on_creation_too(api: ServiceApi) -> None:
    response = await api.client.post(
        CLIENTS,
        json={"first_name": "Aino", "last_name": "Esimerkki", "birth_year": 3000},
        headers=as_(api, "coach"),
    )
    assert response.status_code == 422
    assert [(e["loc"], e["code"]) for e in response.json()["errors"]] == [
        (["body", "birth_year"], "birth_year_in_future")
    ]


async def test_a_second_client_with_the_same_identity_code_is_a_coded_conflict(
    api: ServiceApi,
) -> None:
    await new_client(api, by="wac1", personal_identity_code="131052-308T")
    response = await api.client.post(
        CLIENTS,
        json={"first_name": "Aino", "last_name": "Toinen", "personal_identity_code": "131052-308T"},
        headers=as_(api, "wac1"),
    )
    assert response.status_code == 409
    problem = response.json()
    assert problem["code"] == "duplicate_identity_code"
    assert [(e["loc"], e["code"]) for e in problem["errors"]] == [
        (["body", "personal_identity_code"], "duplicate_identity_code")
    ]


async def test_a_consent_given_twice_names_the_purpose(api: ServiceApi) -> None:
    client = await new_client(api, by="wac1")
    url = f"{CLIENTS}/{client['id']}/consents"
    first = await api.client.post(url, json={"purpose": "esf_data"}, headers=as_(api, "wac1"))
    assert first.status_code == 201, first.text
    again = await api.client.post(url, json={"purpose": "esf_data"}, headers=as_(api, "wac1"))
    assert again.status_code == 409
    assert again.json()["code"] == "consent_already_granted"
    assert again.json()["params"] == {"purpose": "esf_data"}


async def test_an_unknown_client_is_client_not_found(api: ServiceApi) -> None:
    response = await api.client.get(
        f"{CLIENTS}/00000000-0000-4000-8000-000000000000", headers=as_(api, "wac1")
    )
    assert response.status_code == 404
    assert response.json()["code"] == "client_not_found"


async def test_a_generic_answer_carries_its_status_code(api: ServiceApi) -> None:
    no_route = await api.client.get("/api/v1/nothing-here", headers=as_(api, "wac1"))
    assert (no_route.status_code, no_route.json()["code"]) == (404, "not_found")
    wrong_method = await api.client.put(CLIENTS, headers=as_(api, "wac1"))
    assert (wrong_method.status_code, wrong_method.json()["code"]) == (405, "method_not_allowed")
    no_token = await api.client.get(CLIENTS)
    assert (no_token.status_code, no_token.json()["code"]) == (401, "unauthorized")
