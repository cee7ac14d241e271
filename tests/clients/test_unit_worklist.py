"""The team lead's unit view, the clients' part (issue 13): every coordinator's overdue first
contacts and missing exit forms, with whose work each is, and caseloads against targets."""

from __future__ import annotations

from typing import Any

import pytest

from tests.clients.support import CLIENTS, as_, day, enrolled, started
from tests.conftest import ServiceApi

UNIT = f"{CLIENTS}/worklist/unit"


async def unit_view(api: ServiceApi, who: str = "lead") -> dict[str, Any]:
    response = await api.client.get(UNIT, headers=as_(api, who))
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_an_overdue_first_contact_of_any_coordinator_names_the_coordinator(
    api: ServiceApi,
) -> None:
    late_client, late_enrolment = await enrolled(api, coordinator="wac1", registered_ago=20)
    await enrolled(api, coordinator="bc1", registered_ago=0)
    view = await unit_view(api)
    [late] = view["overdue_contacts"]
    assert (late["client_id"], late["enrolment_id"]) == (late_client, late_enrolment)
    assert late["coordinators"] == ["wac1"]
    assert late["client_name"] == "Aino Esimerkki"
    assert late["working_days_overdue"] > 0
    assert late["fix"] == "record_contact"


async def test_a_missing_exit_form_shows_at_once_and_leaves_when_filled(api: ServiceApi) -> None:
    client_id, enrolment_id = await started(api, coordinator="bc1")
    base = f"{CLIENTS}/{client_id}/enrolments/{enrolment_id}/end"
    end = {"outcome": "employed", "ended_on": day(1)}
    assert (await api.client.post(base, json=end, headers=as_(api, "bc1"))).status_code == 200
    [missing] = (await unit_view(api))["exit_forms_missing"]
    assert (missing["enrolment_id"], missing["coordinators"]) == (enrolment_id, ["bc1"])
    exit_data = {"exit_status": "employed", "qualification_gained": False}
    filled = await api.client.post(base, json=end | exit_data, headers=as_(api, "bc1"))
    assert filled.status_code == 200, filled.text
    assert (await unit_view(api))["exit_forms_missing"] == []


async def test_caseload_per_coordinator_against_the_roles_target(api: ServiceApi) -> None:
    await enrolled(api, coordinator="wac1")
    await enrolled(api, coordinator="wac1")
    await started(api, coordinator="bc1")
    rows = {row["username"]: row for row in (await unit_view(api))["caseload"]}
    assert (rows["wac1"]["open_enrolments"], rows["wac1"]["target"]) == (2, 25)
    assert rows["wac1"]["share_of_target"] == 8.0
    assert (rows["bc1"]["open_enrolments"], rows["bc1"]["target"]) == (1, 20)


async def test_the_unit_view_is_in_the_clients_access_log(api: ServiceApi) -> None:
    client_id, _ = await enrolled(api, coordinator="wac2", registered_ago=20)
    await unit_view(api)
    log = await api.client.get(f"{CLIENTS}/{client_id}/access-log", headers=as_(api, "lead"))
    assert ("lead", "unit_worklist") in [(e["actor"], e["action"]) for e in log.json()]


# case: (who asks, expected status)
WHO_SEES_THE_UNIT: dict[str, tuple[str, int]] = {
    "a team lead": ("lead", 200),
    "another team lead": ("lead2", 200),
    "a work-ability coordinator": ("wac1", 403),
    "a business coordinator": ("bc1", 403),
    "a coach": ("coach", 403),
    "an administrator": ("admin", 403),
}


@pytest.mark.parametrize("case", WHO_SEES_THE_UNIT)
async def test_who_sees_the_unit_view(api: ServiceApi, case: str) -> None:
    who, expected = WHO_SEES_THE_UNIT[case]
    await enrolled(api, coordinator="wac1", registered_ago=20)
    response = await api.client.get(UNIT, headers=as_(api, who))
    assert response.status_code == expected, response.text
    if expected == 403:
        assert response.json()["code"] == "role_not_allowed"


async def test_a_machine_client_is_refused(api: ServiceApi) -> None:
    response = await api.client.get(UNIT, headers=api.as_machine("svc-referrals", "internal"))
    assert response.status_code == 403
