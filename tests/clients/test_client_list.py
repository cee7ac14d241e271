"""The client list: filters, sorting, the total and the one vocabulary of states; and the
lookup by exact identity code that lets a coach refer a client someone else brought in."""

from __future__ import annotations

from typing import Any

import pytest

from tests.clients.support import (
    CLIENTS,
    as_,
    day,
    ended_long_ago,
    enrolled,
    new_client,
    past,
    started,
)
from tests.conftest import ServiceApi

CODE = "131052-308T"


async def _list(api: ServiceApi, who: str = "lead", **params: Any) -> dict[str, Any]:
    response = await api.client.get(CLIENTS, params=params, headers=as_(api, who))
    assert response.status_code == 200, response.text
    return dict(response.json())


async def _end(api: ServiceApi, client_id: str, enrolment_id: str, by: str = "wac1") -> None:
    response = await api.client.post(
        f"{CLIENTS}/{client_id}/enrolments/{enrolment_id}/end",
        json={"outcome": "employed", "ended_on": day(1), "exit_status": "employed"}
        | {"qualification_gained": False},
        headers=as_(api, by),
    )
    assert response.status_code == 200, response.text


async def test_every_client_has_one_state_from_its_current_enrolment(api: ServiceApi) -> None:
    nothing = await new_client(api, by="wac1", last_name="Ei")
    registered, _ = await enrolled(api, "wac1", registered_ago=1)
    contacted, enrolment = await enrolled(api, "bc1")
    await api.client.post(
        f"{CLIENTS}/{contacted}/enrolments/{enrolment}/contacts",
        json={"channel": "phone", "reached": True, "at": past(1)},
        headers=as_(api, "bc1"),
    )
    active, _ = await started(api, "wac2")
    ended, ended_enrolment = await started(api, "wac1")
    await _end(api, ended, ended_enrolment)
    triage = await api.client.post(
        "/api/v1/registrations",
        json={"first_name": "Eino", "last_name": "Ilmoittautuja", "consents": ["service"]},
    )
    assert triage.status_code == 201, triage.text

    states = {item["id"]: item["state"] for item in (await _list(api))["items"]}
    assert states == {
        nothing["id"]: "no_enrolment",
        registered: "registered",
        contacted: "contacted",
        active: "active",
        ended: "ended",
        triage.json()["id"]: "triage",
    }
    for state, client_id in (("active", active), ("ended", ended), ("triage", None)):
        page = await _list(api, state=state)
        assert page["total"] == 1, state
        if client_id:
            assert [i["id"] for i in page["items"]] == [client_id]


async def test_a_new_enrolment_after_an_ended_one_is_the_current_one(api: ServiceApi) -> None:
    client_id, enrolment_id = await started(api, "wac1")
    await _end(api, client_id, enrolment_id)
    again = await api.client.post(
        f"{CLIENTS}/{client_id}/enrolments",
        json={"service_line": "business", "coordinator": "bc1"},
        headers=as_(api, "coach"),
    )
    assert again.status_code == 201, again.text
    [item] = (await _list(api))["items"]
    assert (item["state"], item["service_line"], item["enrolment_id"]) == (
        "registered",
        "business",
        again.json()["id"],
    )
    assert item["coordinators"] == [
        {"username": "bc1", "role": "business_coordinator", "reason": "responsible"}
    ]
    assert item["contact_due"] == again.json()["contact_due"]
    assert item["overdue_working_days"] == 0


async def test_filters_by_line_coordinator_and_overdue_with_a_total(api: ServiceApi) -> None:
    late, _ = await enrolled(api, "wac1", registered_ago=20)
    fresh, _ = await enrolled(api, "wac1", registered_ago=0)
    business, _ = await enrolled(api, "bc1", registered_ago=20)

    def ids(page: dict[str, Any]) -> set[str]:
        return {i["id"] for i in page["items"]}

    assert ids(await _list(api, service_line="work_ability")) == {late, fresh}
    assert ids(await _list(api, coordinator="bc1")) == {business}
    overdue = await _list(api, overdue="true")
    assert ids(overdue) == {late, business}
    assert overdue["total"] == 2
    assert all(i["overdue_working_days"] > 0 for i in overdue["items"])
    both = await _list(api, overdue="true", service_line="work_ability")
    assert (ids(both), both["total"]) == ({late}, 1)
    assert ids(await _list(api, "wac1", overdue="true")) == {late}
    assert (await _list(api, "wac2", overdue="true"))["total"] == 0


async def test_sorting_pages_through_everything_once_in_order(api: ServiceApi) -> None:
    made = []
    for ago, last_name in ((3, "Bee"), (9, "Aa"), (1, "Cee"), (5, "Aa")):
        client = await new_client(api, by="coach", last_name=last_name)
        response = await api.client.post(
            f"{CLIENTS}/{client['id']}/enrolments",
            json={"service_line": "work_ability", "coordinator": "wac1", "registered_on": day(ago)},
            headers=as_(api, "coach"),
        )
        assert response.status_code == 201
        made.append((day(ago), last_name, client["id"]))
    await new_client(api, by="lead", last_name="Zed")  # no enrolment: last when by date

    for sort, order in (("registered_on", "asc"), ("registered_on", "desc"), ("name", "desc")):
        seen: list[dict[str, Any]] = []
        cursor = None
        while True:
            params = {"sort": sort, "order": order, "limit": 2}
            page = await _list(api, **params, **({"cursor": cursor} if cursor else {}))
            assert page["total"] == 5
            seen += page["items"]
            cursor = page["next_cursor"]
            if not cursor:
                break
        assert len({i["id"] for i in seen}) == 5, (sort, order)
        if sort == "name":
            names = [i["last_name"] for i in seen]
            assert names == sorted(names, reverse=True)
            continue
        dates = [i["registered_on"] for i in seen]
        if order == "asc":
            assert dates[:4] == sorted(d for d, _, _ in made)
            assert dates[4] is None
        else:
            assert dates[0] is None
            assert dates[1:] == sorted((d for d, _, _ in made), reverse=True)
    by_state = await _list(api, sort="state")
    assert by_state["items"][0]["state"] == "no_enrolment"


async def test_a_cursor_from_another_sort_is_refused(api: ServiceApi) -> None:
    for _ in range(3):
        await new_client(api, by="lead")
    page = await _list(api, limit=1)
    response = await api.client.get(
        CLIENTS,
        params={"sort": "state", "cursor": page["next_cursor"]},
        headers=as_(api, "lead"),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "invalid_cursor"
    forged = await api.client.get(
        CLIENTS, params={"cursor": "bm90IGpzb24"}, headers=as_(api, "lead")
    )
    assert forged.status_code == 422


@pytest.mark.parametrize(
    "params",
    [
        {"state": "cancelled"},
        {"service_line": "health"},
        {"sort": "birth_year"},
        {"order": "up"},
        {"coordinator": "Not A Username"},
        {"coordinator": "wac1\u0000"},
        {"cursor": "x" * 501},
    ],
)
async def test_bad_list_parameters_are_refused(api: ServiceApi, params: dict[str, str]) -> None:
    response = await api.client.get(CLIENTS, params=params, headers=as_(api, "lead"))
    assert response.status_code == 422, response.text


async def test_the_pathway_columns_stay_hidden_from_a_referral_addressee(api: ServiceApi) -> None:
    import uuid

    client_id, _ = await started(api, "wac1")
    granted = await api.client.post(
        f"/internal/clients/{client_id}/access-grants",
        json={"username": "bc1", "referral_id": str(uuid.uuid4())},
        headers=api.as_machine("svc-referrals", "internal"),
    )
    assert granted.status_code == 204
    [item] = (await _list(api, "bc1"))["items"]
    assert item["id"] == client_id
    assert (item["state"], item["service_line"], item["coordinators"]) == (None, None, [])
    assert (await _list(api, "bc1", state="active"))["total"] == 0
    assert (await _list(api, "wac1", state="active"))["total"] == 1


# --- the lookup -------------------------------------------------------------------------


async def _lookup(api: ServiceApi, who: str, code: str = CODE) -> Any:
    return await api.client.post(
        f"{CLIENTS}/lookup", json={"personal_identity_code": code}, headers=as_(api, who)
    )


async def _consent(api: ServiceApi, client_id: str, who: str, purpose: str) -> None:
    response = await api.client.post(
        f"{CLIENTS}/{client_id}/consents", json={"purpose": purpose}, headers=as_(api, who)
    )
    assert response.status_code == 201, response.text


async def test_a_coach_finds_a_client_by_code_and_refers_them(api: ServiceApi) -> None:
    client = await new_client(api, by="wac2", personal_identity_code=CODE)
    # wac2's client is theirs until an enrolment names a coordinator: nobody else sees it.
    assert (
        await api.client.get(f"{CLIENTS}/{client['id']}", headers=as_(api, "coach"))
    ).status_code == 404
    found = await _lookup(api, "coach", CODE.lower())
    assert found.status_code == 200, found.text
    assert found.json() == {"client_id": client["id"], "may_refer": True}
    # Finding them shows nothing more of them …
    for path in ("", "/consents", "/enrolments", "/overview"):
        response = await api.client.get(
            f"{CLIENTS}/{client['id']}{path}", headers=as_(api, "coach")
        )
        assert response.status_code == 404, path
    patched = await api.client.patch(
        f"{CLIENTS}/{client['id']}", json={"municipality": "Lahti"}, headers=as_(api, "coach")
    )
    assert patched.status_code == 404
    # … but the coach may refer them, and then follows the pathway's state.
    enrolment = await api.client.post(
        f"{CLIENTS}/{client['id']}/enrolments",
        json={"service_line": "work_ability", "coordinator": "wac1"},
        headers=as_(api, "coach"),
    )
    assert enrolment.status_code == 201, enrolment.text
    assert enrolment.json()["referred_by"] == "coach"
    read = await api.client.get(f"{CLIENTS}/{client['id']}", headers=as_(api, "coach"))
    assert read.status_code == 200
    assert (await _lookup(api, "coach")).json()["may_refer"] is False
    again = await api.client.post(
        f"{CLIENTS}/{client['id']}/enrolments",
        json={"service_line": "business", "coordinator": "bc1"},
        headers=as_(api, "coach2"),
    )
    assert again.status_code == 404  # coach2 is unrelated while an enrolment is open
    wac1 = (await api.client.get(f"{CLIENTS}/worklist", headers=as_(api, "wac1"))).json()
    assert [i["client_id"] for i in wac1["new_clients"]] == [client["id"]]


async def test_a_coach_records_the_consents_given_with_the_referral_of_a_found_client(
    api: ServiceApi,
) -> None:
    client = await new_client(api, by="wac2", personal_identity_code=CODE)
    await _consent(api, client["id"], "wac2", "service")
    assert (await _lookup(api, "coach")).json()["may_refer"] is True
    # Before the referral the coach may not touch the found client's consents …
    direct = await api.client.post(
        f"{CLIENTS}/{client['id']}/consents",
        json={"purpose": "esf_data"},
        headers=as_(api, "coach"),
    )
    assert direct.status_code == 404
    # … but the referral carries what the client gave; one in force stays as it was.
    enrolment = await api.client.post(
        f"{CLIENTS}/{client['id']}/enrolments",
        json={
            "service_line": "work_ability",
            "coordinator": "wac1",
            "consents": ["service", "esf_data", "esf_data"],
        },
        headers=as_(api, "coach"),
    )
    assert enrolment.status_code == 201, enrolment.text
    consents = await api.client.get(f"{CLIENTS}/{client['id']}/consents", headers=as_(api, "wac1"))
    given = sorted(
        (c["purpose"], c["granted_by"]) for c in consents.json() if not c["withdrawn_at"]
    )
    assert given == [("esf_data", "coach"), ("service", "wac2")]


async def test_a_refused_referral_records_no_consent(api: ServiceApi) -> None:
    client = await new_client(api, by="wac2", personal_identity_code=CODE)
    refused = await api.client.post(
        f"{CLIENTS}/{client['id']}/enrolments",
        json={"service_line": "work_ability", "coordinator": "bc1", "consents": ["esf_data"]},
        headers=as_(api, "coach"),
    )
    assert refused.status_code == 422, refused.text
    consents = await api.client.get(f"{CLIENTS}/{client['id']}/consents", headers=as_(api, "wac2"))
    assert consents.json() == []


async def test_the_lookup_is_in_the_clients_access_log(api: ServiceApi) -> None:
    client = await new_client(api, by="coach", personal_identity_code=CODE)
    assert (await _lookup(api, "bc2")).status_code == 200
    log = await api.client.get(f"{CLIENTS}/{client['id']}/access-log", headers=as_(api, "lead"))
    lookups = [e for e in log.json() if e["action"] == "lookup"]
    assert [(e["actor"], e["actor_roles"]) for e in lookups] == [("bc2", "business_coordinator")]


async def test_a_lookup_of_an_unknown_or_invalid_code(api: ServiceApi) -> None:
    missing = await _lookup(api, "coach")
    assert missing.status_code == 404
    assert missing.json()["code"] == "client_not_found"
    for bad in ("131052-308A", "131052-308T\u0000", "x" * 21, ""):
        response = await _lookup(api, "coach", bad)
        assert response.status_code == 422, bad
    too_big = await api.client.post(
        f"{CLIENTS}/lookup",
        json={"personal_identity_code": CODE, "padding": "x" * 2_000_000},
        headers=as_(api, "coach"),
    )
    assert too_big.status_code in (404, 413, 422)


# Who may look a client up: coaches and coordinators; not a team lead, an admin or a machine.
LOOKUP_TABLE = {
    "coach": 200,
    "coach2": 200,
    "wac1": 200,
    "wac2": 200,
    "bc1": 200,
    "bc2": 200,
    "lead": 403,
    "admin": 403,
}


async def test_the_lookup_authorisation_table(api: ServiceApi) -> None:
    await new_client(api, by="wac1", personal_identity_code=CODE)
    for who, status in LOOKUP_TABLE.items():
        response = await _lookup(api, who)
        assert response.status_code == status, who
    reason = {**as_(api, "admin"), "X-Access-Reason": "checking"}
    with_reason = await api.client.post(
        f"{CLIENTS}/lookup", json={"personal_identity_code": CODE}, headers=reason
    )
    assert with_reason.status_code == 403
    machine = await api.client.post(
        f"{CLIENTS}/lookup",
        json={"personal_identity_code": CODE},
        headers=api.as_machine("svc-referrals", "internal"),
    )
    assert machine.status_code == 403
    anonymous = await api.client.post(f"{CLIENTS}/lookup", json={"personal_identity_code": CODE})
    assert anonymous.status_code == 401


# Who finds wac1's active client (referred by the coach) under `?state=active`.
LIST_TABLE = {
    "coach": 1,
    "coach2": 0,
    "wac1": 1,
    "wac2": 0,
    "bc1": 0,
    "lead": 1,
}


async def test_the_filtered_list_authorisation_table(api: ServiceApi) -> None:
    client_id, _ = await started(api, "wac1")
    for who, count in LIST_TABLE.items():
        page = await _list(api, who, state="active")
        assert page["total"] == count, who
        assert [i["id"] for i in page["items"]] == [client_id] * count, who
    admin = await api.client.get(CLIENTS, params={"state": "active"}, headers=as_(api, "admin"))
    assert admin.status_code == 422
    reason = {**as_(api, "admin"), "X-Access-Reason": "a data request"}
    admin = await api.client.get(CLIENTS, params={"state": "active"}, headers=reason)
    assert admin.json()["total"] == 1
    machine = await api.client.get(
        CLIENTS, params={"state": "active"}, headers=api.as_machine("svc-referrals", "internal")
    )
    assert machine.status_code == 403
    gone = await ended_long_ago(api)
    page = await _list(api, "wac1", state="ended")
    assert gone not in {i["id"] for i in page["items"]}
    assert page["total"] == 0
