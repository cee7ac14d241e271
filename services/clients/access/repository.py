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
    AccessGrant,
    Client,
    Consent,
    ContactAttempt,
    Enrolment,
    EnrolmentCoordinator,
    Feedback,
    Meeting,
    Note,
    OutcomeSuggestion,
    ServiceNeedAssessment,
    ServicePlan,
    StatusEpisode,
    WorkAbilityAssessment,
)
from services.common.auth import COORDINATOR_ROLES, Principal


@dataclass(frozen=True, slots=True)
class Relation:
    """How one user is related to one client."""

    coordinator_roles: frozenset[str]
    any_named_coordinator: bool
    referred: bool
    open_grant: bool


async def get_client(session: AsyncSession, client_id: uuid.UUID) -> Client | None:
    return await session.get(Client, client_id)


async def get_client_for_update(session: AsyncSession, client_id: uuid.UUID) -> Client | None:
    return await session.get(Client, client_id, with_for_update=True)


async def relation(session: AsyncSession, client_id: uuid.UUID, username: str) -> Relation:
    coordinator_rows = (
        await session.execute(
            select(EnrolmentCoordinator.username, EnrolmentCoordinator.role)
            .join(Enrolment, Enrolment.id == EnrolmentCoordinator.enrolment_id)
            .where(Enrolment.client_id == client_id)
        )
    ).all()
    referred = await session.scalar(
        select(exists().where(Enrolment.client_id == client_id, Enrolment.referred_by == username))
    )
    grant = await session.scalar(select(exists().where(_open_grant(client_id, username))))
    return Relation(
        coordinator_roles=frozenset(role for name, role in coordinator_rows if name == username),
        any_named_coordinator=bool(coordinator_rows),
        referred=bool(referred),
        open_grant=bool(grant),
    )


def _open_grant(client_id: Any, username: str) -> ColumnElement[bool]:
    return and_(
        AccessGrant.client_id == client_id,
        AccessGrant.username == username,
        AccessGrant.revoked_at.is_(None),
    )


def _named_coordinator(username: str | None = None) -> ColumnElement[bool]:
    condition = (
        select(EnrolmentCoordinator.enrolment_id)
        .join(Enrolment, Enrolment.id == EnrolmentCoordinator.enrolment_id)
        .where(Enrolment.client_id == Client.id)
    )
    if username is not None:
        condition = condition.where(EnrolmentCoordinator.username == username)
    return condition.exists()


def responsible_filter(username: str) -> ColumnElement[bool]:
    """Clients `username` is responsible for: named on an enrolment, or the creator until then."""
    return or_(
        _named_coordinator(username),
        and_(Client.created_by == username, ~_named_coordinator()),
    )


def visible_filter(principal: Principal, *, mine: bool) -> ColumnElement[bool]:
    """The SQL twin of `service.resolve`: the clients a list may return to `principal`."""
    username = principal.username
    if mine:
        return responsible_filter(username)
    if principal.has_role("team_lead", "admin"):
        return true()
    conditions: list[ColumnElement[bool]] = []
    if principal.has_role(*COORDINATOR_ROLES):
        conditions += [
            responsible_filter(username),
            exists().where(_open_grant(Client.id, username)),
            Client.awaiting_triage.is_(True),
        ]
    if principal.has_role("coach"):
        conditions += [
            responsible_filter(username),
            exists().where(Enrolment.client_id == Client.id, Enrolment.referred_by == username),
        ]
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
