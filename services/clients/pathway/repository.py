from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from services.clients.models import (
    OPEN_ENROLMENT_STATES,
    AppliedEffect,
    ContactAttempt,
    Enrolment,
    EnrolmentCoordinator,
    Meeting,
    OutcomeSuggestion,
    ResponsibilitySegment,
)

OPEN_STATES = OPEN_ENROLMENT_STATES


async def get_enrolment(
    session: AsyncSession, enrolment_id: uuid.UUID, *, for_update: bool = False
) -> Enrolment | None:
    query = (
        select(Enrolment)
        .where(Enrolment.id == enrolment_id)
        .options(selectinload(Enrolment.coordinators))
    )
    if for_update:
        query = query.with_for_update()
    return (await session.scalars(query)).first()


async def enrolments_of(session: AsyncSession, client_id: uuid.UUID) -> Sequence[Enrolment]:
    query = (
        select(Enrolment)
        .where(Enrolment.client_id == client_id)
        .options(selectinload(Enrolment.coordinators))
        .order_by(Enrolment.registered_on, Enrolment.created_at)
    )
    return (await session.scalars(query)).all()


async def open_enrolment_on_line(
    session: AsyncSession, client_id: uuid.UUID, service_line: str
) -> Enrolment | None:
    query = select(Enrolment).where(
        Enrolment.client_id == client_id,
        Enrolment.service_line == service_line,
        Enrolment.state.in_(OPEN_STATES),
    )
    return (await session.scalars(query.limit(1))).first()


async def suggestions_for(
    session: AsyncSession, enrolment_ids: Sequence[uuid.UUID]
) -> Sequence[OutcomeSuggestion]:
    if not enrolment_ids:
        return []
    query = (
        select(OutcomeSuggestion)
        .where(OutcomeSuggestion.enrolment_id.in_(enrolment_ids))
        .order_by(OutcomeSuggestion.suggested_at)
    )
    return (await session.scalars(query)).all()


async def contacts_of(session: AsyncSession, enrolment_id: uuid.UUID) -> Sequence[ContactAttempt]:
    query = (
        select(ContactAttempt)
        .where(ContactAttempt.enrolment_id == enrolment_id)
        .order_by(ContactAttempt.at)
    )
    return (await session.scalars(query)).all()


async def meetings_of(session: AsyncSession, enrolment_id: uuid.UUID) -> Sequence[Meeting]:
    query = select(Meeting).where(Meeting.enrolment_id == enrolment_id).order_by(Meeting.at)
    return (await session.scalars(query)).all()


async def get_meeting(session: AsyncSession, meeting_id: uuid.UUID) -> Meeting | None:
    return await session.get(Meeting, meeting_id)


async def applied_effect(session: AsyncSession, effect_key: str) -> dict[str, Any] | None:
    effect = await session.get(AppliedEffect, effect_key)
    return effect.result if effect else None


def remember_effect(session: AsyncSession, effect_key: str, result: dict[str, Any]) -> None:
    session.add(AppliedEffect(effect_key=effect_key, result=result))


async def suggestion_by_key(session: AsyncSession, effect_key: str) -> OutcomeSuggestion | None:
    query = select(OutcomeSuggestion).where(OutcomeSuggestion.effect_key == effect_key)
    return (await session.scalars(query)).first()


async def segments_of(
    session: AsyncSession, enrolment_ids: Sequence[uuid.UUID]
) -> Sequence[ResponsibilitySegment]:
    """Every responsibility segment of the enrolments, oldest first within each."""
    if not enrolment_ids:
        return []
    query = (
        select(ResponsibilitySegment)
        .where(ResponsibilitySegment.enrolment_id.in_(enrolment_ids))
        .order_by(
            ResponsibilitySegment.enrolment_id,
            ResponsibilitySegment.starts_on,
            ResponsibilitySegment.created_at,
        )
    )
    return (await session.scalars(query)).all()


async def open_segments(
    session: AsyncSession, enrolment_id: uuid.UUID
) -> Sequence[ResponsibilitySegment]:
    query = select(ResponsibilitySegment).where(
        ResponsibilitySegment.enrolment_id == enrolment_id,
        ResponsibilitySegment.ends_on.is_(None),
    )
    return (await session.scalars(query)).all()


async def segments_ended_on(
    session: AsyncSession, enrolment_id: uuid.UUID, day: dt.date
) -> Sequence[ResponsibilitySegment]:
    query = select(ResponsibilitySegment).where(
        ResponsibilitySegment.enrolment_id == enrolment_id,
        ResponsibilitySegment.ends_on == day,
    )
    return (await session.scalars(query)).all()


async def delete_segments(session: AsyncSession, enrolment_id: uuid.UUID) -> None:
    for segment in await segments_of(session, [enrolment_id]):
        await session.delete(segment)


async def open_enrolments_of_coordinator(
    session: AsyncSession, username: str, enrolment_ids: Sequence[uuid.UUID] | None = None
) -> Sequence[Enrolment]:
    """The open enrolments `username` is a coordinator of (of `enrolment_ids` when given),
    locked for the change, oldest first."""
    query = (
        select(Enrolment)
        .join(EnrolmentCoordinator, EnrolmentCoordinator.enrolment_id == Enrolment.id)
        .where(EnrolmentCoordinator.username == username, Enrolment.state.in_(OPEN_STATES))
        .options(selectinload(Enrolment.coordinators))
        .order_by(Enrolment.registered_on, Enrolment.created_at)
        .with_for_update(of=Enrolment)
    )
    if enrolment_ids is not None:
        query = query.where(Enrolment.id.in_(enrolment_ids))
    return (await session.scalars(query)).all()
