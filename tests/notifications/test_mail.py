"""E-mail over a real SMTP server: the daily digest, immediate messages, what a message
never says, and scheduling that sends each digest once whatever happens to the processes."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

from services.common.calendar import helsinki_today
from tests.notifications.conftest import Desk, helsinki

IDENTITY_CODE = "131052-308T"
HEALTH_NOTE = "Selkäkipu ja uupumus, lääkärin arvio kesken"
FIRST_NAME, LAST_NAME = "Wilhelmiina", "Kärkkäinen"


async def _overdue_client_of(desk: Desk, coordinator: str, **fields: Any) -> tuple[str, str]:
    """A client of the coordinator not contacted in time: (client id, enrolment id)."""
    client_id = await desk.client(coordinator, **fields)
    return client_id, await desk.enrol(client_id, coordinator, registered_ago=20)


async def test_wac1s_digest_lists_her_overdue_contact_in_finnish_with_a_link(desk: Desk) -> None:
    await desk.set_contact("wac1", "tiina@lahti.example", "fi")
    await _overdue_client_of(desk, "wac1")
    await desk.follow()
    [reminder] = [i for i in await desk.listed("wac1") if i["kind"] == "contact_due"]
    due = dt.date.fromisoformat(reminder["due"])

    desk.clock.now = helsinki(helsinki_today(), 7, 5)
    sent = await desk.send_mail()

    assert sent.digests == 1
    [digest] = desk.smtp.to("tiina@lahti.example")
    assert digest["Subject"].startswith("Polku: ")
    body = str(digest.get_content())
    assert "Yhteydenotto erääntyy" in body
    assert f"{due.day}.{due.month}.{due.year}" in body
    assert f"https://polku.example/notifications/{reminder['id']}" in body


async def test_a_referral_to_bc1_sends_her_a_message_at_once_when_she_chose_so(desk: Desk) -> None:
    await desk.set_contact("bc1", "outi@lahti.example", "en")
    await desk.choose("bc1", email_mode="immediate", kinds={"referral_received": "app_email"})
    await desk.referral_to("bc1")
    await desk.follow()

    sent = await desk.send_mail()
    again = await desk.send_mail()

    assert (sent.immediate, again.immediate) == (1, 0)
    [message] = desk.smtp.to("outi@lahti.example")
    assert message["Subject"] == "Polku: A referral was sent to you"
    [item] = await desk.listed("bc1")
    assert f"https://polku.example/notifications/{item['id']}" in str(message.get_content())


async def test_bc1_who_chose_the_app_only_gets_no_mail_of_the_referral(desk: Desk) -> None:
    await desk.set_contact("bc1", "outi@lahti.example", "en")
    await desk.choose("bc1", email_mode="immediate", kinds={"referral_received": "app"})
    await desk.referral_to("bc1")
    await desk.follow()

    await desk.send_mail()

    assert desk.smtp.to("outi@lahti.example") == []
    assert await desk.unread("bc1") == 1


async def test_no_message_says_a_name_an_identity_code_or_a_health_note(desk: Desk) -> None:
    await desk.set_contact("wac1", "tiina@lahti.example", "fi")
    await desk.set_contact("bc1", "outi@lahti.example", "en")
    await desk.choose("bc1", email_mode="immediate")
    client_id, enrolment_id = await _overdue_client_of(
        desk,
        "wac1",
        first_name=FIRST_NAME,
        last_name=LAST_NAME,
        personal_identity_code=IDENTITY_CODE,
    )
    note = await desk.clients.client.post(
        f"/api/v1/clients/{client_id}/notes",
        json={"text": HEALTH_NOTE, "sensitivity": "health"},
        headers=desk.as_("wac1"),
    )
    assert note.status_code == 201, note.text
    await desk.refer("wac1", "bc1", client_id, enrolment_id)
    await desk.follow()

    desk.clock.now = helsinki(helsinki_today(), 7, 30)
    await desk.send_mail()

    texts = desk.smtp.texts()
    assert len(texts) >= 2
    assert desk.smtp.to("tiina@lahti.example")
    assert desk.smtp.to("outi@lahti.example")
    forbidden = [FIRST_NAME, LAST_NAME, IDENTITY_CODE, IDENTITY_CODE.replace("-", ""), HEALTH_NOTE]
    for text in texts:
        for word in forbidden:
            assert word.casefold() not in text.casefold()


async def test_two_processes_over_one_database_send_the_digest_once(desk: Desk) -> None:
    await desk.set_contact("wac1", "tiina@lahti.example", "fi")
    await _overdue_client_of(desk, "wac1")
    await desk.follow()
    replica = await desk.start_replica()
    desk.clock.now = helsinki(helsinki_today(), 7, 1)

    first, second = await asyncio.gather(desk.send_mail(), desk.send_mail(replica.app))
    later = [await desk.send_mail(app) for app in (desk.notifications.app, replica.app)]

    assert first.digests + second.digests == 1
    assert [r.digests for r in later] == [0, 0]
    assert len(desk.smtp.to("tiina@lahti.example")) == 1


async def test_a_restart_after_missed_digests_sends_one_covering_the_gap(desk: Desk) -> None:
    await desk.set_contact("wac1", "tiina@lahti.example", "en")
    today = helsinki_today()
    desk.clock.now = helsinki(today - dt.timedelta(days=2), 6)
    await _overdue_client_of(desk, "wac1")
    await desk.follow()
    desk.clock.now = helsinki(today - dt.timedelta(days=2), 7, 5)
    assert (await desk.send_mail()).digests == 1

    # Later that day a second client falls due; then the process is down over two 07:00s.
    desk.clock.now = helsinki(today - dt.timedelta(days=2), 15)
    await _overdue_client_of(desk, "wac1")
    await desk.follow()
    restarted = await desk.start_replica()
    desk.clock.now = helsinki(today, 9, 30)
    caught_up = await desk.send_mail(restarted.app)
    desk.clock.now = helsinki(today, 10, 30)
    an_hour_later = await desk.send_mail(restarted.app)

    assert (caught_up.digests, an_hour_later.digests) == (1, 0)
    first, missed = desk.smtp.to("tiina@lahti.example")
    assert str(first.get_content()).count("A first contact is due") == 1
    # The missed digest tells what came since the last one, once.
    assert str(missed.get_content()).count("A first contact is due") == 1


def _allow_names(desk: Desk) -> None:
    state = desk.notifications.app.state
    state.settings = state.settings.model_copy(update={"client_names_outside_app": True})


async def test_a_city_that_allows_names_gets_them_but_never_one_under_non_disclosure(
    desk: Desk,
) -> None:
    _allow_names(desk)
    await desk.set_contact("wac1", "tiina@lahti.example", "fi")
    await _overdue_client_of(desk, "wac1", first_name=FIRST_NAME, last_name=LAST_NAME)
    await _overdue_client_of(
        desk, "wac1", first_name="Salli", last_name="Suojattu", non_disclosure=True
    )
    await desk.follow()

    desk.clock.now = helsinki(helsinki_today(), 7, 5)
    await desk.send_mail()

    [digest] = desk.smtp.to("tiina@lahti.example")
    body = str(digest.get_content())
    assert f"Yhteydenotto erääntyy: {FIRST_NAME} {LAST_NAME}" in body
    assert body.count("Yhteydenotto erääntyy") == 2
    assert "Suojattu" not in body
    assert "Salli" not in body
