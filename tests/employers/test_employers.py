"""Employers in the CRM: one record per Y-tunnus, search, status with dates, who may do what."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest

from tests.conftest import ServiceApi
from tests.employers.payloads import business_id, employer_body, lead_push

EMPLOYERS = "/api/v1/employers"
BC1 = ("bc1", "business_coordinator")


async def _create(api: ServiceApi, **overrides: Any) -> dict[str, Any]:
    response = await api.client.post(
        EMPLOYERS, json=employer_body(**overrides), headers=api.as_staff(*BC1)
    )
    assert response.status_code == 201, response.text
    employer: dict[str, Any] = response.json()
    return employer


async def _all(api: ServiceApi) -> list[dict[str, Any]]:
    response = await api.client.get(EMPLOYERS, params={"limit": 200}, headers=api.as_staff(*BC1))
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def _push(api: ServiceApi, **overrides: Any) -> Any:
    return await api.client.post(
        "/api/v1/leads",
        json=lead_push(**overrides),
        headers={**api.as_machine("ladec", "leads:write"), "Idempotency-Key": str(uuid.uuid4())},
    )


async def test_a_business_id_is_stored_in_its_canonical_form(crm: ServiceApi) -> None:
    canonical = business_id(1)
    employer = await _create(crm, business_id=canonical.replace("-", ""))
    assert employer["business_id"] == canonical
    assert employer["status"] == "prospect"
    assert employer["created_by"] == "bc1"


async def test_a_second_employer_with_the_same_business_id_is_refused(crm: ServiceApi) -> None:
    first = await _create(crm, business_id=business_id(2))
    for typed in (business_id(2), business_id(2).replace("-", ""), f" {business_id(2)} "):
        again = await crm.client.post(
            EMPLOYERS, json=employer_body(business_id=typed), headers=crm.as_staff(*BC1)
        )
        assert again.status_code == 409, typed
        assert first["id"] in again.json()["detail"]
    assert len(await _all(crm)) == 1


async def test_a_lead_reuses_the_employer_of_its_business_id(crm: ServiceApi) -> None:
    employer = await _create(crm, business_id="1572860-0")
    lead = await _push(crm, business_id="15728600")
    assert lead.json()["employer_id"] == employer["id"]
    assert len(await _all(crm)) == 1


async def test_a_lead_for_a_new_company_creates_a_prospect(crm: ServiceApi) -> None:
    lead = (await _push(crm, business_id=business_id(3), company_name="Uusi Oy")).json()
    employer = await crm.client.get(
        f"{EMPLOYERS}/{lead['employer_id']}", headers=crm.as_staff(*BC1)
    )
    assert employer.json()["name"] == "Uusi Oy"
    assert employer.json()["industry"] == "F"
    assert employer.json()["status"] == "prospect"


async def test_concurrent_creations_of_one_company_make_one_employer(crm: ServiceApi) -> None:
    body = employer_body()
    responses = await asyncio.gather(
        *(crm.client.post(EMPLOYERS, json=body, headers=crm.as_staff(*BC1)) for _ in range(8))
    )
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201] + [409] * 7
    winner = next(r.json()["id"] for r in responses if r.status_code == 201)
    assert all(winner in r.json()["detail"] for r in responses if r.status_code == 409)
    assert [e["id"] for e in await _all(crm)] == [winner]


async def test_concurrent_leads_of_one_new_company_share_one_employer(crm: ServiceApi) -> None:
    company = business_id(4)
    responses = await asyncio.gather(*(_push(crm, business_id=company) for _ in range(8)))
    assert all(r.status_code == 201 for r in responses), [r.text for r in responses]
    assert len({r.json()["employer_id"] for r in responses}) == 1
    assert len(await _all(crm)) == 1


async def test_changing_a_business_id_to_one_on_record_is_refused(crm: ServiceApi) -> None:
    first = await _create(crm)
    second = await _create(crm)
    response = await crm.client.patch(
        f"{EMPLOYERS}/{second['id']}",
        json={"business_id": first["business_id"]},
        headers=crm.as_staff(*BC1),
    )
    assert response.status_code == 409
    assert first["id"] in response.json()["detail"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"business_id": "1234567-0"}, "business_id"),
        ({"name": ""}, "name"),
        ({"industry": "V"}, "industry"),
        ({"size_class": "huge"}, "size_class"),
        ({"status": "friend"}, "status"),
    ],
)
async def test_invalid_employer_input_is_refused_naming_the_field(
    crm: ServiceApi, body: dict[str, Any], field: str
) -> None:
    response = await crm.client.post(
        EMPLOYERS, json=employer_body(**body), headers=crm.as_staff(*BC1)
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"][:2] == ["body", field]
    assert await _all(crm) == []


async def test_a_refused_change_leaves_the_employer_as_it_was(crm: ServiceApi) -> None:
    employer = await _create(crm)
    url = f"{EMPLOYERS}/{employer['id']}"
    partner = await crm.client.patch(url, json={"status": "partner"}, headers=crm.as_staff(*BC1))
    assert partner.status_code == 200
    assert partner.json()["network_member"] is True
    assert partner.json()["partner_since"] is not None

    backwards = await crm.client.patch(
        url, json={"status": "prospect", "name": "Renamed Oy"}, headers=crm.as_staff(*BC1)
    )
    bad_phone = await crm.client.post(
        f"{url}/contacts", json={"name": "Anna", "phone": "12"}, headers=crm.as_staff(*BC1)
    )
    assert backwards.status_code == 422
    assert backwards.json()["errors"][0]["loc"] == ["body", "status"]
    assert bad_phone.status_code == 422
    assert bad_phone.json()["errors"][0]["loc"][:2] == ["body", "phone"]
    current = await crm.client.get(url, headers=crm.as_staff(*BC1))
    assert current.json() == partner.json()
    contacts = await crm.client.get(f"{url}/contacts", headers=crm.as_staff(*BC1))
    assert contacts.json()["items"] == []


async def test_search_by_name_business_id_section_and_status(crm: ServiceApi) -> None:
    shop = await _create(crm, name="Kauppa Kulma Oy", industry="G")
    builder = await _create(crm, name="Rakennus Kivi Oy", industry="F", status="partner")
    await _create(crm, name="Ravintola Pata Oy", industry="I")

    async def ids(**params: Any) -> list[str]:
        response = await crm.client.get(EMPLOYERS, params=params, headers=crm.as_staff(*BC1))
        assert response.status_code == 200
        return [e["id"] for e in response.json()["items"]]

    assert await ids(q="kulma") == [shop["id"]]
    assert await ids(business_id=builder["business_id"].replace("-", "")) == [builder["id"]]
    assert await ids(industry="F") == [builder["id"]]
    assert await ids(status="partner") == [builder["id"]]
    first_page = await crm.client.get(EMPLOYERS, params={"limit": 2}, headers=crm.as_staff(*BC1))
    second_page = await crm.client.get(
        EMPLOYERS,
        params={"limit": 2, "cursor": first_page.json()["next_cursor"]},
        headers=crm.as_staff(*BC1),
    )
    names = [e["name"] for e in first_page.json()["items"] + second_page.json()["items"]]
    assert names == ["Kauppa Kulma Oy", "Rakennus Kivi Oy", "Ravintola Pata Oy"]
    assert second_page.json()["next_cursor"] is None


async def test_contacts_openings_and_activities(crm: ServiceApi) -> None:
    employer = await _create(crm)
    url = f"{EMPLOYERS}/{employer['id']}"
    contact = await crm.client.post(
        f"{url}/contacts",
        json={"name": "Anna Esimerkki", "role": "HR manager", "email": "anna@example.fi"},
        headers=crm.as_staff(*BC1),
    )
    assert contact.status_code == 201
    assert contact.json()["role"] == "HR manager"

    opening = await crm.client.post(
        f"{url}/openings",
        json={"title": "Shop assistant", "kind": "work_trial", "wage_subsidy": True},
        headers=crm.as_staff(*BC1),
    )
    assert opening.status_code == 201
    assert opening.json()["status"] == "open"
    filled = await crm.client.patch(
        f"{url}/openings/{opening.json()['id']}",
        json={"status": "filled"},
        headers=crm.as_staff(*BC1),
    )
    assert filled.json()["status"] == "filled"
    assert filled.json()["filled_at"] is not None

    workshop = await crm.client.post(
        f"{url}/activities",
        json={"kind": "ratko_workshop", "at": "2026-11-02T09:00:00+02:00", "agreed": "Two tasks"},
        headers=crm.as_staff(*BC1),
    )
    assert workshop.status_code == 201
    assert workshop.json()["by"] == "bc1"
    visit = await crm.client.post(
        f"{url}/activities",
        json={"kind": "visit", "at": "2026-11-03T09:00:00+02:00"},
        headers=crm.as_staff(*BC1),
    )
    assert visit.status_code == 201
    current = await crm.client.get(url, headers=crm.as_staff(*BC1))
    assert current.json()["status"] == "contacted"
    assert current.json()["contacted_on"] == "2026-11-03"

    future = await crm.client.post(
        f"{url}/activities",
        json={"kind": "call", "at": "2099-01-01T09:00:00+02:00"},
        headers=crm.as_staff(*BC1),
    )
    assert future.status_code == 422


async def test_an_opening_links_only_a_lead_of_its_employer(crm: ServiceApi) -> None:
    employer = await _create(crm)
    lead = (await _push(crm)).json()
    response = await crm.client.post(
        f"{EMPLOYERS}/{employer['id']}/openings",
        json={"title": "Helper", "kind": "regular", "lead_id": lead["id"]},
        headers=crm.as_staff(*BC1),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "lead_id"]
    linked = await crm.client.post(
        f"{EMPLOYERS}/{lead['employer_id']}/openings",
        json={"title": "Helper", "kind": "regular", "lead_id": lead["id"], "positions": 2},
        headers=crm.as_staff(*BC1),
    )
    assert linked.status_code == 201
    assert linked.json()["lead_id"] == lead["id"]


async def test_readers_read_employers_and_openings_but_change_nothing(crm: ServiceApi) -> None:
    employer = await _create(crm)
    await crm.client.post(
        f"{EMPLOYERS}/{employer['id']}/openings",
        json={"title": "Cleaner", "kind": "tailored_work"},
        headers=crm.as_staff(*BC1),
    )
    for who in (("wac1", "work_ability_coordinator"), ("coach", "coach")):
        headers = crm.as_staff(*who)
        assert (
            await crm.client.get(f"{EMPLOYERS}/{employer['id']}", headers=headers)
        ).status_code == 200
        openings = await crm.client.get(f"{EMPLOYERS}/openings?kind=tailored_work", headers=headers)
        assert [o["title"] for o in openings.json()["items"]] == ["Cleaner"]
        assert (
            await crm.client.post(EMPLOYERS, json=employer_body(), headers=headers)
        ).status_code == 403
        assert (
            await crm.client.patch(
                f"{EMPLOYERS}/{employer['id']}", json={"name": "X"}, headers=headers
            )
        ).status_code == 403
        assert (await crm.client.get("/api/v1/leads", headers=headers)).status_code == 403
        assert (
            await crm.client.get(f"{EMPLOYERS}/{employer['id']}/activities", headers=headers)
        ).status_code == 403
    ladec = crm.as_machine("ladec", "leads:write", "leads:read")
    assert (await crm.client.get(EMPLOYERS, headers=ladec)).status_code == 403


async def test_an_unknown_employer_is_not_found(crm: ServiceApi) -> None:
    response = await crm.client.get(f"{EMPLOYERS}/{uuid.uuid4()}", headers=crm.as_staff(*BC1))
    assert response.status_code == 404


async def test_the_internal_opening_api(crm: ServiceApi) -> None:
    employer = await _create(crm)
    opening = (
        await crm.client.post(
            f"{EMPLOYERS}/{employer['id']}/openings",
            json={"title": "Driver", "kind": "regular"},
            headers=crm.as_staff(*BC1),
        )
    ).json()
    internal = crm.as_machine("svc-referrals", "internal")
    seen = await crm.client.get(f"/internal/openings/{opening['id']}", headers=internal)
    assert seen.json() == {
        "id": opening["id"],
        "employer_id": employer["id"],
        "lead_id": None,
        "status": "open",
        "title": "Driver",
    }
    fill = f"/internal/openings/{opening['id']}/fill"
    first = await crm.client.post(fill, json={"effect_key": "r1:fill"}, headers=internal)
    second = await crm.client.post(fill, json={"effect_key": "r1:fill"}, headers=internal)
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert first.json()["status"] == "filled"
    forbidden = await crm.client.get(
        f"/internal/openings/{opening['id']}", headers=crm.as_staff(*BC1)
    )
    assert forbidden.status_code == 403


LEAD_ROLE = ("lead", "team_lead")
BAD_USERNAMES = ["nobody/../bc2", "x\rx", "x\nx", "bc1\u0000", "a/b", "BC1"]


async def _leads(api: ServiceApi) -> list[dict[str, Any]]:
    response = await api.client.get("/api/v1/leads", headers=api.as_staff(*LEAD_ROLE))
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def test_a_ladec_need_keeps_its_line_breaks_as_lf(crm: ServiceApi) -> None:
    response = await _push(crm, need="Two helpers\r\nWork trial possible\rFrom May")
    assert response.status_code == 201, response.text
    assert response.json()["need"] == "Two helpers\nWork trial possible\nFrom May"
    stored = await crm.client.get(
        f"/api/v1/leads/{response.json()['id']}", headers=crm.as_staff(*BC1)
    )
    assert stored.json()["need"] == "Two helpers\nWork trial possible\nFrom May"


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"company_name": "Rakennus\u0000 Oy"}, ["body", "company_name"]),
        ({"company_name": "Rakennus \u202eyO"}, ["body", "company_name"]),
        ({"external_id": "LADEC-\u200b1"}, ["body", "external_id"]),
        ({"need": "Helpers\u0085now"}, ["body", "need"]),
        ({"need": "Helpers\u0000"}, ["body", "need"]),
        ({"contact": {"name": "Maija\nMeikäläinen"}}, ["body", "contact", "name"]),
        ({"contact": {"email": "maija\u202e@example.fi"}}, ["body", "contact", "email"]),
    ],
)
async def test_a_ladec_lead_with_control_characters_is_refused(
    crm: ServiceApi, body: dict[str, Any], loc: list[str]
) -> None:
    response = await _push(crm, **body)
    assert response.status_code == 422, response.text
    assert [e["loc"] for e in response.json()["errors"]] == [loc]
    assert await _leads(crm) == []
    assert await _all(crm) == []


@pytest.mark.parametrize("name", ["Oy\u0000", "Oy \u202eAB", "O\u200by", "Oy\u0085", "Oy\tAb"])
async def test_an_employer_or_contact_name_with_a_control_character_is_refused(
    crm: ServiceApi, name: str
) -> None:
    response = await crm.client.post(
        EMPLOYERS, json=employer_body(name=name), headers=crm.as_staff(*BC1)
    )
    assert response.status_code == 422, response.text
    assert [e["loc"] for e in response.json()["errors"]] == [["body", "name"]]
    assert await _all(crm) == []
    employer = await _create(crm)
    response = await crm.client.post(
        f"{EMPLOYERS}/{employer['id']}/contacts", json={"name": name}, headers=crm.as_staff(*BC1)
    )
    assert response.status_code == 422, response.text
    assert [e["loc"] for e in response.json()["errors"]] == [["body", "name"]]


async def test_an_employer_name_keeps_its_joiners(crm: ServiceApi) -> None:
    name = "\u0dc1\u0dca\u200d\u0dbb\u0dd3 Oy"  # ZWJ inside
    assert (await _create(crm, name=name))["name"] == name
    assert (await _create(crm, name="Ka\u0308rki Oy"))["name"] == "K\u00e4rki Oy"


@pytest.mark.parametrize("username", BAD_USERNAMES)
async def test_a_lead_coordinator_that_is_no_username_is_refused(
    crm: ServiceApi, username: str
) -> None:
    entry = {"source": "phone", "business_id": business_id(901), "company_name": "Oy Ab"}
    response = await crm.client.post(
        "/api/v1/leads/entries",
        json={**entry, "need": "Cleaner", "coordinator": username},
        headers=crm.as_staff(*LEAD_ROLE),
    )
    assert response.status_code == 422, response.text
    assert [e["loc"] for e in response.json()["errors"]] == [["body", "coordinator"]]
    assert await _leads(crm) == []

    lead = (await _push(crm)).json()
    response = await crm.client.patch(
        f"/api/v1/leads/{lead['id']}",
        json={"coordinator": username},
        headers=crm.as_staff(*LEAD_ROLE),
    )
    assert response.status_code == 422, response.text
    assert [e["loc"] for e in response.json()["errors"]] == [["body", "coordinator"]]
    assert [item["coordinator"] for item in await _leads(crm)] == [lead["coordinator"]]

    response = await crm.client.get(
        "/api/v1/leads", params={"coordinator": username}, headers=crm.as_staff(*LEAD_ROLE)
    )
    assert response.status_code == 422, response.text
    assert [e["loc"] for e in response.json()["errors"]] == [["query", "coordinator"]]


async def test_an_employer_search_with_a_control_character_is_refused(crm: ServiceApi) -> None:
    response = await crm.client.get(EMPLOYERS, params={"q": "Oy\u0000"}, headers=crm.as_staff(*BC1))
    assert response.status_code == 422, response.text
    assert [e["loc"] for e in response.json()["errors"]] == [["query", "q"]]


# Who may read an employer over /internal (stated, not computed): another service only.
INTERNAL_EMPLOYER_AS = [
    ("svc-clients machine", 200),
    ("bc1", 403),
    ("ladec machine", 403),
    ("no token", 401),
]


@pytest.mark.parametrize(("caller", "expected"), INTERNAL_EMPLOYER_AS)
async def test_the_internal_employer_answers_other_services_only(
    crm: ServiceApi, caller: str, expected: int
) -> None:
    employer = await _create(crm)
    headers = {
        "svc-clients machine": crm.as_machine("svc-clients", "internal"),
        "bc1": crm.as_staff(*BC1),
        "ladec machine": crm.as_machine("ladec", "leads:write"),
        "no token": {},
    }[caller]
    response = await crm.client.get(f"/internal/employers/{employer['id']}", headers=headers)
    assert response.status_code == expected, response.text
    if expected == 200:
        assert response.json() == {
            "id": employer["id"],
            "name": employer["name"],
            "status": employer["status"],
        }


# A forged employer id (stated, not computed): unknown or a path escape → 404, a string
# that is no id → 422.
FORGED_EMPLOYER_IDS = [
    ("00000000-0000-0000-0000-0000000000e9", 404),
    ("..%2F..%2Finternal%2Fleads", 404),  # no route of that shape: nothing is reached
    ("x%00y", 422),
]


@pytest.mark.parametrize(("forged", "expected"), FORGED_EMPLOYER_IDS)
async def test_an_unknown_or_forged_internal_employer_is_refused(
    crm: ServiceApi, forged: str, expected: int
) -> None:
    response = await crm.client.get(
        f"/internal/employers/{forged}", headers=crm.as_machine("svc-clients", "internal")
    )
    assert response.status_code == expected, response.text
