"""The Rekrypiste desk as the app uses it: leads entered by hand, companies named on every
list, contact persons carried to the register, openings searched and filled."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.conftest import ServiceApi
from tests.employers.payloads import created_body, employer_body, lead_push

LEADS = "/api/v1/leads"
BC1 = ("bc1", "business_coordinator")
BC2 = ("bc2", "business_coordinator")
TEAM_LEAD = ("lead", "team_lead")


def entry(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "source": "phone",
        "business_id": employer_body()["business_id"],
        "company_name": "Puhelinyritys Oy",
        "need": "Kaksi siivoojaa aamuvuoroon",
        "received_at": "2026-11-20T10:00:00+02:00",
        "contact": {"name": "Liisa Laine", "phone": "+358401112233"},
    }
    body.update(overrides)
    return body


async def enter(crm: ServiceApi, who: tuple[str, str] = BC1, **overrides: Any) -> dict[str, Any]:
    response = await crm.client.post(
        f"{LEADS}/entries", json=entry(**overrides), headers=crm.as_staff(*who)
    )
    return created_body(response)


async def test_a_lead_from_a_phone_call_has_a_pushed_leads_deadlines_and_its_enterer(
    crm: ServiceApi,
) -> None:
    pushed = await crm.client.post(
        LEADS,
        json=lead_push(received_at="2026-11-20T10:00:00+02:00"),
        headers={**crm.as_machine("ladec", "leads:write"), "Idempotency-Key": "desk-1"},
    )
    entered = await enter(crm, BC2, received_at="2026-11-20T10:00:00+02:00")
    assert entered["contact_due"] == pushed.json()["contact_due"] == "2026-11-25"
    assert entered["coordinator"] == "bc2"
    assert entered["employer_name"] == "Puhelinyritys Oy"
    assert pushed.json()["employer_name"] == "Rakennus Oy Esimerkki"


async def test_a_walk_in_visit_is_a_source_of_its_own(crm: ServiceApi) -> None:
    lead = await enter(crm, source="walk_in")
    listed = await crm.client.get(f"{LEADS}?source=walk_in", headers=crm.as_staff(*BC1))
    assert [item["id"] for item in listed.json()["items"]] == [lead["id"]]


async def test_a_second_open_lead_of_the_same_company_is_flagged(crm: ServiceApi) -> None:
    first = await enter(crm)
    assert first["possible_duplicate_of"] is None
    again = await enter(crm, business_id=entry()["business_id"], company_name="PUHELINYRITYS")
    assert again["possible_duplicate_of"] == first["id"]
    same_id = await enter(
        crm, employer_id=first["employer_id"], business_id=None, company_name=None
    )
    assert same_id["possible_duplicate_of"] == first["id"]
    shown = await crm.client.get(f"{LEADS}/{again['id']}", headers=crm.as_staff(*BC1))
    assert shown.json()["possible_duplicate_of"] == first["id"]


async def test_a_closed_lead_is_no_duplicate(crm: ServiceApi) -> None:
    first = await enter(crm)
    await crm.client.post(
        f"{LEADS}/{first['id']}/close", json={"reason": "no_hire"}, headers=crm.as_staff(*BC1)
    )
    later = await enter(crm, employer_id=first["employer_id"], business_id=None, company_name=None)
    assert later["possible_duplicate_of"] is None


async def test_the_leads_contact_joins_the_employers_contact_persons_once(crm: ServiceApi) -> None:
    first = await enter(crm)
    await enter(
        crm,
        employer_id=first["employer_id"],
        business_id=None,
        company_name=None,
        contact={"name": "liisa laine", "email": "liisa@example.fi"},
    )
    contacts = await crm.client.get(
        f"/api/v1/employers/{first['employer_id']}/contacts", headers=crm.as_staff(*BC1)
    )
    assert [(c["name"], c["phone"], c["email"]) for c in contacts.json()["items"]] == [
        ("Liisa Laine", "+358401112233", "liisa@example.fi")
    ]


async def test_a_contact_given_later_on_the_lead_joins_the_register(crm: ServiceApi) -> None:
    lead = await enter(crm, contact=None)
    await crm.client.patch(
        f"{LEADS}/{lead['id']}",
        json={"contact": {"name": "Pekka Puro", "email": "pekka@example.fi"}},
        headers=crm.as_staff(*BC1),
    )
    contacts = await crm.client.get(
        f"/api/v1/employers/{lead['employer_id']}/contacts", headers=crm.as_staff(*BC1)
    )
    assert [c["name"] for c in contacts.json()["items"]] == ["Pekka Puro"]


async def test_the_lead_says_who_closed_it(crm: ServiceApi) -> None:
    lead = await enter(crm)
    closed = await crm.client.post(
        f"{LEADS}/{lead['id']}/close",
        json={"reason": "withdrawn"},
        headers=crm.as_staff(*TEAM_LEAD),
    )
    assert (closed.json()["close_reason"], closed.json()["closed_by"]) == ("withdrawn", "lead")
    assert lead["closed_by"] is None


async def test_the_lead_list_names_each_company_and_searches_by_company_or_external_id(
    crm: ServiceApi,
) -> None:
    phoned = await enter(crm, company_name="Kahvila Kultainen Oy")
    pushed = (
        await crm.client.post(
            LEADS,
            json=lead_push(external_id="LADEC-2026-HAKU"),
            headers={**crm.as_machine("ladec", "leads:write"), "Idempotency-Key": "desk-q"},
        )
    ).json()
    by_company = await crm.client.get(f"{LEADS}?q=kultainen", headers=crm.as_staff(*BC1))
    assert [(i["id"], i["employer_name"]) for i in by_company.json()["items"]] == [
        (phoned["id"], "Kahvila Kultainen Oy")
    ]
    by_external = await crm.client.get(f"{LEADS}?q=ladec-2026-haku", headers=crm.as_staff(*BC1))
    assert [i["id"] for i in by_external.json()["items"]] == [pushed["id"]]


async def test_only_a_team_lead_reassigns_a_lead(crm: ServiceApi) -> None:
    lead = await enter(crm)
    refused = await crm.client.patch(
        f"{LEADS}/{lead['id']}", json={"coordinator": "bc2"}, headers=crm.as_staff(*BC1)
    )
    assert refused.status_code == 403
    moved = await crm.client.patch(
        f"{LEADS}/{lead['id']}", json={"coordinator": "bc2"}, headers=crm.as_staff(*TEAM_LEAD)
    )
    assert moved.json()["coordinator"] == "bc2"


async def new_opening(crm: ServiceApi, employer_name: str, title: str) -> dict[str, Any]:
    employer = (
        await crm.client.post(
            "/api/v1/employers", json=employer_body(name=employer_name), headers=crm.as_staff(*BC1)
        )
    ).json()
    created = await crm.client.post(
        f"/api/v1/employers/{employer['id']}/openings",
        json={"title": title, "kind": "regular", "positions": 2},
        headers=crm.as_staff(*BC1),
    )
    return created_body(created)


async def test_openings_name_their_employer_and_are_found_by_title_or_employer(
    crm: ServiceApi,
) -> None:
    cook = await new_opening(crm, "Ravintola Lähde Oy", "Kokki")
    await new_opening(crm, "Rakennus Kivi Oy", "Rakennusapulainen")
    assert (cook["employer_name"], cook["filled_positions"], cook["positions"]) == (
        "Ravintola Lähde Oy",
        0,
        2,
    )
    for q in ("kokki", "lähde"):
        found = await crm.client.get(
            f"/api/v1/employers/openings?q={q}",
            headers=crm.as_staff("wac1", "work_ability_coordinator"),
        )
        assert [(o["title"], o["employer_name"]) for o in found.json()["items"]] == [
            ("Kokki", "Ravintola Lähde Oy")
        ]


@pytest.mark.parametrize("status", ["filled", "cancelled"])
async def test_an_opening_is_marked_filled_or_closed_without_a_hire(
    crm: ServiceApi, status: str
) -> None:
    opening = await new_opening(crm, "Kauppa Oy", "Myyjä")
    changed = await crm.client.patch(
        f"/api/v1/employers/{opening['employer_id']}/openings/{opening['id']}",
        json={"status": status, "title": "Myyjä (osa-aika)"},
        headers=crm.as_staff(*BC1),
    )
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert (body["status"], body["title"], body["employer_name"]) == (
        status,
        "Myyjä (osa-aika)",
        "Kauppa Oy",
    )
    assert (body["filled_at"] is not None) == (status == "filled")


async def test_a_contact_logged_the_minute_a_lead_is_entered_counts(crm: ServiceApi) -> None:
    lead = await enter(crm, received_at=None)
    minute = dt.datetime.fromisoformat(lead["received_at"]).replace(second=0, microsecond=0)
    contacted = await crm.client.post(
        f"{LEADS}/{lead['id']}/activities",
        json={"kind": "contact", "at": minute.isoformat()},
        headers=crm.as_staff(*BC1),
    )
    assert contacted.status_code == 201, contacted.text
    assert contacted.json()["status"] == "contacted"
