"""Who counts as unemployed and as long-term unemployed, from status episodes worked by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

from services.metrics.spells import last_long_term_start, long_term_from, spells

d = dt.date


def episode(status: str, starts_on: dt.date, ends_on: dt.date | None = None) -> dict[str, Any]:
    return {"status": status, "starts_on": starts_on, "ends_on": ends_on}


def ranges(rows: list[dict[str, Any]], kind: str) -> list[tuple[dt.date, dt.date | None]]:
    return [(r["starts_on"], r["ends_on"]) for r in rows if r["kind"] == kind]


def test_twelve_months_are_complete_on_the_day_before_the_anniversary() -> None:
    assert long_term_from(d(2025, 9, 1)) == d(2026, 8, 31)
    assert long_term_from(d(2025, 1, 1)) == d(2025, 12, 31)
    # A spell from the leap day has its twelve months on the last day of February.
    assert long_term_from(d(2024, 2, 29)) == d(2025, 2, 28)


def test_the_latest_long_term_start_agrees_with_the_day_twelve_months_are_reached() -> None:
    # Every start over four years (a leap year among them) and every day of the year after.
    starts = [d(2023, 1, 1) + dt.timedelta(days=n) for n in range(4 * 365)]
    for day in (d(2024, 2, 28), d(2024, 2, 29), d(2025, 2, 28), d(2025, 3, 1), d(2026, 8, 31)):
        reached = {start for start in starts if long_term_from(start) <= day}
        assert reached == {start for start in starts if start <= last_long_term_start(day)}


def test_consecutive_unemployment_is_one_spell_and_a_service_breaks_it() -> None:
    rows = spells(
        "c",
        [
            episode("unemployed", d(2025, 1, 1), d(2025, 6, 30)),
            episode("unemployed", d(2025, 7, 1)),
            episode("active_service", d(2026, 3, 1), d(2026, 5, 31)),
            episode("employed", d(2024, 1, 1), d(2024, 12, 31)),
        ],
    )
    assert ranges(rows, "unemployed") == [
        (d(2025, 1, 1), d(2026, 2, 28)),
        (d(2026, 6, 1), None),
    ]
    # Long-term from 31.12.2025, and through the service that began right after; the
    # unemployment after the service is a new spell, long-term again from 31.5.2027.
    assert ranges(rows, "long_term") == [
        (d(2025, 12, 31), d(2026, 5, 31)),
        (d(2027, 5, 31), None),
    ]


def test_a_service_after_less_than_twelve_months_does_not_count_as_long_term() -> None:
    rows = spells(
        "c",
        [
            episode("unemployed", d(2025, 9, 2), d(2026, 8, 31)),
            episode("active_service", d(2026, 9, 1)),
        ],
    )
    assert ranges(rows, "unemployed") == [(d(2025, 9, 2), d(2026, 8, 31))]
    assert ranges(rows, "long_term") == []


def test_a_service_after_exactly_twelve_months_counts_from_the_last_unemployed_day() -> None:
    rows = spells(
        "c",
        [
            episode("unemployed", d(2025, 9, 1), d(2026, 8, 31)),
            episode("active_service", d(2026, 9, 1)),
        ],
    )
    assert ranges(rows, "long_term") == [(d(2026, 8, 31), None)]


def test_a_day_in_a_service_is_not_a_day_of_unemployment() -> None:
    rows = spells(
        "c",
        [
            episode("unemployed", d(2026, 1, 1)),
            episode("active_service", d(2026, 2, 1), d(2026, 2, 28)),
            episode("withdrawn", d(2026, 4, 1)),
        ],
    )
    assert ranges(rows, "unemployed") == [
        (d(2026, 1, 1), d(2026, 1, 31)),
        (d(2026, 3, 1), None),
    ]
    assert ranges(rows, "long_term") == [(d(2027, 2, 28), None)]
