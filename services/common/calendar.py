"""Finnish working-day arithmetic.

Every deadline in Polku (contact_due, follow_up_due, response_due …) is a Helsinki date
computed here, so that all services agree on what a working day is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

HELSINKI = ZoneInfo("Europe/Helsinki")
UTC = dt.UTC


@lru_cache(maxsize=64)
def _finnish_holidays(year: int) -> frozenset[dt.date]:
    # The package lists Midsummer Eve and Christmas Eve too: offices are closed on both.
    return frozenset(holidays.country_holidays("FI", years=year).keys())


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _finnish_holidays(day.year)


def add_working_days(start: dt.date, count: int) -> dt.date:
    """The `count`-th working day after `start` (`start` itself never counts)."""
    if count < 0:
        raise ValueError("count must not be negative")
    day = start
    remaining = count
    while remaining:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def next_working_day_on_or_after(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (0 when `end <= start`)."""
    if end <= start:
        return 0
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def helsinki_date(moment: dt.datetime) -> dt.date:
    if moment.tzinfo is None:
        raise ValueError("a naive datetime has no Helsinki date")
    return moment.astimezone(HELSINKI).date()


def helsinki_midnight(day: dt.date) -> dt.datetime:
    """The moment `day` begins in Helsinki, in UTC."""
    return dt.datetime.combine(day, dt.time(), tzinfo=HELSINKI).astimezone(UTC)


def helsinki_today(now: dt.datetime | None = None) -> dt.date:
    return helsinki_date(now or utcnow())


def system_clock() -> dt.datetime:
    return dt.datetime.now(UTC)


# Every service asks this for the time. The tests, which run the services in one process,
# replace it to live a day in the past (a referral sent months ago, hired on its 89th day).
clock: Callable[[], dt.datetime] = system_clock


def utcnow() -> dt.datetime:
    return clock()
