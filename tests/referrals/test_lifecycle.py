"""Sending and answering referrals: who may do what, what each kind causes elsewhere."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import httpx
import pytest

from services.common.calendar import add_working_days, helsinki_today
from services.common.users import UserDirectory
from tests.referrals.conftest import World
from tests.referrals.fakes import BC, STAFF_ROLES, WAC


async def test_an_accepted_transfer_makes_both_responsible_until_it_is_completed(
    world: World,
) -> None:
    client_id, enrolment_id = world.clients.add_client([("wac1", WAC)])

    sent = await world.send(
        "wac1",
        client_id=client_id,
        kind="transfer",
        to_user="bc1",
        enrolment_id=enrolment_id,
        message="Ready for the open labour market.",
    )
    assert sent.status_code == 201, sent.text
    referral = sent.json()
    assert sent.headers["location"] == f"/api/v1/referrals/{referral['id']}"
    assert referral["status"] == "sent"
    assert (referral["from_role"], referral["to_role"]) == (WAC, BC)
    assert referral["response_due"] == add_working_days(helsinki_today(), 3).isoformat()
    assert world.clients.grants[(client_id, referral["id"])] == "bc1"

    inbox = await world.http.get("/api/v1/referrals?box=inbox", headers=world.as_("bc1"))
    assert [r["id"] for r in inbox.json()["items"]] == [referral["id"]]
    outbox = await world.http.get("/api/v1/referrals?box=outbox", headers=world.as_("wac1"))
    assert [r["id"] for r in outbox.json()["items"]] == [referral["id"]]
    assert (await world.http.get("/api/v1/referrals?box=inbox", headers=world.as_("wac1"))).json()[
        "items"
    ] == []

    accepted = await world.act("bc1", referral["id"], "accept")
    assert accepted.status_code == 200, accepted.text
    body = accepted.json()
    assert body["status"] == "accepted"
    assert {e["name"]: e["status"] for e in body["effects"]} == {
        "access_grant": "applied",
        "coordinators_handoff_start": "applied",
        "access_revoke": "applied",
    }
    # The warm hand-off: both responsible, on the sender's line until it completes.
    assert world.clients.coordinators(enrolment_id) == [("wac1", WAC), ("bc1", BC)]
    assert world.clients.enrolment(enrolment_id)["service_line"] == "work_ability"
    assert (client_id, referral["id"]) not in world.clients.grants

    detail = await world.http.get(f"/api/v1/referrals/{referral['id']}", headers=world.as_("bc1"))
    history = [(h["from_status"], h["to_status"], h["by"]) for h in detail.json()["history"]]
    assert history == [(None, "sent", "wac1"), ("sent", "accepted", "bc1")]

    completed = await world.act("wac1", referral["id"], "complete")
    assert completed.status_code == 200, completed.text
    assert completed.json()["status"] == "completed"
    assert completed.json()["effects"][-1] == {
        **completed.json()["effects"][-1],
        "name": "coordinators_handoff_complete",
        "status": "applied",
    }
    assert world.clients.coordinators(enrolment_id) == [("bc1", BC)]
    assert world.clients.enrolment(enrolment_id)["service_line"] == "business"


async def test_events_carry_ids_and_codes_but_no_text(world: World) -> None:
    client_id, _, referral_id = await world.referred(
        "wac1", "bc1", message="Secret message text", summary=[{"text": "Secret summary text"}]
    )
    await world.act("bc1", referral_id, "accept")

    events = await world.events()
    assert [e["type"] for e in events] == ["referral.sent", "referral.accepted"]
    sent_event, accepted_event = (e["data"] for e in events)
    assert sent_event["client_id"] == str(client_id)
    assert sent_event["from_role"] == WAC
    assert sent_event["to_role"] == BC
    assert sent_event["response_due"] == add_working_days(helsinki_today(), 3).isoformat()
    assert accepted_event["working_days_to_accept"] == 0
    assert accepted_event["accepted_on"] == helsinki_today().isoformat()
    assert "Secret" not in str(events)


async def test_nobody_answers_a_referral_addressed_to_someone_else(world: World) -> None:
    _, enrolment_id, referral_id = await world.referred("wac1", "bc1")

    # Outsiders cannot even tell the referral exists.
    for outsider in ("wac2", "bc2", "coach", "admin"):
        assert (
            await world.http.get(f"/api/v1/referrals/{referral_id}", headers=world.as_(outsider))
        ).status_code == 404
        for action in ("accept", "decline", "complete", "cancel"):
            body = {"reason": "no"} if action == "decline" else None
            answer = await world.act(outsider, referral_id, action, body)
            assert answer.status_code == 404, (outsider, action)
            assert answer.headers["content-type"] == "application/problem+json"
        listed = await world.http.get("/api/v1/referrals", headers=world.as_(outsider))
        assert listed.json()["items"] == []

    # The sender and the team lead see it but cannot answer for the addressee.
    for onlooker in ("wac1", "lead"):
        assert (
            await world.http.get(f"/api/v1/referrals/{referral_id}", headers=world.as_(onlooker))
        ).status_code == 200
        assert (await world.act(onlooker, referral_id, "accept")).status_code == 403
        assert (
            await world.act(onlooker, referral_id, "decline", {"reason": "no"})
        ).status_code == 403
    # Only the sender cancels.
    assert (await world.act("bc1", referral_id, "cancel")).status_code == 403
    team = await world.http.get("/api/v1/referrals", headers=world.as_("lead"))
    assert [r["id"] for r in team.json()["items"]] == [referral_id]

    assert (await world.act("bc1", referral_id, "accept")).status_code == 200
    again = await world.act("bc1", referral_id, "accept")
    assert again.status_code == 409
    assert again.json()["code"] == "referral_status_conflict"
    assert world.clients.coordinators(enrolment_id) == [("wac1", WAC), ("bc1", BC)]


async def test_a_declined_referral_keeps_its_reason_and_ends_the_access(world: World) -> None:
    client_id, enrolment_id, referral_id = await world.referred("bc1", "wac2")
    assert (await world.act("wac2", referral_id, "decline", {})).status_code == 422

    declined = await world.act("wac2", referral_id, "decline", {"reason": "Caseload full"})
    assert declined.status_code == 200
    assert declined.json()["decline_reason"] == "Caseload full"
    assert (client_id, referral_id) not in world.clients.grants
    assert world.clients.coordinators(enrolment_id) == [("bc1", BC)]
    assert (await world.act("wac2", referral_id, "accept")).status_code == 409


async def test_the_sender_cancels_an_unanswered_referral(world: World) -> None:
    client_id, _, referral_id = await world.referred("wac1", "wac2", "consultation")
    cancelled = await world.act("wac1", referral_id, "cancel", {"reason": "Client moved away"})
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["history"][-1]["reason"] == "Client moved away"
    assert (client_id, referral_id) not in world.clients.grants
    assert (await world.act("wac1", referral_id, "cancel")).status_code == 409
    assert (await world.act("wac2", referral_id, "accept")).status_code == 409
    assert [e["type"] for e in await world.events()] == ["referral.sent", "referral.cancelled"]


async def test_a_consultation_adds_the_second_coordinator_until_one_steps_out(
    world: World,
) -> None:
    _, enrolment_id, referral_id = await world.referred("wac1", "bc2", "consultation")
    assert (await world.act("bc2", referral_id, "accept")).status_code == 200
    assert world.clients.coordinators(enrolment_id) == [("wac1", WAC), ("bc2", BC)]
    # The enrolment stays on its line during a tripartite period.
    assert world.clients.enrolment(enrolment_id)["service_line"] == "work_ability"

    stranger = await world.act("wac1", referral_id, "complete", {"stepping_out": "wac2"})
    assert stranger.status_code == 422
    done = await world.act("wac1", referral_id, "complete", {"stepping_out": "wac1"})
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "completed"
    assert world.clients.coordinators(enrolment_id) == [("bc2", BC)]


async def test_a_consultation_ends_by_default_with_the_consultant_stepping_out(
    world: World,
) -> None:
    _, enrolment_id, referral_id = await world.referred("bc1", "wac1", "consultation")
    await world.act("wac1", referral_id, "accept")
    assert (await world.act("wac1", referral_id, "complete")).status_code == 200
    assert world.clients.coordinators(enrolment_id) == [("bc1", BC)]


async def test_a_job_referral_ending_in_a_hire_closes_the_lead_and_suggests_the_outcome(
    world: World,
) -> None:
    client_id, enrolment_id = world.clients.add_client([("bc1", BC)])
    opening_id = world.employers.add_opening()
    lead_id = world.employers.openings[opening_id]["lead_id"]

    sent = await world.send("bc1", client_id=client_id, kind="job", to_opening=opening_id)
    assert sent.status_code == 201, sent.text
    referral = sent.json()
    assert referral["enrolment_id"] == str(enrolment_id)
    assert referral["lead_id"] == lead_id
    # Without a named coordinator the sender records the employer's answers.
    assert (await world.act("bc1", referral["id"], "accept")).status_code == 200
    assert (await world.act("bc1", referral["id"], "complete")).status_code == 422

    done = await world.act("bc1", referral["id"], "complete", {"result": "hired"})
    assert done.status_code == 200, done.text
    assert {e["name"]: e["status"] for e in done.json()["effects"]} == {
        "outcome_suggestion": "applied",
        "hire": "applied",
    }
    assert [s["outcome"] for s in world.clients.suggestions] == ["employed"]
    assert str(world.clients.suggestions[0]["enrolment_id"]) == str(enrolment_id)
    lead = next(iter(world.employers.leads.values()))
    assert (lead["status"], lead["close_reason"]) == ("closed", "hired")
    assert world.employers.openings[opening_id]["status"] == "filled"
    completed = (await world.events())[-1]
    assert completed["type"] == "referral.completed"
    assert completed["data"]["result"] == "hired"

    # A filled opening takes no more referrals.
    other_client, _ = world.clients.add_client([("bc1", BC)])
    refused = await world.send("bc1", client_id=other_client, kind="job", to_opening=opening_id)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["loc"] == ["body", "to_opening"]


async def test_a_job_referral_without_a_hire_changes_nothing_elsewhere(world: World) -> None:
    client_id, _ = world.clients.add_client([("wac1", WAC)])
    opening_id = world.employers.add_opening()
    sent = await world.send(
        "wac1", client_id=client_id, kind="job", to_opening=opening_id, to_user="bc1"
    )
    referral_id = sent.json()["id"]
    # The sender of a job referral answers it as well as its addressee.
    assert (await world.act("wac1", referral_id, "accept")).status_code == 200
    done = await world.act("bc1", referral_id, "complete", {"result": "not_hired"})
    assert done.status_code == 200
    assert world.clients.suggestions == []
    assert world.employers.openings[opening_id]["status"] == "open"
    assert (client_id, referral_id) not in world.clients.grants


async def test_an_external_referral_goes_to_a_partner_of_the_directory(world: World) -> None:
    client_id, _ = world.clients.add_client([("wac1", WAC)])
    salpaus = await world.add_partner("education", "Koulutuskeskus Salpaus")

    unknown = await world.send(
        "wac1",
        client_id=client_id,
        kind="external",
        to_partner="00000000-0000-0000-0000-000000000000",
    )
    assert unknown.status_code == 422
    with_user = await world.send(
        "wac1", client_id=client_id, kind="external", to_partner=salpaus, to_user="bc1"
    )
    assert with_user.status_code == 422

    sent = await world.send("wac1", client_id=client_id, kind="external", to_partner=salpaus)
    assert sent.status_code == 201, sent.text
    assert sent.json()["partner_kind"] == "education"
    assert sent.json()["to_user"] is None
    duplicate = await world.send("wac1", client_id=client_id, kind="external", to_partner=salpaus)
    assert duplicate.status_code == 409
    assert (await world.act("wac1", sent.json()["id"], "accept")).status_code == 200
    assert (await world.act("wac1", sent.json()["id"], "complete")).status_code == 200
    sent_event = (await world.events())[0]["data"]
    assert (sent_event["partner_id"], sent_event["partner_kind"]) == (str(salpaus), "education")


async def test_health_parts_of_the_summary_reach_only_work_ability_coordinators(
    world: World,
) -> None:
    client_id, enrolment_id = world.clients.add_client([("bc1", BC)])
    summary = [
        {"heading": "Job search", "text": "Looking for warehouse work."},
        {"heading": "Health", "text": "Back problems limit lifting.", "sensitivity": "health"},
    ]
    to_bc = await world.send(
        "bc1",
        client_id=client_id,
        kind="consultation",
        to_user="bc2",
        enrolment_id=enrolment_id,
        summary=summary,
    )
    assert to_bc.status_code == 422
    assert to_bc.json()["errors"][0]["loc"] == ["body", "summary", 1, "sensitivity"]

    sent = await world.send(
        "bc1",
        client_id=client_id,
        kind="consultation",
        to_user="wac2",
        enrolment_id=enrolment_id,
        summary=summary,
    )
    referral_id = sent.json()["id"]

    async def headings(username: str) -> list[str]:
        response = await world.http.get(
            f"/api/v1/referrals/{referral_id}", headers=world.as_(username)
        )
        return [part["heading"] for part in response.json()["summary"]]

    assert await headings("wac2") == ["Job search", "Health"]
    assert await headings("bc1") == ["Job search"]
    assert await headings("lead") == ["Job search"]


async def test_sending_checks_the_client_and_the_addressee(world: World) -> None:
    client_id, enrolment_id = world.clients.add_client([("wac1", WAC)])
    ended_client, ended_enrolment = world.clients.add_client([("wac1", WAC)], state="ended")
    base = {"client_id": client_id, "kind": "transfer", "enrolment_id": enrolment_id}

    async def loc_of(username: str, **body: object) -> tuple[int, object]:
        response = await world.send(username, **body)
        errors = response.json().get("errors") or [{}]
        return response.status_code, errors[0].get("loc")

    assert await loc_of("wac1", **{**base, "to_user": "nobody"}) == (422, ["body", "to_user"])
    assert await loc_of("wac1", **{**base, "to_user": "coach"}) == (422, ["body", "to_user"])
    assert await loc_of("wac1", **{**base, "to_user": "wac1"}) == (422, ["body", "to_user"])
    assert await loc_of("wac1", **{**base, "to_user": "both"}) == (422, ["body", "to_role"])
    assert (
        await world.send("wac1", **{**base, "to_user": "both", "to_role": BC})
    ).status_code == 201
    assert await loc_of("wac1", client_id=client_id, kind="transfer", to_user="bc1") == (
        422,
        ["body", "enrolment_id"],
    )
    # An ended enrolment gives its coordinator no right to refer: as for a stranger's client.
    assert await loc_of(
        "wac1", client_id=ended_client, kind="transfer", to_user="bc1", enrolment_id=ended_enrolment
    ) == (404, None)
    # Not the caller's client, or no such client: both look the same.
    assert (await world.send("wac2", **{**base, "to_user": "bc1"})).status_code == 404
    missing = {**base, "client_id": "00000000-0000-0000-0000-000000000001", "to_user": "bc1"}
    assert (await world.send("wac1", **missing)).status_code == 404
    # A team lead oversees referrals but does not send them.
    assert (await world.send("lead", **{**base, "to_user": "bc1"})).status_code == 403
    listed = await world.http.get("/api/v1/referrals?box=outbox", headers=world.as_("wac1"))
    assert len(listed.json()["items"]) == 1


@pytest.mark.parametrize("kind", ["transfer", "consultation"])
async def test_a_coach_neither_transfers_nor_consults_but_refers_by_enrolment(
    world: World, kind: str
) -> None:
    """Responsibility moves between coordinators; a coach refers a client by enrolling them
    in the clients service (no accept step)."""
    client_id, enrolment_id = world.clients.add_client([("wac1", WAC)], referred_by="coach")
    refused = await world.send(
        "coach", client_id=client_id, kind=kind, to_user="bc1", enrolment_id=enrolment_id
    )
    assert refused.status_code == 403, refused.text
    assert refused.json()["code"] == "coach_cannot_transfer"
    assert world.clients.coordinators(enrolment_id) == [("wac1", WAC)]
    assert await world.events() == []
    # Also for a client the coach does not know: the answer says nothing about the client.
    stranger = await world.send(
        "coach", client_id=uuid.uuid4(), kind=kind, to_user="bc1", enrolment_id=uuid.uuid4()
    )
    assert (stranger.status_code, stranger.json()["code"]) == (403, "coach_cannot_transfer")


async def test_a_coach_still_refers_their_client_to_a_partner_service(world: World) -> None:
    client_id, _ = world.clients.add_client([("wac1", WAC)], referred_by="coach")
    salpaus = await world.add_partner("education")
    sent = await world.send("coach", client_id=client_id, kind="external", to_partner=salpaus)
    assert sent.status_code == 201, sent.text
    assert sent.json()["from_role"] == "coach"


async def test_lists_are_paginated_and_filtered(world: World) -> None:
    sent_ids = []
    for _ in range(3):
        client_id, enrolment_id = world.clients.add_client([("wac1", WAC)])
        sent = await world.send(
            "wac1", client_id=client_id, kind="transfer", to_user="bc1", enrolment_id=enrolment_id
        )
        sent_ids.append(sent.json()["id"])
    await world.act("bc1", sent_ids[0], "accept")

    first = await world.http.get("/api/v1/referrals?box=inbox&limit=2", headers=world.as_("bc1"))
    page = first.json()
    assert len(page["items"]) == 2
    second = await world.http.get(
        f"/api/v1/referrals?box=inbox&limit=2&cursor={page['next_cursor']}",
        headers=world.as_("bc1"),
    )
    assert second.json()["next_cursor"] is None
    seen = [r["id"] for r in page["items"] + second.json()["items"]]
    assert sorted(seen) == sorted(sent_ids)

    waiting = await world.http.get("/api/v1/referrals?status=sent", headers=world.as_("bc1"))
    assert sorted(r["id"] for r in waiting.json()["items"]) == sorted(sent_ids[1:])
    bad = await world.http.get("/api/v1/referrals?cursor=garbage", headers=world.as_("bc1"))
    assert bad.status_code == 422
    overdue = await world.http.get("/api/v1/referrals?overdue=true", headers=world.as_("bc1"))
    assert overdue.json()["items"] == []


async def test_unanswered_referrals_become_overdue_then_expire(world: World) -> None:
    from services.common.calendar import utcnow
    from services.referrals.background import run_background_pass
    from services.referrals.referrals.service import expire_overdue

    client_id, _, referral_id = await world.referred("wac1", "bc1")
    settings = world.app.state.settings

    # Within the grace period after `response_due` nothing expires.
    due = add_working_days(helsinki_today(), settings.response_working_days)
    in_grace = dt.datetime.combine(add_working_days(due, 1), dt.time(12), tzinfo=dt.UTC)
    async with world.app.state.database.transaction() as session:
        assert await expire_overdue(session, settings, now=in_grace) == 0

    later = utcnow() + dt.timedelta(days=30)
    async with world.app.state.database.transaction() as session:
        assert await expire_overdue(session, settings, now=later) == 1
    await run_background_pass(world.app)

    detail = await world.http.get(f"/api/v1/referrals/{referral_id}", headers=world.as_("bc1"))
    assert detail.json()["status"] == "expired"
    assert detail.json()["history"][-1]["by"] == "system"
    # The app says the system's reason in words by its code, not by the English sentence.
    assert detail.json()["history"][-1]["reason_code"] == "unanswered"
    assert (client_id, referral_id) not in world.clients.grants
    assert (await world.act("bc1", referral_id, "accept")).status_code == 409
    assert (await world.events())[-1]["type"] == "referral.expired"


async def test_a_referral_that_ended_beyond_the_grace_period_is_the_team_leads_only(
    world: World,
) -> None:
    """A sender or addressee keeps a closed referral (and its summary) for 14 days only,
    as a coordinator keeps an ended enrolment."""
    from sqlalchemy import update

    from services.referrals.models import Referral

    _, _, referral_id = await world.referred("wac1", "bc1")
    assert (await world.act("bc1", referral_id, "decline", {"reason": "full"})).status_code == 200
    expected = {"wac1": 200, "bc1": 200, "lead": 200}
    for user, status in expected.items():
        read = await world.http.get(f"/api/v1/referrals/{referral_id}", headers=world.as_(user))
        assert read.status_code == status, user
    async with world.app.state.database.transaction() as session:
        await session.execute(
            update(Referral)
            .where(Referral.id == uuid.UUID(referral_id))
            .values(closed_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=15))
        )
    expected = {"wac1": 404, "bc1": 404, "lead": 200}
    for user, status in expected.items():
        read = await world.http.get(f"/api/v1/referrals/{referral_id}", headers=world.as_(user))
        assert read.status_code == status, user
        listed = await world.http.get("/api/v1/referrals", headers=world.as_(user))
        assert (referral_id in [r["id"] for r in listed.json()["items"]]) == (status == 200)


def _gateway_directory(world: World) -> UserDirectory:
    """The real user directory, talking to a stand-in gateway that answers the path it is
    sent, as the gateway does: a username that rewrites the path finds someone else."""

    def answer(request: httpx.Request) -> httpx.Response:
        match = re.fullmatch(r"/internal/users/([^/]+)", request.url.path)
        if match is None or match.group(1) not in STAFF_ROLES:
            return httpx.Response(404, json={"detail": "No such user."})
        name = match.group(1)
        roles = sorted(STAFF_ROLES[name])
        return httpx.Response(
            200, json={"username": name, "display_name": name, "roles": roles, "active": True}
        )

    return UserDirectory(
        httpx.AsyncClient(transport=httpx.MockTransport(answer)),
        "http://gateway.test",
        world.app.state.machine_tokens,
    )


@pytest.mark.parametrize("username", ["nobody/../wac2", "x\rx", "x\nx", "wac1\u0000", "a/b"])
async def test_an_addressee_that_is_no_username_is_refused_and_nothing_is_sent(
    world: World, username: str
) -> None:
    world.app.state.users = _gateway_directory(world)
    client_id, enrolment_id = world.clients.add_client([("wac1", WAC)])
    sent = await world.send(
        "wac1",
        client_id=client_id,
        kind="consultation",
        to_user=username,
        enrolment_id=enrolment_id,
    )
    assert sent.status_code == 422, sent.text
    assert [e["loc"] for e in sent.json()["errors"]] == [["body", "to_user"]]
    outbox = await world.http.get("/api/v1/referrals?box=outbox", headers=world.as_("wac1"))
    assert outbox.json()["items"] == []
    assert world.clients.grants == {}
    assert await world.events() == []


async def test_one_stepping_out_must_be_named_by_username(world: World) -> None:
    _, enrolment_id, referral_id = await world.referred("wac1", "bc2", "consultation")
    assert (await world.act("bc2", referral_id, "accept")).status_code == 200
    refused = await world.act("wac1", referral_id, "complete", {"stepping_out": "wac1/../bc2"})
    assert refused.status_code == 422, refused.text
    assert [e["loc"] for e in refused.json()["errors"]] == [["body", "stepping_out"]]
    assert world.clients.coordinators(enrolment_id) == [("wac1", WAC), ("bc2", BC)]


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"message": "Hei\u0000"}, ["body", "message"]),
        ({"message": "Hei \u202eiem"}, ["body", "message"]),
        (
            {"summary": [{"heading": "Tausta\u200b", "text": "x"}]},
            ["body", "summary", 0, "heading"],
        ),
        ({"summary": [{"heading": "Tausta\n", "text": "x"}]}, ["body", "summary", 0, "heading"]),
        ({"summary": [{"text": "x\u0085y"}]}, ["body", "summary", 0, "text"]),
    ],
)
async def test_a_referral_with_control_characters_is_refused(
    world: World, body: dict[str, object], loc: list[object]
) -> None:
    client_id, enrolment_id = world.clients.add_client([("wac1", WAC)])
    sent = await world.send(
        "wac1",
        client_id=client_id,
        kind="transfer",
        to_user="bc1",
        enrolment_id=enrolment_id,
        **body,
    )
    assert sent.status_code == 422, sent.text
    assert [e["loc"] for e in sent.json()["errors"]] == [loc]
    assert await world.events() == []


async def test_texts_of_a_referral_keep_their_line_breaks_as_lf(world: World) -> None:
    _, _, referral_id = await world.referred(
        "wac1",
        "bc1",
        message="Valmis.\r\nSoita ensin.",
        summary=[{"heading": "Tausta", "text": "Rivi 1\rRivi 2"}],
    )
    declined = await world.act(
        "bc1", referral_id, "decline", {"reason": "Ei tilaa.\r\nEnsi kuussa."}
    )
    assert declined.status_code == 200, declined.text
    detail = (
        await world.http.get(f"/api/v1/referrals/{referral_id}", headers=world.as_("wac1"))
    ).json()
    assert detail["message"] == "Valmis.\nSoita ensin."
    assert detail["decline_reason"] == "Ei tilaa.\nEnsi kuussa."
    assert [p["text"] for p in detail["summary"]] == ["Rivi 1\nRivi 2"]
    refused = await world.act("wac1", referral_id, "cancel", {"reason": "x\u0000"})
    assert refused.status_code == 422
    assert [e["loc"] for e in refused.json()["errors"]] == [["body", "reason"]]
