"""Text reminders to clients, through a real HTTP server standing in for the SMS gateway:
who gets one, in which language, what it says and never says, and that each meeting at
each start is reminded once whatever the replicas do."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from fastapi import FastAPI
from pydantic import SecretStr

from services.common.calendar import HELSINKI
from services.notifications import scheduler
from services.notifications.texts import service as texts
from services.notifications.texts.schemas import TextRunRead
from tests.notifications.conftest import NOTIFICATIONS, Desk

FIRST_NAME, LAST_NAME = "Wilhelmiina", "Kärkkäinen"
PLACE = "Palvelutori, Trio 2. krs"
SV_WEEKDAYS = ("mån", "tis", "ons", "tors", "fre", "lör", "sön")
FI_WEEKDAYS = ("ma", "ti", "ke", "to", "pe", "la", "su")


@dataclass
class SmsGateway:
    """What the stand-in gateway received, and the status it answers with."""

    url: str = ""
    answer: int = 202
    received: list[dict[str, Any]] = field(default_factory=list)

    def bodies(self) -> list[dict[str, Any]]:
        return [r["body"] for r in self.received]


@pytest.fixture
async def sms_gateway() -> AsyncIterator[SmsGateway]:
    gateway = SmsGateway()

    async def receive(request: web.Request) -> web.Response:
        gateway.received.append(
            {
                "authorization": request.headers.get("Authorization"),
                "content_type": request.content_type,
                "body": await request.json(),
            }
        )
        return web.json_response({"status": "queued"}, status=gateway.answer)

    app = web.Application()
    app.router.add_post("/api/v1/messages", receive)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    gateway.url = f"http://{host}:{port}/api/v1/messages"
    try:
        yield gateway
    finally:
        await runner.cleanup()


def _through(app: FastAPI, gateway: SmsGateway) -> None:
    settings = app.state.settings.model_copy(
        update={
            "sms_url": gateway.url,
            "sms_token": SecretStr("gateway-test-token"),
            "sms_sender": "Lahti",
        }
    )
    app.state.texter = scheduler.texter_for(settings, app.state)


@pytest.fixture
def texting(desk: Desk, sms_gateway: SmsGateway) -> tuple[Desk, SmsGateway]:
    """The desk on the real time (the clients service books against it), sending through
    the stand-in gateway."""
    desk.clock.now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    _through(desk.notifications.app, sms_gateway)
    return desk, sms_gateway


async def _booked(
    desk: Desk,
    *,
    in_hours: float = 3,
    consent: bool = True,
    client: dict[str, Any] | None = None,
    meeting: dict[str, Any] | None = None,
) -> tuple[str, dict[str, Any]]:
    """A client of wac1's with a meeting she booked: (the meetings path, the meeting)."""
    fields = {
        "first_name": FIRST_NAME,
        "last_name": LAST_NAME,
        "phone": "040 123 4567",
        "language": "sv",
        **(client or {}),
    }
    client_id = await desk.client("wac1", **fields)
    wac = desk.as_("wac1")
    if consent:
        granted = await desk.clients.client.post(
            f"/api/v1/clients/{client_id}/consents", json={"purpose": "text_reminders"}, headers=wac
        )
        assert granted.status_code == 201, granted.text
    enrolment_id = await desk.enrol(client_id, "wac1", registered_ago=3)
    base = f"/api/v1/clients/{client_id}/enrolments/{enrolment_id}"
    contact = {"channel": "phone", "reached": True, "at": desk.clock.now.isoformat()}
    response = await desk.clients.client.post(f"{base}/contacts", json=contact, headers=wac)
    assert response.status_code == 201, response.text
    body = {
        "kind": "first",
        "status": "scheduled",
        "at": (desk.clock.now + dt.timedelta(hours=in_hours)).isoformat(),
        "place": PLACE,
        **(meeting or {}),
    }
    response = await desk.clients.client.post(f"{base}/meetings", json=body, headers=wac)
    assert response.status_code == 201, response.text
    return f"{base}/meetings", response.json()


async def _round(desk: Desk, app: FastAPI | None = None) -> TextRunRead:
    return await texts.send_reminders(app or desk.notifications.app, force=True)


def _local(meeting: dict[str, Any]) -> dt.datetime:
    return dt.datetime.fromisoformat(meeting["at"]).astimezone(HELSINKI)


async def test_a_swedish_speaking_client_is_reminded_in_swedish_at_her_number(
    texting: tuple[Desk, SmsGateway],
) -> None:
    desk, gateway = texting
    _, meeting = await _booked(desk)

    run = await _round(desk)

    assert (run.sent, run.failed) == (1, 0)
    [request] = gateway.received
    assert request["authorization"] == "Bearer gateway-test-token"
    assert request["content_type"] == "application/json"
    local = _local(meeting)
    when = f"{SV_WEEKDAYS[local.weekday()]} {local.day}.{local.month}. kl. {local.hour}.{local.minute:02d}"
    assert request["body"] == {
        "sender": "Lahti",
        "destination": "+358401234567",
        "text": f"Påminnelse om möte {when}.\nPlats: {PLACE}\nSysselsättningstjänsterna",
    }


async def test_a_language_without_a_template_gets_finnish_and_a_missing_place_is_said(
    texting: tuple[Desk, SmsGateway],
) -> None:
    desk, gateway = texting
    _, meeting = await _booked(desk, client={"language": "et"}, meeting={"place": None})

    await _round(desk)

    [body] = gateway.bodies()
    local = _local(meeting)
    when = f"{FI_WEEKDAYS[local.weekday()]} {local.day}.{local.month}. klo {local.hour}.{local.minute:02d}"
    assert (
        body["text"] == f"Muistutus tapaamisesta {when}.\nPaikka: ei ilmoitettu\nTyöllisyyspalvelut"
    )


async def test_an_english_message_says_time_place_and_sender_only(
    texting: tuple[Desk, SmsGateway],
) -> None:
    desk, gateway = texting
    await _booked(desk, client={"language": "en"})

    await _round(desk)

    [body] = gateway.bodies()
    assert body["text"].startswith("Reminder of your appointment on ")
    assert body["text"].endswith(f"Place: {PLACE}\nEmployment services")
    for word in (FIRST_NAME, LAST_NAME, "wac1", "040"):
        assert word not in body["text"]


async def test_only_the_clients_the_rules_allow_are_texted(
    texting: tuple[Desk, SmsGateway],
) -> None:
    desk, gateway = texting
    await _booked(desk, consent=False, client={"phone": "040 111 1111"})
    await _booked(desk, client={"phone": "040 222 2222", "non_disclosure": True})
    await _booked(
        desk,
        client={"phone": "040 333 3333", "non_disclosure": True},
        meeting={"text_reminder_confirmed": True},
    )
    meetings, cancelled = await _booked(desk, client={"phone": "040 444 4444"})
    response = await desk.clients.client.patch(
        f"{meetings}/{cancelled['id']}", json={"status": "cancelled"}, headers=desk.as_("wac1")
    )
    assert response.status_code == 200, response.text
    await _booked(desk, in_hours=30, client={"phone": "040 555 5555"})

    await _round(desk)

    assert [b["destination"] for b in gateway.bodies()] == ["+358403333333"]


async def test_two_replicas_send_each_reminder_once(texting: tuple[Desk, SmsGateway]) -> None:
    desk, gateway = texting
    await _booked(desk)
    replica = await desk.start_replica()
    _through(replica.app, gateway)

    first, second = await asyncio.gather(_round(desk), _round(desk, replica.app))
    later = [await _round(desk, app) for app in (desk.notifications.app, replica.app)]

    assert first.sent + second.sent == 1
    assert [r.sent for r in later] == [0, 0]
    assert len(gateway.received) == 1


async def test_a_moved_meeting_is_reminded_again_at_its_new_time(
    texting: tuple[Desk, SmsGateway],
) -> None:
    desk, gateway = texting
    meetings, meeting = await _booked(desk)
    await _round(desk)
    moved = dt.datetime.fromisoformat(meeting["at"]) + dt.timedelta(hours=2)
    response = await desk.clients.client.patch(
        f"{meetings}/{meeting['id']}", json={"at": moved.isoformat()}, headers=desk.as_("wac1")
    )
    assert response.status_code == 200, response.text

    again = await _round(desk)
    once_more = await _round(desk)

    assert (again.sent, once_more.sent) == (1, 0)
    first, second = gateway.bodies()
    local = moved.astimezone(HELSINKI)
    assert f"kl. {local.hour}.{local.minute:02d}" in second["text"]
    assert first["text"] != second["text"]


async def test_a_refused_message_is_sent_again_in_the_next_round(
    texting: tuple[Desk, SmsGateway],
) -> None:
    desk, gateway = texting
    await _booked(desk)
    gateway.answer = 503

    refused = await _round(desk)
    gateway.answer = 200
    accepted = await _round(desk)

    assert (refused.sent, refused.failed) == (0, 1)
    assert (accepted.sent, accepted.failed) == (1, 0)
    assert len(gateway.received) == 2


async def test_a_meeting_whose_start_has_passed_is_never_reminded(
    texting: tuple[Desk, SmsGateway],
) -> None:
    desk, gateway = texting
    _, meeting = await _booked(desk, in_hours=1)
    desk.clock.now = dt.datetime.fromisoformat(meeting["at"]) + dt.timedelta(minutes=1)

    run = await _round(desk)

    assert run.sent == 0
    assert gateway.received == []


async def test_the_development_adapter_writes_each_message_as_a_readable_file(
    desk: Desk, tmp_path: Path
) -> None:
    desk.clock.now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    settings = desk.notifications.app.state.settings.model_copy(
        update={"sms_url": None, "texts_folder": str(tmp_path / "texts")}
    )
    desk.notifications.app.state.texter = scheduler.texter_for(
        settings, desk.notifications.app.state
    )
    assert isinstance(desk.notifications.app.state.texter, texts.FolderTextProvider)
    await _booked(desk, client={"language": "fi"})

    await _round(desk)

    [message] = list((tmp_path / "texts").iterdir())
    content = message.read_text(encoding="utf-8")
    assert content.startswith("To: +358401234567\n")
    assert f"Paikka: {PLACE}\nTyöllisyyspalvelut" in content
    assert FIRST_NAME not in content


async def test_production_without_a_gateway_sends_and_asks_nothing(desk: Desk) -> None:
    app = desk.notifications.app
    production = app.state.settings.model_copy(update={"env": "production", "sms_url": None})
    gateway = production.model_copy(update={"sms_url": "https://sms.example/api"})

    assert scheduler.texter_for(production, app.state) is None
    assert isinstance(scheduler.texter_for(gateway, app.state), texts.HttpTextProvider)
    app.state.texter = None
    desk.clock.now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    await _booked(desk)
    assert await _round(desk) == TextRunRead(sent=0, failed=0)


# case → caller of `POST /api/v1/notifications/texts/send`
SEND_CASES: dict[str, str] = {
    "the admin": "admin",
    "a coordinator": "wac1",
    "a team lead": "lead",
    "a machine client": "machine",
    "nobody signed in": "anonymous",
}
SEND_EXPECTED: dict[str, int] = {
    "the admin": 200,
    "a coordinator": 403,
    "a team lead": 403,
    "a machine client": 403,
    "nobody signed in": 401,
}


async def test_only_the_admin_may_send_the_reminders_now(
    texting: tuple[Desk, SmsGateway],
) -> None:
    desk, gateway = texting
    assert SEND_CASES.keys() == SEND_EXPECTED.keys()
    await _booked(desk)
    found = {}
    for case, caller in SEND_CASES.items():
        response = await desk.notifications.client.post(
            f"{NOTIFICATIONS}/texts/send", headers=desk.headers_of(caller)
        )
        found[case] = response.status_code
    assert found == SEND_EXPECTED
    assert len(gateway.received) == 1
