"""Issue 12: referral lists and details name the client, resolved from the clients service
in one batch call per answer on behalf of the reader; nothing is stored here."""

from __future__ import annotations

import time
from typing import Any

import pytest
from sqlalchemy import inspect

from services.referrals.models import Referral
from tests.referrals.conftest import World
from tests.referrals.fakes import BC, WAC


async def test_a_list_names_its_clients_with_one_call_for_the_reader(world: World) -> None:
    aino, aino_enrolment = world.clients.add_client([("wac1", WAC)], name=("Aino", "Demola"))
    eino, _ = world.clients.add_client([("wac1", WAC)], name=("Eino", "Kokeilu"))
    sent = await world.send(
        "wac1", client_id=aino, kind="transfer", to_user="bc1", enrolment_id=aino_enrolment
    )
    assert sent.status_code == 201
    partner = await world.add_partner("education")
    for client_id in (aino, eino):
        sent = await world.send("wac1", client_id=client_id, kind="external", to_partner=partner)
        assert sent.status_code == 201
    world.clients.name_calls.clear()

    listed = await world.http.get("/api/v1/referrals?box=outbox", headers=world.as_("wac1"))
    assert listed.status_code == 200
    names = {(r["kind"], r["client_id"]): r["client_name"] for r in listed.json()["items"]}
    assert names == {
        ("transfer", str(aino)): "Aino Demola",
        ("external", str(aino)): "Aino Demola",
        ("external", str(eino)): "Eino Kokeilu",
    }
    # One call for the page, each client once, on behalf of the reader.
    assert len(world.clients.name_calls) == 1
    behalf, asked = world.clients.name_calls[0]
    assert behalf == "wac1"
    assert sorted(asked) == sorted({str(aino), str(eino)})


async def test_a_detail_and_an_answer_name_the_client(world: World) -> None:
    client_id, enrolment_id = world.clients.add_client([("wac1", WAC)], name=("Helmi", "Näyte"))
    sent = await world.send(
        "wac1", client_id=client_id, kind="transfer", to_user="bc1", enrolment_id=enrolment_id
    )
    assert sent.json()["client_name"] == "Helmi Näyte"
    world.clients.name_calls.clear()
    detail = await world.http.get(
        f"/api/v1/referrals/{sent.json()['id']}", headers=world.as_("bc1")
    )
    assert detail.json()["client_name"] == "Helmi Näyte"
    assert world.clients.name_calls == [("bc1", [str(client_id)])]
    accepted = await world.act("bc1", sent.json()["id"], "accept")
    assert accepted.json()["client_name"] == "Helmi Näyte"


async def test_the_sender_still_sees_whom_they_handed_over_and_where(world: World) -> None:
    """After the hand-off the client page is no longer the sender's; their sent list keeps
    naming the client and the receiver, and nothing more than the referral itself."""
    client_id, enrolment_id = world.clients.add_client([("wac1", WAC)], name=("Onni", "Tarina"))
    sent = await world.send(
        "wac1", client_id=client_id, kind="transfer", to_user="bc1", enrolment_id=enrolment_id
    )
    referral_id = sent.json()["id"]
    await world.act("bc1", referral_id, "accept")
    await world.act("bc1", referral_id, "complete")
    assert world.clients.coordinators(enrolment_id) == [("bc1", BC)]

    listed = await world.http.get("/api/v1/referrals?box=outbox", headers=world.as_("wac1"))
    item = listed.json()["items"][0]
    assert (item["client_name"], item["to_user"], item["to_role"], item["status"]) == (
        "Onni Tarina",
        "bc1",
        BC,
        "completed",
    )


@pytest.mark.parametrize(
    "failure",
    ["down", 500, 503, 429, 404, 403, "<html>oops</html>", '{"items": [{"client_id": "x"}]}'],
)
async def test_a_list_answers_without_names_when_the_clients_service_does_not_give_them(
    world: World, failure: object
) -> None:
    client_id, enrolment_id = world.clients.add_client([("wac1", WAC)])
    sent = await world.send(
        "wac1", client_id=client_id, kind="transfer", to_user="bc1", enrolment_id=enrolment_id
    )
    assert sent.status_code == 201
    if failure == "down":
        world.clients_link.down = True
    elif isinstance(failure, int):
        world.clients.names_status = failure
    else:
        assert isinstance(failure, str)
        world.clients.names_body = failure
    listed = await world.http.get("/api/v1/referrals", headers=world.as_("wac1"))
    assert listed.status_code == 200, listed.text
    assert [r["client_name"] for r in listed.json()["items"]] == [None]
    detail = await world.http.get(
        f"/api/v1/referrals/{sent.json()['id']}", headers=world.as_("bc1")
    )
    assert detail.status_code == 200
    assert detail.json()["client_name"] is None


async def test_a_clients_service_that_hangs_holds_the_list_up_only_briefly(
    make_world: Any,
) -> None:
    async with make_world(names_timeout_seconds=0.2) as world:
        client_id, enrolment_id = world.clients.add_client([("wac1", WAC)])
        await world.send(
            "wac1", client_id=client_id, kind="transfer", to_user="bc1", enrolment_id=enrolment_id
        )
        world.clients.names_delay = 30.0
        started = time.monotonic()
        listed = await world.http.get("/api/v1/referrals", headers=world.as_("bc1"))
        assert listed.status_code == 200
        assert [r["client_name"] for r in listed.json()["items"]] == [None]
        assert time.monotonic() - started < 5


async def test_a_client_the_clients_service_does_not_name_reads_null(world: World) -> None:
    client_id, enrolment_id = world.clients.add_client([("wac1", WAC)])
    world.clients.names.pop(client_id)
    await world.send(
        "wac1", client_id=client_id, kind="consultation", to_user="bc1", enrolment_id=enrolment_id
    )
    listed = await world.http.get("/api/v1/referrals", headers=world.as_("bc1"))
    assert [r["client_name"] for r in listed.json()["items"]] == [None]


async def test_an_empty_list_asks_for_no_names(world: World) -> None:
    listed = await world.http.get("/api/v1/referrals", headers=world.as_("bc2"))
    assert listed.json()["items"] == []
    assert world.clients.name_calls == []


def test_no_name_is_stored_with_a_referral() -> None:
    columns = {c.key for c in inspect(Referral).columns}
    assert not {c for c in columns if "name" in c}
