"""One object of each kind in each service (and the gateway's identity API), so the generated requests reach real objects too
(a random id only ever meets a 404). Keys are the path parameter names of the OpenAPI."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.conftest import ServiceApi
from tests.employers.payloads import employer_body, lead_push

CONSENTS = ("service", "esf_data", "share_with_health_services", "share_work_ability_summary")


def _past(days: int) -> str:
    return (dt.datetime.now(dt.UTC) - dt.timedelta(days=days)).isoformat()


async def _created(api: ServiceApi, path: str, headers: dict[str, str], body: Any) -> str:
    response = await api.client.post(path, json=body, headers=headers)
    assert response.status_code == 201, response.text
    created: str = response.json()["id"]
    return created


async def client_objects(clients: ServiceApi) -> dict[str, str]:
    """A client of wac1's with every consent, an enrolment, a meeting and a note."""
    wac1 = clients.as_staff("wac1", "work_ability_coordinator")
    base = "/api/v1/clients"
    client_id = await _created(clients, base, wac1, {"first_name": "Aino", "last_name": "Testi"})
    consents = [
        await _created(clients, f"{base}/{client_id}/consents", wac1, {"purpose": purpose})
        for purpose in CONSENTS
    ]
    registered_on = (dt.datetime.now(dt.UTC) - dt.timedelta(days=20)).date().isoformat()
    enrolment = {
        "service_line": "work_ability",
        "coordinator": "wac1",
        "registered_on": registered_on,
    }
    enrolment_id = await _created(clients, f"{base}/{client_id}/enrolments", wac1, enrolment)
    enrolled = f"{base}/{client_id}/enrolments/{enrolment_id}"
    contact = {"channel": "phone", "reached": True, "at": _past(3)}
    await _created(clients, f"{enrolled}/contacts", wac1, contact)
    meeting = {"kind": "first", "at": _past(2), "status": "held"}
    note = {"text": "Tapaaminen sovittu."}
    return {
        "client_id": client_id,
        "consent_id": consents[0],
        "enrolment_id": enrolment_id,
        "meeting_id": await _created(clients, f"{enrolled}/meetings", wac1, meeting),
        "note_id": await _created(clients, f"{base}/{client_id}/notes", wac1, note),
    }


async def employer_objects(employers: ServiceApi) -> dict[str, str]:
    """An employer of bc1's with a contact person and an opening, a LADEC lead, an event."""
    bc1 = employers.as_staff("bc1", "business_coordinator")
    ladec = employers.as_machine("ladec", "leads:write", "leads:read")
    employer_id = await _created(employers, "/api/v1/employers", bc1, employer_body())
    base = f"/api/v1/employers/{employer_id}"
    opening = {"title": "Varastotyöntekijä", "kind": "regular"}
    event = {"name": "Rekrytointipäivä", "kind": "job_fair", "held_on": "2026-12-10"}
    return {
        "employer_id": employer_id,
        "contact_id": await _created(employers, f"{base}/contacts", bc1, {"name": "Maija"}),
        "opening_id": await _created(employers, f"{base}/openings", bc1, opening),
        "lead_id": await _created(
            employers, "/api/v1/leads", {**ladec, "Idempotency-Key": "schema-1"}, lead_push()
        ),
        "event_id": await _created(employers, "/api/v1/recruitment-events", bc1, event),
    }


async def referral_objects(referrals: ServiceApi, clients: ServiceApi) -> dict[str, str]:
    """A transfer from wac1 to wac2 of a client of wac1's."""
    objects = await client_objects(clients)
    body = {
        "client_id": objects["client_id"],
        "enrolment_id": objects["enrolment_id"],
        "kind": "transfer",
        "to_user": "wac2",
    }
    wac1 = referrals.as_staff("wac1", "work_ability_coordinator")
    return {"referral_id": await _created(referrals, "/api/v1/referrals", wac1, body)}


async def gateway_objects(gateway: ServiceApi) -> dict[str, str]:
    """A staff user and a machine client of their own, so the demo accounts stay as they are."""
    admin = gateway.as_staff("admin", "admin")
    user = {
        "username": "schema-user",
        "display_name": "Schema User",
        "roles": ["coach"],
        "password": "a-long-test-password",
    }
    machine = {"client_id": "schema-client", "name": "Schema Client", "scopes": ["leads:read"]}
    for path, body in (("users", user), ("machine-clients", machine)):
        response = await gateway.client.post(f"/api/v1/admin/{path}", json=body, headers=admin)
        assert response.status_code == 201, response.text
    return {"username": "schema-user", "client_id": "schema-client"}


async def objects_of(service: str, apis: dict[str, ServiceApi]) -> dict[str, str]:
    if service == "gateway":
        return await gateway_objects(apis["gateway"])
    if service == "clients":
        return await client_objects(apis["clients"])
    if service == "employers":
        return await employer_objects(apis["employers"])
    if service == "referrals":
        return await referral_objects(apis["referrals"], apis["clients"])
    return {"indicator_id": "activation_rate"}
