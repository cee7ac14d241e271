"""Meetings in calendars (issue 14, acceptance 2): invitations over a real SMTP server that
`icalendar` parses back, updates with a rising SEQUENCE, cancellations, the private feed
that answers only to its token, and nothing of the client in any of it."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
from collections.abc import AsyncIterator
from email.message import EmailMessage
from typing import Any

import httpx
import icalendar
import pytest
from aiohttp import web
from asgi_lifespan import LifespanManager

from services.common.testing import TestTokenIssuer
from services.notifications.calendar import service as calendar
from tests.conftest import gateway_settings
from tests.notifications.conftest import NOTIFICATIONS, Desk
from tests.system import free_port

FEED = f"{NOTIFICATIONS}/calendar"
PLACE = "Työllisyyspalvelut, Kauppakatu 9"
FIRST_NAME, LAST_NAME = "Wilhelmiina", "Kärkkäinen"
IDENTITY_CODE = "131052-308T"
NOTE = "Selkäkipu ja uupumus, lääkärin arvio kesken"
WAC1_MAIL = "tiina@lahti.example"


def _at(days: int, hour: int) -> str:
    start = dt.datetime.now(dt.UTC).replace(minute=0, second=0, microsecond=0)
    return (start + dt.timedelta(days=days, hours=hour)).isoformat()


async def _booking(
    desk: Desk, participants: list[str] | None = None, **client_fields: Any
) -> tuple[str, str]:
    """A client of wac1's, contacted, with a meeting booked in two days: (client, meeting
    path)."""
    client_id = await desk.client("wac1", **client_fields)
    enrolment_id = await desk.enrol(client_id, "wac1", registered_ago=3)
    base = f"/api/v1/clients/{client_id}/enrolments/{enrolment_id}"
    wac = desk.as_("wac1")
    contact = {"channel": "phone", "reached": True, "at": _at(-1, 0)}
    assert (
        await desk.clients.client.post(f"{base}/contacts", json=contact, headers=wac)
    ).is_success
    body: dict[str, Any] = {
        "kind": "first",
        "at": _at(2, 0),
        "ends_at": _at(2, 1),
        "status": "scheduled",
        "place": PLACE,
        "channel": "in_person",
    }
    if participants is not None:
        body["participants"] = participants
    response = await desk.clients.client.post(f"{base}/meetings", json=body, headers=wac)
    assert response.status_code == 201, response.text
    return client_id, f"{base}/meetings/{response.json()['id']}"


async def _change(desk: Desk, meeting: str, **body: Any) -> None:
    response = await desk.clients.client.patch(meeting, json=body, headers=desk.as_("wac1"))
    assert response.status_code == 200, response.text


async def _round(desk: Desk, app: Any = None) -> int:
    await desk.follow(app)
    return await calendar.send_invitations(app or desk.notifications.app)


def _calendar_part(message: EmailMessage) -> tuple[icalendar.Calendar, str]:
    [part] = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    return icalendar.Calendar.from_ical(part.get_content()), part.get_param("method")


def _event(cal: icalendar.Calendar) -> Any:
    [event] = cal.walk("VEVENT")
    return event


async def _feed_url(desk: Desk, username: str = "wac1") -> str:
    response = await desk.notifications.client.get(FEED, headers=desk.as_(username))
    assert response.status_code == 200, response.text
    url: str = response.json()["url"]
    return url


def _path_of(url: str) -> str:
    return url.removeprefix("webcal://polku.example")


async def test_a_moved_then_cancelled_meeting_sends_an_update_and_a_cancellation(
    desk: Desk,
) -> None:
    await desk.set_contact("wac1", WAC1_MAIL, "fi")
    _, meeting = await _booking(desk)
    assert await _round(desk) == 1
    assert await _round(desk) == 0  # nothing changed, nothing sent

    await _change(desk, meeting, at=_at(3, 2))
    assert await _round(desk) == 1
    await _change(desk, meeting, status="cancelled")
    assert await _round(desk) == 1

    invited, moved, cancelled = desk.smtp.to(WAC1_MAIL)
    parsed = [_calendar_part(m) for m in (invited, moved, cancelled)]
    assert [method for _, method in parsed] == ["REQUEST", "REQUEST", "CANCEL"]
    assert [str(cal["METHOD"]) for cal, _ in parsed] == ["REQUEST", "REQUEST", "CANCEL"]
    events = [_event(cal) for cal, _ in parsed]
    assert len({str(e["UID"]) for e in events}) == 1
    assert str(events[0]["UID"]).startswith("meeting-")
    assert [int(e["SEQUENCE"]) for e in events] == [0, 1, 2]
    assert [str(e["STATUS"]) for e in events] == ["CONFIRMED", "CONFIRMED", "CANCELLED"]
    starts = [e.decoded("DTSTART") for e in events]
    assert starts[0].utcoffset() == dt.timedelta(0)
    assert starts[1] - starts[0] == dt.timedelta(days=1, hours=2)
    assert events[1].decoded("DTEND") - starts[1] == dt.timedelta(hours=1)
    assert str(events[0]["SUMMARY"]) == "Ensitapaaminen"
    assert str(events[0]["LOCATION"]) == PLACE
    assert invited["Subject"].startswith("Polku: Kalenterikutsu: Ensitapaaminen")
    assert cancelled["Subject"].startswith("Polku: Tapaaminen on peruttu")


async def test_english_for_a_person_who_chose_english(desk: Desk) -> None:
    await desk.set_contact("wac1", WAC1_MAIL, "en")
    await _booking(desk)
    await _round(desk)
    [message] = desk.smtp.to(WAC1_MAIL)
    assert str(_event(_calendar_part(message)[0])["SUMMARY"]) == "First meeting"
    assert "Calendar invitation" in message["Subject"]


async def test_no_message_and_no_feed_says_the_clients_name_identity_code_or_note(
    desk: Desk,
) -> None:
    await desk.set_contact("wac1", WAC1_MAIL, "fi")
    client_id, _ = await _booking(
        desk, first_name=FIRST_NAME, last_name=LAST_NAME, personal_identity_code=IDENTITY_CODE
    )
    note = await desk.clients.client.post(
        f"/api/v1/clients/{client_id}/notes",
        json={"text": NOTE, "sensitivity": "health"},
        headers=desk.as_("wac1"),
    )
    assert note.status_code == 201, note.text
    await _round(desk)
    feed = await desk.notifications.client.get(_path_of(await _feed_url(desk)))

    texts = [*desk.smtp.texts(), feed.text]
    assert len(texts) == 2
    assert "BEGIN:VEVENT" in feed.text
    forbidden = [FIRST_NAME, LAST_NAME, IDENTITY_CODE, IDENTITY_CODE.replace("-", ""), NOTE]
    for text in texts:
        for word in forbidden:
            assert word.casefold() not in text.casefold()


async def test_no_location_when_the_client_is_under_non_disclosure(desk: Desk) -> None:
    await desk.set_contact("wac1", WAC1_MAIL, "fi")
    client_id, _ = await _booking(desk)
    protect = await desk.clients.client.patch(
        f"/api/v1/clients/{client_id}",
        json={"non_disclosure": True},
        headers={**desk.as_("wac1"), "X-Access-Reason": "threat reported"},
    )
    assert protect.status_code == 200, protect.text
    await _round(desk)
    feed = await desk.notifications.client.get(_path_of(await _feed_url(desk)))

    [message] = desk.smtp.to(WAC1_MAIL)
    assert "LOCATION" not in _event(_calendar_part(message)[0])
    assert "LOCATION" not in feed.text
    for text in [*desk.smtp.texts(), feed.text]:
        assert "Kauppakatu" not in text


async def test_a_participant_taken_off_the_meeting_gets_a_cancellation(desk: Desk) -> None:
    await desk.set_contact("wac1", WAC1_MAIL, "fi")
    await desk.set_contact("lead", "johtaja@lahti.example", "en")
    _, meeting = await _booking(desk, participants=["wac1", "lead"])
    await _round(desk)
    await _change(desk, meeting, participants=["wac1"])
    await _round(desk)

    invited, taken_off = desk.smtp.to("johtaja@lahti.example")
    first, then = (_event(_calendar_part(m)[0]) for m in (invited, taken_off))
    assert _calendar_part(taken_off)[1] == "CANCEL"
    assert str(then["UID"]) == str(first["UID"])
    assert int(then["SEQUENCE"]) > int(first["SEQUENCE"])
    assert str(then["STATUS"]) == "CANCELLED"
    assert len(desk.smtp.to(WAC1_MAIL)) == 1  # wac1's entry did not change


async def test_a_participant_who_may_not_see_the_client_is_told_nothing(desk: Desk) -> None:
    await desk.set_contact("bc1", "outi@lahti.example", "en")
    await _booking(desk, participants=["wac1", "bc1"])
    await _round(desk)
    assert desk.smtp.to("outi@lahti.example") == []


async def test_a_meeting_recorded_after_it_was_held_is_in_the_feed_but_not_mailed(
    desk: Desk,
) -> None:
    await desk.set_contact("wac1", WAC1_MAIL, "fi")
    _, meeting = await _booking(desk)
    await _round(desk)
    desk.clock.now = dt.datetime.now(dt.UTC) + dt.timedelta(days=5)
    await _change(desk, meeting, at=_at(-1, 0), ends_at=_at(-1, 1), status="held")
    await _round(desk)

    assert len(desk.smtp.to(WAC1_MAIL)) == 1  # the invitation, and no news of the past
    feed = await desk.notifications.client.get(_path_of(await _feed_url(desk)))
    [event] = icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
    assert int(event["SEQUENCE"]) == 1
    assert str(event["STATUS"]) == "CONFIRMED"


async def test_two_replicas_over_one_database_send_each_invitation_once(desk: Desk) -> None:
    await desk.set_contact("wac1", WAC1_MAIL, "fi")
    replica = await desk.start_replica()
    _, meeting = await _booking(desk)
    await desk.follow()

    first = await asyncio.gather(
        calendar.send_invitations(desk.notifications.app),
        calendar.send_invitations(replica.app),
    )
    await _change(desk, meeting, at=_at(4, 0))
    await desk.follow(replica.app)
    second = await asyncio.gather(
        calendar.send_invitations(replica.app),
        calendar.send_invitations(desk.notifications.app),
    )
    later = [await _round(desk, app) for app in (desk.notifications.app, replica.app)]

    assert (sum(first), sum(second), later) == (1, 1, [0, 0])
    sequences = [int(_event(_calendar_part(m)[0])["SEQUENCE"]) for m in desk.smtp.to(WAC1_MAIL)]
    assert sequences == [0, 1]


async def test_the_feed_answers_only_to_its_token_and_a_revoked_one_gets_404(desk: Desk) -> None:
    _, _ = await _booking(desk)  # wac1 has no address: the feed shows it all the same
    await _round(desk)
    url = await _feed_url(desk)
    assert re.fullmatch(
        r"webcal://polku\.example/api/v1/notifications/calendar/[\w-]{43}\.ics", url
    )
    again = await desk.notifications.client.get(FEED, headers=desk.as_("wac1"))
    assert again.json()["url"] is None  # only a hash is kept: the address is shown once

    feed = await desk.notifications.client.get(_path_of(url))
    assert feed.status_code == 200, feed.text
    assert feed.headers["content-type"].startswith("text/calendar")
    [event] = icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Ensitapaaminen"
    assert str(event["LOCATION"]) == PLACE
    lead_feed = await desk.notifications.client.get(_path_of(await _feed_url(desk, "lead")))
    assert icalendar.Calendar.from_ical(lead_feed.content).walk("VEVENT") == []

    revoked = await desk.notifications.client.delete(FEED, headers=desk.as_("wac1"))
    old = await desk.notifications.client.get(_path_of(url))
    renewed = await _feed_url(desk)
    assert revoked.status_code == 204
    assert old.status_code == 404
    assert old.json()["code"] == "calendar_feed_not_found"
    assert renewed != url
    assert (await desk.notifications.client.get(_path_of(renewed))).status_code == 200


async def test_the_token_never_reaches_a_log(
    desk: Desk, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await _booking(desk)
    await _round(desk)
    url = await _feed_url(desk)
    token = url.rsplit("/", 1)[1].removesuffix(".ics")

    assert (await desk.notifications.client.get(_path_of(url))).status_code == 200
    unknown = _path_of(url).replace(token, token[::-1])
    assert (await desk.notifications.client.get(unknown)).status_code == 404

    logged = capsys.readouterr().out + caplog.text
    assert '"route": "/api/v1/notifications/calendar/{token}.ics"' in logged
    assert token not in logged
    assert token[::-1] not in logged


@pytest.fixture
async def upstream() -> AsyncIterator[tuple[str, list[dict[str, Any]]]]:
    """A stand-in notifications service recording what the gateway forwards."""
    seen: list[dict[str, Any]] = []

    async def handle(request: web.Request) -> web.Response:
        seen.append({"raw_path": request.raw_path, "headers": dict(request.headers)})
        return web.Response(
            body=b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", content_type="text/calendar"
        )

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    # The stand-in's own access log would write the path; the gateway's must not.
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield f"http://127.0.0.1:{port}", seen
    finally:
        await runner.cleanup()


async def test_the_gateway_passes_the_feed_on_without_a_token_and_logs_no_path(
    database_urls: Any,
    issuer: TestTokenIssuer,
    upstream: tuple[str, list[dict[str, Any]]],
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    from gateway.main import create_api
    from gateway.proxy import GatewayApp

    caplog.set_level(logging.DEBUG)
    url, seen = upstream
    settings = gateway_settings(database_urls("gateway"), routes={"notifications": url})
    token = "Zq3" + "x" * 37 + "_-9"
    path = f"{FEED}/{token}.ics"
    app = GatewayApp(create_api(settings, signing_key=issuer.key))
    async with LifespanManager(app) as manager:  # type: ignore[arg-type]
        transport = httpx.ASGITransport(manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as client:
            response = await client.get(path)
            control = await client.get(f"{FEED}/%07{token}.ics")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert control.status_code == 400  # refused at the gateway before any routing
    [forwarded] = seen
    assert forwarded["raw_path"] == path
    assert "Authorization" not in forwarded["headers"]
    logged = capsys.readouterr().out + caplog.text
    assert token not in logged


# The authorisation table: case → (caller, method, path, body); `{token}` is bc1's feed.
FORGED = "A" * 43
OVERSIZED = {"padding": "x" * 2_000_000}
CASES: dict[str, tuple[str, str, str, Any]] = {
    "a coach asks for his feed": ("coach", "GET", "", None),
    "wac1 asks for her feed": ("wac1", "GET", "", None),
    "bc1 asks for her feed again": ("bc1", "GET", "", None),
    "a team lead asks for his feed": ("lead", "GET", "", None),
    "the admin asks for his feed": ("admin", "GET", "", None),
    "a machine client asks for a feed": ("machine", "GET", "", None),
    "nobody signed in asks for a feed": ("anonymous", "GET", "", None),
    "a machine client revokes a feed": ("machine", "DELETE", "", None),
    "nobody signed in revokes a feed": ("anonymous", "DELETE", "", None),
    "wac2 revokes her own (none)": ("wac2", "DELETE", "", None),
    "wac2 revokes with an oversized body": ("wac2", "DELETE", "", OVERSIZED),
    "nobody signed in reads bc1's feed by its token": ("anonymous", "GET", "/{token}.ics", None),
    "bc2 reads bc1's feed by its token": ("bc2", "GET", "/{token}.ics", None),
    "a forged token": ("anonymous", "GET", f"/{FORGED}.ics", None),
    "a token with a control character": ("anonymous", "GET", "/{token}%07.ics", None),
    "a token with a newline": ("anonymous", "GET", "/%0A{token}.ics", None),
    "a token that is too short": ("anonymous", "GET", "/abc.ics", None),
    "a token that escapes": ("anonymous", "GET", "/..%2f..%2fpreferences.ics", None),
    "a token without .ics": ("anonymous", "GET", "/{token}", None),
    "a feed posted to": ("anonymous", "POST", "/{token}.ics", None),
}
EXPECTED: dict[str, int] = {
    "a coach asks for his feed": 200,
    "wac1 asks for her feed": 200,
    "bc1 asks for her feed again": 200,
    "a team lead asks for his feed": 200,
    "the admin asks for his feed": 200,
    "a machine client asks for a feed": 403,
    "nobody signed in asks for a feed": 401,
    "a machine client revokes a feed": 403,
    "nobody signed in revokes a feed": 401,
    "wac2 revokes her own (none)": 204,
    "wac2 revokes with an oversized body": 204,
    "nobody signed in reads bc1's feed by its token": 200,
    "bc2 reads bc1's feed by its token": 200,
    "a forged token": 404,
    "a token with a control character": 404,
    "a token with a newline": 404,
    "a token that is too short": 404,
    "a token that escapes": 404,
    "a token without .ics": 404,
    "a feed posted to": 405,
}


async def test_each_caller_gets_the_answer_the_table_states(desk: Desk) -> None:
    assert CASES.keys() == EXPECTED.keys()
    token = (await _feed_url(desk, "bc1")).rsplit("/", 1)[1].removesuffix(".ics")

    found: dict[str, int] = {}
    for case, (caller, method, path, body) in CASES.items():
        response = await desk.notifications.client.request(
            method, FEED + path.format(token=token), json=body, headers=desk.headers_of(caller)
        )
        found[case] = response.status_code
        if response.status_code == 404:
            assert response.json()["code"] in ("calendar_feed_not_found", "not_found"), case
    assert found == EXPECTED
    # bc1's feed still answers after all that, and only to its token.
    assert (await desk.notifications.client.get(f"{FEED}/{token}.ics")).status_code == 200


async def test_a_city_that_allows_names_puts_them_in_invitations_and_the_feed(
    desk: Desk,
) -> None:
    state = desk.notifications.app.state
    state.settings = state.settings.model_copy(update={"client_names_outside_app": True})
    await desk.set_contact("wac1", WAC1_MAIL, "fi")
    await _booking(desk, first_name=FIRST_NAME, last_name=LAST_NAME)
    await _booking(desk, first_name="Salli", last_name="Suojattu", non_disclosure=True)
    await _round(desk)
    feed = await desk.notifications.client.get(_path_of(await _feed_url(desk)))

    summaries = sorted(
        str(_event(_calendar_part(m)[0])["SUMMARY"]) for m in desk.smtp.to(WAC1_MAIL)
    )
    assert summaries == ["Ensitapaaminen", f"Ensitapaaminen: {FIRST_NAME} {LAST_NAME}"]
    listed = sorted(
        str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(feed.text).walk("VEVENT")
    )
    assert listed == summaries
    for text in [*desk.smtp.texts(), feed.text]:
        assert "Suojattu" not in text
