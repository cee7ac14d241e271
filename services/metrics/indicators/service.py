"""Indicator answers: who may see what, rates and medians, suppression, CSV, ETags."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.common.auth import COORDINATOR_ROLES, Principal
from services.common.calendar import helsinki_today, is_working_day
from services.common.errors import Forbidden, NotFound, Unprocessable
from services.metrics.definitions import BY_ID, INDICATORS, Indicator, columns
from services.metrics.indicators import repository
from services.metrics.indicators.repository import Cell, Window
from services.metrics.indicators.schemas import (
    IndicatorList,
    IndicatorQuery,
    IndicatorRead,
    IndicatorResult,
    IndicatorText,
    IndicatorTranslations,
    Rendered,
)
from services.metrics.ingestion.service import data_as_of

Row = dict[str, Any]
CSV_MEDIA_TYPE = "text/csv; charset=utf-8; header=present"
CACHE_CONTROL = "private, no-cache"


def indicators() -> IndicatorList:
    return IndicatorList(
        items=[
            IndicatorRead(
                id=i.id,
                name=i.name,
                description=i.description,
                definition_version=i.definition_version,
                unit=i.unit,
                dimensions=list(i.dimensions),
                columns=[*i.measures, "suppressed"],
                translations=IndicatorTranslations(
                    fi=IndicatorText(name=i.name_fi, description=i.description_fi),
                    en=IndicatorText(name=i.name, description=i.description),
                ),
            )
            for i in INDICATORS
        ]
    )


@dataclass(frozen=True, slots=True)
class Audience:
    """What the caller may see: suppressed cells (machine clients) and a forced coordinator."""

    suppress: bool
    coordinator: str | None


def audience_of(principal: Principal) -> Audience:
    if principal.is_machine:
        if not principal.has_scope("metrics:read"):
            raise Forbidden(
                "Reading metrics needs the scope 'metrics:read'.",
                code="scope_required",
                params={"scope": "metrics:read"},
            )
        return Audience(suppress=True, coordinator=None)
    if principal.has_role("team_lead", "admin"):
        return Audience(suppress=False, coordinator=None)
    if principal.has_role(*COORDINATOR_ROLES):
        return Audience(suppress=False, coordinator=principal.username)
    if principal.has_scope("metrics:read"):
        return Audience(suppress=True, coordinator=None)
    raise Forbidden(
        "Reading metrics needs the scope 'metrics:read' or a coordinator role.",
        code="scope_required",
        params={"scope": "metrics:read"},
    )


def indicator_by_id(indicator_id: str) -> Indicator:
    indicator = BY_ID.get(indicator_id)
    if indicator is None:
        raise NotFound(
            f"There is no indicator '{indicator_id}'.",
            code="indicator_not_found",
            params={"indicator": indicator_id},
        )
    return indicator


def parse_group_by(indicator: Indicator, raw: str | None) -> tuple[str, ...]:
    if raw is None:
        return indicator.default_group_by
    # Each dimension once, also in the error: a repeated one must not echo back tenfold.
    wanted = list(dict.fromkeys(part.strip() for part in raw.split(",") if part.strip()))
    unknown = [d for d in wanted if d not in indicator.dimensions]
    if unknown:
        raise Unprocessable.field(
            ["query", "group_by"],
            f"Unknown dimension {', '.join(unknown)} for {indicator.id}; "
            f"available: {', '.join(indicator.dimensions)}.",
            code="unknown_dimension",
            params={"dimensions": unknown, "available": list(indicator.dimensions)},
        )
    return tuple(wanted)


def check_period(start: dt.date, end: dt.date) -> None:
    if start > end:
        raise Unprocessable.field(
            ["query", "from"], "`from` must not be after `to`.", code="ends_before_start"
        )
    if (end - start).days > 366 * 20:
        raise Unprocessable.field(
            ["query", "from"],
            "The period may be at most 20 years.",
            code="period_too_long",
            params={"max_years": 20},
        )


def _last_working_day_on_or_before(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def count_days(start: dt.date, end: dt.date, by_month: bool) -> tuple[tuple[str, dt.date], ...]:
    """`to`, or the last working day of each month of the period (never after `to`)."""
    if not by_month:
        return ((end.strftime("%Y-%m"), end),)
    days: list[tuple[str, dt.date]] = []
    month = start.replace(day=1)
    while month <= end:
        following = (month + dt.timedelta(days=32)).replace(day=1)
        day = _last_working_day_on_or_before(min(following - dt.timedelta(days=1), end))
        days.append((month.strftime("%Y-%m"), max(day, start)))
        month = following
    return tuple(days)


def percent(numerator: int, denominator: int) -> float | None:
    if not denominator:
        return None
    value = (Decimal(numerator) * 100 / Decimal(denominator)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    return float(value)


def one_decimal(value: Decimal | float) -> float:
    return float(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def weighted_median(histogram: dict[int, int]) -> float | None:
    total = sum(histogram.values())
    if total == 0:
        return None
    wanted = [(total - 1) // 2, total // 2]  # the middle position(s), 0-based
    found: list[int] = []
    seen = 0
    for value in sorted(histogram):
        weight = histogram[value]
        for position in wanted:
            if seen <= position < seen + weight:
                found.append(value)
        seen += weight
    return one_decimal(Decimal(sum(found)) / len(found))


# --- from cells to rows -------------------------------------------------------------------


@dataclass
class Group:
    """The rows of one cell: dimension values, measures and the persons it describes."""

    dims: dict[str, Any]
    measures: dict[str, Any]
    persons: int
    # A row shown even when it describes no person (an event nobody came to).
    shown_when_empty: bool = False


def _rate_groups(cells: Iterable[Cell], group_by: Sequence[str]) -> list[Group]:
    groups = []
    for cell in cells:
        numerator, denominator = int(cell["numerator"] or 0), int(cell["denominator"] or 0)
        if denominator == 0:
            continue
        groups.append(
            Group(
                {d: cell[d] for d in group_by},
                {
                    "numerator": numerator,
                    "denominator": denominator,
                    "value": percent(numerator, denominator),
                },
                denominator,
            )
        )
    return groups


def _collect(cells: Iterable[Cell], group_by: Sequence[str]) -> dict[tuple[Any, ...], list[Cell]]:
    grouped: dict[tuple[Any, ...], list[Cell]] = defaultdict(list)
    for cell in cells:
        grouped[repository.dimension_key(cell, group_by)].append(cell)
    return grouped


def _total(cells: Iterable[Cell], name: str) -> int:
    return sum(int(c[name] or 0) for c in cells)


async def _activation_rate(session: AsyncSession, window: Window) -> list[Group]:
    return _rate_groups(await repository.activation_rate(session, window), window.group_by)


async def _official(session: AsyncSession, window: Window) -> list[Group]:
    cells = await repository.official_activation_rate(session, window)
    return _rate_groups(cells, window.group_by)


async def _plan_currency(session: AsyncSession, window: Window) -> list[Group]:
    return _rate_groups(await repository.plan_currency(session, window), window.group_by)


async def _outcomes(session: AsyncSession, window: Window) -> list[Group]:
    cells = await repository.outcomes(session, window)
    return [
        Group({d: c[d] for d in window.group_by}, {"value": int(c["value"])}, int(c["value"]))
        for c in cells
    ]


async def _funnel(session: AsyncSession, window: Window) -> list[Group]:
    names = ("registered", "contacted", "first_meeting", "ended", "cancelled", "not_reached")
    return [
        Group(
            {d: c[d] for d in window.group_by},
            {n: int(c[n] or 0) for n in names},
            int(c["registered"]),
        )
        for c in await repository.funnel(session, window)
    ]


async def _contact_sla(session: AsyncSession, window: Window) -> list[Group]:
    groups = []
    for key, cells in _collect(
        await repository.contact_sla(session, window), window.group_by
    ).items():
        numerator, denominator = _total(cells, "on_time"), _total(cells, "due")
        histogram = {int(c["days"]): int(c["contacted"]) for c in cells if c["days"] is not None}
        groups.append(
            Group(
                dict(zip(window.group_by, key, strict=True)),
                {
                    "numerator": numerator,
                    "denominator": denominator,
                    "value": percent(numerator, denominator),
                    "median_working_days": weighted_median(histogram),
                },
                _total(cells, "persons"),
            )
        )
    return groups


async def _caseload(session: AsyncSession, window: Window) -> list[Group]:
    groups = []
    for cell in await repository.caseload(session, window):
        active, target = int(cell["active"]), int(cell["target"])
        groups.append(
            Group(
                {d: cell[d] for d in window.group_by},
                {
                    "active_enrolments": active,
                    "coordinators": int(cell["coordinators"]),
                    "target": target,
                    "load_percent": percent(active, target),
                },
                active,
            )
        )
    return groups


async def _transfers(session: AsyncSession, window: Window) -> list[Group]:
    groups = []
    for key, cells in _collect(
        await repository.transfers(session, window), window.group_by
    ).items():
        histogram = {int(c["days"]): int(c["accepted"]) for c in cells if c["days"] is not None}
        sent = _total(cells, "sent")
        groups.append(
            Group(
                dict(zip(window.group_by, key, strict=True)),
                {
                    "sent": sent,
                    "accepted": _total(cells, "accepted"),
                    "median_working_days_to_accept": weighted_median(histogram),
                },
                sent,
            )
        )
    return groups


async def _lead_response(session: AsyncSession, window: Window) -> list[Group]:
    groups = []
    for c in await repository.lead_response(session, window):
        received = int(c["received"])
        contacted, followed = int(c["contacted_by_due"] or 0), int(c["followed_up"] or 0)
        measures: dict[str, Any] = {
            "received": received,
            "contacted_by_due": contacted,
            "contacted_by_due_percent": percent(contacted, received),
            "followed_up": followed,
            "followed_up_percent": percent(followed, received),
        }
        for reason in repository.CLOSE_REASONS:
            measures[f"closed_{reason}"] = int(c[f"closed_{reason}"] or 0)
        groups.append(Group({d: c[d] for d in window.group_by}, measures, received))
    return groups


async def _employers(session: AsyncSession, window: Window) -> list[Group]:
    merged: dict[tuple[Any, ...], dict[str, int]] = defaultdict(
        lambda: {"contacted": 0, "partners": 0}
    )
    for c in await repository.employers_contacted(session, window):
        merged[repository.dimension_key(c, window.group_by)]["contacted"] = int(c["contacted"])
    for c in await repository.employers_partners(session, window):
        merged[repository.dimension_key(c, window.group_by)]["partners"] = int(c["partners"])
    return [
        Group(dict(zip(window.group_by, key, strict=True)), dict(m), m["contacted"] + m["partners"])
        for key, m in merged.items()
    ]


async def _satisfaction(session: AsyncSession, window: Window) -> list[Group]:
    groups = []
    for c in await repository.satisfaction(session, window):
        answers = int(c["answers"])
        mean = one_decimal(Decimal(int(c["grade_sum"])) / answers) if answers else None
        groups.append(
            Group(
                {d: c[d] for d in window.group_by},
                {"answers": answers, "mean_grade": mean},
                answers,
            )
        )
    return groups


async def _enrolment_duration(session: AsyncSession, window: Window) -> list[Group]:
    found = await repository.enrolment_duration(session, window)
    if window.postgres:
        return [_duration_group(cell, window.group_by) for cell in found]
    groups = []
    for key, cells in _collect(found, window.group_by).items():
        count = _total(cells, "count")
        days: dict[int, int] = defaultdict(int)
        working_days: dict[int, int] = defaultdict(int)
        for cell in cells:
            days[int(cell["days"])] += int(cell["count"])
            working_days[int(cell["working_days"])] += int(cell["count"])
        total_days = sum(value * weight for value, weight in days.items())
        groups.append(
            Group(
                dict(zip(window.group_by, key, strict=True)),
                {
                    "count": count,
                    "median_days": weighted_median(days),
                    "mean_days": one_decimal(Decimal(total_days) / count),
                    "median_working_days": weighted_median(working_days),
                },
                count,
            )
        )
    return groups


def _duration_group(cell: Cell, group_by: Sequence[str]) -> Group:
    count = int(cell["count"])
    return Group(
        {d: cell[d] for d in group_by},
        {
            "count": count,
            "median_days": one_decimal(cell["median_days"]),
            "mean_days": one_decimal(Decimal(int(cell["total_days"])) / count),
            "median_working_days": one_decimal(cell["median_working_days"]),
        },
        count,
    )


async def _long_term_unemployment(session: AsyncSession, window: Window) -> list[Group]:
    cells = await repository.long_term_unemployment(session, window)
    return _rate_groups(cells, window.group_by)


def _as_date(value: Any) -> dt.date:
    """A date column of a literal table comes back from SQLite as text."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


async def _plan_debt(session: AsyncSession, window: Window) -> list[Group]:
    if repository.totals_only(window):
        return [
            Group(
                {d: c[d] for d in window.group_by},
                {"enrolments": c["enrolments"], "days_overdue": c["days_overdue"]},
                c["enrolments"],
            )
            for c in await repository.plan_debt_totals(session, window)
        ]
    groups = []
    for key, cells in _collect(
        await repository.plan_debt(session, window), window.group_by
    ).items():
        enrolments = days_overdue = 0
        for cell in cells:
            day = _as_date(cell["day"])
            if cell["last_review"] is None:
                stale_days = (day - _as_date(cell["registered_on"])).days + 1
            else:
                stale_days = (day - _as_date(cell["last_review"])).days - 89
            enrolments += int(cell["enrolments"])
            days_overdue += stale_days * int(cell["enrolments"])
        groups.append(
            Group(
                dict(zip(window.group_by, key, strict=True)),
                {"enrolments": enrolments, "days_overdue": days_overdue},
                enrolments,
            )
        )
    return groups


async def _wellbeing_change(session: AsyncSession, window: Window) -> list[Group]:
    totals: dict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0, 0, 0])
    for cell in await repository.wellbeing_change(session, window):
        values = dict(cell)
        values["month"] = _as_date(cell["assessed_on"]).strftime("%Y-%m")
        total = totals[repository.dimension_key(values, window.group_by)]
        total[0] += int(cell["clients"])
        total[1] += int(cell["change_tenths"])
        total[2] += int(cell["improved"])
    return [
        Group(
            dict(zip(window.group_by, key, strict=True)),
            {
                "clients": clients,
                "mean_change": one_decimal(Decimal(change) / clients / 10),
                "improved_percent": percent(improved, clients),
            },
            clients,
        )
        for key, (clients, change, improved) in totals.items()
    ]


async def _job_referrals(session: AsyncSession, window: Window) -> list[Group]:
    groups = []
    for c in await repository.job_referrals(session, window):
        closed, hired = int(c["closed_windows"] or 0), int(c["hired_within_90_days"] or 0)
        clients = int(c["clients"])
        measures = {
            "referrals": int(c["referrals"]),
            "presented": int(c["presented"] or 0),
            "clients": clients,
            "openings": int(c["openings"]),
            "closed_windows": closed,
            "hired_within_90_days": hired,
            "hired_percent": percent(hired, closed),
        }
        groups.append(Group({d: c[d] for d in window.group_by}, measures, clients))
    return groups


async def _wage_subsidy_periods(session: AsyncSession, window: Window) -> list[Group]:
    return [
        Group(
            {d: c[d] for d in window.group_by},
            {"periods": int(c["periods"]), "clients": int(c["clients"])},
            int(c["clients"]),
        )
        for c in await repository.wage_subsidy_periods(session, window)
    ]


@dataclass
class _EventTotals:
    events: int = 0
    attended: int = 0
    employers: set[str] = field(default_factory=set)
    hires: set[Any] = field(default_factory=set)


async def _recruitment_events(session: AsyncSession, window: Window) -> list[Group]:
    events = await repository.recruitment_events(session, window)
    attendees: dict[Any, list[str]] = {}
    for event in events:
        clients = json.loads(event["clients"] or "{}")
        attendees[event["event_id"]] = sorted(c for c, came in clients.items() if came)
    everyone = {client for ids in attendees.values() for client in ids}
    window_days = dt.timedelta(days=repository.HIRE_WINDOW_DAYS)
    hires: dict[str, list[tuple[Any, dt.date]]] = defaultdict(list)
    if events:
        first = min(_as_date(e["held_on"]) for e in events)
        last = max(_as_date(e["held_on"]) for e in events) + window_days
        for hire in await repository.hires_between(session, first, last):
            client = str(hire["client_id"])
            if client in everyone:
                hires[client].append((hire["hire_id"], _as_date(hire["hired_on"])))
    totals: dict[tuple[Any, ...], _EventTotals] = defaultdict(_EventTotals)
    for event in events:
        held_on = _as_date(event["held_on"])
        total = totals[repository.dimension_key(event, window.group_by)]
        came = attendees[event["event_id"]]
        total.events += 1
        total.attended += max(int(event["jobseekers_attended"] or 0), len(came))
        total.employers.update(json.loads(event["employer_ids"] or "[]"))
        total.hires.update(
            hire_id
            for client in came
            for hire_id, hired_on in hires[client]
            if held_on <= hired_on <= held_on + window_days
        )
    return [
        Group(
            dict(zip(window.group_by, key, strict=True)),
            {
                "events": t.events,
                "employers": len(t.employers),
                "attended": t.attended,
                "hires_within_90_days": len(t.hires),
            },
            t.attended,
            shown_when_empty=True,
        )
        for key, t in totals.items()
    ]


async def _reach(session: AsyncSession, window: Window) -> list[Group]:
    merged: dict[tuple[Any, ...], dict[str, int]] = defaultdict(
        lambda: {"clients": 0, "partner_employers": 0}
    )
    for c in await repository.reached_clients(session, window):
        merged[repository.dimension_key(c, window.group_by)]["clients"] = int(c["clients"])
    for c in await repository.partner_employers(session, window):
        key = repository.dimension_key(c, window.group_by)
        merged[key]["partner_employers"] = int(c["partner_employers"])
    # The goals are the whole area's: only the total row is measured against them.
    goal = None if window.group_by else await repository.reach_goal(session, window.end)
    if not window.group_by:
        merged[()]  # the total row, also in an empty period
    groups = []
    for key, counts in merged.items():
        clients_goal = goal.clients if goal is not None else None
        employers_goal = goal.partner_employers if goal is not None else None
        measures = {
            **counts,
            "clients_goal": clients_goal,
            "clients_percent": percent(counts["clients"], clients_goal or 0),
            "employers_goal": employers_goal,
            "employers_percent": percent(counts["partner_employers"], employers_goal or 0),
        }
        dims = dict(zip(window.group_by, key, strict=True))
        groups.append(Group(dims, measures, counts["clients"], shown_when_empty=True))
    return groups


Compute = Callable[[AsyncSession, Window], Awaitable[list[Group]]]


async def _rare_languages(
    session: AsyncSession, compute: Compute, window: Window, threshold: int
) -> frozenset[str]:
    """The languages of fewer persons than the threshold in this answer: a machine client
    sees them together as `other`, so a rare language never names its few speakers."""
    by_language = replace(window, group_by=("language",))
    persons: dict[str, int] = defaultdict(int)
    for group in await compute(session, by_language):
        if group.dims["language"] is not None:
            persons[group.dims["language"]] += group.persons
    return frozenset(language for language, count in persons.items() if count < threshold)


COMPUTE: dict[str, Compute] = {
    "activation_rate": _activation_rate,
    "official_activation_rate": _official,
    "outcomes": _outcomes,
    "funnel": _funnel,
    "contact_sla": _contact_sla,
    "caseload": _caseload,
    "transfers": _transfers,
    "lead_response": _lead_response,
    "employers": _employers,
    "satisfaction": _satisfaction,
    "plan_currency": _plan_currency,
    "enrolment_duration": _enrolment_duration,
    "long_term_unemployment": _long_term_unemployment,
    "plan_debt": _plan_debt,
    "wellbeing_change": _wellbeing_change,
    "job_referrals": _job_referrals,
    "wage_subsidy_periods": _wage_subsidy_periods,
    "recruitment_events": _recruitment_events,
    "reach": _reach,
}


def _sort_key(row: Row, group_by: Sequence[str]) -> tuple[Any, ...]:
    return tuple((row[d] is None, str(row[d])) for d in group_by)


def _rows(
    indicator: Indicator, groups: Iterable[Group], group_by: Sequence[str], min_cell: int | None
) -> list[Row]:
    shown = [g for g in groups if g.persons > 0 or g.shown_when_empty]
    hidden = {
        id(g)
        for g in shown
        if min_cell is not None and indicator.about_persons and g.persons < min_cell
    }
    if hidden and complementary_suppression_applies(indicator, group_by):
        hidden |= complementary_cells(shown, group_by, hidden)
    rows = []
    for group in shown:
        suppressed = id(group) in hidden
        row: Row = dict(group.dims)
        for measure in indicator.measures:
            row[measure] = None if suppressed else group.measures.get(measure)
        row["suppressed"] = suppressed
        rows.append(row)
    return sorted(rows, key=lambda r: _sort_key(r, group_by))


def complementary_suppression_applies(indicator: Indicator, group_by: Sequence[str]) -> bool:
    """Rows that add up to a figure a machine client can ask for (the total, or a row of a
    coarser grouping) must not let a subtraction reveal a suppressed one. The answers the
    contract gave before (its first indicators by their first dimensions) stay as they were;
    with `target_group` the rows overlap, so no subtraction recovers one of them."""
    if not group_by or "target_group" in group_by:
        return False
    first = indicator.first_dimensions
    return first is None or not set(group_by) <= set(first)


def complementary_cells(
    groups: Sequence[Group], group_by: Sequence[str], suppressed: set[int]
) -> set[int]:
    """More cells to suppress so that, among the rows that add up to one coarser figure (all
    rows but one dimension alike), none or at least two are suppressed: the smallest of the
    others goes with a lone one. Repeated until no class has a lone suppressed row."""
    hidden = set(suppressed)
    changed = True
    while changed:
        changed = False
        for kept in range(len(group_by)):
            classes: dict[tuple[Any, ...], list[Group]] = defaultdict(list)
            for group in groups:
                key = tuple(group.dims.get(d) for i, d in enumerate(group_by) if i != kept)
                classes[key].append(group)
            for members in classes.values():
                lone = [g for g in members if id(g) in hidden]
                others = [g for g in members if id(g) not in hidden]
                if len(lone) == 1 and others:
                    smallest = min(others, key=lambda g: (g.persons, _sort_key(g.dims, group_by)))
                    hidden.add(id(smallest))
                    changed = True
    return hidden - suppressed


# --- rendering ----------------------------------------------------------------------------


# A spreadsheet runs a cell that begins with one of these as a formula (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_value(value: Any, decimal_comma: bool) -> str:
    """One cell: numbers as numbers (a negative keeps its sign), text defused with a `'`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        text = f"{value:.1f}"
        return text.replace(".", ",") if decimal_comma else text
    if isinstance(value, int | Decimal):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(header: Sequence[str], rows: Iterable[Row], delimiter: str) -> bytes:
    """RFC 4180: CRLF line ends, quoting only when needed, UTF-8 without a BOM; the
    semicolon variant is what Finnish Excel opens by double-click: decimal commas and a BOM."""
    semicolon = delimiter == "semicolon"
    buffer = io.StringIO()
    if semicolon:
        buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";" if semicolon else ",", lineterminator="\r\n")
    writer.writerow([_csv_value(column, semicolon) for column in header])
    for row in rows:
        writer.writerow([_csv_value(row.get(column), semicolon) for column in header])
    return buffer.getvalue().encode("utf-8")


def _etag(parts: Sequence[Any]) -> str:
    digest = hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:32]
    return f'"{digest}"'


def _matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    candidates = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
    return "*" in candidates or etag in candidates


async def answer(
    session: AsyncSession,
    principal: Principal,
    indicator_id: str,
    query: IndicatorQuery,
    raw_group_by: str | None,
    min_cell: int,
) -> Rendered:
    indicator = indicator_by_id(indicator_id)
    who = audience_of(principal)
    group_by = parse_group_by(indicator, raw_group_by)
    check_period(query.start, query.end)
    threshold = min_cell if who.suppress and indicator.about_persons else None
    today = helsinki_today()

    cursors, catalogue_version = await repository.data_version(session)
    version = [(c.source, c.last_seq, str(c.caught_up_at)) for c in cursors]
    etag = _etag(
        [
            version,
            catalogue_version,
            indicator.id,
            indicator.definition_version,
            str(query.start),
            str(query.end),
            group_by,
            query.format,
            query.delimiter,
            threshold,
            who.coordinator,
            str(today) if indicator.depends_on_today else None,
        ]
    )
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL, "Vary": "Authorization, Accept"}
    media_type = CSV_MEDIA_TYPE if query.format == "csv" else "application/json"
    if _matches(query.if_none_match, etag):
        return Rendered(status=304, body=b"", media_type=media_type, headers=headers)

    window = Window(
        start=query.start,
        end=query.end,
        group_by=group_by,
        coordinator=who.coordinator,
        count_days=count_days(query.start, query.end, "month" in group_by),
        today=today,
        postgres=session.get_bind().dialect.name == "postgresql",
    )
    if threshold is not None and "language" in group_by:
        rare = await _rare_languages(session, COMPUTE[indicator.id], window, threshold)
        window = replace(window, fold_languages=rare)
    groups = await COMPUTE[indicator.id](session, window)
    rows = _rows(indicator, groups, group_by, threshold)
    header = columns(indicator, group_by)
    if query.format == "csv":
        filename = f"{indicator.id}_{query.start}_{query.end}.csv"
        headers["Content-Disposition"] = f'attachment; filename="{filename}"'
        return Rendered(
            status=200,
            body=to_csv(header, rows, query.delimiter),
            media_type=media_type,
            headers=headers,
        )
    result = IndicatorResult(
        indicator=indicator.id,
        definition_version=indicator.definition_version,
        from_=query.start,
        to=query.end,
        group_by=list(group_by),
        data_as_of=data_as_of(cursors),
        columns=list(header),
        suppressed_below=threshold,
        catalogue_version=catalogue_version if indicator.id == "activation_rate" else None,
        rows=rows,
    )
    return Rendered(
        status=200,
        body=result.model_dump_json(by_alias=True).encode(),
        media_type=media_type,
        headers=headers,
    )
