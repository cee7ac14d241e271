"""A person is told only what the owning service lets them see, asked for them each time."""

from __future__ import annotations

from tests.notifications.conftest import NOTIFICATIONS, Desk


async def test_a_referral_withdrawn_before_bc1_opened_it_no_longer_tells_her_of_the_client(
    desk: Desk,
) -> None:
    client_id, _, referral_id = await desk.referral_to("bc1")
    await desk.follow()
    [item] = await desk.listed("bc1")
    assert item["object_id"] == referral_id

    cancelled = await desk.referrals.client.post(
        f"/api/v1/referrals/{referral_id}/cancel", headers=desk.as_("wac1")
    )
    assert cancelled.status_code == 200, cancelled.text
    # The clients service no longer lets bc1 open the client: nothing of it is shown.
    opened = await desk.clients.client.get(f"/api/v1/clients/{client_id}", headers=desk.as_("bc1"))
    assert opened.status_code == 404

    assert await desk.listed("bc1") == []
    assert await desk.unread("bc1") == 0
    gone = await desk.notifications.client.post(
        f"{NOTIFICATIONS}/{item['id']}/read", headers=desk.as_("bc1")
    )
    assert gone.status_code == 404
    assert gone.json()["code"] == "notification_not_found"


async def test_of_two_coordinators_only_the_one_whose_client_it_is_hears_of_its_deadline(
    desk: Desk,
) -> None:
    mine = await desk.client("wac1")
    await desk.enrol(mine, "wac1", registered_ago=20)
    theirs = await desk.client("wac2")
    await desk.enrol(theirs, "wac2", registered_ago=20)
    await desk.follow()

    wac1 = {i["object_id"] for i in await desk.listed("wac1")}
    wac2 = {i["object_id"] for i in await desk.listed("wac2")}
    assert mine in wac1
    assert theirs not in wac1
    assert theirs in wac2
    assert mine not in wac2
