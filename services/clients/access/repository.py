"""Queries behind need-to-know access: who is related to a client, and how."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.models import (
    OPEN_ENROLMENT_STATES,
    AccessGrant,
    Client,
    Consent,
    ContactAttempt,
    Enrolment,
    EnrolmentCoordinator,
    Feedback,
    FunctionalAssessment,
    Meeting,
    Note,
    OutcomeSuggestion,
    Roadmap,
    ServiceNeedAssessment,
    ServicePeriod,
    ServicePlan,
    StatusEpisode,
    WorkAbilityAssessment,
    WorkSupports,
)
from services.common.auth import COORDINATOR_ROLES, Principal

OPEN_STATES = OPEN_ENROLMENT_STATES


@dataclass(frozen=True, slots=True)
class CoordinatorRow:
    """One enrolment naming the user: its state and why the user is on it."""

    enrolment_id: uuid.UUID
    role: str
    reason: str
    open: bool
    ended_on: dt.date | None


@dataclass(frozen=True, slots=True)
class Relation:
    """The facts from which the policy derives how one user relates to one client."""

    coordinator_rows: tuple[CoordinatorRow, ...]
    any_named_coordinator: bool
    any_open_enrolment: bool
    # Enrolments the user referred (as a coach): open or not, and when they ended.
    referred: tuple[tuple[bool, dt.date | None], ...]
    open_grant: bool


async def get_client(session: AsyncSession, client_id: uuid.UUID) -> Client | None:
    return await session.get(Client, client_id)


async def get_client_for_update(session: AsyncSession, client_id: uuid.UUID) -> Client | None:
    return await session.get(Client, client_id, with_for_update=True)


async def relation(session: AsyncSession, client_id: uuid.UUID, username: str) -> Relation:
    coordinator_rows = (
        await session.execute(
            select(
                EnrolmentCoordinator.username,
                EnrolmentCoordinator.enrolment_id,
                EnrolmentCoordinator.role,
                EnrolmentCoordinator.reason,
                Enrolment.state,
                Enrolment.ended_on,
            )
            .join(Enrolment, Enrolment.id == EnrolmentCoordinator.enrolment_id)
            .where(Enrolment.client_id == client_id)
        )
    ).all()
    referred = (
        await session.execute(
            select(Enrolment.state, Enrolment.ended_on).where(
                Enrolment.client_id == client_id, Enrolment.referred_by == username
            )
        )
    ).all()
    grant = await session.scalar(select(exists().where(_open_grant(client_id, username))))
    return Relation(
        coordinator_rows=tuple(
            CoordinatorRow(
                enrolment_id=row.enrolment_id,
                role=row.role,
                reason=row.reason,
                open=row.state in OPEN_STATES,
                ended_on=row.ended_on,
            )
            for row in coordinator_rows
            if row.username == username
        ),
        any_named_coordinator=bool(coordinator_rows),
        # Every enrolment names at least one coordinator, so its rows show every enrolment.
        any_open_enrolment=any(row.state in OPEN_STATES for row in coordinator_rows),
        referred=tuple((state in OPEN_STATES, ended_on) for state, ended_on in referred),
        open_grant=bool(grant),
    )


def _open_grant(client_id: Any, username: str) -> ColumnElement[bool]:
    return and_(
        AccessGrant.client_id == client_id,
        AccessGrant.username == username,
        AccessGrant.revoked_at.is_(None),
    )


def _named_coordinator(
    username: str | None = None, *, open_only: bool = False, ended_since: dt.date | None = None
) -> ColumnElement[bool]:
    condition = (
        select(EnrolmentCoordinator.enrolment_id)
        .join(Enrolment, Enrolment.id == EnrolmentCoordinator.enrolment_id)
        .where(Enrolment.client_id == Client.id)
    )
    if username is not None:
        condition = condition.where(EnrolmentCoordinator.username == username)
    if open_only:
        condition = condition.where(Enrolment.state.in_(OPEN_STATES))
    if ended_since is not None:
        condition = condition.where(
            Enrolment.state.not_in(OPEN_STATES), Enrolment.ended_on >= ended_since
        )
    return condition.exists()


def _referred(username: str, grace_starts: dt.date) -> ColumnElement[bool]:
    return exists().where(
        Enrolment.client_id == Client.id,
        Enrolment.referred_by == username,
        or_(Enrolment.state.in_(OPEN_STATES), Enrolment.ended_on >= grace_starts),
    )


def responsible_filter(username: str) -> ColumnElement[bool]:
    """Clients `username` works with now: on an open enrolment, or the creator until an
    enrolment names a coordinator."""
    return or_(
        _named_coordinator(username, open_only=True),
        and_(Client.created_by == username, ~_named_coordinator()),
    )


def visible_filter(
    principal: Principal, *, mine: bool, grace_starts: dt.date
) -> ColumnElement[bool]:
    """The SQL twin of the policy in `service.resolve`: the clients a list may return.

    `grace_starts` is the first end date still inside the grace period."""
    username = principal.username
    if mine:
        return responsible_filter(username)
    if principal.has_role("team_lead", "admin"):
        return true()
    conditions: list[ColumnElement[bool]] = []
    if principal.has_role(*COORDINATOR_ROLES):
        conditions += [
            responsible_filter(username),
            _named_coordinator(username, ended_since=grace_starts),
            exists().where(_open_grant(Client.id, username)),
            Client.awaiting_triage.is_(True),
        ]
    if principal.has_role("coach"):
        conditions += [responsible_filter(username), _referred(username, grace_starts)]
    return or_(*conditions) if conditions else false()


def enrolments_visible_filter(
    principal: Principal, *, grace_starts: dt.date
) -> ColumnElement[bool]:
    """The clients whose enrolments the caller sees whole (capability `enrolments`, not
    bounded by a grace period): the SQL twin of `ClientView.sees_enrolment` for lists."""
    username = principal.username
    if principal.has_role("team_lead", "admin"):
        return true()
    conditions: list[ColumnElement[bool]] = []
    if principal.has_role(*COORDINATOR_ROLES):
        conditions.append(responsible_filter(username))
    if principal.has_role("coach"):
        conditions += [responsible_filter(username), _referred(username, grace_starts)]
    return or_(*conditions) if conditions else false()


async def active_consent_purposes(session: AsyncSession, client_id: uuid.UUID) -> set[str]:
    rows = await session.scalars(
        select(Consent.purpose).where(
            Consent.client_id == client_id, Consent.withdrawn_at.is_(None)
        )
    )
    return set(rows)


async def grant_for(
    session: AsyncSession, referral_id: uuid.UUID, username: str | None = None
) -> Sequence[AccessGrant]:
    query = select(AccessGrant).where(AccessGrant.referral_id == referral_id)
    if username is not None:
        query = query.where(AccessGrant.username == username)
    return (await session.scalars(query)).all()


def add_grant(
    session: AsyncSession,
    client_id: uuid.UUID,
    username: str,
    referral_id: uuid.UUID,
    at: dt.datetime,
) -> AccessGrant:
    grant = AccessGrant(
        client_id=client_id, username=username, referral_id=referral_id, granted_at=at
    )
    session.add(grant)
    return grant


async def everything_about(session: AsyncSession, client_id: uuid.UUID) -> dict[str, list[object]]:
    """Every row held about a client, table by table (the data-subject export)."""
    enrolment_ids = select(Enrolment.id).where(Enrolment.client_id == client_id)
    by_client = {
        "consents": Consent,
        "notes": Note,
        "service_need_assessments": ServiceNeedAssessment,
        "work_ability_assessments": WorkAbilityAssessment,
        "service_plans": ServicePlan,
        "feedback": Feedback,
        "status_episodes": StatusEpisode,
        "access_grants": AccessGrant,
        "service_periods": ServicePeriod,
        "roadmaps": Roadmap,
        "functional_assessments": FunctionalAssessment,
        "work_supports": WorkSupports,
    }
    by_enrolment = {
        "contact_attempts": ContactAttempt,
        "meetings": Meeting,
        "outcome_suggestions": OutcomeSuggestion,
        "enrolment_coordinators": EnrolmentCoordinator,
    }
    result: dict[str, list[object]] = {
        "enrolments": list(
            (await session.scalars(select(Enrolment).where(Enrolment.client_id == client_id))).all()
        )
    }
    for name, model in by_client.items():
        rows = await session.scalars(select(model).where(model.client_id == client_id))  # type: ignore[attr-defined]
        result[name] = list(rows.all())
    for name, model in by_enrolment.items():
        rows = await session.scalars(
            select(model).where(model.enrolment_id.in_(enrolment_ids))  # type: ignore[attr-defined]
        )
        result[name] = list(rows.all())
    return result
