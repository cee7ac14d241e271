"""Global search, the clients' part (issue 13, acceptance 4): the list's `q` finds a client
by the exact identity code only for those the policy lets see them; a hit is a read in the
client's access log, and a search by code that finds nobody leaves a trace without the code."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from services.clients.models import access_log
from tests.clients.support import CLIENTS, as_, day, new_client
from tests.conftest import ServiceApi

CODE = "131052-308T"
NO_MATCH = "identity_code_search_no_match"


async def client_of_wac1(api: ServiceApi) -> str:
    """A client with an identity code, created by the coach and enrolled with wac1."""
    client = await new_client(api, by="coach", personal_identity_code=CODE)
    enrolment = await api.client.post(
        f"{CLIENTS}/{client['id']}/enrolments",
        json={"service_line": "work_ability", "coordinator": "wac1", "registered_on": day(3)},
        headers=as_(api, "coach"),
    )
    assert enrolment.status_code == 201, enrolment.text
    return str(client["id"])


async def search(api: ServiceApi, who: str, q: str) -> list[dict[str, Any]]:
    response = await api.client.get(CLIENTS, params={"q": q}, headers=as_(api, who))
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


async def access_log_of(api: ServiceApi, client_id: str) -> list[tuple[str, str]]:
    response = await api.client.get(f"{CLIENTS}/{client_id}/access-log", headers=as_(api, "lead"))
    assert response.status_code == 200, response.text
    return [(entry["actor"], entry["action"]) for entry in response.json()]


async def audit_rows(api: ServiceApi, action: str) -> list[dict[str, Any]]:
    entries, subjects = access_log.entries, access_log.subjects
    async with api.app.state.database.transaction() as session:
        rows = (await session.execute(select(entries).where(entries.c.action == action))).all()
        linked = (await session.execute(select(subjects.c.entry_id))).scalars().all()
    return [{**row._mapping, "subjects": linked.count(row.id)} for row in rows]


async def test_the_coordinator_finds_their_client_by_exact_code_and_it_is_logged(
    api: ServiceApi,
) -> None:
    client_id = await client_of_wac1(api)
    # Typed as people type it: lower case, spaces around.
    found = await search(api, "wac1", " 131052-308t ")
    assert [c["id"] for c in found] == [client_id]
    assert found[0]["first_name"] == "Aino"
    assert ("wac1", "search") in await access_log_of(api, client_id)


async def test_an_unrelated_coordinator_finds_nothing_and_leaves_a_trace_without_the_code(
    api: ServiceApi,
) -> None:
    client_id = await client_of_wac1(api)
    assert await search(api, "wac2", CODE) == []
    assert all(actor != "wac2" for actor, _ in await access_log_of(api, client_id))
    [trace] = await audit_rows(api, NO_MATCH)
    assert trace["actor"] == "wac2"
    assert trace["subjects"] == 0
    assert all(CODE.lower() not in str(value).lower() for value in trace.values())
    assert all("131052" not in str(value) for value in trace.values())


@pytest.mark.parametrize(
    "q",
    ["131052", "131052-308", "131052-308T1", "31052-308T"],
    ids=["birth date only", "without the check mark", "one character more", "a character less"],
)
async def test_a_code_is_matched_whole_never_by_part(api: ServiceApi, q: str) -> None:
    await client_of_wac1(api)
    assert await search(api, "wac1", q) == []


async def test_a_name_search_that_finds_nobody_is_no_code_trace(api: ServiceApi) -> None:
    await client_of_wac1(api)
    assert await search(api, "wac2", "Esimerkki") == []
    assert await audit_rows(api, NO_MATCH) == []


# Who finds wac1's client by its identity code (the access policy's answer, per role):
# case: (searcher, found)
FINDS_BY_CODE: dict[str, tuple[str, bool]] = {
    "the responsible coordinator": ("wac1", True),
    "the coach who referred the client": ("coach", True),
    "another coach": ("coach2", False),
    "another work-ability coordinator": ("wac2", False),
    "a business coordinator": ("bc1", False),
    "a team lead": ("lead", True),
}


@pytest.mark.parametrize("case", FINDS_BY_CODE)
async def test_who_finds_a_client_by_identity_code(api: ServiceApi, case: str) -> None:
    searcher, expected = FINDS_BY_CODE[case]
    client_id = await client_of_wac1(api)
    found = [c["id"] for c in await search(api, searcher, CODE)]
    assert found == ([client_id] if expected else [])
    logged = (searcher, "search") in await access_log_of(api, client_id)
    assert logged is expected
    traces = [row["actor"] for row in await audit_rows(api, NO_MATCH)]
    assert traces == ([] if expected else [searcher])
