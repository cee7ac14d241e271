"""A small world for the metrics tests, built in the words of the domain.

Today each step writes the event the owning service emits (docs/events.md) straight into
that service's outbox, and the metrics service reads it over the real feed. When the
clients, employers and referrals APIs exist, each step becomes the API call that emits the
same event; the tests, written against these steps, stay as they are.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table

from services.common.calendar import add_working_days, working_days_between
from services.common.db import Database
from services.common.events import emit
from services.common.testing import stand_in_outbox
from tests.conftest import ServiceApi

# The world's events are written by hand, standing in for the producers (which check theirs
# against their models; tests/schema checks those against the exported schemas).
HAND_WRITTEN = stand_in_outbox()

ROLE_OF_LINE = {"work_ability": "work_ability_coordinator", "business": "business_coordinator"}
LINE_OF_ROLE = {role: line for line, role in ROLE_OF_LINE.items()}


@dataclass
class Feed:
    database: Database
    outbox: Table


@dataclass
class Enrolment:
    id: uuid.UUID
    client_id: uuid.UUID
    service_line: str
    coordinator: str
    municipality: str
    birth_year: int
    registered_on: dt.date


@dataclass
class World:
    feeds: dict[str, Feed]
    metrics: ServiceApi
    emitted: list[tuple[str, str, str, dict[str, Any]]] = field(default_factory=list)

    # --- plumbing ---------------------------------------------------------------------

    async def emit(self, source: str, event_type: str, subject: Any, data: dict[str, Any]) -> None:
        feed = self.feeds[source]
        async with feed.database.transaction() as session:
            emit(session, HAND_WRITTEN, event_type, subject, data)
        self.emitted.append((source, event_type, str(subject), data))

    async def deliver_again(self, index: int = -1) -> None:
        """The source writes the same event once more (a retried write)."""
        source, event_type, subject, data = self.emitted[index]
        await self.emit(source, event_type, subject, data)

    async def catch_up(self) -> dict[str, Any]:
        response = await self.metrics.client.post(
            "/api/v1/metrics/catch-up", headers=self.metrics.as_staff("admin", "admin")
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def figures(
        self,
        indicator: str,
        *,
        start: str = "2026-01-01",
        end: str = "2026-12-31",
        group_by: str | None = None,
        headers: dict[str, str] | None = None,
        **extra: str,
    ) -> dict[str, Any]:
        params = {"from": start, "to": end, **extra}
        if group_by is not None:
            params["group_by"] = group_by
        response = await self.metrics.client.get(
            f"/api/v1/metrics/{indicator}",
            params=params,
            headers=headers or self.metrics.as_staff("lead", "team_lead"),
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    # --- clients ----------------------------------------------------------------------

    async def client(self, *, municipality: str = "Lahti", birth_year: int = 1990) -> uuid.UUID:
        client_id = uuid.uuid4()
        await self.emit(
            "clients",
            "client.registered",
            client_id,
            {
                "client_id": client_id,
                "source": "coach",
                "municipality": municipality,
                "birth_year": birth_year,
                "gender": "unknown",
                "language": "fi",
                "target_groups": [],
            },
        )
        return client_id

    async def enrol(
        self,
        coordinator: str,
        registered_on: dt.date,
        *,
        service_line: str = "work_ability",
        municipality: str = "Lahti",
        birth_year: int = 1990,
        contact_due: dt.date | None = None,
        client_id: uuid.UUID | None = None,
    ) -> Enrolment:
        client_id = client_id or await self.client(municipality=municipality, birth_year=birth_year)
        enrolment = Enrolment(
            uuid.uuid4(),
            client_id,
            service_line,
            coordinator,
            municipality,
            birth_year,
            registered_on,
        )
        await self.emit(
            "clients",
            "enrolment.registered",
            enrolment.id,
            {
                "enrolment_id": enrolment.id,
                "client_id": client_id,
                "service_line": service_line,
                "coordinators": [{"username": coordinator, "role": ROLE_OF_LINE[service_line]}],
                "referred_by": "coach",
                "registered_on": registered_on,
                "contact_due": contact_due or add_working_days(registered_on, 5),
                "municipality": municipality,
                "birth_year": birth_year,
                "source": "coach",
            },
        )
        return enrolment

    async def contact(self, enrolment: Enrolment, on: dt.date) -> None:
        await self.emit(
            "clients",
            "enrolment.contacted",
            enrolment.id,
            {"enrolment_id": enrolment.id, "first_contact_on": on, "channel": "phone"},
        )

    async def first_meeting(self, enrolment: Enrolment, on: dt.date) -> None:
        await self.emit(
            "clients",
            "enrolment.first_meeting_held",
            enrolment.id,
            {"enrolment_id": enrolment.id, "first_meeting_on": on},
        )

    async def transfer(
        self, enrolment: Enrolment, to_user: str, to_role: str, *, sent_on: dt.date, on: dt.date
    ) -> None:
        """A transfer referral sent, accepted on `on`, and the responsibility moved."""
        referral_id = uuid.uuid4()
        from_role = ROLE_OF_LINE[enrolment.service_line]
        await self.emit(
            "referrals",
            "referral.sent",
            referral_id,
            {
                "referral_id": referral_id,
                "kind": "transfer",
                "client_id": enrolment.client_id,
                "enrolment_id": enrolment.id,
                "from_user": enrolment.coordinator,
                "from_role": from_role,
                "to_user": to_user,
                "to_role": to_role,
                "partner_id": None,
                "partner_kind": None,
                "opening_id": None,
                "sent_at": f"{sent_on}T09:00:00+02:00",
                "sent_on": sent_on,
                "response_due": add_working_days(sent_on, 3),
            },
        )
        await self.emit(
            "referrals",
            "referral.accepted",
            referral_id,
            {
                "referral_id": referral_id,
                "kind": "transfer",
                "from_role": from_role,
                "to_role": to_role,
                "accepted_at": f"{on}T10:00:00+02:00",
                "accepted_on": on,
                "working_days_to_accept": working_days_between(sent_on, on),
            },
        )
        enrolment.service_line = LINE_OF_ROLE[to_role]
        enrolment.coordinator = to_user
        await self.emit(
            "clients",
            "enrolment.coordinators_changed",
            enrolment.id,
            {
                "enrolment_id": enrolment.id,
                "service_line": enrolment.service_line,
                "coordinators": [{"username": to_user, "role": to_role}],
                "changed_on": on,
                "reason": "transfer",
                "referral_id": referral_id,
            },
        )

    async def end(
        self, enrolment: Enrolment, outcome: str, on: dt.date, *, exit_form: bool = True
    ) -> None:
        await self.emit(
            "clients",
            "enrolment.ended",
            enrolment.id,
            {
                "enrolment_id": enrolment.id,
                "client_id": enrolment.client_id,
                "service_line": enrolment.service_line,
                "outcome": outcome,
                "ended_on": on,
                "coordinator": enrolment.coordinator,
                "coordinator_role": ROLE_OF_LINE[enrolment.service_line],
                "exit_form": exit_form,
                "municipality": enrolment.municipality,
                "birth_year": enrolment.birth_year,
            },
        )

    async def review_plan(self, enrolment: Enrolment, on: dt.date) -> None:
        await self.emit(
            "clients",
            "service_plan.reviewed",
            enrolment.client_id,
            {"client_id": enrolment.client_id, "enrolment_id": enrolment.id, "reviewed_on": on},
        )

    async def feedback(self, enrolment: Enrolment, grade: int, on: dt.date) -> None:
        feedback_id = uuid.uuid4()
        await self.emit(
            "clients",
            "feedback.given",
            feedback_id,
            {
                "feedback_id": feedback_id,
                "client_id": enrolment.client_id,
                "enrolment_id": enrolment.id,
                "grade": grade,
                "given_on": on,
                "coordinator": enrolment.coordinator,
            },
        )

    async def labour_market_status(
        self,
        client_id: uuid.UUID,
        status: str,
        starts_on: dt.date,
        ends_on: dt.date | None = None,
    ) -> None:
        episode_id = uuid.uuid4()
        await self.emit(
            "clients",
            "labour_market_status.recorded",
            episode_id,
            {
                "episode_id": episode_id,
                "client_id": client_id,
                "status": status,
                "service_type": None,
                "starts_on": starts_on,
                "ends_on": ends_on,
            },
        )

    async def self_assessment(self, client_id: uuid.UUID, overall: int, on: dt.date) -> None:
        assessment_id = uuid.uuid4()
        await self.emit(
            "clients",
            "work_ability_assessment.recorded",
            assessment_id,
            {
                "client_id": client_id,
                "assessment_id": assessment_id,
                "recorded_on": on,
                "overall": overall,
            },
        )

    # --- employers --------------------------------------------------------------------

    async def employer(
        self, industry: str, on: dt.date, *, municipality: str = "Lahti"
    ) -> uuid.UUID:
        employer_id = uuid.uuid4()
        await self.emit(
            "employers",
            "employer.status_changed",
            employer_id,
            {
                "employer_id": employer_id,
                "industry": industry,
                "status": "prospect",
                "changed_on": on,
                "network_member": False,
                "municipality": municipality,
            },
        )
        return employer_id

    async def employer_status(
        self, employer_id: uuid.UUID, industry: str, status: str, on: dt.date
    ) -> None:
        await self.emit(
            "employers",
            "employer.status_changed",
            employer_id,
            {
                "employer_id": employer_id,
                "industry": industry,
                "status": status,
                "changed_on": on,
                "network_member": status == "partner",
            },
        )

    async def employer_activity(self, employer_id: uuid.UUID, on: dt.date, by: str) -> None:
        activity_id = uuid.uuid4()
        await self.emit(
            "employers",
            "employer.activity_recorded",
            activity_id,
            {
                "activity_id": activity_id,
                "employer_id": employer_id,
                "lead_id": None,
                "kind": "call",
                "at": f"{on}T12:00:00+02:00",
                "by": by,
            },
        )

    async def lead(
        self, employer_id: uuid.UUID, received_on: dt.date, coordinator: str, industry: str
    ) -> uuid.UUID:
        lead_id = uuid.uuid4()
        await self.emit(
            "employers",
            "lead.received",
            lead_id,
            {
                "lead_id": lead_id,
                "employer_id": employer_id,
                "source": "ladec",
                "received_at": f"{received_on}T10:00:00+02:00",
                "received_on": received_on,
                "contact_due": add_working_days(received_on, 3),
                "coordinator": coordinator,
                "industry": industry,
                "municipality": "Lahti",
                "positions": 1,
            },
        )
        return lead_id

    async def lead_contacted(self, lead_id: uuid.UUID, on: dt.date, by: str) -> None:
        await self.emit(
            "employers",
            "lead.contacted",
            lead_id,
            {
                "lead_id": lead_id,
                "contacted_at": f"{on}T10:00:00+02:00",
                "contacted_on": on,
                "follow_up_due": on + dt.timedelta(weeks=3),
                "by": by,
            },
        )

    async def lead_followed_up(self, lead_id: uuid.UUID, on: dt.date, by: str) -> None:
        await self.emit(
            "employers",
            "lead.followed_up",
            lead_id,
            {
                "lead_id": lead_id,
                "followed_up_at": f"{on}T10:00:00+02:00",
                "followed_up_on": on,
                "by": by,
            },
        )

    async def lead_closed(self, lead_id: uuid.UUID, reason: str, on: dt.date, by: str) -> None:
        await self.emit(
            "employers",
            "lead.closed",
            lead_id,
            {
                "lead_id": lead_id,
                "reason": reason,
                "closed_at": f"{on}T10:00:00+02:00",
                "closed_on": on,
                "by": by,
            },
        )

    async def job_referral(
        self, enrolment: Enrolment, opening_id: uuid.UUID, sent_on: dt.date
    ) -> uuid.UUID:
        referral_id = uuid.uuid4()
        await self.emit(
            "referrals",
            "referral.sent",
            referral_id,
            {
                "referral_id": referral_id,
                "kind": "job",
                "client_id": enrolment.client_id,
                "enrolment_id": enrolment.id,
                "from_user": enrolment.coordinator,
                "from_role": ROLE_OF_LINE[enrolment.service_line],
                "to_user": None,
                "to_role": None,
                "partner_id": None,
                "partner_kind": None,
                "opening_id": opening_id,
                "sent_at": f"{sent_on}T09:00:00+02:00",
                "sent_on": sent_on,
                "response_due": add_working_days(sent_on, 10),
            },
        )
        return referral_id

    async def hire(
        self,
        referral_id: uuid.UUID,
        enrolment: Enrolment,
        employer_id: uuid.UUID,
        opening_id: uuid.UUID,
        on: dt.date,
    ) -> None:
        hire_id = uuid.uuid4()
        await self.emit(
            "employers",
            "hire.recorded",
            hire_id,
            {
                "hire_id": hire_id,
                "referral_id": referral_id,
                "opening_id": opening_id,
                "employer_id": employer_id,
                "lead_id": None,
                "client_id": enrolment.client_id,
                "hired_on": on,
            },
        )

    async def recruitment_event(
        self, on: dt.date, employer_ids: list[uuid.UUID], attended: list[uuid.UUID]
    ) -> None:
        event_id = uuid.uuid4()
        await self.emit(
            "employers",
            "recruitment_event.recorded",
            event_id,
            {
                "event_id": event_id,
                "kind": "job_fair",
                "on": on,
                "employer_ids": employer_ids,
                "jobseekers_attended": None,
            },
        )
        for client_id in attended:
            for kind, came in (("client_invited", False), ("attendance_recorded", True)):
                await self.emit(
                    "employers",
                    f"recruitment_event.{kind}",
                    event_id,
                    {"event_id": event_id, "client_id": client_id, "attended": came},
                )

    async def wage_subsidy_period(
        self, enrolment: Enrolment, employer_id: uuid.UUID, starts_on: dt.date
    ) -> None:
        period_id = uuid.uuid4()
        await self.emit(
            "clients",
            "service_period.started",
            period_id,
            {
                "period_id": period_id,
                "client_id": enrolment.client_id,
                "enrolment_id": enrolment.id,
                "kind": "wage_subsidy",
                "starts_on": starts_on,
                "planned_end_on": starts_on + dt.timedelta(days=180),
                "ends_on": None,
                "employer_id": employer_id,
                "partner_id": None,
                "hours_per_week": 30,
                "subsidy_percent": 50,
            },
        )
