"""Reminders of what falls due by tomorrow or is late: leads, their follow-ups, referrals
waiting for an answer, plan reviews."""

from __future__ import annotations

import datetime as dt

from services.common.calendar import helsinki_today
from tests.notifications.conftest import Desk


async def _lead(desk: Desk, received_days_ago: int) -> str:
    received = dt.datetime.now(dt.UTC) - dt.timedelta(days=received_days_ago)
    response = await desk.employers.client.post(
        "/api/v1/leads/entries",
        headers=desk.as_("bc1"),
        json={
            "source": "phone",
            "business_id": "1572860-0",
            "company_name": "Rakennus Oy Esimerkki",
            "need": "Two construction helpers",
            "received_at": received.replace(second=0, microsecond=0).isoformat(),
        },
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def _kinds(items: list[dict[str, object]], object_id: str) -> set[object]:
    return {i["kind"] for i in items if i["object_id"] == object_id}


async def test_bc1_hears_of_her_new_lead_and_of_its_late_first_contact(desk: Desk) -> None:
    lead_id = await _lead(desk, received_days_ago=10)
    fresh_id = await _lead(desk, received_days_ago=0)
    await desk.follow()

    items = await desk.listed("bc1")
    assert _kinds(items, lead_id) == {"lead_assigned", "lead_contact_due"}
    # A lead received today is due in three working days: no reminder yet.
    assert _kinds(items, fresh_id) == {"lead_assigned"}
    [late] = [i for i in items if i["kind"] == "lead_contact_due"]
    assert dt.date.fromisoformat(late["due"]) < helsinki_today()


async def test_a_contacted_lead_reminds_of_its_follow_up_when_that_falls_due(desk: Desk) -> None:
    lead_id = await _lead(desk, received_days_ago=40)
    contacted = await desk.employers.client.post(
        f"/api/v1/leads/{lead_id}/activities",
        headers=desk.as_("bc1"),
        json={
            "kind": "contact",
            "at": (dt.datetime.now(dt.UTC) - dt.timedelta(days=30)).isoformat(),
        },
    )
    assert contacted.status_code == 201, contacted.text
    await desk.follow()

    items = await desk.listed("bc1")
    assert "follow_up_due" in _kinds(items, lead_id)
    assert "lead_contact_due" not in _kinds(items, lead_id)


async def test_a_referral_past_its_answer_date_reminds_the_receiver(desk: Desk) -> None:
    *_, referral_id = await desk.referral_to("bc1")
    await desk.follow()
    assert _kinds(await desk.listed("bc1"), referral_id) == {"referral_received"}

    # The answer is due in a few working days; two weeks on it is late.
    desk.clock.now += dt.timedelta(days=14)
    await desk.follow()

    assert _kinds(await desk.listed("bc1"), referral_id) == {
        "referral_received",
        "referral_expiring",
    }


async def _active_enrolment(desk: Desk, client_id: str, registered_ago: int) -> None:
    """wac1's enrolment, contacted and met five days after it began."""
    enrolment_id = await desk.enrol(client_id, "wac1", registered_ago=registered_ago)
    base = f"/api/v1/clients/{client_id}/enrolments/{enrolment_id}"
    met = dt.datetime.now(dt.UTC) - dt.timedelta(days=registered_ago - 5)
    for path, body in (
        ("contacts", {"channel": "phone", "reached": True, "at": met.isoformat()}),
        ("meetings", {"kind": "first", "at": met.isoformat(), "status": "held"}),
    ):
        response = await desk.clients.client.post(
            f"{base}/{path}", json=body, headers=desk.as_("wac1")
        )
        assert response.status_code == 201, response.text


async def test_an_active_client_without_a_reviewed_plan_reminds_her_coordinator(
    desk: Desk,
) -> None:
    client_id = await desk.client("wac1")
    await _active_enrolment(desk, client_id, registered_ago=20)
    await desk.follow()

    [due] = [i for i in await desk.listed("wac1") if i["object_id"] == client_id]
    assert due["kind"] == "plan_review_due"
    # Never reviewed: the plan has been owed since the enrolment began.
    assert due["due"] == (helsinki_today() - dt.timedelta(days=20)).isoformat()


async def _plan_reviewed(desk: Desk, client_id: str, days_ago: int) -> None:
    reviewed_on = helsinki_today() - dt.timedelta(days=days_ago)
    response = await desk.clients.client.put(
        f"/api/v1/clients/{client_id}/plan",
        json={"goals": ["Työkokeilu"], "actions": [], "reviewed_on": reviewed_on.isoformat()},
        headers=desk.as_("wac1"),
    )
    assert response.status_code == 200, response.text


async def test_a_plan_review_falls_due_ninety_days_after_the_last_one(desk: Desk) -> None:
    due_tomorrow = await desk.client("wac1")
    due_in_two_days = await desk.client("wac1")
    for client_id, reviewed_ago in ((due_tomorrow, 89), (due_in_two_days, 88)):
        await _active_enrolment(desk, client_id, registered_ago=120)
        await _plan_reviewed(desk, client_id, reviewed_ago)
    await desk.follow()

    items = await desk.listed("wac1")
    [reminder] = [i for i in items if i["kind"] == "plan_review_due"]
    assert reminder["object_id"] == due_tomorrow
    assert reminder["due"] == (helsinki_today() + dt.timedelta(days=1)).isoformat()
    assert "plan_review_due" not in _kinds(items, due_in_two_days)


async def test_a_reminder_goes_when_its_deadline_does_read_or_not(desk: Desk) -> None:
    # A late first contact of a lead, and a client's late first contact.
    lead_id = await _lead(desk, received_days_ago=10)
    client_id = await desk.client("wac1")
    enrolment_id = await desk.enrol(client_id, "wac1", registered_ago=20)
    await desk.follow()
    assert "lead_contact_due" in _kinds(await desk.listed("bc1"), lead_id)
    [due] = [i for i in await desk.listed("wac1") if i["kind"] == "contact_due"]
    assert due["object_id"] == client_id
    opened = await desk.notifications.client.post(
        f"/api/v1/notifications/{due['id']}/read", headers=desk.as_("wac1")
    )
    assert opened.status_code == 200, opened.text

    # Both contacts are made.
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    lead_contact = await desk.employers.client.post(
        f"/api/v1/leads/{lead_id}/activities",
        headers=desk.as_("bc1"),
        json={"kind": "contact", "at": now.isoformat()},
    )
    assert lead_contact.status_code == 201, lead_contact.text
    client_contact = await desk.clients.client.post(
        f"/api/v1/clients/{client_id}/enrolments/{enrolment_id}/contacts",
        json={"channel": "phone", "reached": True, "at": now.isoformat()},
        headers=desk.as_("wac1"),
    )
    assert client_contact.status_code == 201, client_contact.text
    desk.clock.now += dt.timedelta(minutes=1)
    await desk.follow()

    assert _kinds(await desk.listed("bc1"), lead_id) == {"lead_assigned"}
    assert "contact_due" not in _kinds(await desk.listed("wac1"), client_id)


async def _kept_about(desk: Desk, client_id: str) -> set[tuple[str, str]]:
    """Every notification kept about the client, whoever may be told of it now."""
    response = await desk.notifications.client.get(
        f"/internal/clients/{client_id}/export",
        headers=desk.gateway.as_machine("svc-clients", "internal"),
    )
    assert response.status_code == 200, response.text
    return {(n["username"], n["kind"]) for n in response.json()["notifications"]}


async def test_an_answered_referral_no_longer_reminds_of_its_answer(desk: Desk) -> None:
    client_id, _, referral_id = await desk.referral_to("bc1")
    desk.clock.now += dt.timedelta(days=14)
    await desk.follow()
    assert "referral_expiring" in _kinds(await desk.listed("bc1"), referral_id)

    declined = await desk.referrals.client.post(
        f"/api/v1/referrals/{referral_id}/decline",
        json={"reason": "Ei tilaa nyt."},
        headers=desk.as_("bc1"),
    )
    assert declined.status_code == 200, declined.text
    await desk.follow()

    # What happened stays (the receiving, the answer); the reminder to answer goes.
    assert await _kept_about(desk, client_id) == {
        ("bc1", "referral_received"),
        ("wac1", "referral_answered"),
    }
