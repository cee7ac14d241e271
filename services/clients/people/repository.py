from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy import ColumnElement, and_, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.models import (
    Client,
    Consent,
    Enrolment,
    EnrolmentCoordinator,
    Feedback,
    Meeting,
    Note,
    OutcomeSuggestion,
    ServicePlan,
)


async def client_by_code(session: AsyncSession, code: str) -> Client | None:
    return (
        await session.scalars(select(Client).where(Client.personal_identity_code == code))
    ).first()


def _name_matches(text: str) -> ColumnElement[bool]:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    full = func.lower(Client.first_name + " " + Client.last_name)
    return or_(
        func.lower(Client.last_name).like(pattern, escape="\\"),
        func.lower(Client.first_name).like(pattern, escape="\\"),
        full.like(pattern, escape="\\"),
    )


async def search(
    session: AsyncSession,
    visible: ColumnElement[bool],
    *,
    name: str | None,
    code: str | None,
    after: tuple[str, str, uuid.UUID] | None,
    limit: int,
) -> Sequence[Client]:
    query = select(Client).where(visible, Client.anonymised_at.is_(None))
    if code is not None:
        query = query.where(Client.personal_identity_code == code)
    elif name:
        query = query.where(_name_matches(name))
    if after is not None:
        last, first, client_id = after
        query = query.where(
            or_(
                Client.last_name > last,
                and_(Client.last_name == last, Client.first_name > first),
                and_(Client.last_name == last, Client.first_name == first, Client.id > client_id),
            )
        )
    query = query.order_by(Client.last_name, Client.first_name, Client.id).limit(limit)
    return (await session.scalars(query)).all()


async def responsible_usernames(session: AsyncSession, client_id: uuid.UUID) -> list[str]:
    rows = await session.scalars(
        select(EnrolmentCoordinator.username)
        .join(Enrolment, Enrolment.id == EnrolmentCoordinator.enrolment_id)
        .where(
            Enrolment.client_id == client_id,
            Enrolment.state.in_(("registered", "contacted", "active")),
        )
        .order_by(EnrolmentCoordinator.position)
    )
    return list(dict.fromkeys(rows))


async def consents_of(session: AsyncSession, client_id: uuid.UUID) -> Sequence[Consent]:
    query = select(Consent).where(Consent.client_id == client_id).order_by(Consent.granted_at)
    return (await session.scalars(query)).all()


async def active_consent(
    session: AsyncSession, client_id: uuid.UUID, purpose: str
) -> Consent | None:
    query = select(Consent).where(
        Consent.client_id == client_id, Consent.purpose == purpose, Consent.withdrawn_at.is_(None)
    )
    return (await session.scalars(query)).first()


async def get_consent(session: AsyncSession, consent_id: uuid.UUID) -> Consent | None:
    return await session.get(Consent, consent_id, with_for_update=True)


async def possible_duplicates(
    session: AsyncSession,
    *,
    first_name: str,
    last_name: str,
    birth_year: int | None,
    phone: str | None,
    exclude: uuid.UUID | None = None,
) -> list[uuid.UUID]:
    """Clients with the same name and birth year, or the same phone number."""
    conditions: list[ColumnElement[bool]] = []
    if birth_year is not None:
        conditions.append(
            and_(
                func.lower(Client.first_name) == first_name.lower(),
                func.lower(Client.last_name) == last_name.lower(),
                Client.birth_year == birth_year,
            )
        )
    if phone:
        conditions.append(Client.phone == phone)
    if not conditions:
        return []
    query = select(Client.id).where(or_(*conditions), Client.anonymised_at.is_(None))
    if exclude is not None:
        query = query.where(Client.id != exclude)
    return list(await session.scalars(query.limit(10)))


async def clients_ended_before(session: AsyncSession, cutoff: dt.date) -> Sequence[Client]:
    """Clients not yet anonymised whose every enrolment is closed, the last before `cutoff`."""
    still_open = (
        select(Enrolment.id)
        .where(
            Enrolment.client_id == Client.id,
            Enrolment.state.in_(("registered", "contacted", "active")),
        )
        .exists()
    )
    last_end = (
        select(func.max(Enrolment.ended_on))
        .where(Enrolment.client_id == Client.id)
        .scalar_subquery()
    )
    query = select(Client).where(
        Client.anonymised_at.is_(None), ~still_open, last_end.is_not(None), last_end < cutoff
    )
    return (await session.scalars(query)).all()


async def erase_free_text(session: AsyncSession, client_id: uuid.UUID) -> None:
    await session.execute(delete(Note).where(Note.client_id == client_id))
    await session.execute(update(Feedback).where(Feedback.client_id == client_id).values(text=None))
    await session.execute(
        update(ServicePlan).where(ServicePlan.client_id == client_id).values(goals=[], actions=[])
    )
    enrolments = select(Enrolment.id).where(Enrolment.client_id == client_id)
    await session.execute(
        update(Meeting).where(Meeting.enrolment_id.in_(enrolments)).values(place=None)
    )
    await session.execute(
        update(OutcomeSuggestion)
        .where(OutcomeSuggestion.enrolment_id.in_(enrolments))
        .values(note=None)
    )
