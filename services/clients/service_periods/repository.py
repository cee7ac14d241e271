from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.models import Meeting, ServiceKindRule, ServicePeriod

EMPLOYER_PAGE_LIMIT = 200


async def get_period(
    session: AsyncSession, client_id: uuid.UUID, period_id: uuid.UUID
) -> ServicePeriod | None:
    period = await session.get(ServicePeriod, period_id, with_for_update=True)
    return period if period is not None and period.client_id == client_id else None


async def periods_of(session: AsyncSession, client_id: uuid.UUID) -> Sequence[ServicePeriod]:
    query = (
        select(ServicePeriod)
        .where(ServicePeriod.client_id == client_id)
        .order_by(ServicePeriod.starts_on, ServicePeriod.created_at)
    )
    return (await session.scalars(query)).all()


async def periods_at_employer(
    session: AsyncSession, employer_id: uuid.UUID
) -> Sequence[ServicePeriod]:
    query = (
        select(ServicePeriod)
        .where(ServicePeriod.employer_id == employer_id)
        .order_by(ServicePeriod.starts_on.desc(), ServicePeriod.id)
        .limit(EMPLOYER_PAGE_LIMIT)
    )
    return (await session.scalars(query)).all()


async def overlapping_period(
    session: AsyncSession, client_id: uuid.UUID, starts_on: dt.date, ends_on: dt.date | None
) -> ServicePeriod | None:
    """A period of the client that runs on any day from `starts_on` to `ends_on`."""
    query = select(ServicePeriod).where(
        ServicePeriod.client_id == client_id,
        or_(ServicePeriod.ends_on.is_(None), ServicePeriod.ends_on >= starts_on),
    )
    if ends_on is not None:
        query = query.where(ServicePeriod.starts_on <= ends_on)
    return (await session.scalars(query.limit(1))).first()


async def follow_up_visits(
    session: AsyncSession, period_ids: Sequence[uuid.UUID]
) -> Sequence[Meeting]:
    if not period_ids:
        return []
    query = (
        select(Meeting)
        .where(Meeting.service_period_id.in_(period_ids))
        .order_by(Meeting.at, Meeting.id)
    )
    return (await session.scalars(query)).all()


async def rule_in_force(session: AsyncSession, on: dt.date) -> ServiceKindRule | None:
    query = (
        select(ServiceKindRule)
        .where(ServiceKindRule.valid_from <= on)
        .order_by(ServiceKindRule.valid_from.desc())
        .limit(1)
    )
    return (await session.scalars(query)).first()


async def all_rules(session: AsyncSession) -> Sequence[ServiceKindRule]:
    query = select(ServiceKindRule).order_by(ServiceKindRule.version)
    return (await session.scalars(query)).all()


async def newest_rule(session: AsyncSession) -> ServiceKindRule | None:
    query = select(ServiceKindRule).order_by(ServiceKindRule.version.desc()).limit(1)
    return (await session.scalars(query)).first()


def add(session: AsyncSession, row: object) -> None:
    session.add(row)
