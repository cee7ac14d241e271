"""The data subject's export and anonymisation reach the reminders kept about the client
here: the clients service asks over `/internal`, as it asks the referrals service."""

from __future__ import annotations

import uuid
from typing import Any

from services.clients.notifications_api import NotificationsApi
from services.common.testing import StaticTokenSource
from tests.notifications.conftest import Desk

REASON = {"X-Access-Reason": "Tietopyyntö 2026/18".encode("latin-1")}


def _notifications_api(desk: Desk) -> NotificationsApi:
    """The clients service's typed client, as its anonymisation command builds it."""
    settings = desk.clients.app.state.settings
    tokens = StaticTokenSource(desk.clients.issuer, "svc-clients")
    return NotificationsApi(desk.clients.app.state.http, settings.notifications_url, tokens)


async def _export(desk: Desk, client_id: str) -> dict[str, Any]:
    response = await desk.clients.client.get(
        f"/api/v1/clients/{client_id}/export", headers={**desk.as_("admin"), **REASON}
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_the_export_lists_the_reminders_about_the_client_by_ids_and_dates(
    desk: Desk,
) -> None:
    client_id, _, referral_id = await desk.referral_to("bc1")
    await desk.client("wac1", first_name="Toinen")  # nobody is reminded of her here
    await desk.follow()

    section = (await _export(desk, client_id))["notifications"]

    assert section["client_id"] == client_id
    received = [n for n in section["notifications"] if n["kind"] == "referral_received"]
    assert [(n["username"], n["object_type"], n["object_id"]) for n in received] == [
        ("bc1", "referral", referral_id)
    ]
    assert set(received[0]) == {
        "id",
        "username",
        "kind",
        "object_type",
        "object_id",
        "due",
        "created_at",
        "read_at",
        "dismissed_at",
        "mail_done_at",
    }


async def test_the_anonymisation_removes_the_reminders_about_the_client_only(desk: Desk) -> None:
    client_id, _, _ = await desk.referral_to("bc1")
    other_id, _, other_referral = await desk.referral_to("bc1")
    await desk.follow()
    assert len(await desk.listed("bc1")) == 2

    first = await _notifications_api(desk).anonymise_client(uuid.UUID(client_id))
    again = await _notifications_api(desk).anonymise_client(uuid.UUID(client_id))

    assert first == {"client_id": client_id, "removed": 1}
    assert again == {"client_id": client_id, "removed": 0}
    assert [i["object_id"] for i in await desk.listed("bc1")] == [other_referral]
    assert (await _export(desk, client_id))["notifications"]["notifications"] == []
    assert len((await _export(desk, other_id))["notifications"]["notifications"]) >= 1


# caller → expected answer of both internal calls; only services reach them.
EXPECTED: dict[str, int] = {
    "admin": 403,
    "bc1": 403,
    "a machine client without internal": 403,
    "nobody signed in": 401,
    "the clients service": 200,
}


async def test_only_services_reach_the_data_subject_calls(desk: Desk) -> None:
    client_id, _, _ = await desk.referral_to("bc1")
    await desk.follow()
    callers = {
        "admin": desk.as_("admin"),
        "bc1": desk.as_("bc1"),
        "a machine client without internal": desk.gateway.as_machine("bi", "metrics:read"),
        "nobody signed in": {},
        "the clients service": desk.gateway.as_machine("svc-clients", "internal"),
    }
    answers = {}
    for caller, headers in callers.items():
        export = await desk.notifications.client.get(
            f"/internal/clients/{client_id}/export", headers=headers
        )
        # The anonymisation goes last, by the one caller allowed it.
        answers[caller] = export.status_code
        if caller != "the clients service":
            refused = await desk.notifications.client.post(
                f"/internal/clients/{client_id}/anonymise", headers=headers
            )
            assert refused.status_code == EXPECTED[caller], (caller, refused.text)
    assert answers == EXPECTED
    assert len(await desk.listed("bc1")) == 1
