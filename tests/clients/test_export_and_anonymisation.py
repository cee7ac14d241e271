"""The data-subject export and the anonymisation reach the referrals service (issue 11): the
real clients and referrals apps in this process, each with its own database, calling each
other over HTTP through ASGI."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from services.clients.commands import ANONYMISED, anonymise_due
from services.clients.models import Client, Enrolment, Meeting, Note, Roadmap, WorkSupports
from services.clients.referrals_api import ReferralsApi
from services.common.calendar import helsinki_today
from services.common.testing import StaticTokenSource
from services.common.users import UserDirectory
from tests.clients.support import seed_work_ability_definitions
from tests.conftest import ServiceApi
from tests.referrals.fakes import STAFF_ROLES

REFERRALS_URL = "http://referrals.test"
DOWN_URL = "http://referrals.down"
# "ö" as a browser sends it (Latin-1); the referrals service gets it unchanged.
REASON_TEXT = "Tietopyyntö 2026/17"
REASON: dict[str, Any] = {"X-Access-Reason": REASON_TEXT.encode("latin-1")}
MESSAGE = "Aino toivoo työkokeilua, kertoi selkävaivoista."
SUMMARY = [
    {"heading": "Tausta", "text": "Pitkä työttömyys, motivoitunut."},
    {"heading": "Terveys", "text": "Selkäleikkaus 2024.", "sensitivity": "health"},
]
DECLINE_REASON = "Ei tilaa, Ainon tilanne vaatii enemmän kuin ehdin."
MEETING_PLACE = "Kotikatu 5 B 12, Lahti"
NOTE = "Puhelu: Aino kertoi velkajärjestelystä."


def _unreachable(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("connection refused", request=request)


@dataclass
class Both:
    clients: ServiceApi
    referrals: ServiceApi

    def as_(self, username: str) -> dict[str, str]:
        return self.clients.as_staff(username, *STAFF_ROLES[username])

    def referrals_api(self, url: str = REFERRALS_URL) -> ReferralsApi:
        """The clients service's typed client, as the anonymisation command builds it."""
        tokens = StaticTokenSource(self.clients.issuer, "svc-clients")
        return ReferralsApi(self.clients.app.state.http, url, tokens)

    async def referred_client(self) -> tuple[str, str, str]:
        """wac1's client with a note and a referral to wac2 that wac2 declined, the
        enrolment ended today: (client id, enrolment id, referral id)."""
        created = await self.clients.client.post(
            "/api/v1/clients",
            json={
                "first_name": "Aino",
                "last_name": "Esimerkki",
                "personal_identity_code": "131052-308T",
                "phone": "+358401234567",
                "email": "aino@example.fi",
                "birth_year": 1952,
                "municipality": "Lahti",
            },
            headers=self.as_("wac1"),
        )
        assert created.status_code == 201, created.text
        client_id = created.json()["id"]
        consent = await self.clients.client.post(
            f"/api/v1/clients/{client_id}/consents",
            json={"purpose": "service"},
            headers=self.as_("wac1"),
        )
        assert consent.status_code == 201, consent.text
        enrolment = await self.clients.client.post(
            f"/api/v1/clients/{client_id}/enrolments",
            json={"service_line": "work_ability", "coordinator": "wac1"},
            headers=self.as_("wac1"),
        )
        assert enrolment.status_code == 201, enrolment.text
        enrolment_id = enrolment.json()["id"]
        note = await self.clients.client.post(
            f"/api/v1/clients/{client_id}/notes", json={"text": NOTE}, headers=self.as_("wac1")
        )
        assert note.status_code == 201, note.text
        meeting = await self.clients.client.post(
            f"/api/v1/clients/{client_id}/enrolments/{enrolment_id}/meetings",
            json={
                "kind": "first",
                "at": (dt.datetime.now(dt.UTC) + dt.timedelta(days=2)).isoformat(),
                "status": "scheduled",
                "place": MEETING_PLACE,
            },
            headers=self.as_("wac1"),
        )
        assert meeting.status_code == 201, meeting.text
        sent = await self.referrals.client.post(
            "/api/v1/referrals",
            json={
                "client_id": client_id,
                "kind": "consultation",
                "to_user": "wac2",
                "enrolment_id": enrolment_id,
                "message": MESSAGE,
                "summary": SUMMARY,
            },
            headers=self.as_("wac1"),
        )
        assert sent.status_code == 201, sent.text
        referral_id = sent.json()["id"]
        declined = await self.referrals.client.post(
            f"/api/v1/referrals/{referral_id}/decline",
            json={"reason": DECLINE_REASON},
            headers=self.as_("wac2"),
        )
        assert declined.status_code == 200, declined.text
        return client_id, enrolment_id, referral_id

    async def end(self, client_id: str, enrolment_id: str) -> None:
        ended = await self.clients.client.post(
            f"/api/v1/clients/{client_id}/enrolments/{enrolment_id}/end",
            json={"outcome": "cancelled", "ended_on": helsinki_today().isoformat()},
            headers=self.as_("wac1"),
        )
        assert ended.status_code == 200, ended.text

    async def export(self, client_id: str, headers: dict[str, Any]) -> httpx.Response:
        return await self.clients.client.get(f"/api/v1/clients/{client_id}/export", headers=headers)

    async def held_in_referrals(self, client_id: str) -> dict[str, Any]:
        response = await self.referrals.client.get(
            f"/internal/clients/{client_id}/export",
            headers=self.referrals.as_machine("svc-clients", "internal"),
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body


@pytest.fixture
async def both(clients_api: ServiceApi, referrals_api: ServiceApi, gateway_api: ServiceApi) -> Both:
    # The clients app reaches the referrals app of this test (tests/conftest.py); it gets a
    # dead one beside it here.
    app = clients_api.app
    old = app.state.http
    app.state.http = httpx.AsyncClient(
        mounts={
            "http://gateway.test": httpx.ASGITransport(gateway_api.app),
            REFERRALS_URL: httpx.ASGITransport(referrals_api.app),
            app.state.settings.notifications_url: httpx.ASGITransport(app.state.test_notifications),
            DOWN_URL: httpx.MockTransport(_unreachable),
        }
    )
    await old.aclose()
    app.state.users = UserDirectory(
        app.state.http, app.state.settings.gateway_url, app.state.machine_tokens
    )
    assert app.state.settings.referrals_url == REFERRALS_URL
    return Both(clients_api, referrals_api)


async def test_the_export_holds_the_referrals_summaries_and_messages(both: Both) -> None:
    client_id, _, referral_id = await both.referred_client()

    response = await both.export(client_id, {**both.as_("admin"), **REASON})

    assert response.status_code == 200, response.text
    export = response.json()
    assert export["client"]["personal_identity_code"] == "131052-308T"
    assert [n["text"] for n in export["notes"]] == [NOTE]
    [referral] = export["referrals"]["referrals"]
    assert referral["id"] == referral_id
    assert referral["message"] == MESSAGE
    assert referral["decline_reason"] == DECLINE_REASON
    # The whole summary, health part included: the export is the admin's way to it.
    assert [(p["heading"], p["text"], p["sensitivity"]) for p in referral["summary"]] == [
        ("Tausta", "Pitkä työttömyys, motivoitunut.", "normal"),
        ("Terveys", "Selkäleikkaus 2024.", "health"),
    ]
    assert [(h["to_status"], h["reason"]) for h in referral["history"]] == [
        ("sent", None),
        ("declined", DECLINE_REASON),
    ]
    assert {e["kind"] for e in referral["effects"]} >= {"access_grant", "access_revoke"}
    grant = next(e for e in referral["effects"] if e["kind"] == "access_grant")
    assert grant["payload"]["client_id"] == client_id
    # The referrals service logged the export as the admin, with the stated reason.
    logged = export["referrals"]["access_log"]
    assert any(
        e["action"] == "export"
        and e["actor"] == "admin"
        and e["actor_roles"] == "via svc-clients"
        and e["reason"] == REASON_TEXT
        for e in logged
    )


async def test_an_export_needs_a_reason_and_an_admin(both: Both) -> None:
    client_id, _, _ = await both.referred_client()

    without_reason = await both.export(client_id, both.as_("admin"))
    assert without_reason.status_code == 422, without_reason.text
    assert without_reason.headers["content-type"].startswith("application/problem+json")
    for username in ("coach", "wac1", "wac2", "bc1", "lead"):
        refused = await both.export(client_id, {**both.as_(username), **REASON})
        assert refused.status_code == 404, (username, refused.text)


async def test_the_export_is_refused_rather_than_incomplete_while_referrals_is_down(
    both: Both,
) -> None:
    client_id, _, _ = await both.referred_client()
    both.clients.app.state.settings.referrals_url = DOWN_URL

    response = await both.export(client_id, {**both.as_("admin"), **REASON})

    assert response.status_code == 503, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "referrals" in response.json()["detail"]
    # Nothing was handed out, so nothing is logged as exported.
    log = await both.clients.client.get(
        f"/api/v1/clients/{client_id}/access-log", headers={**both.as_("admin"), **REASON}
    )
    assert log.status_code == 200, log.text
    assert "export" not in {entry["action"] for entry in log.json()}


async def _client_row(both: Both, client_id: str) -> tuple[Client, list[Enrolment], list[Note]]:
    async with both.clients.app.state.database.transaction() as session:
        key = uuid.UUID(client_id)
        client = await session.get(Client, key)
        assert client is not None
        enrolments = list(
            await session.scalars(select(Enrolment).where(Enrolment.client_id == key))
        )
        notes = list(await session.scalars(select(Note).where(Note.client_id == key)))
        session.expunge_all()
    return client, enrolments, notes


def _tomorrow() -> dt.date:
    return helsinki_today() + dt.timedelta(days=1)


async def test_anonymisation_blanks_the_client_here_and_in_referrals_once(both: Both) -> None:
    client_id, enrolment_id, referral_id = await both.referred_client()
    await both.end(client_id, enrolment_id)
    before = (await both.held_in_referrals(client_id))["referrals"][0]

    run = await anonymise_due(both.clients.app.state.database, [both.referrals_api()], _tomorrow())

    assert (run.anonymised, run.left) == ([uuid.UUID(client_id)], [])
    client, [enrolment], notes = await _client_row(both, client_id)
    assert (client.first_name, client.last_name) == (ANONYMISED, ANONYMISED)
    assert (client.personal_identity_code, client.phone, client.email) == (None, None, None)
    assert notes == []
    async with both.clients.app.state.database.transaction() as session:
        places = list(await session.scalars(select(Meeting.place)))
    assert MEETING_PLACE not in places
    # What the figures are made of stays.
    assert (client.birth_year, client.municipality) == (1952, "Lahti")
    assert (str(enrolment.id), enrolment.service_line, enrolment.outcome) == (
        enrolment_id,
        "work_ability",
        "cancelled",
    )
    assert enrolment.ended_on == helsinki_today()
    # Nobody reads an anonymised client any more, the admin's export included.
    gone = await both.export(client_id, {**both.as_("admin"), **REASON})
    assert gone.status_code == 404

    after = (await both.held_in_referrals(client_id))["referrals"][0]
    assert after["message"] == ANONYMISED
    assert after["decline_reason"] == ANONYMISED
    assert [(p["heading"], p["text"]) for p in after["summary"]] == [(ANONYMISED, ANONYMISED)] * 2
    assert [h["reason"] for h in after["history"]] == [None, ANONYMISED]
    free_text = ("message", "decline_reason", "summary", "history")
    kept = {k: v for k, v in before.items() if k not in free_text}
    assert {k: v for k, v in after.items() if k not in free_text} == kept
    assert after["id"] == referral_id
    assert [p["sensitivity"] for p in after["summary"]] == ["normal", "health"]
    assert [(h["at"], h["by"], h["to_status"]) for h in after["history"]] == [
        (h["at"], h["by"], h["to_status"]) for h in before["history"]
    ]

    # A second run finds nobody due and changes nothing; asking referrals again neither.
    again = await anonymise_due(
        both.clients.app.state.database, [both.referrals_api()], _tomorrow()
    )
    assert (again.anonymised, again.left) == ([], [])
    assert (await both.referrals_api().anonymise_client(uuid.UUID(client_id)))["changed"] == 0
    assert (await both.held_in_referrals(client_id))["referrals"][0] == after
    assert (await _client_row(both, client_id))[0].anonymised_at == client.anonymised_at


async def test_anonymisation_removes_the_work_ability_method_and_the_export_holds_it(
    both: Both,
) -> None:
    await seed_work_ability_definitions(both.clients)
    client_id, enrolment_id, _ = await both.referred_client()
    base = f"/api/v1/clients/{client_id}"
    stage = {"key": "health_check", "status": "done", "received": "B-lausunto selästä"}
    roadmap = await both.clients.client.put(
        f"{base}/roadmap", json={"stages": [stage]}, headers=both.as_("wac1")
    )
    assert roadmap.status_code == 200, roadmap.text
    supports = await both.clients.client.put(
        f"{base}/work-supports", json={"avoid": ["heavy_lifting"]}, headers=both.as_("wac1")
    )
    assert supports.status_code == 200, supports.text
    exported = await both.export(client_id, {**both.as_("admin"), **REASON})
    assert exported.status_code == 200, exported.text
    assert exported.json()["roadmaps"][0]["stages"]["health_check"]["received"] == stage["received"]
    assert exported.json()["work_supports"][0]["avoid"] == ["heavy_lifting"]
    await both.end(client_id, enrolment_id)

    run = await anonymise_due(both.clients.app.state.database, [both.referrals_api()], _tomorrow())

    assert run.anonymised == [uuid.UUID(client_id)]
    async with both.clients.app.state.database.transaction() as session:
        for model in (Roadmap, WorkSupports):
            assert list(await session.scalars(select(model))) == [], model.__name__


async def test_a_referrals_outage_leaves_the_client_for_the_next_run(both: Both) -> None:
    client_id, enrolment_id, _ = await both.referred_client()
    await both.end(client_id, enrolment_id)
    database = both.clients.app.state.database

    run = await anonymise_due(database, [both.referrals_api(DOWN_URL)], _tomorrow())

    assert (run.anonymised, run.left) == ([], [uuid.UUID(client_id)])
    client, _, notes = await _client_row(both, client_id)
    assert (client.anonymised_at, client.first_name) == (None, "Aino")
    assert [n.text for n in notes] == [NOTE]
    assert (await both.held_in_referrals(client_id))["referrals"][0]["message"] == MESSAGE

    later = await anonymise_due(database, [both.referrals_api()], _tomorrow())
    assert later.anonymised == [uuid.UUID(client_id)]
    assert (await both.held_in_referrals(client_id))["referrals"][0]["message"] == ANONYMISED


async def test_a_client_with_an_open_enrolment_is_not_anonymised(both: Both) -> None:
    client_id, _, _ = await both.referred_client()

    run = await anonymise_due(both.clients.app.state.database, [both.referrals_api()], _tomorrow())

    assert uuid.UUID(client_id) not in run.anonymised
    assert (await both.held_in_referrals(client_id))["referrals"][0]["message"] == MESSAGE


async def test_only_services_reach_the_referrals_side(both: Both) -> None:
    client_id, _, _ = await both.referred_client()
    for method, action in (("GET", "export"), ("POST", "anonymise")):
        for headers in (both.as_("admin"), both.referrals.as_machine("bi", "metrics:read")):
            response = await both.referrals.client.request(
                method, f"/internal/clients/{client_id}/{action}", headers=headers
            )
            assert response.status_code == 403, (action, response.text)
    assert (await both.held_in_referrals(client_id))["referrals"][0]["message"] == MESSAGE
