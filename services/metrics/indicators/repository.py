"""The indicator queries: one grouped query over the read model per indicator.

Each returns raw cells (the group's dimension values and its sums); the service layer
turns them into rates, medians and suppressed rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Date,
    Integer,
    Select,
    String,
    and_,
    case,
    exists,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import Subquery

from services.metrics.models import (
    ClientFact,
    CoordinatorAssignment,
    EmployerActivity,
    EmployerFact,
    EmployerStatusEpisode,
    EnrolmentFact,
    Feedback,
    FeedCursor,
    LeadFact,
    OutcomeRule,
    PlanReview,
    ReferralFact,
    StatusEpisode,
)

Cell = dict[str, Any]
# Dimension name → the SQL expression it groups by.
Columns = dict[str, Any]
ACTIVE_STATUSES = ("active_service", "unemployed")


@dataclass(frozen=True, slots=True)
class Window:
    """What an indicator query selects: the period, grouping, forced coordinator, days."""

    start: dt.date
    end: dt.date
    group_by: tuple[str, ...]
    coordinator: str | None
    # (month, count day) pairs for indicators counted on a day.
    count_days: tuple[tuple[str, dt.date], ...]
    today: dt.date

    @property
    def first_day(self) -> dt.date:
        return min(day for _, day in self.count_days)

    @property
    def last_day(self) -> dt.date:
        return max(day for _, day in self.count_days)


async def data_version(session: AsyncSession) -> tuple[list[FeedCursor], int]:
    cursors = list((await session.scalars(select(FeedCursor).order_by(FeedCursor.source))).all())
    catalogue = (await session.execute(select(func.max(OutcomeRule.version)))).scalar_one()
    return cursors, int(catalogue or 0)


def _grouped(
    columns: Columns, window: Window, *measures: ColumnElement[Any]
) -> tuple[list[Any], Select[Any]]:
    dims = [columns[d].label(d) for d in window.group_by]
    return dims, select(*dims, *measures)


async def _cells(session: AsyncSession, query: Select[Any]) -> list[Cell]:
    return [dict(row) for row in (await session.execute(query)).mappings()]


def _days(window: Window) -> Subquery:
    parts = [
        select(
            literal(month, String()).label("month"),
            literal(day, Date()).label("day"),
            literal(day - dt.timedelta(days=89), Date()).label("review_since"),
            literal(day.year, Integer()).label("year"),
        )
        for month, day in window.count_days
    ]
    query = parts[0] if len(parts) == 1 else parts[0].union_all(*parts[1:])
    return query.subquery("count_day")


def _person_columns(e: type[EnrolmentFact], month: Any) -> Columns:
    return {
        "coordinator_role": e.coordinator_role,
        "coordinator": e.coordinator,
        "municipality": e.municipality,
        "month": month,
        "service_line": e.service_line,
        "age_group": e.age_group,
    }


def _counted(flag: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.sum(case((flag, 1), else_=0))


async def activation_rate(session: AsyncSession, window: Window) -> list[Cell]:
    e, r = EnrolmentFact, OutcomeRule
    dims, query = _grouped(
        _person_columns(e, e.ended_month),
        window,
        _counted(r.counts_as_activation.is_(True)).label("numerator"),
        func.count().label("denominator"),
    )
    query = (
        query.select_from(e)
        .join(
            r,
            and_(
                r.code == e.outcome,
                r.valid_from <= e.ended_on,
                or_(r.valid_to.is_(None), r.valid_to > e.ended_on),
            ),
        )
        .where(e.ended_on.between(window.start, window.end), r.exit_form.is_(True))
        .group_by(*dims)
    )
    if window.coordinator:
        query = query.where(e.coordinator == window.coordinator)
    return await _cells(session, query)


async def outcomes(session: AsyncSession, window: Window) -> list[Cell]:
    e = EnrolmentFact
    columns = {**_person_columns(e, e.ended_month), "outcome": e.outcome}
    dims, query = _grouped(columns, window, func.count().label("value"))
    query = query.where(
        e.ended_on.between(window.start, window.end), e.outcome.is_not(None)
    ).group_by(*dims)
    if window.coordinator:
        query = query.where(e.coordinator == window.coordinator)
    return await _cells(session, query)


async def funnel(session: AsyncSession, window: Window) -> list[Cell]:
    e = EnrolmentFact
    dims, query = _grouped(
        _person_columns(e, e.registered_month),
        window,
        func.count().label("registered"),
        func.count(e.first_contact_on).label("contacted"),
        func.count(e.first_meeting_on).label("first_meeting"),
        func.count(e.ended_on).label("ended"),
        _counted(e.outcome == "cancelled").label("cancelled"),
        _counted(e.outcome == "not_reached").label("not_reached"),
    )
    query = query.where(e.registered_on.between(window.start, window.end)).group_by(*dims)
    if window.coordinator:
        query = query.where(e.coordinator == window.coordinator)
    return await _cells(session, query)


async def contact_sla(session: AsyncSession, window: Window) -> list[Cell]:
    """Cells per dimension values and working days to contact (for the median)."""
    e = EnrolmentFact
    contacted = e.first_contact_on.is_not(None)
    dims, query = _grouped(
        _person_columns(e, e.registered_month),
        window,
        e.working_days_to_contact.label("days"),
        func.count().label("persons"),
        _counted(and_(contacted, e.first_contact_on <= e.contact_due)).label("on_time"),
        _counted(or_(contacted, e.contact_due < window.today)).label("due"),
        func.count(e.first_contact_on).label("contacted"),
    )
    query = query.where(
        e.registered_on.between(window.start, window.end), e.contact_due.is_not(None)
    ).group_by(*dims, e.working_days_to_contact)
    if window.coordinator:
        query = query.where(e.coordinator == window.coordinator)
    return await _cells(session, query)


def _active_on(e: type[EnrolmentFact], day: Any, window: Window) -> ColumnElement[bool]:
    # The constant bounds let the planner pick the few rows alive in the window first.
    return and_(
        e.registered_on <= window.last_day,
        or_(e.ended_on.is_(None), e.ended_on > window.first_day),
        e.registered_on <= day,
        or_(e.ended_on.is_(None), e.ended_on > day),
    )


def _assigned_on(a: type[CoordinatorAssignment], day: Any, window: Window) -> ColumnElement[bool]:
    return and_(
        a.starts_on <= window.last_day,
        or_(a.ends_on.is_(None), a.ends_on > window.first_day),
        a.starts_on <= day,
        or_(a.ends_on.is_(None), a.ends_on > day),
    )


async def caseload(session: AsyncSession, window: Window) -> list[Cell]:
    """Cells per dimension values and coordinator (the service sums targets per row)."""
    e, a = EnrolmentFact, CoordinatorAssignment
    d = _days(window)
    columns = {
        **_person_columns(e, d.c.month),
        "coordinator_role": a.role,
        "coordinator": a.username,
    }
    dims, query = _grouped(
        columns,
        window,
        a.username.label("who"),
        a.role.label("who_role"),
        func.count(func.distinct(e.enrolment_id)).label("active"),
    )
    query = (
        query.select_from(d)
        .join(a, _assigned_on(a, d.c.day, window))
        .join(e, and_(e.enrolment_id == a.enrolment_id, _active_on(e, d.c.day, window)))
        .group_by(*dims, a.username, a.role)
    )
    if window.coordinator:
        query = query.where(a.username == window.coordinator)
    return await _cells(session, query)


async def plan_currency(session: AsyncSession, window: Window) -> list[Cell]:
    e, a, p = EnrolmentFact, CoordinatorAssignment, PlanReview
    d = _days(window)
    by_coordinator = bool(
        window.coordinator or {"coordinator", "coordinator_role"} & set(window.group_by)
    )
    columns = {
        **_person_columns(e, d.c.month),
        "coordinator_role": a.role,
        "coordinator": a.username,
    }
    reviewed = exists().where(
        p.enrolment_id == e.enrolment_id,
        p.reviewed_on >= d.c.review_since,
        p.reviewed_on <= d.c.day,
    )
    dims, query = _grouped(
        columns,
        window,
        func.count(func.distinct(case((reviewed, e.enrolment_id)))).label("numerator"),
        func.count(func.distinct(e.enrolment_id)).label("denominator"),
    )
    query = query.select_from(d).join(e, _active_on(e, d.c.day, window))
    if by_coordinator:
        query = query.join(
            a, and_(a.enrolment_id == e.enrolment_id, _assigned_on(a, d.c.day, window))
        )
    if window.coordinator:
        query = query.where(a.username == window.coordinator)
    return await _cells(session, query.group_by(*dims))


def _age_group_in(year: Any, birth_year: Any) -> ColumnElement[Any]:
    age = year - birth_year
    return case(
        (birth_year.is_(None), None),
        (age < 18, "<18"),
        (age < 30, "18-29"),
        (age < 55, "30-54"),
        else_="55+",
    )


async def official_activation_rate(session: AsyncSession, window: Window) -> list[Cell]:
    s, c, e, a = StatusEpisode, ClientFact, EnrolmentFact, CoordinatorAssignment
    d = _days(window)
    columns: Columns = {
        "month": d.c.month,
        "municipality": c.municipality,
        "age_group": _age_group_in(d.c.year, c.birth_year),
    }
    dims, query = _grouped(
        columns,
        window,
        func.count(func.distinct(case((s.status == "active_service", s.client_id)))).label(
            "numerator"
        ),
        func.count(func.distinct(s.client_id)).label("denominator"),
    )
    query = (
        query.select_from(d)
        .join(
            s,
            and_(
                s.starts_on <= window.last_day,
                or_(s.ends_on.is_(None), s.ends_on >= window.first_day),
                s.starts_on <= d.c.day,
                or_(s.ends_on.is_(None), s.ends_on >= d.c.day),
                s.status.in_(ACTIVE_STATUSES),
            ),
        )
        .outerjoin(c, c.client_id == s.client_id)
        .group_by(*dims)
    )
    if window.coordinator:
        mine = exists().where(
            e.client_id == s.client_id,
            a.enrolment_id == e.enrolment_id,
            a.username == window.coordinator,
            _assigned_on(a, d.c.day, window),
            _active_on(e, d.c.day, window),
        )
        query = query.where(mine)
    return await _cells(session, query)


async def transfers(session: AsyncSession, window: Window) -> list[Cell]:
    r = ReferralFact
    direction = func.coalesce(r.from_role, "") + literal("->") + func.coalesce(r.to_role, "")
    columns: Columns = {
        "direction": direction,
        "coordinator": r.from_user,
        "coordinator_role": r.from_role,
        "month": r.sent_month,
    }
    dims, query = _grouped(
        columns,
        window,
        r.working_days_to_accept.label("days"),
        func.count().label("sent"),
        func.count(r.accepted_on).label("accepted"),
    )
    query = query.where(r.kind == "transfer", r.sent_on.between(window.start, window.end)).group_by(
        *dims, r.working_days_to_accept
    )
    if window.coordinator:
        query = query.where(r.from_user == window.coordinator)
    return await _cells(session, query)


CLOSE_REASONS = ("hired", "hired_elsewhere", "no_hire", "withdrawn")


async def lead_response(session: AsyncSession, window: Window) -> list[Cell]:
    lead = LeadFact
    columns: Columns = {
        "coordinator": lead.coordinator,
        "month": lead.received_month,
        "municipality": lead.municipality,
        "industry": lead.industry,
        "source": lead.source,
    }
    on_time = and_(lead.contacted_on.is_not(None), lead.contacted_on <= lead.contact_due)
    dims, query = _grouped(
        columns,
        window,
        func.count().label("received"),
        _counted(on_time).label("contacted_by_due"),
        func.count(lead.followed_up_on).label("followed_up"),
        *(_counted(lead.close_reason == r).label(f"closed_{r}") for r in CLOSE_REASONS),
    )
    query = query.where(lead.received_on.between(window.start, window.end)).group_by(*dims)
    if window.coordinator:
        query = query.where(lead.coordinator == window.coordinator)
    return await _cells(session, query)


async def employers_contacted(session: AsyncSession, window: Window) -> list[Cell]:
    act, f = EmployerActivity, EmployerFact
    columns: Columns = {
        "industry": f.industry,
        "municipality": f.municipality,
        "month": act.month,
    }
    dims, query = _grouped(
        columns, window, func.count(func.distinct(act.employer_id)).label("contacted")
    )
    query = (
        query.select_from(act)
        .outerjoin(f, f.employer_id == act.employer_id)
        .where(act.on.between(window.start, window.end))
        .group_by(*dims)
    )
    if window.coordinator:
        query = query.where(act.by == window.coordinator)
    return await _cells(session, query)


async def employers_partners(session: AsyncSession, window: Window) -> list[Cell]:
    ep, f, act = EmployerStatusEpisode, EmployerFact, EmployerActivity
    d = _days(window)
    columns: Columns = {
        "industry": f.industry,
        "municipality": f.municipality,
        "month": d.c.month,
    }
    dims, query = _grouped(
        columns, window, func.count(func.distinct(ep.employer_id)).label("partners")
    )
    query = (
        query.select_from(d)
        .join(
            ep,
            and_(
                ep.status == "partner",
                ep.starts_on <= d.c.day,
                or_(ep.ends_on.is_(None), ep.ends_on > d.c.day),
            ),
        )
        .outerjoin(f, f.employer_id == ep.employer_id)
        .group_by(*dims)
    )
    if window.coordinator:
        query = query.where(
            exists().where(act.employer_id == ep.employer_id, act.by == window.coordinator)
        )
    return await _cells(session, query)


async def satisfaction(session: AsyncSession, window: Window) -> list[Cell]:
    fb, e = Feedback, EnrolmentFact
    columns = {**_person_columns(e, fb.given_month), "coordinator": fb.coordinator}
    dims, query = _grouped(
        columns,
        window,
        func.count().label("answers"),
        func.sum(fb.grade).label("grade_sum"),
    )
    query = (
        query.select_from(fb)
        .outerjoin(e, e.enrolment_id == fb.enrolment_id)
        .where(fb.given_on.between(window.start, window.end))
        .group_by(*dims)
    )
    if window.coordinator:
        query = query.where(fb.coordinator == window.coordinator)
    return await _cells(session, query)


def dimension_key(cell: Cell, group_by: Sequence[str]) -> tuple[Any, ...]:
    return tuple(cell.get(d) for d in group_by)
