"""Finnish working days: the deadlines coordinators are measured against."""

import datetime as dt

import pytest

from services.common.calendar import (
    add_working_days,
    helsinki_date,
    is_working_day,
    next_working_day_on_or_after,
    working_days_between,
)

D = dt.date


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (D(2026, 11, 20), 3, D(2026, 11, 25)),  # Friday → over the weekend → Wednesday
        (D(2026, 11, 23), 3, D(2026, 11, 26)),  # plain week
        (D(2026, 6, 17), 3, D(2026, 6, 23)),  # Midsummer Eve Fri 19.6. and Sat 20.6. skipped
        (
            D(2026, 12, 22),
            3,
            D(2026, 12, 29),
        ),  # 23.12., then Christmas Eve to Sunday, 28.12., 29.12.
        (D(2026, 4, 2), 1, D(2026, 4, 7)),  # Good Friday and Easter Monday skipped
        (D(2026, 4, 2), 0, D(2026, 4, 2)),
        (D(2026, 12, 31), 1, D(2027, 1, 4)),  # New Year's Day (Fri) and a weekend
    ],
)
def test_add_working_days(start: dt.date, count: int, expected: dt.date) -> None:
    assert add_working_days(start, count) == expected


def test_holidays_and_weekends_are_not_working_days() -> None:
    assert not is_working_day(D(2026, 6, 19))  # Midsummer Eve
    assert not is_working_day(D(2026, 12, 24))  # Christmas Eve
    assert not is_working_day(D(2026, 4, 6))  # Easter Monday
    assert not is_working_day(D(2026, 11, 21))  # Saturday
    assert is_working_day(D(2026, 6, 18))


def test_working_days_between_counts_only_working_days_after_start() -> None:
    assert working_days_between(D(2026, 12, 23), D(2026, 12, 28)) == 1
    assert working_days_between(D(2026, 11, 20), D(2026, 11, 20)) == 0
    assert working_days_between(D(2026, 11, 23), D(2026, 11, 20)) == 0


def test_next_working_day_moves_off_a_holiday() -> None:
    assert next_working_day_on_or_after(D(2026, 12, 24)) == D(2026, 12, 28)
    assert next_working_day_on_or_after(D(2026, 12, 23)) == D(2026, 12, 23)


def test_helsinki_date_of_a_late_evening_utc_time_is_the_next_day() -> None:
    assert helsinki_date(dt.datetime(2026, 11, 20, 22, 30, tzinfo=dt.UTC)) == D(2026, 11, 21)
    with pytest.raises(ValueError, match="naive"):
        helsinki_date(dt.datetime(2026, 11, 20, 22, 30))
