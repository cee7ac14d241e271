from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, Select, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.models import (
    OPEN_ENROLMENT_STATES,
    Client,
    Enrolment,
    EnrolmentCoordinator,
    Meeting,
    OutcomeSuggestion,
    Roadmap,
    RoadmapTemplate,
    ServicePlan,
)

OPEN_STATES = OPEN_ENROLMENT_STATES


def _named(username: str) -> Any:
    return (
        select(Enrolment, Client)
        .join(Client, Client.id == Enrolment.client_id)
        .join(EnrolmentCoordinator, EnrolmentCoordinator.enrolment_id == Enrolment.id)
        .where(EnrolmentCoordinator.username == username, Client.anonymised_at.is_(None))
    )


def _mine(username: str) -> Any:
    """The user's open enrolments: an ended one is no longer their work."""
    return _named(username).where(Enrolment.state.in_(OPEN_STATES))


async def awaiting_contact(
    session: AsyncSession, username: str
) -> Sequence[Row[Enrolment, Client]]:
    """The user's enrolments not yet contacted, the earliest due first."""
    query = _mine(username).where(Enrolment.state == "registered")
    return (await session.execute(query.order_by(Enrolment.contact_due, Client.last_name))).all()


async def handoffs_open(session: AsyncSession, username: str) -> Sequence[Row[Enrolment, Client]]:
    """The user's open enrolments with a warm hand-off under way, the oldest first."""
    query = _mine(username).where(Enrolment.handoff_started_on.is_not(None))
    return (await session.execute(query.order_by(Enrolment.handoff_started_on))).all()


def _open_meetings_between(
    start: dt.datetime, end: dt.datetime
) -> Select[Meeting, Enrolment, Client]:
    """The booked or held meetings of open enrolments in the period (an ended enrolment's
    bookings are not anyone's work any more), with their enrolment and client."""
    return (
        select(Meeting, Enrolment, Client)
        .join(Enrolment, Enrolment.id == Meeting.enrolment_id)
        .join(Client, Client.id == Enrolment.client_id)
        .where(
            Enrolment.state.in_(OPEN_STATES),
            Meeting.at >= start,
            Meeting.at < end,
            Meeting.status.in_(("scheduled", "held")),
        )
        .order_by(Meeting.at)
    )


async def meetings_between(
    session: AsyncSession, username: str, start: dt.datetime, end: dt.datetime
) -> Sequence[Row[Meeting, Enrolment, Client]]:
    """The meetings of the user's open enrolments in the period."""
    query = _open_meetings_between(start, end).join(
        EnrolmentCoordinator, EnrolmentCoordinator.enrolment_id == Enrolment.id
    )
    return (await session.execute(query.where(EnrolmentCoordinator.username == username))).all()


async def meetings_of_open_enrolments_between(
    session: AsyncSession, start: dt.datetime, end: dt.datetime
) -> Sequence[Row[Meeting, Enrolment, Client]]:
    """Every meeting of an open enrolment in the period, to find the ones a person takes part
    in without being a coordinator (the participants are a JSON list, which the two databases
    search differently; a day's meetings are few)."""
    return (await session.execute(_open_meetings_between(start, end))).all()


async def active_without_meeting_since(
    session: AsyncSession, username: str, since: dt.datetime
) -> Sequence[Row[Enrolment, Client]]:
    recent = (
        select(Meeting.id)
        .where(
            Meeting.enrolment_id == Enrolment.id,
            Meeting.at >= since,
            Meeting.status.in_(("scheduled", "held")),
        )
        .exists()
    )
    query = _mine(username).where(Enrolment.state == "active", ~recent)
    return (await session.execute(query.order_by(Client.last_name))).all()


async def roadmaps_of_mine(
    session: AsyncSession, username: str
) -> Sequence[Row[Enrolment, Client, Roadmap, RoadmapTemplate]]:
    """The work-ability roadmaps of the clients of the user's open enrolments."""
    query = (
        _mine(username)
        .join(Roadmap, Roadmap.client_id == Client.id)
        .join(RoadmapTemplate, RoadmapTemplate.version == Roadmap.template_version)
        .add_columns(Roadmap, RoadmapTemplate)
    )
    return (await session.execute(query.order_by(Client.last_name))).all()


async def plans_not_reviewed_since(
    session: AsyncSession, username: str, since: dt.date
) -> Sequence[Row[Enrolment, Client, dt.date | None]]:
    """The user's active enrolments whose client's plan was last reviewed before `since`
    (or never), with that last review's date."""
    query = (
        _mine(username)
        .add_columns(ServicePlan.reviewed_on)
        .outerjoin(ServicePlan, ServicePlan.client_id == Client.id)
        .where(
            Enrolment.state == "active",
            (ServicePlan.reviewed_on.is_(None)) | (ServicePlan.reviewed_on < since),
        )
    )
    return (await session.execute(query.order_by(Client.last_name))).all()


async def awaiting_triage(session: AsyncSession, limit: int = 200) -> Sequence[Client]:
    query = (
        select(Client)
        .where(Client.awaiting_triage.is_(True), Client.anonymised_at.is_(None))
        .order_by(Client.created_at)
        .limit(limit)
    )
    return (await session.scalars(query)).all()


async def exit_form_missing(
    session: AsyncSession, username: str, ended_since: dt.date
) -> Sequence[Row[Enrolment, Client]]:
    """The user's ended enrolments without an exit form, while their grace period lasts."""
    query = _named(username).where(
        Enrolment.exit_form_missing.is_(True), Enrolment.ended_on >= ended_since
    )
    return (await session.execute(query.order_by(Enrolment.ended_on))).all()


async def exit_form_missing_after_grace(
    session: AsyncSession, ended_before: dt.date | None, limit: int = 500
) -> Sequence[Row[Enrolment, Client]]:
    """Ended enrolments without an exit form whose coordinators' grace period is over (the
    team lead's to follow up), or every one of them when `ended_before` is None."""
    query = (
        select(Enrolment, Client)
        .join(Client, Client.id == Enrolment.client_id)
        .where(Enrolment.exit_form_missing.is_(True), Client.anonymised_at.is_(None))
        .order_by(Enrolment.ended_on)
        .limit(limit)
    )
    if ended_before is not None:
        query = query.where(Enrolment.ended_on < ended_before)
    return (await session.execute(query)).all()


async def contacts_overdue(
    session: AsyncSession, today: dt.date, limit: int = 500
) -> Sequence[Row[Enrolment, Client]]:
    """Every coordinator's enrolments whose first contact was due before today, the most
    overdue first."""
    query = (
        select(Enrolment, Client)
        .join(Client, Client.id == Enrolment.client_id)
        .where(
            Enrolment.state == "registered",
            Enrolment.contact_due < today,
            Client.anonymised_at.is_(None),
        )
        .order_by(Enrolment.contact_due, Client.last_name)
        .limit(limit)
    )
    return (await session.execute(query)).all()


async def open_suggestions(
    session: AsyncSession, username: str
) -> Sequence[Row[OutcomeSuggestion, Client]]:
    query = (
        select(OutcomeSuggestion, Client)
        .join(Enrolment, Enrolment.id == OutcomeSuggestion.enrolment_id)
        .join(Client, Client.id == Enrolment.client_id)
        .join(EnrolmentCoordinator, EnrolmentCoordinator.enrolment_id == Enrolment.id)
        .where(EnrolmentCoordinator.username == username, Enrolment.state.in_(OPEN_STATES))
        .order_by(OutcomeSuggestion.suggested_at)
    )
    return (await session.execute(query)).all()


async def caseload(
    session: AsyncSession, username: str | None
) -> Sequence[Row[str, str, int, int]]:
    active = func.sum(case((Enrolment.state == "active", 1), else_=0))
    query = (
        select(
            EnrolmentCoordinator.username,
            EnrolmentCoordinator.role,
            func.count(func.distinct(Enrolment.client_id)),
            active,
        )
        .join(Enrolment, Enrolment.id == EnrolmentCoordinator.enrolment_id)
        .where(Enrolment.state.in_(OPEN_STATES))
        .group_by(EnrolmentCoordinator.username, EnrolmentCoordinator.role)
        .order_by(EnrolmentCoordinator.username)
    )
    if username is not None:
        query = query.where(EnrolmentCoordinator.username == username)
    rows: Sequence[Row[str, str, int, int]] = (await session.execute(query)).all()
    return rows
