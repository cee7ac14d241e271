"""The employers service names its rules by code too (issue 12)."""

from __future__ import annotations

from tests.conftest import ServiceApi
from tests.employers.payloads import employer_body

EMPLOYERS = "/api/v1/employers"


async def test_a_bad_business_id_and_phone_are_named_by_their_rule(crm: ServiceApi) -> None:
    bc1 = crm.as_staff("bc1", "business_coordinator")
    response = await crm.client.post(
        EMPLOYERS, json=employer_body(business_id="1572860-1"), headers=bc1
    )
    assert response.status_code == 422
    assert [(e["loc"], e["code"]) for e in response.json()["errors"]] == [
        (["body", "business_id"], "invalid_business_id")
    ]
    employer = await crm.client.post(EMPLOYERS, json=employer_body(), headers=bc1)
    assert employer.status_code == 201, employer.text
    contact = await crm.client.post(
        f"{EMPLOYERS}/{employer.json()['id']}/contacts",
        json={"name": "Maija Meikäläinen", "phone": "12"},
        headers=bc1,
    )
    assert contact.status_code == 422
    assert [(e["loc"][-1], e["code"]) for e in contact.json()["errors"]] == [
        ("phone", "invalid_phone")
    ]


async def test_a_second_employer_with_the_business_id_is_a_coded_conflict(
    crm: ServiceApi,
) -> None:
    bc1 = crm.as_staff("bc1", "business_coordinator")
    body = employer_body()
    assert (await crm.client.post(EMPLOYERS, json=body, headers=bc1)).status_code == 201
    again = await crm.client.post(
        EMPLOYERS, json=employer_body(business_id=body["business_id"]), headers=bc1
    )
    assert again.status_code == 409
    assert again.json()["code"] == "duplicate_business_id"


async def test_an_unknown_employer_is_employer_not_found(crm: ServiceApi) -> None:
    response = await crm.client.get(
        f"{EMPLOYERS}/00000000-0000-4000-8000-000000000000",
        headers=crm.as_staff("bc1", "business_coordinator"),
    )
    assert (response.status_code, response.json()["code"]) == (404, "employer_not_found")
