"""Acceptance 1 with the real clients and employers apps in this process (fixture
`referrals_api`), each with its own database, over HTTP through ASGI.

The gateway's user directory is not mounted in the test harness yet, so the three apps get
the demo staff directory of `fakes.py` on `app.state.users`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.conftest import ServiceApi
from tests.referrals.fakes import STAFF_ROLES

ALL_CONSENTS = ("service", "esf_data", "share_with_health_services", "share_work_ability_summary")


@dataclass
class Services:
    clients: ServiceApi
    employers: ServiceApi
    referrals: ServiceApi

    def as_(self, username: str) -> dict[str, str]:
        return self.referrals.as_staff(username, *STAFF_ROLES[username])

    async def new_client(self, coordinator: str, line: str) -> tuple[str, str]:
        created = await self.clients.client.post(
            "/api/v1/clients",
            json={"first_name": "Testi", "last_name": "Asiakas"},
            headers=self.as_(coordinator),
        )
        assert created.status_code == 201, created.text
        client_id = created.json()["id"]
        for purpose in ALL_CONSENTS:
            granted = await self.clients.client.post(
                f"/api/v1/clients/{client_id}/consents",
                json={"purpose": purpose},
                headers=self.as_(coordinator),
            )
            assert granted.status_code == 201, granted.text
        enrolment = await self.clients.client.post(
            f"/api/v1/clients/{client_id}/enrolments",
            json={"service_line": line, "coordinator": coordinator},
            headers=self.as_(coordinator),
        )
        assert enrolment.status_code == 201, enrolment.text
        return client_id, enrolment.json()["id"]

    async def sees_client(self, username: str, client_id: str) -> bool:
        response = await self.clients.client.get(
            f"/api/v1/clients/{client_id}", headers=self.as_(username)
        )
        assert response.status_code in (200, 404), response.text
        return response.status_code == 200

    async def enrolment(self, username: str, client_id: str, enrolment_id: str) -> Any:
        response = await self.clients.client.get(
            f"/api/v1/clients/{client_id}/enrolments/{enrolment_id}", headers=self.as_(username)
        )
        assert response.status_code == 200, response.text
        return response.json()

    async def send(self, username: str, **body: Any) -> httpx.Response:
        return await self.referrals.client.post(
            "/api/v1/referrals", json=body, headers=self.as_(username)
        )

    async def act(
        self, username: str, referral_id: str, action: str, body: Any = None
    ) -> httpx.Response:
        return await self.referrals.client.post(
            f"/api/v1/referrals/{referral_id}/{action}", json=body, headers=self.as_(username)
        )


@pytest.fixture
async def services(
    referrals_api: ServiceApi, clients_api: ServiceApi, employers_api: ServiceApi
) -> Services:
    # Staff come from the real gateway, mounted by the fixtures.
    return Services(clients_api, employers_api, referrals_api)


async def test_a_warm_hand_off_from_wac1_to_bc1_moves_who_sees_the_client(
    services: Services,
) -> None:
    client_id, enrolment_id = await services.new_client("wac1", "work_ability")
    assert not await services.sees_client("bc1", client_id)

    sent = await services.send(
        "wac1", client_id=client_id, kind="transfer", to_user="bc1", enrolment_id=enrolment_id
    )
    assert sent.status_code == 201, sent.text
    # While the referral is open the addressee may look at the client.
    assert await services.sees_client("bc1", client_id)

    accepted = await services.act("bc1", sent.json()["id"], "accept")
    assert accepted.status_code == 200, accepted.text
    assert {e["status"] for e in accepted.json()["effects"]} == {"applied"}
    # Both responsible while the hand-off runs; the enrolment keeps the sender's line.
    assert await services.sees_client("bc1", client_id)
    assert await services.sees_client("wac1", client_id)
    enrolment = await services.enrolment("bc1", client_id, enrolment_id)
    assert sorted(c["username"] for c in enrolment["coordinators"]) == ["bc1", "wac1"]
    assert enrolment["service_line"] == "work_ability"

    done = await services.act("bc1", sent.json()["id"], "complete")
    assert done.status_code == 200, done.text
    assert {e["status"] for e in done.json()["effects"]} == {"applied"}
    enrolment = await services.enrolment("bc1", client_id, enrolment_id)
    assert [c["username"] for c in enrolment["coordinators"]] == ["bc1"]
    assert enrolment["service_line"] == "business"


async def test_a_consultation_period_with_both_coordinators(services: Services) -> None:
    client_id, enrolment_id = await services.new_client("wac1", "work_ability")
    sent = await services.send(
        "wac1", client_id=client_id, kind="consultation", to_user="bc1", enrolment_id=enrolment_id
    )
    assert sent.status_code == 201, sent.text
    referral_id = sent.json()["id"]
    assert (await services.act("bc1", referral_id, "accept")).status_code == 200
    enrolment = await services.enrolment("wac1", client_id, enrolment_id)
    assert sorted(c["username"] for c in enrolment["coordinators"]) == ["bc1", "wac1"]
    assert await services.sees_client("bc1", client_id)

    done = await services.act("wac1", referral_id, "complete")
    assert done.status_code == 200, done.text
    enrolment = await services.enrolment("wac1", client_id, enrolment_id)
    assert [c["username"] for c in enrolment["coordinators"]] == ["wac1"]
    assert not await services.sees_client("bc1", client_id)


async def test_a_job_referral_ending_in_a_hire(services: Services) -> None:
    client_id, enrolment_id = await services.new_client("bc1", "business")
    lead = await services.employers.client.post(
        "/api/v1/leads",
        json={
            "external_id": f"LADEC-TEST-{uuid.uuid4().hex[:8]}",
            "business_id": "1572860-0",
            "company_name": "Rakennus Oy Esimerkki",
            "need": "Two construction helpers",
            "positions": 2,
            "industry": "F",
            "received_at": "2026-11-20T10:00:00+02:00",
        },
        headers={
            **services.employers.as_machine("ladec", "leads:write"),
            "Idempotency-Key": uuid.uuid4().hex,
        },
    )
    assert lead.status_code == 201, lead.text
    lead_id, employer_id = lead.json()["id"], lead.json()["employer_id"]
    opening = await services.employers.client.post(
        f"/api/v1/employers/{employer_id}/openings",
        json={"title": "Construction helper", "kind": "regular", "lead_id": lead_id},
        headers=services.as_("bc1"),
    )
    assert opening.status_code == 201, opening.text

    sent = await services.send(
        "bc1", client_id=client_id, kind="job", to_opening=opening.json()["id"]
    )
    assert sent.status_code == 201, sent.text
    referral_id = sent.json()["id"]
    assert (await services.act("bc1", referral_id, "accept")).status_code == 200
    done = await services.act("bc1", referral_id, "complete", {"result": "hired"})
    assert done.status_code == 200, done.text
    assert {e["status"] for e in done.json()["effects"]} == {"applied"}

    enrolment = await services.enrolment("bc1", client_id, enrolment_id)
    assert [s["outcome"] for s in enrolment["outcome_suggestions"]] == ["employed"]
    assert enrolment["state"] != "ended"
    closed = await services.employers.client.get(
        f"/api/v1/leads/{lead_id}", headers=services.employers.as_machine("ladec", "leads:read")
    )
    assert (closed.json()["status"], closed.json()["close_reason"]) == ("closed", "hired")
    hires = await services.employers.client.get(
        f"/api/v1/employers/{employer_id}/hires", headers=services.as_("bc1")
    )
    [hire] = hires.json()["items"]
    assert (hire["referral_id"], hire["client_id"], hire["recorded_by"]) == (
        referral_id,
        client_id,
        "bc1",
    )
    filled = await services.employers.client.get(
        f"/api/v1/employers/{employer_id}/openings/{opening.json()['id']}",
        headers=services.as_("bc1"),
    )
    assert filled.json()["status"] == "filled"


async def test_a_withdrawn_consent_stops_new_referrals(services: Services) -> None:
    client_id, enrolment_id = await services.new_client("wac1", "work_ability")
    consents = await services.clients.client.get(
        f"/api/v1/clients/{client_id}/consents", headers=services.as_("wac1")
    )
    summary_consent = next(
        c["id"] for c in consents.json() if c["purpose"] == "share_work_ability_summary"
    )
    withdrawn = await services.clients.client.delete(
        f"/api/v1/clients/{client_id}/consents/{summary_consent}", headers=services.as_("wac1")
    )
    assert withdrawn.status_code in (200, 204), withdrawn.text
    refused = await services.send(
        "wac1", client_id=client_id, kind="transfer", to_user="bc1", enrolment_id=enrolment_id
    )
    assert refused.status_code == 422
    assert refused.json()["missing_consents"] == ["share_work_ability_summary"]


async def _access_log(services: Services, client_id: str) -> list[tuple[str, str]]:
    response = await services.clients.client.get(
        f"/api/v1/clients/{client_id}/access-log", headers=services.as_("lead")
    )
    assert response.status_code == 200, response.text
    return [(e["actor"], e["action"]) for e in response.json()]


async def test_a_coach_refers_only_the_clients_they_brought_in(services: Services) -> None:
    """Finding 1: a coach could hand any coordinator's client to anyone, and learned from
    the answer whether an unrelated client existed."""
    from services.referrals.models import Partner

    others, enrolment_id = await services.new_client("wac1", "work_ability")
    partner_id = uuid.uuid4()
    async with services.referrals.app.state.database.transaction() as session:
        session.add(Partner(id=partner_id, name=f"Ohjaamo {partner_id}", kind="employment"))
    body = {"kind": "external", "to_partner": str(partner_id)}
    stranger = await services.send("coach", client_id=others, **body)
    missing = await services.send("coach", client_id=str(uuid.uuid4()), **body)
    assert (stranger.status_code, stranger.json()) == (missing.status_code, missing.json())
    assert stranger.status_code == 404
    # A transfer is no coach's referral at all, whoever the client is.
    transfer = {"kind": "transfer", "to_user": "bc1", "enrolment_id": enrolment_id}
    refused = await services.send("coach", client_id=others, **transfer)
    assert (refused.status_code, refused.json()["code"]) == (403, "coach_cannot_transfer")
    assert not await services.sees_client("bc1", others)
    # Neither may a coordinator who is not responsible for the client.
    consult = {"kind": "consultation", "to_user": "bc1", "enrolment_id": enrolment_id}
    assert (await services.send("wac2", client_id=others, **consult)).status_code == 404


async def test_an_addressee_sees_no_notes_before_accepting_and_nothing_after_declining(
    services: Services,
) -> None:
    client_id, enrolment_id = await services.new_client("wac1", "work_ability")
    note = await services.clients.client.post(
        f"/api/v1/clients/{client_id}/notes",
        json={"text": "Normal note"},
        headers=services.as_("wac1"),
    )
    assert note.status_code == 201
    sent = await services.send(
        "wac1",
        client_id=client_id,
        kind="transfer",
        to_user="wac2",
        enrolment_id=enrolment_id,
        summary=[
            {"heading": "Tilanne", "text": "Work history", "sensitivity": "normal"},
            {"heading": "Terveys", "text": "Health detail", "sensitivity": "health"},
        ],
    )
    assert sent.status_code == 201, sent.text
    referral_id = sent.json()["id"]
    notes = await services.clients.client.get(
        f"/api/v1/clients/{client_id}/notes", headers=services.as_("wac2")
    )
    assert notes.status_code == 404
    open_view = await services.referrals.client.get(
        f"/api/v1/referrals/{referral_id}", headers=services.as_("wac2")
    )
    assert [p["sensitivity"] for p in open_view.json()["summary"]] == ["normal", "health"]
    declined = await services.act("wac2", referral_id, "decline", {"reason": "full"})
    assert declined.status_code == 200, declined.text
    after = await services.referrals.client.get(
        f"/api/v1/referrals/{referral_id}", headers=services.as_("wac2")
    )
    assert after.json()["summary"] == []
    assert not await services.sees_client("wac2", client_id)


async def test_reads_in_the_referrals_service_land_in_the_clients_access_log(
    services: Services,
) -> None:
    """Finding 8: reading a referral or listing referrals by client left no trace in the
    client's access log, and reads made for a person were logged as the service."""
    from services.referrals.background import run_background_pass

    client_id, enrolment_id = await services.new_client("wac1", "work_ability")
    sent = await services.send(
        "wac1", client_id=client_id, kind="transfer", to_user="bc1", enrolment_id=enrolment_id
    )
    assert sent.status_code == 201, sent.text
    read = await services.referrals.client.get(
        f"/api/v1/referrals/{sent.json()['id']}", headers=services.as_("bc1")
    )
    assert read.status_code == 200
    listed = await services.referrals.client.get(
        "/api/v1/referrals", params={"client_id": client_id}, headers=services.as_("lead")
    )
    assert listed.status_code == 200
    await run_background_pass(services.referrals.app)
    log = await _access_log(services, client_id)
    assert ("bc1", "read_referral") in log
    assert ("lead", "list_referrals") in log
    # The sender's referral asked the clients service about the client for wac1.
    assert ("wac1", "internal_read") in log
    assert not [actor for actor, _ in log if actor.startswith("svc-")]
    # Delivered once: another pass adds nothing.
    await run_background_pass(services.referrals.app)
    assert len(await _access_log(services, client_id)) == len(log) + 1


async def test_lists_name_the_client_and_the_clients_log_records_the_reader(
    services: Services,
) -> None:
    client_id, enrolment_id = await services.new_client("wac1", "work_ability")
    sent = await services.send(
        "wac1", client_id=client_id, kind="transfer", to_user="bc1", enrolment_id=enrolment_id
    )
    assert sent.status_code == 201, sent.text
    assert sent.json()["client_name"] == "Testi Asiakas"
    inbox = await services.referrals.client.get(
        "/api/v1/referrals", params={"box": "inbox"}, headers=services.as_("bc1")
    )
    assert inbox.status_code == 200, inbox.text
    named = {r["id"]: r["client_name"] for r in inbox.json()["items"]}
    assert named[sent.json()["id"]] == "Testi Asiakas"
    assert ("bc1", "read_name") in await _access_log(services, client_id)
