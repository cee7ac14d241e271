"""A client's unemployment spells from their labour-market status episodes.

Pure interval arithmetic over inclusive date ranges (an open end is `None`), so the rule of
who counts as long-term unemployed has one home and can be tested on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

UNEMPLOYED = "unemployed"
LONG_TERM = "long_term"

# Inclusive ranges; `_OPEN` stands for an open end while computing.
Range = tuple[dt.date, dt.date]
_OPEN = dt.date.max
_DAY = dt.timedelta(days=1)


def _a_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return dt.date(day.year + 1, 3, 1)


def long_term_from(start: dt.date) -> dt.date:
    """The day on which a spell begun on `start` has lasted 12 months (both days counted)."""
    return _a_year_after(start) - _DAY


def last_long_term_start(day: dt.date) -> dt.date:
    """The latest start of a spell that has lasted 12 months on `day`: a spell counts as
    long-term on `day` exactly when it began on or before this date."""
    following = day + _DAY
    try:
        return following.replace(year=following.year - 1)
    except ValueError:  # 29 February
        return dt.date(following.year - 1, 2, 28)


def _merged(ranges: Iterable[Range]) -> list[Range]:
    """Overlapping or consecutive ranges as one."""
    merged: list[Range] = []
    for start, end in sorted(ranges):
        if merged and (merged[-1][1] == _OPEN or start <= merged[-1][1] + _DAY):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _minus(ranges: list[Range], holes: list[Range]) -> list[Range]:
    """The days of `ranges` not in `holes` (both merged)."""
    result: list[Range] = []
    for start, end in ranges:
        cursor = start
        for hole_start, hole_end in holes:
            if hole_end < cursor or hole_start > end:
                continue
            if hole_start > cursor:
                result.append((cursor, hole_start - _DAY))
            if hole_end >= end:
                cursor = _OPEN
                break
            cursor = hole_end + _DAY
        if cursor != _OPEN and cursor <= end:
            result.append((cursor, end))
    return result


def spells(client_id: Any, episodes: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The `unemployment_spell` rows of one client.

    Unemployed: the days with an `unemployed` episode and no `active_service` one (a client
    in a service on a day counts as active, as in the official activation rate). Long-term:
    from the day an unemployed spell has lasted 12 months to its end, and through an active
    service that began the day after such a spell ended (12 months of unemployment up to
    the service's start).
    """
    by_status: dict[str, list[Range]] = {UNEMPLOYED: [], "active_service": []}
    for episode in episodes:
        if episode["status"] in by_status and episode["starts_on"] is not None:
            end = episode["ends_on"] or _OPEN
            if end >= episode["starts_on"]:
                by_status[episode["status"]].append((episode["starts_on"], end))
    active = _merged(by_status["active_service"])
    unemployed = _minus(_merged(by_status[UNEMPLOYED]), active)
    long_term: list[Range] = []
    for start, end in unemployed:
        reached = long_term_from(start)
        if reached <= end:
            long_term.append((reached, end))
        if end == _OPEN:
            continue
        for service_start, service_end in active:
            if service_start == end + _DAY and end >= reached:
                long_term.append((service_start, service_end))
    rows = []
    for kind, ranges in ((UNEMPLOYED, unemployed), (LONG_TERM, _merged(long_term))):
        for start, end in ranges:
            rows.append(
                {
                    "client_id": client_id,
                    "kind": kind,
                    "starts_on": start,
                    "ends_on": None if end == _OPEN else end,
                }
            )
    return rows
