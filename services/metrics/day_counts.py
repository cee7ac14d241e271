"""The day deltas of the indicators counted on a day, from one subject's periods.

A subject counted on the days [start, stop) adds +1 on `start` and -1 on `stop`; the
total on a day is the sum of the deltas up to it. A subject's periods are merged first, so
it counts once per day whatever overlaps. Ingestion keeps `day_delta` up to date with the
difference between a changed subject's deltas before and after a batch.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from services.common.calendar import is_working_day
from services.metrics import spells

_DAY = dt.timedelta(days=1)

OFFICIAL = "official_activation_rate"
PLAN_CURRENCY = "plan_currency"
LONG_TERM = "long_term_unemployment"
PLAN_DEBT = "plan_debt"
NUMERATOR = "numerator"
DENOMINATOR = "denominator"
# plan_debt's stale enrolments are plan_currency's active minus current ones; this measure
# sums, over them, the day each plan was last current (as days since EPOCH), so the days
# overdue on a day D are (stale enrolments) * D - that sum.
LAST_CURRENT = "last_current_day"
EPOCH = dt.date(1970, 1, 1)
ACTIVE_STATUSES = ("active_service", "unemployed")
PLAN_KEEPS_CURRENT = dt.timedelta(days=90)

# (indicator, measure, day) → delta
Deltas = Counter[tuple[str, str, dt.date]]
Span = tuple[dt.date, dt.date | None]
# (username, role, month-end count day) → delta
CaseloadDeltas = Counter[tuple[str, str, dt.date]]


def _merged(spans: Iterable[Span]) -> list[Span]:
    """The union of half-open spans (None = open) as disjoint spans."""
    merged: list[list[Any]] = []
    for start, stop in sorted((s for s in spans if s[1] is None or s[0] < s[1]), key=_order):
        if merged and (merged[-1][1] is None or start <= merged[-1][1]):
            last = merged[-1]
            last[1] = None if last[1] is None or stop is None else max(last[1], stop)
        else:
            merged.append([start, stop])
    return [(start, stop) for start, stop in merged]


def _order(span: Span) -> tuple[dt.date, dt.date]:
    return span[0], span[1] or dt.date.max


def _add(deltas: Deltas, indicator: str, measure: str, spans: Iterable[Span], sign: int) -> None:
    for start, stop in _merged(spans):
        deltas[(indicator, measure, start)] += sign
        if stop is not None:
            deltas[(indicator, measure, stop)] -= sign


def add_official(deltas: Deltas, episodes: Iterable[Mapping[str, Any]], sign: int = 1) -> None:
    """One client's status episodes (`ends_on` inclusive)."""
    counted = [e for e in episodes if e["status"] in ACTIVE_STATUSES and e["starts_on"]]

    def spans(rows: Iterable[Mapping[str, Any]]) -> list[Span]:
        return [
            (r["starts_on"], r["ends_on"] + dt.timedelta(days=1) if r["ends_on"] else None)
            for r in rows
        ]

    _add(deltas, OFFICIAL, DENOMINATOR, spans(counted), sign)
    active = [e for e in counted if e["status"] == "active_service"]
    _add(deltas, OFFICIAL, NUMERATOR, spans(active), sign)


def add_plan_currency(
    deltas: Deltas,
    enrolment: Mapping[str, Any] | None,
    reviews: Iterable[dt.date],
    sign: int = 1,
) -> None:
    """One enrolment: active from registration until it ends; its plan is current from a
    review for 90 days or until the next review."""
    if enrolment is None or enrolment["registered_on"] is None:
        return
    active: Span = (enrolment["registered_on"], enrolment["ended_on"])
    _add(deltas, PLAN_CURRENCY, DENOMINATOR, [active], sign)
    ordered = sorted(set(reviews))
    current: list[Span] = []
    for index, on in enumerate(ordered):
        stop = on + PLAN_KEEPS_CURRENT
        if index + 1 < len(ordered):
            stop = min(stop, ordered[index + 1])
        current.append((on, stop))
    current = _within(current, active)
    _add(deltas, PLAN_CURRENCY, NUMERATOR, current, sign)
    for start, stale_until in _gaps(active, _merged(current)):
        earlier = [on for on in ordered if on < start]
        # The day the plan was last current: 89 days after the last review, or (never
        # reviewed) the day before registration, so the registration day counts overdue.
        last_current = earlier[-1] + dt.timedelta(days=89) if earlier else active[0] - _DAY
        days = (last_current - EPOCH).days
        deltas[(PLAN_DEBT, LAST_CURRENT, start)] += sign * days
        if stale_until is not None:
            deltas[(PLAN_DEBT, LAST_CURRENT, stale_until)] -= sign * days


def _gaps(bounds: Span, spans: list[Span]) -> list[Span]:
    """The parts of `bounds` that none of the disjoint, sorted `spans` covers."""
    gaps: list[Span] = []
    cursor: dt.date | None = bounds[0]
    for start, stop in spans:
        if cursor is not None and start > cursor:
            gaps.append((cursor, start))
        cursor = None if stop is None else max(cursor or stop, stop)
        if cursor is None:
            break
    if cursor is not None and (bounds[1] is None or cursor < bounds[1]):
        gaps.append((cursor, bounds[1]))
    return gaps


def add_long_term(deltas: Deltas, spell_rows: Iterable[Mapping[str, Any]], sign: int = 1) -> None:
    """One client's unemployment spells (`ends_on` inclusive): unemployed on every day of an
    `unemployed` spell, long-term from the day it has lasted 12 months."""
    for row in spell_rows:
        if row["kind"] != spells.UNEMPLOYED:
            continue
        stop = row["ends_on"] + _DAY if row["ends_on"] else None
        _add(deltas, LONG_TERM, DENOMINATOR, [(row["starts_on"], stop)], sign)
        reached = spells.long_term_from(row["starts_on"])
        if stop is None or reached < stop:
            _add(deltas, LONG_TERM, NUMERATOR, [(reached, stop)], sign)


def _within(spans: Iterable[Span], bounds: Span) -> list[Span]:
    low, high = bounds
    result: list[Span] = []
    for start, stop in spans:
        start = max(start, low)
        if high is not None:
            stop = high if stop is None else min(stop, high)
        result.append((start, stop))
    return result


@lru_cache(maxsize=1024)
def _month_end(year: int, month: int) -> dt.date:
    day = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def month_end_count_day(on: dt.date) -> dt.date:
    """The first month-end count day (a month's last working day) on or after `on`."""
    end = _month_end(on.year, on.month)
    if on <= end:
        return end
    following = on.replace(day=28) + dt.timedelta(days=4)
    return _month_end(following.year, following.month)


def assignment_ends(assignments: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One enrolment's coordinator rows, each change set ending where the next one starts
    (by date, then seq), as ingestion stores them."""
    rows = {(r["seq"], r["username"]): dict(r) for r in assignments}
    starts = sorted({(r["starts_on"], r["seq"]) for r in rows.values()})
    following = {seq: nxt[0] for (_, seq), nxt in itertools.pairwise(starts)}
    for row in rows.values():
        row["ends_on"] = following.get(row["seq"])
    return list(rows.values())


def add_caseload(
    deltas: CaseloadDeltas,
    enrolment: Mapping[str, Any] | None,
    assignments: Iterable[Mapping[str, Any]],
    sign: int = 1,
) -> None:
    """One enrolment: each coordinator counts it while both assigned and the enrolment is on."""
    if enrolment is None or enrolment["registered_on"] is None:
        return
    active: Span = (enrolment["registered_on"], enrolment["ended_on"])
    for row in assignments:
        for start, stop in _within([(row["starts_on"], row["ends_on"])], active):
            if stop is not None and stop <= start:
                continue
            deltas[(row["username"], row["role"], month_end_count_day(start))] += sign
            if stop is not None:
                deltas[(row["username"], row["role"], month_end_count_day(stop))] -= sign
