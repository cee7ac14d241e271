from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.models import (
    Feedback,
    Note,
    ServiceNeedAssessment,
    ServicePlan,
    StatusEpisode,
    WorkAbilityAssessment,
)


async def get_note(session: AsyncSession, note_id: uuid.UUID) -> Note | None:
    return await session.get(Note, note_id)


async def notes_of(
    session: AsyncSession, client_id: uuid.UUID, sensitivities: Sequence[str]
) -> Sequence[Note]:
    query = (
        select(Note)
        .where(Note.client_id == client_id, Note.sensitivity.in_(sensitivities))
        .order_by(Note.created_at.desc(), Note.id)
    )
    return (await session.scalars(query)).all()


async def work_ability_assessments_of(
    session: AsyncSession, client_id: uuid.UUID
) -> Sequence[WorkAbilityAssessment]:
    query = (
        select(WorkAbilityAssessment)
        .where(WorkAbilityAssessment.client_id == client_id)
        .order_by(WorkAbilityAssessment.recorded_on, WorkAbilityAssessment.created_at)
    )
    return (await session.scalars(query)).all()


async def service_need_assessments_of(
    session: AsyncSession, client_id: uuid.UUID
) -> Sequence[ServiceNeedAssessment]:
    query = (
        select(ServiceNeedAssessment)
        .where(ServiceNeedAssessment.client_id == client_id)
        .order_by(ServiceNeedAssessment.assessed_on)
    )
    return (await session.scalars(query)).all()


async def plan_of(session: AsyncSession, client_id: uuid.UUID) -> ServicePlan | None:
    return (
        await session.scalars(select(ServicePlan).where(ServicePlan.client_id == client_id))
    ).first()


async def feedback_of(session: AsyncSession, client_id: uuid.UUID) -> Sequence[Feedback]:
    query = select(Feedback).where(Feedback.client_id == client_id).order_by(Feedback.given_on)
    return (await session.scalars(query)).all()


async def status_episodes_of(
    session: AsyncSession, client_id: uuid.UUID
) -> Sequence[StatusEpisode]:
    query = (
        select(StatusEpisode)
        .where(StatusEpisode.client_id == client_id)
        .order_by(StatusEpisode.starts_on)
    )
    return (await session.scalars(query)).all()


async def live_episodes_of(session: AsyncSession, client_id: uuid.UUID) -> Sequence[StatusEpisode]:
    """The episodes that count: every one not withdrawn, oldest first."""
    query = (
        select(StatusEpisode)
        .where(StatusEpisode.client_id == client_id, StatusEpisode.withdrawn_at.is_(None))
        .order_by(StatusEpisode.starts_on, StatusEpisode.id)
        .with_for_update()
    )
    return (await session.scalars(query)).all()


async def period_episode_overlapping(
    session: AsyncSession, client_id: uuid.UUID, starts_on: dt.date, ends_on: dt.date | None
) -> bool:
    query = select(StatusEpisode.id).where(
        StatusEpisode.client_id == client_id,
        StatusEpisode.service_period_id.is_not(None),
        StatusEpisode.status == "active_service",
        StatusEpisode.withdrawn_at.is_(None),
        or_(StatusEpisode.ends_on.is_(None), StatusEpisode.ends_on >= starts_on),
    )
    if ends_on is not None:
        query = query.where(StatusEpisode.starts_on <= ends_on)
    return (await session.scalars(query.limit(1))).first() is not None
