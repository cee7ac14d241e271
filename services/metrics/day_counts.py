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

OFFICIAL = "official_activation_rate"
PLAN_CURRENCY = "plan_currency"
NUMERATOR = "numerator"
DENOMINATOR = "denominator"
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
    _add(deltas, PLAN_CURRENCY, NUMERATOR, _within(current, active), sign)


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
