"""Acceptance 3: a referral the client's consents do not cover is refused, naming the consent."""

from __future__ import annotations

import pytest

from tests.referrals.conftest import World
from tests.referrals.fakes import BC, WAC


async def test_a_missing_consent_is_named_and_nothing_is_sent(world: World) -> None:
    client_id, enrolment_id = world.clients.add_client([("wac1", WAC)], consents={"service"})
    body = {
        "client_id": client_id,
        "kind": "transfer",
        "to_user": "bc1",
        "enrolment_id": enrolment_id,
    }

    refused = await world.send("wac1", **body)
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    problem = refused.json()
    assert problem["missing_consents"] == ["share_work_ability_summary"]
    assert "share_work_ability_summary" in problem["detail"]
    assert world.clients.grants == {}
    assert (await world.http.get("/api/v1/referrals", headers=world.as_("wac1"))).json()[
        "items"
    ] == []
    assert await world.events() == []

    world.clients.consents[client_id].add("share_work_ability_summary")
    sent = await world.send("wac1", **body)
    assert sent.status_code == 201
    assert (await world.act("wac1", sent.json()["id"], "cancel")).status_code == 200

    world.clients.consents[client_id].discard("share_work_ability_summary")
    again = await world.send("wac1", **body)
    assert again.status_code == 422
    assert again.json()["missing_consents"] == ["share_work_ability_summary"]


async def test_every_referral_needs_the_service_consent(world: World) -> None:
    client_id, enrolment_id = world.clients.add_client([("bc1", BC)], consents=set())
    refused = await world.send(
        "bc1", client_id=client_id, kind="consultation", to_user="bc2", enrolment_id=enrolment_id
    )
    assert refused.status_code == 422
    assert refused.json()["missing_consents"] == ["service"]


@pytest.mark.parametrize(
    ("partner_kind", "needs_health_consent"),
    [("health", True), ("social", True), ("education", False), ("kela", False)],
)
async def test_health_and_social_partners_need_the_health_sharing_consent(
    world: World, partner_kind: str, needs_health_consent: bool
) -> None:
    client_id, _ = world.clients.add_client([("wac1", WAC)], consents={"service"})
    partner_id = await world.add_partner(partner_kind)
    response = await world.send("wac1", client_id=client_id, kind="external", to_partner=partner_id)
    if needs_health_consent:
        assert response.status_code == 422
        assert response.json()["missing_consents"] == ["share_with_health_services"]
    else:
        assert response.status_code == 201


async def test_the_work_ability_summary_consent_is_asked_only_from_work_ability_to_business(
    world: World,
) -> None:
    client_id, enrolment_id = world.clients.add_client([("bc1", BC)], consents={"service"})
    sent = await world.send(
        "bc1", client_id=client_id, kind="transfer", to_user="wac1", enrolment_id=enrolment_id
    )
    assert sent.status_code == 201
    other_client, other_enrolment = world.clients.add_client([("wac1", WAC)], consents={"service"})
    same_role = await world.send(
        "wac1",
        client_id=other_client,
        kind="consultation",
        to_user="wac2",
        enrolment_id=other_enrolment,
    )
    assert same_role.status_code == 201
