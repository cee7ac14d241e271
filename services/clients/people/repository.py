from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, case, delete, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from services.clients.models import (
    Client,
    Consent,
    Enrolment,
    EnrolmentCoordinator,
    Feedback,
    FunctionalAssessment,
    Meeting,
    Note,
    OutcomeSuggestion,
    Roadmap,
    ServicePeriod,
    ServicePlan,
    WorkSupports,
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


# The order of the states on the pathway, for sorting by state.
STATE_ORDER = ("triage", "no_enrolment", "registered", "contacted", "active", "ended")
_OPEN = ("registered", "contacted", "active")
_LAST_DAY = dt.date(9999, 12, 31)


@dataclass(frozen=True, slots=True)
class ClientFilters:
    name: str | None = None
    code: str | None = None
    state: str | None = None
    service_line: str | None = None
    coordinator: str | None = None
    # Only clients whose current enrolment awaits contact past its due date, before this day.
    overdue_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class ListRow:
    client: Client
    # The current enrolment, when the caller sees the client's enrolments.
    enrolment: Enrolment | None
    shown: bool
    sort_value: Any


# The current enrolment joined to each row; an alias, so that the policy's subqueries on
# `enrolment` stay their own and do not correlate to it.
_Current = aliased(Enrolment, name="current_enrolment")


def _current_enrolment_id() -> Any:
    """The client's current enrolment: the newest open one, else the newest."""
    other = aliased(Enrolment)
    return (
        select(other.id)
        .where(other.client_id == Client.id)
        .order_by(
            case((other.state.in_(_OPEN), 0), else_=1),
            other.registered_on.desc(),
            other.created_at.desc(),
            other.id,
        )
        .limit(1)
        .correlate(Client)
        .scalar_subquery()
    )


def _state(shown: ColumnElement[bool]) -> ColumnElement[Any]:
    actual = case(
        (
            _Current.id.is_(None),
            case((Client.awaiting_triage.is_(True), "triage"), else_="no_enrolment"),
        ),
        (_Current.state.in_(_OPEN), _Current.state),
        else_="ended",
    )
    # A self-registration's triage shows on its summary anyway; the rest needs `shown`.
    return case((shown, actual), (Client.awaiting_triage.is_(True), "triage"), else_=None)


def _sort_key(sort: str, shown: ColumnElement[bool]) -> ColumnElement[Any] | None:
    if sort in ("registered_on", "contact_due"):
        column = _Current.registered_on if sort == "registered_on" else _Current.contact_due
        return func.coalesce(case((shown, column)), _LAST_DAY)
    if sort == "state":
        state = _state(shown)
        return case(
            *((state == name, rank) for rank, name in enumerate(STATE_ORDER)),
            else_=len(STATE_ORDER),
        )
    return None


Keys = list[tuple[Any, bool]]


def _after(keys: Keys, values: Sequence[Any]) -> Any:
    """Keyset pagination over several keys, each ascending or descending."""
    conditions = []
    for i, ((column, descending), value) in enumerate(zip(keys, values, strict=True)):
        earlier = [keys[j][0] == values[j] for j in range(i)]
        conditions.append(and_(*earlier, column < value if descending else column > value))
    return or_(*conditions)


def _filtered(
    visible: ColumnElement[bool], shown: ColumnElement[bool], filters: ClientFilters
) -> Any:
    query = (
        select(Client, _Current, shown.label("shown"))
        .outerjoin(_Current, _Current.id == _current_enrolment_id())
        .where(visible, Client.anonymised_at.is_(None))
    )
    if filters.code is not None:
        query = query.where(Client.personal_identity_code == filters.code)
    elif filters.name:
        query = query.where(_name_matches(filters.name))
    if filters.state is not None:
        query = query.where(_state(shown) == filters.state)
    if filters.service_line is not None:
        query = query.where(shown, _Current.service_line == filters.service_line)
    if filters.coordinator is not None:
        named = exists().where(
            EnrolmentCoordinator.enrolment_id == _Current.id,
            EnrolmentCoordinator.username == filters.coordinator,
        )
        query = query.where(shown, named)
    if filters.overdue_on is not None:
        query = query.where(
            shown, _Current.state == "registered", _Current.contact_due < filters.overdue_on
        )
    return query


async def client_list(
    session: AsyncSession,
    visible: ColumnElement[bool],
    shown: ColumnElement[bool],
    filters: ClientFilters,
    *,
    sort: str,
    descending: bool,
    after: Sequence[Any] | None,
    limit: int,
) -> tuple[list[ListRow], int]:
    """A page of the clients `visible` selects, with their current enrolment where `shown`
    lets the caller see it, and the count of every row the filters match."""
    query = _filtered(visible, shown, filters)
    total = int(
        (await session.execute(select(func.count()).select_from(query.subquery()))).scalar_one()
    )
    key = _sort_key(sort, shown)
    by_name = descending if key is None else False
    keys: Keys = [] if key is None else [(key, descending)]
    keys += [(Client.last_name, by_name), (Client.first_name, by_name), (Client.id, by_name)]
    if key is not None:
        query = query.add_columns(key.label("sort_value"))
    if after is not None:
        query = query.where(_after(keys, after))
    query = query.order_by(*(c.desc() if d else c.asc() for c, d in keys)).limit(limit)
    rows = [
        ListRow(
            client=row[0],
            enrolment=row[1] if row[2] else None,
            shown=bool(row[2]),
            sort_value=row[3] if key is not None else None,
        )
        for row in (await session.execute(query)).all()
    ]
    return rows, total


async def coordinators_of(
    session: AsyncSession, enrolment_ids: Sequence[uuid.UUID]
) -> Sequence[EnrolmentCoordinator]:
    if not enrolment_ids:
        return []
    query = (
        select(EnrolmentCoordinator)
        .where(EnrolmentCoordinator.enrolment_id.in_(enrolment_ids))
        .order_by(EnrolmentCoordinator.enrolment_id, EnrolmentCoordinator.position)
    )
    return (await session.scalars(query)).all()


async def has_open_enrolment(session: AsyncSession, client_id: uuid.UUID) -> bool:
    query = select(exists().where(Enrolment.client_id == client_id, Enrolment.state.in_(_OPEN)))
    return bool(await session.scalar(query))


async def names_of(session: AsyncSession, client_ids: Sequence[uuid.UUID]) -> Sequence[Client]:
    """The clients among `client_ids` that exist and are not anonymised."""
    if not client_ids:
        return []
    query = select(Client).where(Client.id.in_(client_ids), Client.anonymised_at.is_(None))
    return (await session.scalars(query)).all()


async def responsible_usernames(session: AsyncSession, client_id: uuid.UUID) -> list[str]:
    rows = await session.scalars(
        select(EnrolmentCoordinator.username)
        .join(Enrolment, Enrolment.id == EnrolmentCoordinator.enrolment_id)
        .where(
            Enrolment.client_id == client_id,
            Enrolment.state.in_(_OPEN),
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
    # The work-ability method is health data about the person: nothing of it stays (its
    # events carried the overall scores the figures need).
    for health_data in (Roadmap, FunctionalAssessment, WorkSupports):
        await session.execute(delete(health_data).where(health_data.client_id == client_id))
    await session.execute(
        update(ServicePeriod).where(ServicePeriod.client_id == client_id).values(decision_ref=None)
    )
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
