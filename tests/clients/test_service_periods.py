"""Active-service periods: a work trial at an employer of the register writes the client's
labour-market status, and the status before it resumes when it ends."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from services.common.calendar import helsinki_today
from tests.clients.support import (
    CLIENTS,
    as_,
    day,
    enrolled,
    events,
    first_service_kind_rules,
    past,
    seed_service_kind_rules,
)
from tests.clients.support import started as contacted_and_met
from tests.conftest import STAND_IN_PARTNER_ID, ServiceApi
from tests.employers.payloads import employer_body

# An id no directory holds (fixed: the test workers must collect the same tests).
UNKNOWN_ID = "00000000-0000-4000-8000-00000000dead"


@pytest.fixture
async def periods(api: ServiceApi, employers_api: ServiceApi) -> ServiceApi:
    """The clients app calling the real employers app, with the migration's first rules."""
    api.app.state.test_employers.target = employers_api.app
    await seed_service_kind_rules(api)
    return api


@pytest.fixture
async def employer_id(employers_api: ServiceApi) -> str:
    response = await employers_api.client.post(
        "/api/v1/employers",
        json=employer_body(),
        headers=employers_api.as_staff("bc1", "business_coordinator"),
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def _unemployed(api: ServiceApi, client_id: str, since: int) -> None:
    body = {"status": "unemployed", "starts_on": day(since)}
    response = await api.client.post(
        f"{CLIENTS}/{client_id}/status-episodes", json=body, headers=as_(api, "wac1")
    )
    assert response.status_code == 201, response.text


async def _episodes(api: ServiceApi, client_id: str) -> list[dict[str, Any]]:
    response = await api.client.get(
        f"{CLIENTS}/{client_id}/status-episodes", headers=as_(api, "wac1")
    )
    assert response.status_code == 200
    return [
        {k: e[k] for k in ("status", "service_type", "starts_on", "ends_on", "withdrawn_at")}
        for e in response.json()
    ]


async def test_a_work_trial_writes_active_service_and_the_unemployment_resumes_after_it(
    periods: ServiceApi, employer_id: str
) -> None:
    client_id, enrolment_id = await enrolled(periods, "wac1")
    await _unemployed(periods, client_id, since=200)
    wac1 = as_(periods, "wac1")
    body = {
        "kind": "work_trial",
        "starts_on": day(60),
        "planned_end_on": (helsinki_today() + dt.timedelta(days=30)).isoformat(),
        "employer_id": employer_id,
        "hours_per_week": 25,
        "enrolment_id": enrolment_id,
    }
    started = await periods.client.post(
        f"{CLIENTS}/{client_id}/service-periods", json=body, headers=wac1
    )
    assert started.status_code == 201, started.text
    period = started.json()
    assert period["labour_market_status"] == "active_service"
    assert period["ends_on"] is None
    assert await _episodes(periods, client_id) == [
        {"status": "unemployed", "service_type": None, "starts_on": day(200),
         "ends_on": day(61), "withdrawn_at": None},
        {"status": "active_service", "service_type": "work_trial", "starts_on": day(60),
         "ends_on": None, "withdrawn_at": None},
    ]  # fmt: skip

    ended = await periods.client.post(
        f"{CLIENTS}/{client_id}/service-periods/{period['id']}/end",
        json={"ends_on": day(5)},
        headers=wac1,
    )
    assert ended.status_code == 200, ended.text
    assert ended.json()["ended_by"] == "wac1"
    assert await _episodes(periods, client_id) == [
        {"status": "unemployed", "service_type": None, "starts_on": day(200),
         "ends_on": day(61), "withdrawn_at": None},
        {"status": "active_service", "service_type": "work_trial", "starts_on": day(60),
         "ends_on": day(5), "withdrawn_at": None},
        {"status": "unemployed", "service_type": None, "starts_on": day(4),
         "ends_on": None, "withdrawn_at": None},
    ]  # fmt: skip
    again = await periods.client.post(
        f"{CLIENTS}/{client_id}/service-periods/{period['id']}/end",
        json={"ends_on": day(3)},
        headers=wac1,
    )
    assert (again.status_code, again.json()["code"]) == (409, "service_period_ended")

    feed = [e for e in await events(periods) if e["subject_id"] == period["id"]]
    assert [e["type"] for e in feed] == ["service_period.started", "service_period.ended"]
    assert feed[0]["data"]["employer_id"] == employer_id
    assert feed[1]["data"]["ends_on"] == day(5)


async def test_a_newer_status_recorded_during_the_period_is_not_overwritten_at_its_end(
    periods: ServiceApi,
) -> None:
    client_id, _ = await enrolled(periods, "wac1")
    await _unemployed(periods, client_id, since=100)
    wac1 = as_(periods, "wac1")
    started = await periods.client.post(
        f"{CLIENTS}/{client_id}/service-periods",
        json={"kind": "job_coaching", "starts_on": day(50)},
        headers=wac1,
    )
    assert started.status_code == 201, started.text
    employed = {"status": "employed", "starts_on": day(9)}
    response = await periods.client.post(
        f"{CLIENTS}/{client_id}/status-episodes", json=employed, headers=wac1
    )
    assert response.status_code == 201, response.text
    await periods.client.post(
        f"{CLIENTS}/{client_id}/service-periods/{started.json()['id']}/end",
        json={"ends_on": day(10)},
        headers=wac1,
    )
    statuses = [(e["status"], e["starts_on"]) for e in await _episodes(periods, client_id)]
    assert statuses == [
        ("unemployed", day(100)),
        ("active_service", day(50)),
        ("employed", day(9)),
    ]


async def test_a_period_replaces_hand_typed_active_service_over_its_days(
    periods: ServiceApi,
) -> None:
    client_id, _ = await enrolled(periods, "wac1")
    wac1 = as_(periods, "wac1")
    typed = {"status": "active_service", "service_type": "työkokeilu", "starts_on": day(40)}
    response = await periods.client.post(
        f"{CLIENTS}/{client_id}/status-episodes", json=typed, headers=wac1
    )
    assert response.status_code == 201
    started = await periods.client.post(
        f"{CLIENTS}/{client_id}/service-periods",
        json={"kind": "work_trial", "starts_on": day(40)},
        headers=wac1,
    )
    assert started.status_code == 201, started.text
    episodes = await _episodes(periods, client_id)
    assert [(e["service_type"], e["withdrawn_at"] is not None) for e in episodes] == [
        ("työkokeilu", True),
        ("work_trial", False),
    ]
    feed = await events(periods)
    withdrawn = [e for e in feed if e["type"] == "labour_market_status.withdrawn"]
    assert len(withdrawn) == 1
    # And by hand over the period's days again: refused, the period says it already.
    response = await periods.client.post(
        f"{CLIENTS}/{client_id}/status-episodes",
        json={"status": "active_service", "starts_on": day(20)},
        headers=wac1,
    )
    assert (response.status_code, response.json()["code"]) == (409, "covered_by_service_period")


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"kind": "work_trial", "subsidy_percent": 50}, 422, "wage_subsidy_only"),
        ({"kind": "work_trial", "planned_end_on": "2020-01-01"}, 422, "ends_before_start"),
        ({"kind": "work_trial", "employer_id": "00000000-0000-0000-0000-0000000000e9"}, 422,
         "employer_not_found"),
        ({"kind": "space_travel"}, 422, "validation_failed"),
        ({"kind": "work_trial", "decision_ref": "A\u0000B"}, 422, "validation_failed"),
        ({"kind": "work_trial", "decision_ref": "x" * 61}, 422, "validation_failed"),
    ],
)  # fmt: skip
async def test_bad_periods_are_refused_by_field(
    periods: ServiceApi, body: dict[str, Any], status: int, code: str
) -> None:
    client_id, _ = await enrolled(periods, "wac1")
    response = await periods.client.post(
        f"{CLIENTS}/{client_id}/service-periods",
        json={"starts_on": day(10), **body},
        headers=as_(periods, "wac1"),
    )
    assert (response.status_code, response.json().get("code")) == (status, code), response.text
    listed = await periods.client.get(
        f"{CLIENTS}/{client_id}/service-periods", headers=as_(periods, "wac1")
    )
    assert listed.json() == []


async def test_two_periods_of_one_client_do_not_overlap(periods: ServiceApi) -> None:
    client_id, _ = await enrolled(periods, "wac1")
    wac1 = as_(periods, "wac1")
    first = {"kind": "work_trial", "starts_on": day(30)}
    assert (
        await periods.client.post(
            f"{CLIENTS}/{client_id}/service-periods", json=first, headers=wac1
        )
    ).status_code == 201
    second = {"kind": "wage_subsidy", "starts_on": day(10), "subsidy_percent": 50}
    response = await periods.client.post(
        f"{CLIENTS}/{client_id}/service-periods", json=second, headers=wac1
    )
    assert (response.status_code, response.json()["code"]) == (409, "service_period_overlaps")


async def test_which_status_a_kind_writes_is_versioned_data(periods: ServiceApi) -> None:
    client_id, _ = await enrolled(periods, "wac1")
    wac1 = as_(periods, "wac1")
    apprenticeship = await periods.client.post(
        f"{CLIENTS}/{client_id}/service-periods",
        json={"kind": "apprenticeship", "starts_on": day(90)},
        headers=wac1,
    )
    assert apprenticeship.json()["labour_market_status"] == "employed"
    await periods.client.post(
        f"{CLIENTS}/{client_id}/service-periods/{apprenticeship.json()['id']}/end",
        json={"ends_on": day(60)},
        headers=wac1,
    )
    rules = {**first_service_kind_rules(), "apprenticeship": "active_service"}
    new = {"valid_from": day(30), "statuses": rules}
    refused = await periods.client.post(f"{CLIENTS}/service-kind-rules", json=new, headers=wac1)
    assert (refused.status_code, refused.json()["code"]) == (403, "admin_only")
    added = await periods.client.post(
        f"{CLIENTS}/service-kind-rules", json=new, headers=as_(periods, "admin")
    )
    assert added.status_code == 201, added.text
    assert added.json()["version"] == 2
    later = await periods.client.post(
        f"{CLIENTS}/{client_id}/service-periods",
        json={"kind": "apprenticeship", "starts_on": day(20)},
        headers=wac1,
    )
    assert later.json()["labour_market_status"] == "active_service"
    assert later.json()["rule_version"] == 2
    listed = await periods.client.get(f"{CLIENTS}/{client_id}/service-periods", headers=wac1)
    assert [p["labour_market_status"] for p in listed.json()] == ["employed", "active_service"]


async def test_the_employer_page_names_the_client_only_to_those_who_may_open_them(
    periods: ServiceApi, employer_id: str
) -> None:
    client_id, _ = await enrolled(periods, "wac1")
    started = await periods.client.post(
        f"{CLIENTS}/{client_id}/service-periods",
        json={"kind": "work_trial", "starts_on": day(10), "employer_id": employer_id},
        headers=as_(periods, "wac1"),
    )
    assert started.status_code == 201

    async def listed(user: str) -> tuple[int, Any]:
        response = await periods.client.get(
            f"{CLIENTS}/service-periods",
            params={"employer_id": employer_id},
            headers=as_(periods, user),
        )
        return response.status_code, response.json()

    status, rows = await listed("wac1")
    assert status == 200
    assert [(r["kind"], r["client_id"], r["client_name"]) for r in rows] == [
        ("work_trial", client_id, "Aino Esimerkki")
    ]
    status, rows = await listed("bc2")
    assert status == 200
    assert [(r["kind"], r["client_id"], r["client_name"]) for r in rows] == [
        ("work_trial", None, None)
    ]
    status, body = await listed("coach")
    assert (status, body["code"]) == (403, "staff_only")
    log = await periods.client.get(
        f"{CLIENTS}/{client_id}/access-log", headers=as_(periods, "lead")
    )
    actions = [(e["actor"], e["action"]) for e in log.json()]
    assert ("wac1", "read_service_periods") in actions
    assert ("bc2", "read_service_periods") not in actions


# Who may start a period on wac1's client, and what each one gets (stated, not computed).
START_AS = [
    ("wac1", 201),  # responsible coordinator
    ("wac2", 404),  # another work-ability coordinator: the client does not exist for them
    ("bc1", 404),
    ("coach", 403),  # referred the client: sees the profile, changes nothing
    ("lead", 403),  # sees the unit's clients, changes nothing
]


@pytest.mark.parametrize(("user", "expected"), START_AS)
async def test_who_may_start_a_period(periods: ServiceApi, user: str, expected: int) -> None:
    client_id, _ = await enrolled(periods, "wac1")
    response = await periods.client.post(
        f"{CLIENTS}/{client_id}/service-periods",
        json={"kind": "work_trial", "starts_on": day(3)},
        headers=as_(periods, user),
    )
    assert response.status_code == expected, response.text


# Who may read and change a period of wac1's client (stated, not computed).
READ_AND_CHANGE_AS = [
    # user, list, change (PATCH), end
    ("wac1", 200, 200, 200),
    ("wac2", 404, 404, 404),
    ("bc1", 404, 404, 404),
    ("coach", 404, 403, 403),  # the referrer sees the profile only: no pathway, no change
    ("lead", 200, 403, 403),  # the unit's pathways are readable, not writable
]


@pytest.mark.parametrize(("user", "listed", "changed", "ended"), READ_AND_CHANGE_AS)
async def test_who_may_read_change_and_end_a_period(
    periods: ServiceApi, user: str, listed: int, changed: int, ended: int
) -> None:
    client_id, _ = await enrolled(periods, "wac1")
    started = await periods.client.post(
        f"{CLIENTS}/{client_id}/service-periods",
        json={"kind": "work_trial", "starts_on": day(30)},
        headers=as_(periods, "wac1"),
    )
    base = f"{CLIENTS}/{client_id}/service-periods"
    path = f"{base}/{started.json()['id']}"
    headers = as_(periods, user)
    assert (await periods.client.get(base, headers=headers)).status_code == listed
    patch = await periods.client.patch(path, json={"hours_per_week": 20}, headers=headers)
    assert patch.status_code == changed, patch.text
    end = await periods.client.post(f"{path}/end", json={"ends_on": day(2)}, headers=headers)
    assert end.status_code == ended, end.text


async def test_a_forged_period_id_is_not_found(periods: ServiceApi) -> None:
    client_id, _ = await enrolled(periods, "wac1")
    other_id, _ = await enrolled(periods, "wac1")
    started = await periods.client.post(
        f"{CLIENTS}/{other_id}/service-periods",
        json={"kind": "work_trial", "starts_on": day(30)},
        headers=as_(periods, "wac1"),
    )
    # Another client's period through this client's path: not found, and unchanged.
    forged = f"{CLIENTS}/{client_id}/service-periods/{started.json()['id']}/end"
    response = await periods.client.post(
        forged, json={"ends_on": day(2)}, headers=as_(periods, "wac1")
    )
    assert (response.status_code, response.json()["code"]) == (404, "service_period_not_found")
    listed = await periods.client.get(
        f"{CLIENTS}/{other_id}/service-periods", headers=as_(periods, "wac1")
    )
    assert listed.json()[0]["ends_on"] is None


async def test_a_machine_client_reaches_no_period(periods: ServiceApi) -> None:
    client_id, _ = await enrolled(periods, "wac1")
    machine = periods.as_machine("ladec", "leads:write")
    for method, path in [
        ("POST", f"{CLIENTS}/{client_id}/service-periods"),
        ("GET", f"{CLIENTS}/{client_id}/service-periods"),
        ("GET", f"{CLIENTS}/service-periods?employer_id={client_id}"),
    ]:
        response = await periods.client.request(
            method, path, json={"kind": "work_trial", "starts_on": day(3)}, headers=machine
        )
        assert response.status_code in (403, 404), (method, path, response.status_code)


async def test_follow_up_visits_during_a_period_are_meetings_linked_to_it(
    periods: ServiceApi,
) -> None:
    client_id, enrolment_id = await contacted_and_met(periods, "wac1")
    other_id, other_enrolment = await contacted_and_met(periods, "wac1")
    wac1 = as_(periods, "wac1")
    base = f"{CLIENTS}/{client_id}/service-periods"
    started = await periods.client.post(
        base, json={"kind": "work_trial", "starts_on": day(14)}, headers=wac1
    )
    assert started.status_code == 201, started.text
    period_id = started.json()["id"]
    visit = {"kind": "follow_up", "at": past(7), "status": "held", "service_period_id": period_id}
    meeting = await periods.client.post(
        f"{CLIENTS}/{client_id}/enrolments/{enrolment_id}/meetings", json=visit, headers=wac1
    )
    assert meeting.status_code == 201, meeting.text
    assert meeting.json()["service_period_id"] == period_id

    # The same period named on another client's meeting: refused, and nothing is recorded.
    forged = await periods.client.post(
        f"{CLIENTS}/{other_id}/enrolments/{other_enrolment}/meetings", json=visit, headers=wac1
    )
    assert (forged.status_code, forged.json()["code"]) == (422, "service_period_not_found")
    listed = (await periods.client.get(base, headers=wac1)).json()
    assert [v["id"] for v in listed[0]["follow_up_visits"]] == [meeting.json()["id"]]
    others = await periods.client.get(
        f"{CLIENTS}/{other_id}/enrolments/{other_enrolment}/meetings", headers=wac1
    )
    assert [m["kind"] for m in others.json()] == ["first"]


async def test_a_provider_must_be_a_partner_of_the_directory(periods: ServiceApi) -> None:
    client_id, _ = await enrolled(periods, "wac1")
    wac1 = as_(periods, "wac1")
    base = f"{CLIENTS}/{client_id}/service-periods"
    unknown = {"kind": "labour_market_training", "starts_on": day(5), "partner_id": UNKNOWN_ID}
    refused = await periods.client.post(base, json=unknown, headers=wac1)
    assert (refused.status_code, refused.json()["code"]) == (422, "partner_not_found")
    assert refused.json()["errors"][0]["loc"] == ["body", "partner_id"]
    assert (await periods.client.get(base, headers=wac1)).json() == []
    known = {**unknown, "partner_id": STAND_IN_PARTNER_ID}
    started = await periods.client.post(base, json=known, headers=wac1)
    assert started.status_code == 201, started.text
    assert started.json()["partner_id"] == STAND_IN_PARTNER_ID
    moved = await periods.client.patch(
        f"{base}/{started.json()['id']}", json={"partner_id": UNKNOWN_ID}, headers=wac1
    )
    assert (moved.status_code, moved.json()["code"]) == (422, "partner_not_found")


# Who may read the versioned rules (stated, not computed): the service's staff only.
RULES_READ_AS = [("wac1", 200), ("lead", 200), ("admin", 200), ("coach", 403)]


@pytest.mark.parametrize(("user", "expected"), RULES_READ_AS)
async def test_who_may_read_the_kind_rules(periods: ServiceApi, user: str, expected: int) -> None:
    response = await periods.client.get(
        "/api/v1/clients/service-kind-rules", headers=as_(periods, user)
    )
    assert response.status_code == expected, response.text


async def test_a_machine_client_reads_no_kind_rules(periods: ServiceApi) -> None:
    response = await periods.client.get(
        "/api/v1/clients/service-kind-rules", headers=periods.as_machine("bi", "metrics:read")
    )
    assert (response.status_code, response.json()["code"]) == (403, "staff_only")
