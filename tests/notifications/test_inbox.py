"""What a person finds in their notifications: referrals, deadlines and leads, read and
dismissed, each about an object they may see, never twice."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update

from services.common.calendar import helsinki_today
from services.notifications.models import FeedCursor
from tests.notifications.conftest import NOTIFICATIONS, Desk


async def test_a_referral_to_bc1_is_counted_opened_and_then_no_longer_unread(desk: Desk) -> None:
    *_, referral_id = await desk.referral_to("bc1")
    assert await desk.unread("bc1") == 0

    await desk.follow()

    assert await desk.unread("bc1") == 1
    [item] = await desk.listed("bc1", unread="true")
    assert item["kind"] == "referral_received"
    assert (item["object_type"], item["object_id"]) == ("referral", referral_id)
    assert item["read_at"] is None
    opened = await desk.notifications.client.post(
        f"{NOTIFICATIONS}/{item['id']}/read", headers=desk.as_("bc1")
    )
    assert opened.status_code == 200
    assert opened.json()["read_at"] is not None
    assert await desk.unread("bc1") == 0
    assert await desk.listed("bc1", unread="true") == []
    assert [i["id"] for i in await desk.listed("bc1")] == [item["id"]]

    dismissed = await desk.notifications.client.post(
        f"{NOTIFICATIONS}/{item['id']}/dismiss", headers=desk.as_("bc1")
    )
    assert dismissed.status_code == 204
    assert await desk.listed("bc1") == []


async def test_the_sender_hears_of_the_answer_and_both_of_the_waiting_hand_off(desk: Desk) -> None:
    *_, referral_id = await desk.referral_to("bc1")
    accepted = await desk.referrals.client.post(
        f"/api/v1/referrals/{referral_id}/accept", headers=desk.as_("bc1")
    )
    assert accepted.status_code == 200, accepted.text

    await desk.follow()

    wac1 = {i["kind"] for i in await desk.listed("wac1") if i["object_id"] == referral_id}
    bc1 = {i["kind"] for i in await desk.listed("bc1") if i["object_id"] == referral_id}
    assert wac1 == {"referral_answered", "handoff_waiting"}
    assert bc1 == {"referral_received", "handoff_waiting"}


async def test_wac1s_overdue_first_contact_is_a_reminder_with_its_deadline(desk: Desk) -> None:
    client_id = await desk.client("wac1")
    await desk.enrol(client_id, "wac1", registered_ago=20)
    await desk.follow()

    [item] = [i for i in await desk.listed("wac1") if i["kind"] == "contact_due"]
    assert (item["object_type"], item["object_id"]) == ("client", client_id)
    assert dt.date.fromisoformat(item["due"]) < helsinki_today()
    # The other coordinator's list says nothing of her client.
    assert await desk.listed("wac2") == []


async def test_replayed_and_duplicated_events_make_no_second_notification(desk: Desk) -> None:
    client_id = await desk.client("wac1")
    enrolment_id = await desk.enrol(client_id, "wac1", registered_ago=20)
    await desk.refer("wac1", "bc1", client_id, enrolment_id)
    await desk.follow()
    before = {u: await desk.listed(u) for u in ("wac1", "bc1")}

    # A crash after the sends but before the cursors moved: every feed is read again.
    async with desk.notifications.app.state.database.transaction() as session:
        await session.execute(update(FeedCursor).values(last_seq=0))
    await desk.follow()
    replica = await desk.start_replica()
    await desk.follow(replica.app)

    assert {u: await desk.listed(u) for u in ("wac1", "bc1")} == before
    assert len(before["bc1"]) == 1


async def test_a_kind_turned_off_is_neither_listed_nor_counted(desk: Desk) -> None:
    await desk.referral_to("bc1")
    await desk.follow()
    assert await desk.unread("bc1") == 1

    chosen = await desk.choose("bc1", kinds={"referral_received": "off"})
    assert chosen["kinds"]["referral_received"] == "off"
    assert chosen["kinds"]["contact_due"] == "app_email"
    assert await desk.unread("bc1") == 0
    assert await desk.listed("bc1") == []

    await desk.choose("bc1", kinds={"referral_received": "app"})
    assert await desk.unread("bc1") == 1
