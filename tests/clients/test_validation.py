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


# Usernames travel in the URL of the gateway's user directory: before the text rules
# "nobody/../wac2" resolved to wac2 and was stored, CR, LF and NUL failed with 500 and a
# slash with 503.
BAD_USERNAMES = ["nobody/../wac2", "x\rx", "x\nx", "wac1\u0000", "a/b", "WAC1", "wac1 "]


@pytest.mark.parametrize("username", BAD_USERNAMES)
async def test_a_coordinator_that_is_no_username_is_refused_and_nothing_is_stored(
    api: ServiceApi, username: str
) -> None:
    client = await new_client(api)
    before = await events(api)
    for field in ("coordinator", "referred_by"):
        body = {"service_line": "work_ability", "coordinator": "wac1", field: username}
        response = await api.client.post(
            f"{CLIENTS}/{client['id']}/enrolments", json=body, headers=as_(api, "coach")
        )
        assert response.status_code == 422, response.text
        assert [e["loc"] for e in response.json()["errors"]] == [["body", field]]
    after = (await api.client.get(f"{CLIENTS}/{client['id']}", headers=as_(api, "coach"))).json()
    assert after["enrolments"] == []
    assert len(await events(api)) == len(before)


@pytest.mark.parametrize(
    "name", ["Ai\u0000no", "Ai\u202eno", "Ai\u200bno", "Ai\u0085no", "Ai\nno", "\ufeffAino"]
)
async def test_a_name_with_a_control_or_invisible_character_is_refused(
    api: ServiceApi, name: str
) -> None:
    before = await events(api)
    response = await api.client.post(
        CLIENTS, json={"first_name": name, "last_name": "Esimerkki"}, headers=as_(api, "wac1")
    )
    assert response.status_code == 422, response.text
    assert [e["loc"] for e in response.json()["errors"]] == [["body", "first_name"]]
    client = await new_client(api, by="wac1")
    response = await api.client.patch(
        f"{CLIENTS}/{client['id']}", json={"last_name": name}, headers=as_(api, "wac1")
    )
    assert response.status_code == 422, response.text
    assert [e["loc"] for e in response.json()["errors"]] == [["body", "last_name"]]
    response = await api.client.post(
        "/api/v1/registrations", json={"first_name": "Aino", "last_name": name}
    )
    assert response.status_code == 422, response.text
    listed = (await api.client.get(CLIENTS, headers=as_(api, "lead"))).json()["items"]
    assert [(c["first_name"], c["last_name"]) for c in listed] == [("Aino", "Esimerkki")]
    assert len(await events(api)) == len(before) + 1


async def test_names_keep_their_joiners_and_are_stored_composed(api: ServiceApi) -> None:
    sinhala = "\u0dc1\u0dca\u200d\u0dbb\u0dd3"  # ZWJ inside
    persian = "\u0645\u06cc\u200c\u0646\u0627"  # ZWNJ inside
    client = await new_client(api, by="wac1", first_name=sinhala, last_name="Ha\u0308ma\u0308")
    assert (client["first_name"], client["last_name"]) == (sinhala, "H\u00e4m\u00e4")
    client = await new_client(api, by="wac1", first_name=persian)
    assert client["first_name"] == persian


async def test_a_search_with_a_control_character_is_refused(api: ServiceApi) -> None:
    response = await api.client.get(CLIENTS, params={"q": "Ai\u0000no"}, headers=as_(api, "wac1"))
    assert response.status_code == 422, response.text
    assert [e["loc"] for e in response.json()["errors"]] == [["query", "q"]]


async def test_a_note_keeps_its_line_breaks_as_lf_and_refuses_other_controls(
    api: ServiceApi,
) -> None:
    client_id, _ = await started(api)
    notes = f"{CLIENTS}/{client_id}/notes"
    response = await api.client.post(
        notes, json={"text": "Soitti.\r\nSopi\rtapaamisen.\tKlo 10"}, headers=as_(api, "wac1")
    )
    assert response.status_code == 201, response.text
    assert response.json()["text"] == "Soitti.\nSopi\ntapaamisen.\tKlo 10"
    for text in ("a\u0000b", "a\u202eb", "a\u000bb"):
        response = await api.client.post(notes, json={"text": text}, headers=as_(api, "wac1"))
        assert response.status_code == 422, response.text
        assert [e["loc"] for e in response.json()["errors"]] == [["body", "text"]]
    listed = (await api.client.get(notes, headers=as_(api, "wac1"))).json()
    assert [n["text"] for n in listed] == ["Soitti.\nSopi\ntapaamisen.\tKlo 10"]


async def test_a_plan_action_owner_must_be_a_username(api: ServiceApi) -> None:
    client_id, _ = await started(api)
    plan = {"goals": ["Työkokeilu"], "actions": [{"text": "Soita", "owner": "a/b"}]}
    response = await api.client.put(
        f"{CLIENTS}/{client_id}/plan", json=plan, headers=as_(api, "wac1")
    )
    assert response.status_code == 422, response.text
    assert [e["loc"] for e in response.json()["errors"]] == [["body", "actions", 0, "owner"]]


async def test_each_refused_field_names_its_rule_by_a_stable_code(api: ServiceApi) -> None:
    """The app translates codes, so no server English reaches a Finnish screen."""
    expected = {
        "first_name": ("Ai\u202eno", "forbidden_character"),
        "last_name": ("x" * 101, "string_too_long"),
        "birth_year": ("nineteen", "int_parsing"),
    }
    body = {field: value for field, (value, _) in expected.items()}
    response = await api.client.post(CLIENTS, json=body, headers=as_(api, "wac1"))
    assert response.status_code == 422, response.text
    codes = {e["loc"][-1]: e.get("code") for e in response.json()["errors"]}
    assert codes == {field: code for field, (_, code) in expected.items()}
    first = next(e for e in response.json()["errors"] if e["loc"][-1] == "first_name")
    assert first["params"]["position"] == 2
    client = await new_client(api, by="wac1")
    enrol = await api.client.post(
        f"{CLIENTS}/{client['id']}/enrolments",
        json={"service_line": "business", "coordinator": "nobody/../wac2"},
        headers=as_(api, "wac1"),
    )
    assert [e.get("code") for e in enrol.json()["errors"]] == ["invalid_username"]
