"""The indicators counted on a day against a plain count over a random small world.

The count-day indicators fold each period into the range of count days it covers instead of
joining every period to every day; here a straightforward day-by-day count of the same
history must give exactly the same numbers (transfers, overlapping status episodes, several
reviews, enrolments that end on a count day).
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import Counter
from dataclasses import dataclass, field

from services.common.calendar import is_working_day
from tests.metrics.world import ROLE_OF_LINE, Enrolment, World

YEAR_START = dt.date(2025, 1, 1)


def month_end_working_days(year: int) -> dict[str, dt.date]:
    days = {}
    for month in range(1, 13):
        day = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        while not is_working_day(day):
            day -= dt.timedelta(days=1)
        days[f"{year}-{month:02d}"] = day
    return days


@dataclass
class History:
    """What happened, kept as plain periods for the day-by-day count."""

    # enrolment → (registered_on, ended_on or None, [(from, coordinator, role)])
    enrolments: dict[uuid.UUID, tuple[dt.date, dt.date | None, list[tuple[dt.date, str, str]]]] = (
        field(default_factory=dict)
    )
    reviews: dict[uuid.UUID, list[dt.date]] = field(default_factory=dict)
    # client → [(status, starts_on, ends_on or None)], birth year
    episodes: dict[uuid.UUID, list[tuple[str, dt.date, dt.date | None]]] = field(
        default_factory=dict
    )
    birth_years: dict[uuid.UUID, int] = field(default_factory=dict)
    handles: dict[uuid.UUID, Enrolment] = field(default_factory=dict)


def day_in(rng: random.Random, start: dt.date, days: int) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(days))


async def random_history(world: World, rng: random.Random) -> History:
    history = History()
    coordinators = {"work_ability": ("wac1", "wac2"), "business": ("bc1",)}
    for _ in range(14):
        line = rng.choice(("work_ability", "business"))
        registered = day_in(rng, YEAR_START - dt.timedelta(days=200), 500)
        birth_year = rng.choice((1960, 1995, 2007, 2008))
        enrolment = await world.enrol(
            rng.choice(coordinators[line]), registered, service_line=line, birth_year=birth_year
        )
        history.birth_years[enrolment.client_id] = birth_year
        history.handles[enrolment.id] = enrolment
        changes = [(registered, enrolment.coordinator, ROLE_OF_LINE[line])]
        if rng.random() < 0.4:
            on = registered + dt.timedelta(days=rng.randrange(1, 120))
            other = "business" if line == "work_ability" else "work_ability"
            to_user = rng.choice(coordinators[other])
            await world.transfer(enrolment, to_user, ROLE_OF_LINE[other], sent_on=on, on=on)
            changes.append((on, to_user, ROLE_OF_LINE[other]))
        reviews = sorted({registered + dt.timedelta(days=rng.randrange(0, 300)) for _ in range(3)})
        for on in reviews:
            await world.review_plan(enrolment, on)
        history.reviews[enrolment.id] = reviews
        ended: dt.date | None = None
        if rng.random() < 0.6:
            ended = registered + dt.timedelta(days=rng.randrange(1, 400))
            await world.end(enrolment, "employed", ended)
        history.enrolments[enrolment.id] = (registered, ended, changes)
        episodes = []
        for _ in range(rng.randrange(1, 4)):
            status = rng.choice(("unemployed", "active_service", "other"))
            starts = day_in(rng, registered - dt.timedelta(days=60), 300)
            ends = None if rng.random() < 0.3 else starts + dt.timedelta(days=rng.randrange(150))
            await world.labour_market_status(enrolment.client_id, status, starts, ends)
            episodes.append((status, starts, ends))
        history.episodes[enrolment.client_id] = episodes
    await world.catch_up()
    return history


def active_on(registered: dt.date, ended: dt.date | None, day: dt.date) -> bool:
    return registered <= day and (ended is None or ended > day)


def responsible_on(changes: list[tuple[dt.date, str, str]], day: dt.date) -> tuple[str, str]:
    current = changes[0]
    for change in changes:
        if change[0] <= day:
            current = change
    return current[1], current[2]


def covers(starts: dt.date, ends: dt.date | None, day: dt.date) -> bool:
    return starts <= day and (ends is None or day <= ends)


def age_group(birth_year: int, day: dt.date) -> str:
    age = day.year - birth_year
    return "<18" if age < 18 else "18-29" if age < 30 else "30-54" if age < 55 else "55+"


def rate(numerator: int, denominator: int) -> tuple[int, int]:
    return numerator, denominator


async def test_count_day_indicators_equal_a_plain_count(world: World) -> None:
    history = await random_history(world, random.Random(6))
    days = month_end_working_days(2025)

    caseload: Counter[tuple[str, str]] = Counter()
    plan: dict[tuple[str, str], list[int]] = {}
    for month, day in days.items():
        for enrolment_id, (registered, ended, changes) in history.enrolments.items():
            if not active_on(registered, ended, day):
                continue
            who, _ = responsible_on(changes, day)
            caseload[(month, who)] += 1
            current = any(
                day - dt.timedelta(days=89) <= r <= day for r in history.reviews[enrolment_id]
            )
            cell = plan.setdefault((month, who), [0, 0])
            cell[0] += current
            cell[1] += 1
    body = await world.figures(
        "caseload", group_by="month,coordinator", start="2025-01-01", end="2025-12-31"
    )
    assert {(r["month"], r["coordinator"]): r["active_enrolments"] for r in body["rows"]} == dict(
        caseload
    )
    body = await world.figures(
        "plan_currency", group_by="month,coordinator", start="2025-01-01", end="2025-12-31"
    )
    assert {
        (r["month"], r["coordinator"]): [r["numerator"], r["denominator"]] for r in body["rows"]
    } == plan
    totals: dict[str, list[int]] = {}
    for (month, _), (numerator, denominator) in plan.items():
        cell = totals.setdefault(month, [0, 0])
        cell[0] += numerator
        cell[1] += denominator
    body = await world.figures(
        "plan_currency", group_by="month", start="2025-01-01", end="2025-12-31"
    )
    assert {r["month"]: [r["numerator"], r["denominator"]] for r in body["rows"]} == totals

    official: dict[tuple[str, str], list[int]] = {}
    for month, day in days.items():
        for client_id, episodes in history.episodes.items():
            statuses = {s for s, starts, ends in episodes if covers(starts, ends, day)}
            if statuses & {"unemployed", "active_service"}:
                cell = official.setdefault(
                    (month, age_group(history.birth_years[client_id], day)), [0, 0]
                )
                cell[0] += "active_service" in statuses
                cell[1] += 1
    body = await world.figures(
        "official_activation_rate", group_by="month,age_group", start="2025-01-01", end="2025-12-31"
    )
    assert {
        (r["month"], r["age_group"]): [r["numerator"], r["denominator"]] for r in body["rows"]
    } == official
    # A single count day (`to`) mid-month.
    single = await world.figures("official_activation_rate", start="2025-01-01", end="2025-07-15")
    day = dt.date(2025, 7, 15)
    expected = [0, 0]
    for episodes in history.episodes.values():
        statuses = {s for s, starts, ends in episodes if covers(starts, ends, day)}
        if statuses & {"unemployed", "active_service"}:
            expected[0] += "active_service" in statuses
            expected[1] += 1
    assert [[r["numerator"], r["denominator"]] for r in single["rows"]] == (
        [expected] if expected[1] else []
    )


def plain_totals(history: History) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """Plan currency and official activation per month, counted day by day."""
    plan: dict[str, list[int]] = {}
    official: dict[str, list[int]] = {}
    for month, day in month_end_working_days(2025).items():
        for enrolment_id, (registered, ended, _) in history.enrolments.items():
            if active_on(registered, ended, day):
                current = any(
                    day - dt.timedelta(days=89) <= r <= day for r in history.reviews[enrolment_id]
                )
                cell = plan.setdefault(month, [0, 0])
                cell[0] += current
                cell[1] += 1
        for episodes in history.episodes.values():
            statuses = {s for s, starts, ends in episodes if covers(starts, ends, day)}
            if statuses & {"unemployed", "active_service"}:
                cell = official.setdefault(month, [0, 0])
                cell[0] += "active_service" in statuses
                cell[1] += 1
    return plan, official


async def month_totals(world: World, indicator: str) -> dict[str, list[int]]:
    body = await world.figures(indicator, group_by="month", start="2025-01-01", end="2025-12-31")
    return {r["month"]: [r["numerator"], r["denominator"]] for r in body["rows"]}


def plain_caseload(history: History) -> dict[str, list[int]]:
    """Active enrolments and coordinators holding any, per month."""
    loads: dict[str, Counter[str]] = {}
    for month, day in month_end_working_days(2025).items():
        for registered, ended, changes in history.enrolments.values():
            if active_on(registered, ended, day):
                loads.setdefault(month, Counter())[responsible_on(changes, day)[0]] += 1
    return {month: [sum(load.values()), len(load)] for month, load in loads.items()}


async def month_caseload(world: World) -> dict[str, list[int]]:
    body = await world.figures("caseload", group_by="month", start="2025-01-01", end="2025-12-31")
    return {r["month"]: [r["active_enrolments"], r["coordinators"]] for r in body["rows"]}


async def test_city_totals_follow_later_changes_to_counted_subjects(world: World) -> None:
    rng = random.Random(11)
    history = await random_history(world, rng)
    plan, official = plain_totals(history)
    assert await month_totals(world, "plan_currency") == plan
    assert await month_totals(world, "official_activation_rate") == official
    assert await month_caseload(world) == plain_caseload(history)

    # A later batch ends, re-ends, transfers and reviews the same enrolments and records
    # overlapping statuses for the same clients; the totals must move exactly with them.
    for enrolment_id, (registered, _, changes) in list(history.enrolments.items()):
        enrolment = history.handles[enrolment_id]
        if rng.random() < 0.5:
            on = registered + dt.timedelta(days=rng.randrange(1, 200))
            line = rng.choice(("work_ability", "business"))
            to_user = rng.choice(("wac1", "wac2") if line == "work_ability" else ("bc1",))
            await world.transfer(enrolment, to_user, ROLE_OF_LINE[line], sent_on=on, on=on)
            changes = sorted([*changes, (on, to_user, ROLE_OF_LINE[line])], key=lambda c: c[0])
        ended = registered + dt.timedelta(days=rng.randrange(1, 500))
        await world.end(enrolment, "employed", ended)
        review = registered + dt.timedelta(days=rng.randrange(0, 400))
        await world.review_plan(enrolment, review)
        history.reviews[enrolment_id] = sorted({*history.reviews[enrolment_id], review})
        history.enrolments[enrolment_id] = (registered, ended, changes)
        status = rng.choice(("unemployed", "active_service", "other"))
        starts = day_in(rng, registered - dt.timedelta(days=60), 300)
        await world.labour_market_status(enrolment.client_id, status, starts, None)
        history.episodes[enrolment.client_id].append((status, starts, None))
    await world.deliver_again()
    await world.catch_up()
    plan, official = plain_totals(history)
    assert await month_totals(world, "plan_currency") == plan
    assert await month_totals(world, "official_activation_rate") == official
    assert await month_caseload(world) == plain_caseload(history)
