"""contact_due and follow_up_due are Helsinki dates counted in Finnish working days."""

from __future__ import annotations

import uuid

import pytest

from tests.conftest import ServiceApi
from tests.employers.payloads import lead_push


async def _push(api: ServiceApi, received_at: str) -> dict[str, str]:
    response = await api.client.post(
        "/api/v1/leads",
        json=lead_push(received_at=received_at),
        headers={**api.as_machine("ladec", "leads:write"), "Idempotency-Key": str(uuid.uuid4())},
    )
    assert response.status_code == 201, response.text
    lead: dict[str, str] = response.json()
    return lead


@pytest.mark.parametrize(
    ("received_at", "contact_due"),
    [
        ("2026-11-20T10:00:00+02:00", "2026-11-25"),  # Friday: over the weekend
        # 23:30 UTC on Thursday is already Friday in Helsinki.
        ("2026-11-19T23:30:00+00:00", "2026-11-25"),
        ("2026-11-19T21:30:00+00:00", "2026-11-24"),  # 23:30 Thursday in Helsinki
        ("2026-06-18T12:00:00+03:00", "2026-06-24"),  # Midsummer Eve and Day, a weekend
        ("2025-12-22T12:00:00+02:00", "2025-12-30"),  # Christmas Eve to St Stephen's Day
    ],
)
async def test_contact_due_is_the_third_working_day_after_arrival(
    crm: ServiceApi, received_at: str, contact_due: str
) -> None:
    lead = await _push(crm, received_at)
    assert lead["contact_due"] == contact_due


@pytest.mark.parametrize(
    ("received_at", "contacted_at", "follow_up_due"),
    [
        # Three weeks after Saturday 7 Nov is a Saturday: the next Monday.
        ("2026-11-06T12:00:00+02:00", "2026-11-07T10:00:00+02:00", "2026-11-30"),
        # Three weeks after 29 May 2026 is Midsummer Eve: the Monday after Midsummer.
        ("2026-05-28T12:00:00+03:00", "2026-05-29T10:00:00+03:00", "2026-06-22"),
        # Three weeks after 3 Dec 2025 is Christmas Eve: the Monday after Christmas.
        ("2025-12-01T12:00:00+02:00", "2025-12-03T10:00:00+02:00", "2025-12-29"),
        ("2026-11-02T12:00:00+02:00", "2026-11-04T10:00:00+02:00", "2026-11-25"),  # no move
    ],
)
async def test_follow_up_due_is_three_weeks_after_first_contact_on_a_working_day(
    crm: ServiceApi, received_at: str, contacted_at: str, follow_up_due: str
) -> None:
    lead = await _push(crm, received_at)
    response = await crm.client.post(
        f"/api/v1/leads/{lead['id']}/activities",
        json={"kind": "contact", "at": contacted_at},
        headers=crm.as_staff("bc1", "business_coordinator"),
    )
    assert response.status_code == 201, response.text
    assert response.json()["follow_up_due"] == follow_up_due
    assert response.json()["contact_due"] == lead["contact_due"]
