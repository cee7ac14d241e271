"""The indicator queries: one grouped query over the read model per indicator.

Each returns raw cells (the group's dimension values and its sums); the service layer
turns them into rates, medians and suppressed rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
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
    cast,
    distinct,
    exists,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import Subquery

from services.metrics import day_counts, spells
from services.metrics.definitions import ROLE_TARGETS
from services.metrics.ingestion.service import age_group
from services.metrics.models import (
    AssessmentFact,
    CaseloadDelta,
    ClientFact,
    CoordinatorAssignment,
    DayDelta,
    EmployerActivity,
    EmployerFact,
    EmployerSectorEpisode,
    EmployerStatusEpisode,
    EnrolmentFact,
    Feedback,
    FeedCursor,
    FirstSelfAssessment,
    HireFact,
    LeadFact,
    OutcomeRule,
    PlanReview,
    ReachGoal,
    RecruitmentEventFact,
    ReferralFact,
    ServicePeriodFact,
    StatusEpisode,
    UnemploymentSpell,
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
    # PostgreSQL finds a date's place among the count days with `width_bucket`.
    postgres: bool = False
    # Languages shown as `other` (too few clients for a machine client to see them apart).
    fold_languages: frozenset[str] = frozenset()

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


def _person_columns(e: type[EnrolmentFact], month: Any) -> Columns:
    return {
        "coordinator_role": e.coordinator_role,
        "coordinator": e.coordinator,
        "municipality": e.municipality,
        "month": month,
        "service_line": e.service_line,
        "age_group": e.age_group,
    }


CLIENT_DIMENSIONS = ("gender", "language", "target_group")
# Languages that are not foreign: Finland's two national languages.
NATIONAL_LANGUAGES = ("fi", "sv")


def _language(c: type[ClientFact], window: Window) -> Any:
    if not window.fold_languages:
        return c.language
    return case((c.language.in_(sorted(window.fold_languages)), "other"), else_=c.language)


def _target_groups(window: Window, day: dt.date) -> Subquery:
    """(client_id, target_group): one row per group a client belongs to on `day`."""
    c, sp = ClientFact, UnemploymentSpell
    year = day.year
    long_term_now = exists().where(
        sp.client_id == c.client_id,
        sp.kind == spells.LONG_TERM,
        sp.starts_on <= day,
        or_(sp.ends_on.is_(None), sp.ends_on >= day),
    )
    foreign = and_(c.language.is_not(None), c.language.not_in(NATIONAL_LANGUAGES))
    rules: dict[str, ColumnElement[bool]] = {
        "under_25": c.birth_year > year - 25,
        "under_30": or_(
            c.birth_year > year - 30, and_(c.birth_year.is_(None), c.recorded_under_30)
        ),
        "long_term_unemployed": or_(c.recorded_long_term_unemployed, long_term_now),
        "foreign_language": or_(foreign, c.recorded_foreign_language),
        "partial_work_ability": c.recorded_partial_work_ability.is_(True),
    }
    parts = [
        select(
            c.client_id.label("client_id"), literal(group, String()).label("target_group")
        ).where(rule)
        for group, rule in rules.items()
    ]
    return parts[0].union_all(*parts[1:]).subquery("target_group")


@dataclass(frozen=True, slots=True)
class ClientDimensions:
    """The client's own dimensions of an answer: the columns and the joins they need."""

    columns: Columns
    groups: Subquery | None

    @classmethod
    def of(cls, window: Window, day: dt.date) -> ClientDimensions:
        c = ClientFact
        groups = _target_groups(window, day) if "target_group" in window.group_by else None
        columns: Columns = {
            "gender": func.coalesce(c.gender, "unknown"),
            "language": _language(c, window),
            "target_group": groups.c.target_group if groups is not None else None,
        }
        return cls(columns, groups)

    def join(self, query: Select[Any], client_id: Any, window: Window) -> Select[Any]:
        if not set(CLIENT_DIMENSIONS) & set(window.group_by):
            return query
        query = query.outerjoin(ClientFact, ClientFact.client_id == client_id)
        if self.groups is not None:
            query = query.join(self.groups, self.groups.c.client_id == client_id)
        return query


def _counted(flag: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.sum(case((flag, 1), else_=0))


async def activation_rate(session: AsyncSession, window: Window) -> list[Cell]:
    e, r = EnrolmentFact, OutcomeRule
    clients = ClientDimensions.of(window, window.end)
    dims, query = _grouped(
        {**_person_columns(e, e.ended_month), **clients.columns},
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
    query = clients.join(query, e.client_id, window)
    if window.coordinator:
        query = query.where(e.coordinator == window.coordinator)
    return await _cells(session, query)


async def outcomes(session: AsyncSession, window: Window) -> list[Cell]:
    e = EnrolmentFact
    clients = ClientDimensions.of(window, window.end)
    columns = {**_person_columns(e, e.ended_month), **clients.columns, "outcome": e.outcome}
    dims, query = _grouped(columns, window, func.count().label("value"))
    query = clients.join(query.select_from(e), e.client_id, window)
    query = query.where(
        e.ended_on.between(window.start, window.end), e.outcome.is_not(None)
    ).group_by(*dims)
    if window.coordinator:
        query = query.where(e.coordinator == window.coordinator)
    return await _cells(session, query)


async def funnel(session: AsyncSession, window: Window) -> list[Cell]:
    e = EnrolmentFact
    clients = ClientDimensions.of(window, window.end)
    dims, query = _grouped(
        {**_person_columns(e, e.registered_month), **clients.columns},
        window,
        func.count().label("registered"),
        func.count(e.first_contact_on).label("contacted"),
        func.count(e.first_meeting_on).label("first_meeting"),
        func.count(e.ended_on).label("ended"),
        _counted(e.outcome == "cancelled").label("cancelled"),
        _counted(e.outcome == "not_reached").label("not_reached"),
    )
    query = clients.join(query.select_from(e), e.client_id, window)
    query = query.where(e.registered_on.between(window.start, window.end)).group_by(*dims)
    if window.coordinator:
        query = query.where(e.coordinator == window.coordinator)
    return await _cells(session, query)


async def contact_sla(session: AsyncSession, window: Window) -> list[Cell]:
    """Cells per dimension values and working days to contact (for the median)."""
    e = EnrolmentFact
    contacted = e.first_contact_on.is_not(None)
    clients = ClientDimensions.of(window, window.end)
    dims, query = _grouped(
        {**_person_columns(e, e.registered_month), **clients.columns},
        window,
        e.working_days_to_contact.label("days"),
        func.count().label("persons"),
        _counted(and_(contacted, e.first_contact_on <= e.contact_due)).label("on_time"),
        _counted(or_(contacted, e.contact_due < window.today)).label("due"),
        func.count(e.first_contact_on).label("contacted"),
    )
    query = clients.join(query.select_from(e), e.client_id, window)
    query = query.where(
        e.registered_on.between(window.start, window.end), e.contact_due.is_not(None)
    ).group_by(*dims, e.working_days_to_contact)
    if window.coordinator:
        query = query.where(e.coordinator == window.coordinator)
    return await _cells(session, query)


def _active_on(e: type[EnrolmentFact], day: Any) -> ColumnElement[bool]:
    return and_(e.registered_on <= day, or_(e.ended_on.is_(None), e.ended_on > day))


def _assigned_on(a: type[CoordinatorAssignment], day: Any) -> ColumnElement[bool]:
    return and_(a.starts_on <= day, or_(a.ends_on.is_(None), a.ends_on > day))


# --- indicators counted on a day ------------------------------------------------------------
#
# With the count days sorted, a period covers the days whose index lies in [start, end):
# start = how many count days fall before its first day, end = how many fall before the day
# after its last. A grouped query returns the few (start, end) pairs per cell and Python
# spreads them over the days, instead of joining every period to every count day. A period
# is counted once per day it covers, so the periods counted for one subject must not
# overlap: enrolment ∩ assignment, plan-review spans and status islands never do.

SPAN_START = "span_start"
SPAN_END = "span_end"


def _days_before(window: Window, on: Any, *, shift: int = 0) -> ColumnElement[Any]:
    """How many count days `day` have `day - shift < on`; all of them when `on` is open."""
    bounds = [day - dt.timedelta(days=shift) for _, day in window.count_days]
    if window.postgres:
        # A binary search in C over the sorted bounds (first day after each, as it counts <=).
        after = [bound + dt.timedelta(days=1) for bound in bounds]
        found: ColumnElement[Any] = func.width_bucket(on, literal(after, ARRAY(Date())))
    else:
        found = literal(0, Integer())
        for bound in bounds:
            found = found + case((on > literal(bound, Date()), 1), else_=0)
    return case((on.is_(None), len(bounds)), else_=found)


def _overlaps(starts_on: Any, ends_before: Any, window: Window) -> ColumnElement[bool]:
    """The period [starts_on, ends_before) meets the count days (lets an index pick rows)."""
    return and_(
        starts_on <= window.last_day,
        or_(ends_before.is_(None), ends_before > window.first_day),
    )


def _greatest(*values: Any) -> Any:
    result = values[0]
    for value in values[1:]:
        result = case((value > result, value), else_=result)
    return result


def _least(*values: Any) -> Any:
    result = values[0]
    for value in values[1:]:
        result = case((value < result, value), else_=result)
    return result


async def _spans(
    session: AsyncSession,
    periods: Subquery,
    keys: Sequence[str],
    starts: Sequence[str],
    ends: Sequence[str],
) -> list[Cell]:
    """(keys, start, end, persons) per distinct span: each period is the intersection of the
    index ranges `starts[i]`..`ends[i]` of its row."""
    p = periods.c
    start = _greatest(*(p[s] for s in starts)).label(SPAN_START)
    end = _least(*(p[e] for e in ends)).label(SPAN_END)
    columns = [p[k] for k in keys]
    query = select(*columns, start, end, func.count().label("persons")).group_by(
        *columns, start, end
    )
    return await _cells(session, query)


def _spread(
    window: Window, spans: Sequence[Cell], keys: Sequence[str], measure: str = "measure"
) -> dict[tuple[Any, ...], dict[int, dict[str, int]]]:
    """Per key values and count-day index: the persons per measure on that day."""
    days = len(window.count_days)
    totals: dict[tuple[Any, ...], dict[int, dict[str, int]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(int))
    )
    for span in spans:
        key = tuple(span[k] for k in keys)
        for index in range(int(span[SPAN_START]), min(int(span[SPAN_END]), days)):
            totals[key][index][span[measure]] += int(span["persons"])
    return totals


def _day_cell(window: Window, index: int, dims: dict[str, Any]) -> Cell:
    cell = dict(dims)
    if "month" in window.group_by:
        cell["month"] = window.count_days[index][0]
    return cell


def _counted_cells(
    window: Window, spans: Sequence[Cell], keys: Sequence[str], measure: str
) -> list[Cell]:
    """One cell per key values and count day on which `measure` counted anybody."""
    cells = []
    for key, by_day in _spread(window, spans, keys).items():
        for index, measures in by_day.items():
            if measures[measure]:
                cell = _day_cell(window, index, dict(zip(keys, key, strict=True)))
                cells.append({**cell, measure: measures[measure]})
    return cells


def _on_month_ends(window: Window) -> bool:
    """Grouped by month only, and every count day a month's last working day."""
    return window.group_by == ("month",) and all(
        day == day_counts.month_end_count_day(day) for _, day in window.count_days
    )


def _caseload_cells(window: Window, loads: Sequence[Cell]) -> list[Cell]:
    """Per group: the active enrolments, the coordinators holding any and their target
    (`loads`: one cell per coordinator, role and count day with its `active`)."""
    groups: dict[tuple[Any, ...], Cell] = {}
    holders: dict[tuple[Any, ...], set[str]] = defaultdict(set)
    for load in loads:
        key = dimension_key(load, window.group_by)
        group = groups.setdefault(
            key,
            {**{d: load.get(d) for d in window.group_by}, "active": 0, "target": 0},
        )
        group["active"] += load["active"]
        group["target"] += ROLE_TARGETS.get(load["who_role"], 0)
        holders[key].add(load["who"])
    return [{**group, "coordinators": len(holders[key])} for key, group in groups.items()]


async def _caseload_by_month(session: AsyncSession, window: Window) -> list[Cell]:
    """The caseload per month-end count day, summed in the database from the coordinators'
    monthly deltas: each coordinator's running total holds from its bucket to the next."""
    d = CaseloadDelta
    bucket = _days_before(window, d.on)
    deltas = select(d.username, d.role, bucket.label("first"), func.sum(d.delta).label("delta"))
    deltas = deltas.where(d.on <= window.last_day).group_by(d.username, d.role, bucket)
    if window.coordinator:
        deltas = deltas.where(d.username == window.coordinator)
    b = deltas.subquery("bucket").c
    # Bucket i holds the deltas of the days after count day i - 1, up to count day i.
    owner = (b.username, b.role)
    running = select(
        b.username,
        b.role,
        b.first,
        func.sum(b.delta)
        .over(partition_by=owner, order_by=b.first, rows=(None, 0))
        .label("active"),
        func.lead(b.first, 1, len(window.count_days))
        .over(partition_by=owner, order_by=b.first)
        .label("until"),
    ).subquery("running")
    r = running.c
    positions = _count_day_positions(window)
    day = positions.c
    target = case(*((r.role == role, n) for role, n in ROLE_TARGETS.items()), else_=0)
    query = (
        select(
            day.month,
            func.sum(r.active).label("active"),
            func.sum(target).label("target"),
            func.count(distinct(r.username)).label("coordinators"),
        )
        .select_from(running)
        .join(positions, and_(day.position >= r.first, day.position < r.until))
        .where(r.active != 0)
        .group_by(day.month)
    )
    return await _cells(session, query)


def _count_day_positions(window: Window) -> Subquery:
    parts = [
        select(literal(month, String()).label("month"), literal(index, Integer()).label("position"))
        for index, (month, _) in enumerate(window.count_days)
    ]
    query = parts[0] if len(parts) == 1 else parts[0].union_all(*parts[1:])
    return query.subquery("count_day_position")


async def caseload(session: AsyncSession, window: Window) -> list[Cell]:
    """Cells per dimension values: `active`, `coordinators` and their `target`."""
    if _on_month_ends(window):
        return await _caseload_by_month(session, window)
    e, a = EnrolmentFact, CoordinatorAssignment
    columns = {
        **_person_columns(e, None),
        "coordinator_role": a.role,
        "coordinator": a.username,
        "who": a.username,
        "who_role": a.role,
    }
    keys = [*(d for d in window.group_by if d != "month"), "who", "who_role"]
    periods = (
        select(
            *(columns[k].label(k) for k in keys),
            literal("active", String()).label("measure"),
            _days_before(window, a.starts_on).label("assigned_from"),
            _days_before(window, a.ends_on).label("assigned_to"),
            _days_before(window, e.registered_on).label("active_from"),
            _days_before(window, e.ended_on).label("active_to"),
        )
        .select_from(a)
        .join(e, e.enrolment_id == a.enrolment_id)
        .where(
            _overlaps(a.starts_on, a.ends_on, window),
            _overlaps(e.registered_on, e.ended_on, window),
        )
    )
    if window.coordinator:
        periods = periods.where(a.username == window.coordinator)
    spans = await _spans(
        session,
        periods.subquery(),
        [*keys, "measure"],
        ("assigned_from", "active_from"),
        ("assigned_to", "active_to"),
    )
    return _caseload_cells(window, _counted_cells(window, spans, keys, "active"))


def _rate_cells(
    window: Window, spans: Sequence[Cell], keys: Sequence[str], dims: Any = None
) -> list[Cell]:
    """Numerator and denominator cells per count day; `dims` relabels a key on a day."""
    merged: dict[tuple[Any, ...], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for key, by_day in _spread(window, spans, keys).items():
        for index, measures in by_day.items():
            values = dict(zip(keys, key, strict=True))
            cell = _day_cell(window, index, dims(values, index) if dims else values)
            totals = merged[tuple(sorted(cell.items(), key=lambda item: item[0]))]
            totals["numerator"] += measures["numerator"]
            totals["denominator"] += measures["denominator"]
    return [{**dict(key), **totals} for key, totals in merged.items() if totals["denominator"]]


def totals_only(window: Window) -> bool:
    """Only the city's total per count day: the day deltas answer it."""
    return window.coordinator is None and set(window.group_by) <= {"month"}


async def _running_totals(
    session: AsyncSession, window: Window, indicator: str
) -> list[dict[str, int]]:
    """Per count day, each measure's deltas summed up to that day."""
    d = DayDelta
    first = _days_before(window, d.on).label("first")
    query = (
        select(d.measure, first, func.sum(d.delta).label("delta"))
        .where(d.indicator == indicator, d.on <= window.last_day)
        .group_by(d.measure, first)
    )
    # Bucket i holds the deltas of days after count day i - 1, up to count day i.
    buckets: dict[str, list[int]] = defaultdict(lambda: [0] * len(window.count_days))
    for row in (await session.execute(query)).mappings():
        buckets[row["measure"]][int(row["first"])] += int(row["delta"])
    totals: list[dict[str, int]] = []
    running: dict[str, int] = defaultdict(int)
    for index in range(len(window.count_days)):
        for measure, deltas in buckets.items():
            running[measure] += deltas[index]
        totals.append(dict(running))
    return totals


async def _day_totals(session: AsyncSession, window: Window, indicator: str) -> list[Cell]:
    """Numerator and denominator per count day: the deltas summed up to each day."""
    cells = []
    for index, totals in enumerate(await _running_totals(session, window, indicator)):
        numerator = totals.get(day_counts.NUMERATOR, 0)
        denominator = totals.get(day_counts.DENOMINATOR, 0)
        if denominator:
            cell = _day_cell(window, index, {})
            cells.append({**cell, "numerator": numerator, "denominator": denominator})
    return cells


async def plan_debt_totals(session: AsyncSession, window: Window) -> list[Cell]:
    """The stale enrolments and their days overdue per count day, from the day deltas: the
    stale ones are plan_currency's active minus current, their days overdue the count day
    times their number minus the days their plans were last current."""
    currency = await _running_totals(session, window, day_counts.PLAN_CURRENCY)
    debt = await _running_totals(session, window, day_counts.PLAN_DEBT)
    cells = []
    for index, (_, day) in enumerate(window.count_days):
        active = currency[index].get(day_counts.DENOMINATOR, 0)
        stale = active - currency[index].get(day_counts.NUMERATOR, 0)
        if stale:
            last_current = debt[index].get(day_counts.LAST_CURRENT, 0)
            overdue = stale * (day - day_counts.EPOCH).days - last_current
            cell = _day_cell(window, index, {})
            cells.append({**cell, "enrolments": stale, "days_overdue": overdue})
    return cells


async def plan_currency(session: AsyncSession, window: Window) -> list[Cell]:
    if totals_only(window):
        return await _day_totals(session, window, day_counts.PLAN_CURRENCY)
    e, a, p = EnrolmentFact, CoordinatorAssignment, PlanReview
    by_coordinator = bool(
        window.coordinator or {"coordinator", "coordinator_role"} & set(window.group_by)
    )
    keys = [d for d in window.group_by if d != "month"]
    everything = literal(len(window.count_days), Integer())
    # One row per enrolment, change set and the coordinator details grouped by, so an
    # enrolment with two coordinators of one role is one row of that role.
    assigned = [a.enrolment_id, a.starts_on, a.ends_on, a.seq]
    if "coordinator_role" in keys:
        assigned.append(a.role)
    if "coordinator" in keys:
        assigned.append(a.username)
    assignments = select(*assigned).where(_overlaps(a.starts_on, a.ends_on, window))
    if window.coordinator:
        assignments = assignments.where(a.username == window.coordinator)
    asg = assignments.distinct().subquery("assignment")
    columns = {
        **_person_columns(e, None),
        "coordinator_role": asg.c.role if "coordinator_role" in keys else None,
        "coordinator": asg.c.username if "coordinator" in keys else None,
    }
    reviews = (
        select(
            p.enrolment_id,
            p.reviewed_on,
            func.lead(p.reviewed_on)
            .over(partition_by=p.enrolment_id, order_by=p.reviewed_on)
            .label("next_review_on"),
        )
        .where(
            p.reviewed_on >= window.first_day - dt.timedelta(days=89),
            p.reviewed_on <= window.last_day,
        )
        .subquery("review")
    )

    def periods(measure: str, review: bool) -> Select[Any]:
        query = select(
            *(columns[k].label(k) for k in keys),
            literal(measure, String()).label("measure"),
            _days_before(window, e.registered_on).label("active_from"),
            _days_before(window, e.ended_on).label("active_to"),
            (_days_before(window, asg.c.starts_on) if by_coordinator else literal(0)).label(
                "assigned_from"
            ),
            (_days_before(window, asg.c.ends_on) if by_coordinator else everything).label(
                "assigned_to"
            ),
            # A review keeps the plan current for 90 days or until the next review.
            (_days_before(window, reviews.c.reviewed_on) if review else literal(0)).label(
                "current_from"
            ),
            (
                _least(
                    _days_before(window, reviews.c.reviewed_on, shift=90),
                    _days_before(window, reviews.c.next_review_on),
                )
                if review
                else everything
            ).label("current_to"),
        )
        if review:
            query = query.select_from(reviews).join(e, e.enrolment_id == reviews.c.enrolment_id)
        else:
            query = query.select_from(e)
        query = query.where(_overlaps(e.registered_on, e.ended_on, window))
        if by_coordinator:
            query = query.join(asg, asg.c.enrolment_id == e.enrolment_id)
        return query

    union = periods("denominator", review=False).union_all(periods("numerator", review=True))
    spans = await _spans(
        session,
        union.subquery("period"),
        [*keys, "measure"],
        ("active_from", "assigned_from", "current_from"),
        ("active_to", "assigned_to", "current_to"),
    )
    return _rate_cells(window, spans, keys)


async def official_activation_rate(session: AsyncSession, window: Window) -> list[Cell]:
    if window.coordinator:
        return await _official_for_coordinator(session, window)
    if totals_only(window):
        return await _day_totals(session, window, day_counts.OFFICIAL)
    s, c = StatusEpisode, ClientFact
    counted = and_(
        s.status.in_(ACTIVE_STATUSES),
        s.starts_on <= window.last_day,
        or_(s.ends_on.is_(None), s.ends_on >= window.first_day),
    )

    def ranges(measure: str, *where: ColumnElement[bool]) -> Select[Any]:
        return select(
            s.client_id,
            literal(measure, String()).label("measure"),
            _days_before(window, s.starts_on).label("starts"),
            _days_before(window, s.ends_on, shift=1).label("ends"),
        ).where(counted, *where)

    # A client's overlapping episodes merge into islands, so each counts once per day.
    r = (
        ranges("denominator")
        .union_all(ranges("numerator", s.status == "active_service"))
        .subquery("range")
    )
    per_client = (r.c.client_id, r.c.measure)
    reached = select(
        *r.c,
        func.max(r.c.ends)
        .over(partition_by=per_client, order_by=(r.c.starts, r.c.ends), rows=(None, -1))
        .label("reach"),
    ).subquery("reached")
    fresh = case((or_(reached.c.reach.is_(None), reached.c.starts > reached.c.reach), 1), else_=0)
    numbered = select(
        *reached.c,
        func.sum(fresh)
        .over(
            partition_by=(reached.c.client_id, reached.c.measure),
            order_by=(reached.c.starts, reached.c.ends),
            rows=(None, 0),
        )
        .label("island"),
    ).subquery("numbered")
    n = numbered.c
    islands = (
        select(
            n.client_id,
            n.measure,
            func.min(n.starts).label("starts"),
            func.max(n.ends).label("ends"),
        )
        .where(n.starts < n.ends)
        .group_by(n.client_id, n.measure, n.island)
        .subquery("island")
    )
    # The age group depends on the count day's year: group by birth year, label per day.
    keys = ["municipality"] if "municipality" in window.group_by else []
    if "age_group" in window.group_by:
        keys.append("birth_year")
    periods = (
        select(
            *islands.c,
            c.municipality.label("municipality"),
            c.birth_year.label("birth_year"),
        )
        .select_from(islands)
        .outerjoin(c, c.client_id == islands.c.client_id)
        .subquery("period")
    )
    spans = await _spans(session, periods, [*keys, "measure"], ("starts",), ("ends",))

    def dims(values: dict[str, Any], index: int) -> dict[str, Any]:
        birth_year = values.pop("birth_year", None)
        if "age_group" in window.group_by:
            values["age_group"] = age_group(birth_year, window.count_days[index][1])
        return values

    return _rate_cells(window, spans, keys, dims)


async def _official_for_coordinator(session: AsyncSession, window: Window) -> list[Cell]:
    """A coordinator's own clients: few, so every episode meets every count day."""
    s, c, e, a = StatusEpisode, ClientFact, EnrolmentFact, CoordinatorAssignment
    d = _day_table(window)
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
    mine = exists().where(
        e.client_id == s.client_id,
        a.enrolment_id == e.enrolment_id,
        a.username == window.coordinator,
        _assigned_on(a, d.c.day),
        _active_on(e, d.c.day),
    )
    query = (
        query.select_from(d)
        .join(
            s,
            and_(
                s.starts_on <= d.c.day,
                or_(s.ends_on.is_(None), s.ends_on >= d.c.day),
                s.status.in_(ACTIVE_STATUSES),
            ),
        )
        .outerjoin(c, c.client_id == s.client_id)
        .where(mine)
        .group_by(*dims)
    )
    return await _cells(session, query)


def _age_group_in(year: Any, birth_year: Any) -> ColumnElement[Any]:
    age = year - birth_year
    return case(
        (birth_year.is_(None), None),
        (age < 18, "<18"),
        (age < 30, "18-29"),
        (age < 55, "30-54"),
        else_="55+",
    )


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


def _by_employer_fact(window: Window) -> bool:
    """Only a grouping by the employer's industry or municipality needs the employer row."""
    return bool({"industry", "municipality"} & set(window.group_by))


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
    query = query.select_from(act)
    if _by_employer_fact(window):
        query = query.outerjoin(f, f.employer_id == act.employer_id)
    query = query.where(act.on.between(window.start, window.end)).group_by(*dims)
    if window.coordinator:
        query = query.where(act.by == window.coordinator)
    return await _cells(session, query)


async def employers_partners(session: AsyncSession, window: Window) -> list[Cell]:
    """Partners per count day. An employer's status episodes never overlap (each ends where
    the next starts), so its partner episodes count it at most once on a day."""
    ep, f, act = EmployerStatusEpisode, EmployerFact, EmployerActivity
    columns: Columns = {"industry": f.industry, "municipality": f.municipality}
    keys = [d for d in window.group_by if d != "month"]
    periods = select(
        *(columns[k].label(k) for k in keys),
        literal("partners", String()).label("measure"),
        _days_before(window, ep.starts_on).label("partner_from"),
        _days_before(window, ep.ends_on).label("partner_to"),
    ).select_from(ep)
    if _by_employer_fact(window):
        periods = periods.outerjoin(f, f.employer_id == ep.employer_id)
    periods = periods.where(ep.status == "partner", _overlaps(ep.starts_on, ep.ends_on, window))
    if window.coordinator:
        periods = periods.where(
            exists().where(act.employer_id == ep.employer_id, act.by == window.coordinator)
        )
    spans = await _spans(
        session, periods.subquery(), [*keys, "measure"], ("partner_from",), ("partner_to",)
    )
    return _counted_cells(window, spans, keys, "partners")


async def satisfaction(session: AsyncSession, window: Window) -> list[Cell]:
    fb, e = Feedback, EnrolmentFact
    clients = ClientDimensions.of(window, window.end)
    columns = {
        **_person_columns(e, fb.given_month),
        **clients.columns,
        "coordinator": fb.coordinator,
    }
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
    query = clients.join(query, e.client_id, window)
    if window.coordinator:
        query = query.where(fb.coordinator == window.coordinator)
    return await _cells(session, query)


def dimension_key(cell: Cell, group_by: Sequence[str]) -> tuple[Any, ...]:
    return tuple(cell.get(d) for d in group_by)


async def enrolment_duration(session: AsyncSession, window: Window) -> list[Cell]:
    """Per dimension values: on PostgreSQL the count, total and medians; elsewhere a cell per
    duration (calendar and working days), for the medians worked out in Python."""
    e = EnrolmentFact
    clients = ClientDimensions.of(window, window.end)
    columns = {**_person_columns(e, e.ended_month), **clients.columns}
    if window.postgres:
        # The medians in the database: a row per group instead of one per duration.
        dims, query = _grouped(
            columns,
            window,
            func.count().label("count"),
            func.sum(e.days_enrolled).label("total_days"),
            func.percentile_cont(0.5).within_group(e.days_enrolled).label("median_days"),
            func.percentile_cont(0.5)
            .within_group(e.working_days_enrolled)
            .label("median_working_days"),
        )
        grouping = dims
    else:
        dims, query = _grouped(
            columns,
            window,
            e.days_enrolled.label("days"),
            e.working_days_enrolled.label("working_days"),
            func.count().label("count"),
        )
        grouping = [*dims, e.days_enrolled, e.working_days_enrolled]
    query = clients.join(query.select_from(e), e.client_id, window)
    query = query.where(
        e.ended_on.between(window.start, window.end), e.days_enrolled.is_not(None)
    ).group_by(*grouping)
    if window.coordinator:
        query = query.where(e.coordinator == window.coordinator)
    return await _cells(session, query)


def _day_table(window: Window, **extra: Any) -> Subquery:
    """The count days with their month label, and per day the given `extra(day)` dates."""
    parts = [
        select(
            literal(month, String()).label("month"),
            literal(day, Date()).label("day"),
            literal(day.year, Integer()).label("year"),
            *(literal(compute(day), Date()).label(name) for name, compute in extra.items()),
        )
        for month, day in window.count_days
    ]
    query = parts[0] if len(parts) == 1 else parts[0].union_all(*parts[1:])
    return query.subquery("count_day")


async def long_term_unemployment(session: AsyncSession, window: Window) -> list[Cell]:
    if totals_only(window):
        return await _day_totals(session, window, day_counts.LONG_TERM)
    sp, c, e, a = UnemploymentSpell, ClientFact, EnrolmentFact, CoordinatorAssignment
    d = _day_table(window, year_before=spells.last_long_term_start)
    columns: Columns = {
        "month": d.c.month,
        "municipality": c.municipality,
        "age_group": _age_group_in(d.c.year, c.birth_year),
        "gender": func.coalesce(c.gender, "unknown"),
        "language": _language(c, window),
    }
    dims, query = _grouped(
        columns,
        window,
        func.count(func.distinct(case((sp.starts_on <= d.c.year_before, sp.client_id)))).label(
            "numerator"
        ),
        func.count(func.distinct(sp.client_id)).label("denominator"),
    )
    query = (
        query.select_from(d)
        .join(
            sp,
            and_(
                sp.kind == spells.UNEMPLOYED,
                sp.starts_on <= d.c.day,
                or_(sp.ends_on.is_(None), sp.ends_on >= d.c.day),
            ),
        )
        .outerjoin(c, c.client_id == sp.client_id)
        .group_by(*dims)
    )
    if window.coordinator:
        query = query.where(
            exists().where(
                e.client_id == sp.client_id,
                a.enrolment_id == e.enrolment_id,
                a.username == window.coordinator,
                _assigned_on(a, d.c.day),
                _active_on(e, d.c.day),
            )
        )
    return await _cells(session, query)


async def plan_debt(session: AsyncSession, window: Window) -> list[Cell]:
    """Per dimension values, count day, registration and last review: the enrolments."""
    e, a, p = EnrolmentFact, CoordinatorAssignment, PlanReview
    d = _day_table(window, current_from=lambda day: day - dt.timedelta(days=89))
    by_coordinator = bool(
        window.coordinator or {"coordinator", "coordinator_role"} & set(window.group_by)
    )
    columns = {
        **_person_columns(e, d.c.month),
        "coordinator_role": a.role,
        "coordinator": a.username,
    }
    last_review = (
        select(func.max(p.reviewed_on))
        .where(p.enrolment_id == e.enrolment_id, p.reviewed_on <= d.c.day)
        .correlate(e, d)
        .scalar_subquery()
    )
    dims = [columns[k].label(k) for k in window.group_by]
    stale = select(
        *dims,
        d.c.day.label("day"),
        e.registered_on.label("registered_on"),
        last_review.label("last_review"),
        d.c.current_from.label("current_from"),
        e.enrolment_id.label("enrolment_id"),
    ).select_from(d)
    stale = stale.join(e, _active_on(e, d.c.day))
    if by_coordinator:
        stale = stale.join(a, and_(a.enrolment_id == e.enrolment_id, _assigned_on(a, d.c.day)))
    if window.coordinator:
        stale = stale.where(a.username == window.coordinator)
    # An enrolment served by two coordinators of the row counts once in it.
    rows = stale.distinct().subquery("stale")
    r = rows.c
    keys = [r[k] for k in window.group_by]
    query = (
        select(*keys, r.day, r.registered_on, r.last_review, func.count().label("enrolments"))
        .where(or_(r.last_review.is_(None), r.last_review < r.current_from))
        .group_by(*keys, r.day, r.registered_on, r.last_review)
    )
    return await _cells(session, query)


async def wellbeing_change(session: AsyncSession, window: Window) -> list[Cell]:
    """Per dimension values and day of the latest self-assessment in the period: the clients
    whose latest one there is not their first, their changes summed and the improved ones."""
    s, f, c, e = AssessmentFact, FirstSelfAssessment, ClientFact, EnrolmentFact
    # The latest self-assessment of each client in the period is their latest up to `to`.
    newest = func.row_number().over(
        partition_by=s.client_id, order_by=(s.assessed_on.desc(), s.assessment_id.desc())
    )
    ranked = (
        select(
            s.client_id,
            s.assessment_id,
            s.assessed_on,
            s.overall_tenths,
            newest.label("newest"),
        )
        .where(s.kind == "self_assessment", s.assessed_on.between(window.start, window.end))
        .subquery("latest")
    )
    latest = ranked.c
    clients = ClientDimensions.of(window, window.end)
    columns: Columns = {
        "municipality": c.municipality,
        "age_group": _age_group_in(literal(window.end.year, Integer()), c.birth_year),
        **clients.columns,
    }
    change = latest.overall_tenths - f.overall_tenths
    # The month is the latest assessment's: the service layer makes it from the day.
    dims = [columns[k].label(k) for k in window.group_by if k != "month"]
    query = (
        select(
            *dims,
            latest.assessed_on.label("assessed_on"),
            func.count().label("clients"),
            func.sum(change).label("change_tenths"),
            _counted(change > 0).label("improved"),
        )
        .select_from(ranked)
        .join(f, f.client_id == latest.client_id)
        .where(latest.newest == 1, f.assessment_id != latest.assessment_id)
        .group_by(*dims, latest.assessed_on)
    )
    if {"municipality", "age_group", "gender", "language"} & set(window.group_by):
        query = query.outerjoin(c, c.client_id == latest.client_id)
    if clients.groups is not None:
        query = query.join(clients.groups, clients.groups.c.client_id == latest.client_id)
    if window.coordinator:
        query = query.where(
            exists().where(e.client_id == latest.client_id, e.coordinator == window.coordinator)
        )
    return await _cells(session, query)


# --- the monitoring plan's employer-side figures ----------------------------------------

# A hire counts for a job referral or a recruitment event up to this many days after it.
HIRE_WINDOW_DAYS = 90


def _days_from(earlier: Any, later: Any, window: Window) -> ColumnElement[Any]:
    """Calendar days from `earlier` to `later` (dates)."""
    if window.postgres:
        days: ColumnElement[Any] = later - earlier
        return days
    return cast(func.julianday(later) - func.julianday(earlier), Integer())


async def job_referrals(session: AsyncSession, window: Window) -> list[Cell]:
    r, h = ReferralFact, HireFact
    clients = ClientDimensions.of(window, window.end)
    columns: Columns = {
        "coordinator": r.from_user,
        "coordinator_role": r.from_role,
        "month": r.sent_month,
        **clients.columns,
    }
    hired = h.hire_id.is_not(None)
    window_closed = or_(r.sent_on <= window.end - dt.timedelta(days=HIRE_WINDOW_DAYS), hired)
    in_time = and_(hired, _days_from(r.sent_on, h.hired_on, window) <= HIRE_WINDOW_DAYS)
    dims, query = _grouped(
        columns,
        window,
        func.count().label("referrals"),
        _counted(or_(r.presented.is_(True), hired)).label("presented"),
        func.count(func.distinct(r.client_id)).label("clients"),
        func.count(func.distinct(r.opening_id)).label("openings"),
        _counted(window_closed).label("closed_windows"),
        _counted(in_time).label("hired_within_90_days"),
    )
    query = (
        query.select_from(r)
        .outerjoin(h, and_(h.referral_id == r.referral_id, h.hired_on <= window.end))
        .where(r.kind == "job", r.sent_on.between(window.start, window.end))
        .group_by(*dims)
    )
    query = clients.join(query, r.client_id, window)
    if window.coordinator:
        query = query.where(r.from_user == window.coordinator)
    return await _cells(session, query)


def _sector_on(day: Any, employer_id: Any) -> ColumnElement[Any]:
    """The employer's sector on `day`: the latest episode started on or before it, before the
    first one the first one's; `unknown` for an employer without any."""
    ese = EmployerSectorEpisode
    since = func.coalesce(ese.starts_on, literal(dt.date.min, Date()))
    latest = (
        select(ese.sector)
        .where(ese.employer_id == employer_id, since <= day)
        .order_by(since.desc(), ese.seq.desc())
        .limit(1)
        .scalar_subquery()
    )
    first = (
        select(ese.sector)
        .where(ese.employer_id == employer_id)
        .order_by(since, ese.seq)
        .limit(1)
        .scalar_subquery()
    )
    return func.coalesce(latest, first, literal("unknown", String()))


async def wage_subsidy_periods(session: AsyncSession, window: Window) -> list[Cell]:
    sp, f, e = ServicePeriodFact, EmployerFact, EnrolmentFact
    clients = ClientDimensions.of(window, window.end)
    client_columns = [
        clients.columns[d].label(d) for d in CLIENT_DIMENSIONS if d in window.group_by
    ]
    periods = select(
        sp.period_id.label("period_id"),
        sp.client_id.label("client_id"),
        sp.started_month.label("month"),
        f.industry.label("industry"),
        _sector_on(sp.starts_on, sp.employer_id).label("sector"),
        *client_columns,
    ).select_from(sp)
    periods = periods.outerjoin(f, f.employer_id == sp.employer_id).where(
        sp.kind == "wage_subsidy", sp.starts_on.between(window.start, window.end)
    )
    periods = clients.join(periods, sp.client_id, window)
    if window.coordinator:
        periods = periods.where(
            exists().where(e.enrolment_id == sp.enrolment_id, e.coordinator == window.coordinator)
        )
    rows = periods.subquery("wage_subsidy_period")
    keys = [rows.c[d] for d in window.group_by]
    query = select(
        *keys,
        func.count().label("periods"),
        func.count(func.distinct(rows.c.client_id)).label("clients"),
    ).group_by(*keys)
    return await _cells(session, query)


async def recruitment_events(session: AsyncSession, window: Window) -> list[Cell]:
    """Every event held in the period, with its employers and invited clients as JSON."""
    ev = RecruitmentEventFact
    wanted: list[Any] = [
        ev.event_id,
        ev.kind,
        ev.held_on,
        ev.held_month.label("month"),
        ev.employer_ids,
        ev.clients,
        ev.jobseekers_attended,
    ]
    query = select(*wanted).where(ev.held_on.between(window.start, window.end))
    return await _cells(session, query)


async def hires_between(session: AsyncSession, first_day: dt.date, last_day: dt.date) -> list[Cell]:
    """Every hire dated in the span: fewer rows than the events' attendees would be ids."""
    h = HireFact
    wanted: list[Any] = [h.hire_id, h.client_id, h.hired_on]
    query = select(*wanted).where(h.hired_on.between(first_day, last_day))
    return await _cells(session, query)


def _month_spans(window: Window) -> Subquery:
    """The period's calendar months clipped to it (`month`, `first_day`, `last_day`), or
    the whole period as one row when the answer is not by month."""
    spans: list[tuple[str, dt.date, dt.date]] = []
    if "month" in window.group_by:
        month = window.start.replace(day=1)
        while month <= window.end:
            following = (month + dt.timedelta(days=32)).replace(day=1)
            last = min(following - dt.timedelta(days=1), window.end)
            spans.append((month.strftime("%Y-%m"), max(month, window.start), last))
            month = following
    else:
        spans.append((window.end.strftime("%Y-%m"), window.start, window.end))
    parts = [
        select(
            literal(label, String()).label("month"),
            literal(first, Date()).label("first_day"),
            literal(last, Date()).label("last_day"),
        )
        for label, first, last in spans
    ]
    query = parts[0] if len(parts) == 1 else parts[0].union_all(*parts[1:])
    return query.subquery("month_span")


async def reached_clients(session: AsyncSession, window: Window) -> list[Cell]:
    """Clients with an enrolment during the period that reached them (not ended
    `not_reached`, not a `cancelled` registration); by month, those whose enrolment began in
    the month (one pass over the period's registrations, not one over every enrolment per
    month)."""
    e = EnrolmentFact
    dims, query = _grouped(
        {"municipality": e.municipality, "month": e.registered_month},
        window,
        func.count(func.distinct(e.client_id)).label("clients"),
    )
    if "month" in window.group_by:
        query = query.where(e.registered_on.between(window.start, window.end))
    else:
        query = query.where(
            e.registered_on <= window.end,
            or_(e.ended_on.is_(None), e.ended_on >= window.start),
        )
    query = query.where(
        or_(e.outcome.is_(None), e.outcome.not_in(("not_reached", "cancelled")))
    ).group_by(*dims)
    if window.coordinator:
        query = query.where(e.coordinator == window.coordinator)
    return await _cells(session, query)


async def partner_employers(session: AsyncSession, window: Window) -> list[Cell]:
    ep, f, act, m = EmployerStatusEpisode, EmployerFact, EmployerActivity, _month_spans(window)
    dims, query = _grouped(
        {"municipality": f.municipality, "month": m.c.month},
        window,
        func.count(func.distinct(ep.employer_id)).label("partner_employers"),
    )
    # Status episodes run [starts_on, ends_on): a partner on some day of the span.
    query = query.select_from(m).join(
        ep,
        and_(
            ep.status == "partner",
            ep.starts_on <= m.c.last_day,
            or_(ep.ends_on.is_(None), ep.ends_on > m.c.first_day),
        ),
    )
    if _by_employer_fact(window):
        query = query.outerjoin(f, f.employer_id == ep.employer_id)
    query = query.group_by(*dims)
    if window.coordinator:
        query = query.where(
            exists().where(act.employer_id == ep.employer_id, act.by == window.coordinator)
        )
    return await _cells(session, query)


async def reach_goal(session: AsyncSession, day: dt.date) -> ReachGoal | None:
    g = ReachGoal
    query = (
        select(g)
        .where(g.starts_on <= day, or_(g.ends_on.is_(None), g.ends_on >= day))
        .order_by(g.starts_on.desc(), g.name)
        .limit(1)
    )
    goal: ReachGoal | None = (await session.scalars(query)).first()
    return goal
