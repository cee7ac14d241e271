"""Client names for another service in one call, logged per client as the person; editing
a client's every field, the identity code given later included; the service plan's action
rows and the service need assessment's reason."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.clients.support import CLIENTS, as_, day, new_client, started
from tests.conftest import ServiceApi

NAMES = "/internal/clients/names"
CODE = "131052-308T"


def _internal(api: ServiceApi, person: str | None = "wac1") -> dict[str, str]:
    headers = api.as_machine("svc-referrals", "internal")
    return {**headers, "X-On-Behalf-Of": person} if person else headers


async def _log(api: ServiceApi, client_id: str) -> list[dict[str, Any]]:
    response = await api.client.get(f"{CLIENTS}/{client_id}/access-log", headers=as_(api, "lead"))
    assert response.status_code == 200
    return list(response.json())


async def test_names_come_in_one_call_and_each_read_is_in_that_clients_log(
    api: ServiceApi,
) -> None:
    first = await new_client(api, by="coach", first_name="Aino", last_name="Aalto")
    second = await new_client(
        api, by="wac2", first_name="Eero", last_name="Eskola", non_disclosure=True
    )
    unknown = str(uuid.uuid4())
    response = await api.client.post(
        NAMES,
        json={"client_ids": [second["id"], unknown, first["id"], second["id"]]},
        headers=_internal(api, "wac1"),
    )
    assert response.status_code == 200, response.text
    assert response.json() == {
        "items": [
            {
                "client_id": second["id"],
                "first_name": "Eero",
                "last_name": "Eskola",
                "non_disclosure": True,
            },
            {
                "client_id": first["id"],
                "first_name": "Aino",
                "last_name": "Aalto",
                "non_disclosure": False,
            },
        ]
    }
    for client in (first, second):
        reads = [e for e in await _log(api, client["id"]) if e["action"] == "read_name"]
        assert [(e["actor"], e["actor_roles"]) for e in reads] == [("wac1", "via svc-referrals")]


# Who may ask for names: a service with `internal`, on behalf of a named person.
@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ("internal_for_person", 200),
        ("internal_for_nobody", 422),
        ("internal_for_forged", 422),
        ("events_only", 403),
        ("coach", 403),
        ("wac1", 403),
        ("lead", 403),
        ("admin", 403),
        ("anonymous", 401),
    ],
)
async def test_the_names_authorisation_table(api: ServiceApi, headers: str, status: int) -> None:
    client = await new_client(api)
    choices = {
        "internal_for_person": _internal(api, "bc1"),
        "internal_for_nobody": _internal(api, None),
        "internal_for_forged": _internal(api, "../BC1 x"),
        "events_only": api.as_machine("svc-metrics", "events:read"),
        "anonymous": {},
    }
    sent = choices[headers] if headers in choices else as_(api, headers)
    response = await api.client.post(NAMES, json={"client_ids": [client["id"]]}, headers=sent)
    assert response.status_code == status, response.text
    if headers == "internal_for_nobody":
        assert response.json()["errors"][0]["code"] == "on_behalf_of_required"


@pytest.mark.parametrize(
    "body",
    [
        {"client_ids": []},
        {"client_ids": ["not-a-uuid"]},
        {"client_ids": [str(uuid.uuid4()) for _ in range(501)]},
        {"ids": []},
    ],
)
async def test_bad_name_requests_are_refused(api: ServiceApi, body: dict[str, Any]) -> None:
    response = await api.client.post(NAMES, json=body, headers=_internal(api))
    assert response.status_code == 422


# --- editing the client ---------------------------------------------------------------


async def test_every_field_can_be_edited_and_the_code_given_later(api: ServiceApi) -> None:
    client = await new_client(api, by="coach")
    change = {
        "first_name": "Aino-Maria",
        "last_name": "Esimerkki-Virta",
        "personal_identity_code": CODE,
        "gender": "female",
        "municipality": "orimattila",
        "language": "sv",
        "phone": "040 765 4321",
        "email": "aino@example.org",
        "address": "Rautatienkatu 1, Lahti",
        "education_level": "isced_3_4",
        "target_groups": ["partial_work_ability", "long_term_unemployed"],
        "interpreter_needed": True,
        "national_register_ref": "REF-1",
    }
    response = await api.client.patch(
        f"{CLIENTS}/{client['id']}", json=change, headers=as_(api, "coach")
    )
    assert response.status_code == 200, response.text
    body = response.json()
    expected = change | {"municipality": "Orimattila", "phone": "+358407654321"}
    assert {k: body[k] for k in change} == expected
    assert body["birth_year"] == 1952  # from the code


async def test_an_identity_code_another_client_has_is_a_conflict(api: ServiceApi) -> None:
    await new_client(api, by="coach", personal_identity_code=CODE)
    other = await new_client(api, by="coach", first_name="Eero")
    response = await api.client.patch(
        f"{CLIENTS}/{other['id']}",
        json={"personal_identity_code": CODE.lower()},
        headers=as_(api, "coach"),
    )
    assert response.status_code == 409
    assert response.json()["code"] == "duplicate_identity_code"
    bad = await api.client.patch(
        f"{CLIENTS}/{other['id']}",
        json={"personal_identity_code": "131052-308A"},
        headers=as_(api, "coach"),
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["code"] == "invalid_identity_code"


# PATCH of an ordinary field on a client of wac1 referred by the coach.
PATCH_TABLE = {
    "coach": 403,  # follows the state only
    "coach2": 404,
    "wac1": 200,
    "wac2": 404,
    "bc1": 404,
    "lead": 403,
    "admin": 422,  # no reason: nothing is read
}


async def test_the_edit_authorisation_table(api: ServiceApi) -> None:
    client_id, _ = await started(api, "wac1")
    for who, status in PATCH_TABLE.items():
        response = await api.client.patch(
            f"{CLIENTS}/{client_id}", json={"interpreter_needed": True}, headers=as_(api, who)
        )
        assert response.status_code == status, (who, response.text)
    admin = {**as_(api, "admin"), "X-Access-Reason": "a data request"}
    response = await api.client.patch(
        f"{CLIENTS}/{client_id}", json={"interpreter_needed": True}, headers=admin
    )
    assert response.status_code == 403
    machine = api.as_machine("svc-referrals", "internal")
    response = await api.client.patch(
        f"{CLIENTS}/{client_id}", json={"interpreter_needed": True}, headers=machine
    )
    assert response.status_code == 404


# --- the plan and the service need ----------------------------------------------------


async def _plan(api: ServiceApi, client_id: str, who: str, **plan: Any) -> Any:
    return await api.client.put(f"{CLIENTS}/{client_id}/plan", json=plan, headers=as_(api, who))


async def test_plan_actions_are_rows_that_keep_their_ids_and_are_ticked_done(
    api: ServiceApi,
) -> None:
    client_id, _ = await started(api, "wac1")
    first = await _plan(
        api,
        client_id,
        "wac1",
        goals=["Work trial in retail", "A driving licence"],
        actions=[
            {"what": "Ask for a work trial", "owner": "wac1", "due_on": day(-7)},
            {"what": "Book the theory test", "owner": "client"},
        ],
        reviewed_on=day(0),
    )
    assert first.status_code == 200, first.text
    actions = first.json()["actions"]
    assert [a["what"] for a in actions] == ["Ask for a work trial", "Book the theory test"]
    assert all(uuid.UUID(a["id"]) for a in actions)
    assert actions[0]["done_on"] is None
    actions[1]["done_on"] = day(0)
    again = await _plan(
        api, client_id, "wac1", goals=first.json()["goals"], actions=actions, reviewed_on=day(0)
    )
    assert again.status_code == 200, again.text
    read = (await api.client.get(f"{CLIENTS}/{client_id}/plan", headers=as_(api, "wac1"))).json()
    assert [(a["id"], a["done_on"]) for a in read["actions"]] == [
        (actions[0]["id"], None),
        (actions[1]["id"], day(0)),
    ]
    assert read["reviewed_on"] == day(0)


async def test_plan_owners_and_dates_are_checked(api: ServiceApi) -> None:
    client_id, _ = await started(api, "wac1")
    stranger = await _plan(api, client_id, "wac1", actions=[{"what": "Call", "owner": "bc2"}])
    assert stranger.status_code == 422
    assert stranger.json()["errors"][0]["code"] == "plan_owner_not_allowed"
    assert stranger.json()["errors"][0]["loc"] == ["body", "actions", 0, "owner"]
    future = await _plan(
        api, client_id, "wac1", actions=[{"what": "Call", "owner": "client", "done_on": day(-2)}]
    )
    assert future.status_code == 422
    assert future.json()["errors"][0]["code"] == "date_in_future"
    same = str(uuid.uuid4())
    twice = await _plan(
        api,
        client_id,
        "wac1",
        actions=[{"id": same, "what": "A", "owner": "client"}] * 2,
    )
    assert twice.status_code == 422
    assert twice.json()["errors"][0]["code"] == "duplicate_action_id"
    for bad in ({"what": "", "owner": "client"}, {"what": "x\u0000", "owner": "client"}):
        response = await _plan(api, client_id, "wac1", actions=[bad])
        assert response.status_code == 422, bad
    # An empty plan would read as a plan reviewed and up to date.
    empty = await _plan(api, client_id, "wac1", goals=[], actions=[])
    assert empty.status_code == 422
    assert (empty.json()["code"], empty.json()["errors"][0]["loc"]) == (
        "plan_empty",
        ["body", "goals"],
    )


async def test_a_plan_of_the_first_version_keeps_reading(api: ServiceApi) -> None:
    from services.clients.models import ServicePlan

    client_id, _ = await started(api, "wac1")
    async with api.app.state.database.transaction() as session:
        session.add(
            ServicePlan(
                client_id=uuid.UUID(client_id),
                goals=["Old goal"],
                actions=[
                    {"text": "toimenpide; vastuuhenkilö; 1.2.2026", "owner": "wac1", "done": True},
                    "Bare text",
                ],
                updated_by="wac1",
            )
        )
    read = await api.client.get(f"{CLIENTS}/{client_id}/plan", headers=as_(api, "wac1"))
    assert read.status_code == 200, read.text
    actions = read.json()["actions"]
    assert [a["what"] for a in actions] == ["toimenpide; vastuuhenkilö; 1.2.2026", "Bare text"]
    assert actions[0]["done_on"] is not None
    assert actions[1]["owner"] is None
    # Written again, an old action keeps its id and its owner.
    again = await _plan(api, client_id, "wac1", goals=["Old goal"], actions=actions[:1])
    assert again.status_code == 200, again.text
    assert again.json()["actions"][0]["id"] == actions[0]["id"]


async def test_the_service_need_assessment_keeps_its_path_and_reason(api: ServiceApi) -> None:
    client_id, enrolment_id = await started(api, "wac1")
    for path in ("partial_work_ability", "skills", "work_ability_challenges", "open_labour_market"):
        response = await api.client.post(
            f"{CLIENTS}/{client_id}/service-need-assessments",
            json={"path": path, "assessed_on": day(1), "reason": f"Because of {path}."},
            headers=as_(api, "wac1"),
        )
        assert response.status_code == 201, response.text
        assert (response.json()["reason"], response.json()["enrolment_id"]) == (
            f"Because of {path}.",
            enrolment_id,
        )
    listed = await api.client.get(
        f"{CLIENTS}/{client_id}/service-need-assessments", headers=as_(api, "wac1")
    )
    assert len(listed.json()) == 4
    for bad in (
        {"path": "unknown", "assessed_on": day(1)},
        {"path": "skills", "assessed_on": day(-1)},
        {"path": "skills", "assessed_on": day(1), "reason": "x" * 5001},
        {"path": "skills", "assessed_on": day(1), "reason": "bad\u202etext"},
        # The assessment starts the enrolment: not before the client registered for it.
        {"path": "skills", "assessed_on": "2000-01-03", "enrolment_id": enrolment_id},
    ):
        response = await api.client.post(
            f"{CLIENTS}/{client_id}/service-need-assessments", json=bad, headers=as_(api, "wac1")
        )
        assert response.status_code == 422, bad


async def test_feedback_and_status_episodes_refuse_with_codes(api: ServiceApi) -> None:
    client_id, _ = await started(api, "wac1")
    cases = [
        ("feedback", {"grade": 3}, "greater_than_equal"),
        ("feedback", {"grade": 11}, "less_than_equal"),
        ("feedback", {"grade": 8, "given_on": day(-1)}, "date_in_future"),
        (
            "status-episodes",
            {"status": "employed", "starts_on": day(1), "ends_on": day(3)},
            "ends_before_start",
        ),
        ("status-episodes", {"status": "retired", "starts_on": day(1)}, "literal_error"),
    ]
    for path, body, code in cases:
        response = await api.client.post(
            f"{CLIENTS}/{client_id}/{path}", json=body, headers=as_(api, "wac1")
        )
        assert response.status_code == 422, (path, body)
        assert response.json()["errors"][0]["code"] == code, (path, body, response.text)
    given = await api.client.post(
        f"{CLIENTS}/{client_id}/feedback", json={"grade": 4}, headers=as_(api, "wac1")
    )
    assert given.status_code == 201
