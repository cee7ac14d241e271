"""The consumers of the source feeds: fold each batch into the read model, cursor included.

A batch of events and the cursor move commit together, so a crash replays the whole batch.
Every keyed row remembers the `seq` of the last event applied to it, and rows appended per
event are keyed by their `seq`, so a replayed or duplicated event changes nothing. A later
event of the same type for the same subject is a correction and simply wins.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import structlog
from fastapi import FastAPI
from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncSession

from services.common.calendar import helsinki_date, utcnow, working_days_between
from services.common.db import Database
from services.metrics import day_counts, spells
from services.metrics.feed_events import FEED_EVENTS
from services.metrics.feeds_api import SOURCES, FeedClient, feed_client
from services.metrics.ingestion import repository
from services.metrics.ingestion.schemas import CatchUpRead, SourceCatchUp
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
    FirstSelfAssessment,
    HireFact,
    LeadFact,
    PlanReview,
    RecruitmentEventFact,
    ReferralFact,
    RoadmapFact,
    ServicePeriodFact,
    StatusEpisode,
    UnemploymentSpell,
)

_log = structlog.get_logger("polku.metrics.ingestion")

Row = dict[str, Any]
Event = dict[str, Any]
# Called inside a batch's transaction after its writes, before the commit (tests use it to
# crash a catch-up half-way).
BatchHook = Callable[[str, int], Awaitable[None]]

# The largest page a feed serves (CONTRACTS §5).
FEED_PAGE = 1000
# How many pages the feed reader may read ahead of the folding.
PAGES_AHEAD = 10
# An idle feed refreshes `caught_up_at` at most this often, so the ETag stays put between.
IDLE_REFRESH = dt.timedelta(seconds=60)


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


CLIENTS = _table(ClientFact)
ENROLMENTS = _table(EnrolmentFact)
ASSIGNMENTS = _table(CoordinatorAssignment)
REFERRALS = _table(ReferralFact)
LEADS = _table(LeadFact)
EMPLOYERS = _table(EmployerFact)
EMPLOYER_EPISODES = _table(EmployerStatusEpisode)
SECTOR_EPISODES = _table(EmployerSectorEpisode)
HIRES = _table(HireFact)
RECRUITMENT_EVENTS = _table(RecruitmentEventFact)
ACTIVITIES = _table(EmployerActivity)
FEEDBACK = _table(Feedback)
PLAN_REVIEWS = _table(PlanReview)
STATUS_EPISODES = _table(StatusEpisode)
SERVICE_PERIODS = _table(ServicePeriodFact)
ASSESSMENTS = _table(AssessmentFact)
FIRST_ASSESSMENTS = _table(FirstSelfAssessment)
ROADMAPS = _table(RoadmapFact)
DAY_DELTAS = _table(DayDelta)
CASELOAD_DELTAS = _table(CaseloadDelta)
SPELLS = _table(UnemploymentSpell)

_KEYS: dict[str, str] = {
    t.name: next(iter(t.primary_key.columns)).name
    for t in (
        CLIENTS,
        ENROLMENTS,
        REFERRALS,
        LEADS,
        EMPLOYERS,
        ACTIVITIES,
        FEEDBACK,
        SERVICE_PERIODS,
        ASSESSMENTS,
        ROADMAPS,
        HIRES,
        RECRUITMENT_EVENTS,
    )
}
_KEYS[STATUS_EPISODES.name] = "episode_id"


def age_group(birth_year: int | None, on: dt.date | None) -> str | None:
    """The ESF age bins at entry."""
    if birth_year is None or on is None:
        return None
    age = on.year - birth_year
    if age < 18:
        return "<18"
    if age < 30:
        return "18-29"
    if age < 55:
        return "30-54"
    return "55+"


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _instant_date(value: Any) -> dt.date | None:
    return helsinki_date(dt.datetime.fromisoformat(value)) if value else None


def _month(day: dt.date | None) -> str | None:
    return day.strftime("%Y-%m") if day else None


def _uuid(value: Any) -> uuid.UUID | None:
    return uuid.UUID(str(value)) if value else None


def _primary(coordinators: Sequence[dict[str, Any]] | None) -> tuple[str | None, str | None]:
    if not coordinators:
        return None, None
    return coordinators[0].get("username"), coordinators[0].get("role")


class Projection:
    """One batch of one feed, folded into row changes and written in a few statements."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[uuid.UUID, Row]] = defaultdict(dict)
        self.dirty: dict[str, set[uuid.UUID]] = defaultdict(set)
        self.appended: dict[str, list[Row]] = defaultdict(list)
        self.period_parents: dict[str, set[uuid.UUID]] = defaultdict(set)
        # The rows as stored before this batch, for the day deltas' difference.
        self.before: dict[str, dict[uuid.UUID, Row]] = {}
        # The unemployment spells of every client whose episodes changed, rebuilt.
        self.spells: dict[uuid.UUID, list[Row]] = {}
        self.skipped = 0

    async def load(self, session: AsyncSession, events: Sequence[Event]) -> None:
        wanted: dict[str, set[uuid.UUID]] = defaultdict(set)
        for event in events:
            handler = HANDLERS.get(event["type"])
            if handler is not None and handler.table is not None:
                try:
                    wanted[handler.table.name].add(uuid.UUID(event["subject_id"]))
                except ValueError:
                    continue
        for name, ids in wanted.items():
            table = _TABLES[name]
            self.rows[name] = await repository.load_rows(session, table, _KEYS[name], ids)
            if name in (ENROLMENTS.name, STATUS_EPISODES.name):
                self.before[name] = {key: dict(row) for key, row in self.rows[name].items()}

    def apply(self, events: Sequence[Event]) -> None:
        for event in events:
            handler = HANDLERS.get(event["type"])
            if handler is None:
                continue
            try:
                self._apply_one(handler, event)
            except (KeyError, ValueError, TypeError, AttributeError):
                # A malformed event must not stall the feed; it is logged by id only.
                self.skipped += 1
                _log.warning("event_skipped", event_id=event.get("id"), type=event.get("type"))

    def _apply_one(self, handler: Handler, event: Event) -> None:
        seq = int(event["seq"])
        data: dict[str, Any] = event["data"]
        # What the read model reads must fit its consumer model; a pydantic ValidationError is
        # a ValueError, so an event that does not fit is skipped and logged like any other
        # malformed one. The handlers still fold the data as sent.
        FEED_EVENTS[event["type"]].model_validate(data)
        if handler.table is None:
            handler.fold(self, {}, event, data)
            return
        name = handler.table.name
        key = uuid.UUID(event["subject_id"])
        row = self.rows[name].get(key)
        if row is None:
            row = {c.name: None for c in handler.table.columns}
            row[_KEYS[name]] = key
            row["last_seq"] = 0
            if name == CLIENTS.name:
                row["anonymised"] = False
                row.update({f"recorded_{group}": False for group in RECORDED_GROUPS})
            self.rows[name][key] = row
        if row["last_seq"] >= seq:
            return  # already applied: a replay
        handler.fold(self, row, event, data)
        row["last_seq"] = seq
        self.dirty[name].add(key)

    def append_period(self, table: Table, parent: str, rows: list[Row]) -> None:
        self.appended[table.name].extend(rows)
        for row in rows:
            self.period_parents[table.name].add(row[parent])

    async def write(self, session: AsyncSession) -> None:
        # Read before writing: the difference needs what the deltas were made of.
        deltas = await self._official_deltas(session)
        old, new = await self._enrolment_states(session)
        # Only a changed registration or end, a review or a coordinator change moves them.
        moved = {e for e in old if _active_span(old[e]) != _active_span(new[e])}
        reviewed = {review["enrolment_id"] for review in self.appended[PLAN_REVIEWS.name]}
        plan_ids = moved | reviewed
        deltas.update(await self._plan_currency_deltas(session, plan_ids, old, new))
        caseload_ids = moved | self.period_parents[ASSIGNMENTS.name]
        caseload = await self._caseload_deltas(session, caseload_ids, old, new)
        for name, keys in self.dirty.items():
            rows = [self.rows[name][k] for k in keys]
            await repository.upsert_rows(session, _TABLES[name], rows)
        for name, rows in self.appended.items():
            await repository.insert_new_rows(session, _TABLES[name], rows)
        await _recompute_periods(session, ASSIGNMENTS, "enrolment_id", self.period_parents)
        await _recompute_periods(session, EMPLOYER_EPISODES, "employer_id", self.period_parents)
        await repository.add_deltas(session, DAY_DELTAS, deltas)
        await repository.add_deltas(session, CASELOAD_DELTAS, caseload)
        await self._first_self_assessments(session)
        await repository.replace_children(
            session,
            SPELLS,
            "client_id",
            self.spells,
            [row for rows in self.spells.values() for row in rows],
        )

    async def _first_self_assessments(self, session: AsyncSession) -> None:
        """Each client with a self-assessment in this batch: their first one, found again."""
        rows = self.rows[ASSESSMENTS.name]
        changed = {rows[k]["client_id"] for k in self.dirty[ASSESSMENTS.name]}
        firsts: dict[uuid.UUID, Row] = {}
        for row in await repository.load_periods(session, ASSESSMENTS, "client_id", changed):
            if row["kind"] != "self_assessment":
                continue
            order = (row["assessed_on"], str(row["assessment_id"]))
            known = firsts.get(row["client_id"])
            if known is None or order < (known["assessed_on"], str(known["assessment_id"])):
                firsts[row["client_id"]] = row
        columns = [c.name for c in FIRST_ASSESSMENTS.columns]
        chosen = [{c: row[c] for c in columns} for row in firsts.values()]
        await repository.replace_children(session, FIRST_ASSESSMENTS, "client_id", changed, chosen)

    async def _official_deltas(self, session: AsyncSession) -> day_counts.Deltas:
        """Each client with a changed episode: its deltas with the new episodes minus the old."""
        changed = {k: self.rows[STATUS_EPISODES.name][k] for k in self.dirty[STATUS_EPISODES.name]}
        before = self.before.get(STATUS_EPISODES.name, {})
        clients = {row["client_id"] for row in changed.values()}
        clients |= {before[k]["client_id"] for k in changed if k in before}
        deltas = day_counts.Deltas()
        if not clients:
            return deltas
        stored = await repository.load_periods(session, STATUS_EPISODES, "client_id", clients)
        old: dict[uuid.UUID, list[Row]] = defaultdict(list)
        episodes: dict[uuid.UUID, Row] = {}
        for row in stored:
            old[row["client_id"]].append(row)
            episodes[row["episode_id"]] = row
        episodes.update(changed)
        new: dict[uuid.UUID, list[Row]] = defaultdict(list)
        for row in episodes.values():
            new[row["client_id"]].append(row)
        for client in clients:
            day_counts.add_official(deltas, old[client], sign=-1)
            day_counts.add_official(deltas, new[client])
            self.spells[client] = spells.spells(client, new[client])
            day_counts.add_long_term(deltas, spells.spells(client, old[client]), sign=-1)
            day_counts.add_long_term(deltas, self.spells[client])
        return deltas

    async def _enrolment_states(
        self, session: AsyncSession
    ) -> tuple[dict[uuid.UUID, Row | None], dict[uuid.UUID, Row | None]]:
        """Every enrolment whose day deltas may change: as stored before and after the batch."""
        ids = set(self.dirty[ENROLMENTS.name]) | self.period_parents[ASSIGNMENTS.name]
        ids |= {review["enrolment_id"] for review in self.appended[PLAN_REVIEWS.name]}
        rows = self.rows[ENROLMENTS.name]
        before = self.before.get(ENROLMENTS.name, {})
        stored = await repository.load_rows(session, ENROLMENTS, "enrolment_id", ids - set(rows))
        old = {e: before.get(e, stored.get(e)) for e in ids}
        return old, {e: rows.get(e, stored.get(e)) for e in ids}

    async def _plan_currency_deltas(
        self,
        session: AsyncSession,
        ids: set[uuid.UUID],
        old: dict[uuid.UUID, Row | None],
        new: dict[uuid.UUID, Row | None],
    ) -> day_counts.Deltas:
        appended: dict[uuid.UUID, set[dt.date]] = defaultdict(set)
        for review in self.appended[PLAN_REVIEWS.name]:
            appended[review["enrolment_id"]].add(review["reviewed_on"])
        deltas = day_counts.Deltas()
        if not ids:
            return deltas
        reviews: dict[uuid.UUID, set[dt.date]] = defaultdict(set)
        for row in await repository.load_periods(session, PLAN_REVIEWS, "enrolment_id", ids):
            reviews[row["enrolment_id"]].add(row["reviewed_on"])
        for enrolment in ids:
            day_counts.add_plan_currency(deltas, old[enrolment], reviews[enrolment], sign=-1)
            now = reviews[enrolment] | appended[enrolment]
            day_counts.add_plan_currency(deltas, new[enrolment], now)
        return deltas

    async def _caseload_deltas(
        self,
        session: AsyncSession,
        ids: set[uuid.UUID],
        old: dict[uuid.UUID, Row | None],
        new: dict[uuid.UUID, Row | None],
    ) -> day_counts.CaseloadDeltas:
        deltas = day_counts.CaseloadDeltas()
        if not ids:
            return deltas
        stored: dict[uuid.UUID, list[Row]] = defaultdict(list)
        for row in await repository.load_periods(session, ASSIGNMENTS, "enrolment_id", ids):
            stored[row["enrolment_id"]].append(row)
        appended: dict[uuid.UUID, list[Row]] = defaultdict(list)
        for row in self.appended[ASSIGNMENTS.name]:
            appended[row["enrolment_id"]].append(row)
        for enrolment in ids:
            before = day_counts.assignment_ends(stored[enrolment])
            day_counts.add_caseload(deltas, old[enrolment], before, sign=-1)
            after = day_counts.assignment_ends([*stored[enrolment], *appended[enrolment]])
            day_counts.add_caseload(deltas, new[enrolment], after)
        return deltas


def _active_span(enrolment: Row | None) -> tuple[Any, Any] | None:
    return None if enrolment is None else (enrolment["registered_on"], enrolment["ended_on"])


async def _recompute_periods(
    session: AsyncSession, table: Table, parent: str, parents: dict[str, set[uuid.UUID]]
) -> None:
    """Each change set of a parent ends where the next one (by date, then seq) starts."""
    ids = parents.get(table.name)
    if not ids:
        return
    rows = await repository.load_periods(session, table, parent, ids)
    sets: dict[uuid.UUID, dict[int, Row]] = defaultdict(dict)
    for row in rows:
        sets[row[parent]].setdefault(row["seq"], row)
    changes: list[Row] = []
    for parent_id, by_seq in sets.items():
        ordered = sorted(by_seq.values(), key=lambda r: (r["starts_on"], r["seq"]))
        for current, following in zip(ordered, [*ordered[1:], None], strict=True):
            ends_on = following["starts_on"] if following else None
            if current["ends_on"] != ends_on:
                changes.append({parent: parent_id, "seq": current["seq"], "ends_on": ends_on})
    await repository.set_period_ends(session, table, parent, changes)


# --- the event handlers (docs/events.md) ------------------------------------------------

Fold = Callable[[Projection, Row, Event, dict[str, Any]], None]


@dataclass(frozen=True, slots=True)
class Handler:
    table: Table | None
    fold: Fold


def _client(_: Projection, row: Row, event: Event, data: dict[str, Any]) -> None:
    row["municipality"] = data.get("municipality")
    row["birth_year"] = data.get("birth_year")
    row["gender"] = data.get("gender")
    row["language"] = data.get("language")
    recorded = set(data.get("target_groups") or ())
    for group in RECORDED_GROUPS:
        row[f"recorded_{group}"] = group in recorded
    if event["type"] == "client.registered" or data.get("source"):
        row["source"] = data.get("source") or row["source"]


# The target groups the clients service records, each kept as a flag on the client's row.
RECORDED_GROUPS = ("under_30", "foreign_language", "partial_work_ability", "long_term_unemployed")


def _client_anonymised(_: Projection, row: Row, __: Event, ___: dict[str, Any]) -> None:
    row["anonymised"] = True


def _assign(
    projection: Projection, enrolment_id: uuid.UUID, seq: int, starts_on: dt.date | None, data: Any
) -> None:
    if starts_on is None:
        return
    coordinators = data.get("coordinators") or []
    projection.append_period(
        ASSIGNMENTS,
        "enrolment_id",
        [
            {
                "enrolment_id": enrolment_id,
                "seq": seq,
                "username": c["username"],
                "role": c["role"],
                "starts_on": starts_on,
                "ends_on": None,
            }
            for c in coordinators
        ],
    )


def _contact_days(row: Row) -> None:
    if row["registered_on"] and row["first_contact_on"]:
        row["working_days_to_contact"] = working_days_between(
            row["registered_on"], row["first_contact_on"]
        )


def _enrolled_days(row: Row) -> None:
    registered_on, ended_on = row["registered_on"], row["ended_on"]
    known = registered_on is not None and ended_on is not None
    row["days_enrolled"] = (ended_on - registered_on).days if known else None
    row["working_days_enrolled"] = working_days_between(registered_on, ended_on) if known else None


def _enrolment_registered(p: Projection, row: Row, event: Event, data: dict[str, Any]) -> None:
    row["client_id"] = _uuid(data.get("client_id")) or row["client_id"]
    row["service_line"] = data.get("service_line")
    row["registered_on"] = _date(data.get("registered_on"))
    row["registered_month"] = _month(row["registered_on"])
    row["contact_due"] = _date(data.get("contact_due"))
    row["municipality"] = data.get("municipality")
    row["birth_year"] = data.get("birth_year")
    row["age_group"] = age_group(row["birth_year"], row["registered_on"])
    if row["ended_on"] is None:
        row["coordinator"], row["coordinator_role"] = _primary(data.get("coordinators"))
    _contact_days(row)
    _enrolled_days(row)
    _assign(p, row["enrolment_id"], int(event["seq"]), row["registered_on"], data)


def _enrolment_contacted(_: Projection, row: Row, __: Event, data: dict[str, Any]) -> None:
    row["first_contact_on"] = _date(data.get("first_contact_on"))
    _contact_days(row)


def _first_meeting(_: Projection, row: Row, __: Event, data: dict[str, Any]) -> None:
    row["first_meeting_on"] = _date(data.get("first_meeting_on"))


def _coordinators_changed(p: Projection, row: Row, event: Event, data: dict[str, Any]) -> None:
    row["service_line"] = data.get("service_line") or row["service_line"]
    if row["ended_on"] is None:
        row["coordinator"], row["coordinator_role"] = _primary(data.get("coordinators"))
    _assign(p, row["enrolment_id"], int(event["seq"]), _date(data.get("changed_on")), data)


def _enrolment_ended(_: Projection, row: Row, __: Event, data: dict[str, Any]) -> None:
    row["client_id"] = _uuid(data.get("client_id")) or row["client_id"]
    row["service_line"] = data.get("service_line") or row["service_line"]
    row["outcome"] = data.get("outcome")
    row["ended_on"] = _date(data.get("ended_on"))
    row["ended_month"] = _month(row["ended_on"])
    row["coordinator"] = data.get("coordinator")
    row["coordinator_role"] = data.get("coordinator_role")
    row["exit_form"] = bool(data.get("exit_form"))
    row["municipality"] = data.get("municipality") or row["municipality"]
    if data.get("birth_year") is not None:
        row["birth_year"] = data["birth_year"]
    row["age_group"] = age_group(row["birth_year"], row["registered_on"] or row["ended_on"])
    _enrolled_days(row)


def _plan_reviewed(p: Projection, _: Row, event: Event, data: dict[str, Any]) -> None:
    enrolment_id = _uuid(data.get("enrolment_id"))
    reviewed_on = _date(data.get("reviewed_on"))
    if enrolment_id and reviewed_on:
        p.appended[PLAN_REVIEWS.name].append(
            {"enrolment_id": enrolment_id, "reviewed_on": reviewed_on, "last_seq": event["seq"]}
        )


def _feedback(_: Projection, row: Row, __: Event, data: dict[str, Any]) -> None:
    row["enrolment_id"] = _uuid(data.get("enrolment_id"))
    row["grade"] = int(data["grade"])
    row["given_on"] = _date(data["given_on"])
    row["given_month"] = _month(row["given_on"])
    row["coordinator"] = data.get("coordinator")


def _status_episode(_: Projection, row: Row, __: Event, data: dict[str, Any]) -> None:
    row["client_id"] = uuid.UUID(str(data["client_id"]))
    row["status"] = data["status"]
    row["service_type"] = data.get("service_type")
    row["starts_on"] = _date(data["starts_on"])
    row["ends_on"] = _date(data.get("ends_on"))


def _status_withdrawn(_: Projection, row: Row, __: Event, data: dict[str, Any]) -> None:
    # Replaced by an active-service period's own episode: kept, never counted.
    row["client_id"] = row["client_id"] or uuid.UUID(str(data["client_id"]))
    row["status"] = "withdrawn"
    row["starts_on"] = row["starts_on"] or dt.date.min


def _employer(p: Projection, row: Row, event: Event, data: dict[str, Any]) -> None:
    row["industry"] = data.get("industry") or row["industry"]
    row["municipality"] = data.get("municipality") or row["municipality"]
    row["size_class"] = data.get("size_class") or row["size_class"]
    row["status"] = data.get("status") or row["status"]
    if "network_member" in data:
        row["network_member"] = bool(data["network_member"])
    if data.get("sector"):
        row["sector"] = data["sector"]
        sector = {"employer_id": row["employer_id"], "seq": int(event["seq"])}
        sector |= {"sector": data["sector"], "starts_on": _date(data.get("sector_since"))}
        p.append_period(SECTOR_EPISODES, "employer_id", [sector])
    starts_on = _date(data.get("changed_on")) or _instant_date(event.get("occurred_at"))
    if row["status"] and starts_on:
        p.append_period(
            EMPLOYER_EPISODES,
            "employer_id",
            [
                {
                    "employer_id": row["employer_id"],
                    "seq": int(event["seq"]),
                    "status": row["status"],
                    "starts_on": starts_on,
                    "ends_on": None,
                }
            ],
        )


def _activity(_: Projection, row: Row, __: Event, data: dict[str, Any]) -> None:
    row["employer_id"] = uuid.UUID(str(data["employer_id"]))
    row["kind"] = data.get("kind")
    row["on"] = _instant_date(data["at"])
    row["month"] = _month(row["on"])
    row["by"] = data.get("by")


def _service_period(_: Projection, row: Row, __: Event, data: dict[str, Any]) -> None:
    # Started, updated and ended all carry the whole period.
    row["client_id"] = uuid.UUID(str(data["client_id"]))
    row["enrolment_id"] = _uuid(data.get("enrolment_id"))
    row["kind"] = data["kind"]
    row["starts_on"] = _date(data["starts_on"])
    row["started_month"] = _month(row["starts_on"])
    row["planned_end_on"] = _date(data.get("planned_end_on"))
    row["ends_on"] = _date(data.get("ends_on"))
    row["employer_id"] = _uuid(data.get("employer_id"))
    row["partner_id"] = _uuid(data.get("partner_id"))
    row["hours_per_week"] = data.get("hours_per_week")
    row["subsidy_percent"] = data.get("subsidy_percent")


def _self_assessment(_: Projection, row: Row, __: Event, data: dict[str, Any]) -> None:
    row["client_id"] = uuid.UUID(str(data["client_id"]))
    row["kind"] = "self_assessment"
    row["assessed_on"] = _date(data["recorded_on"])
    row["overall_tenths"] = round(float(data["overall"]) * 10)


def _functional_assessment(_: Projection, row: Row, __: Event, data: dict[str, Any]) -> None:
    row["client_id"] = uuid.UUID(str(data["client_id"]))
    row["kind"] = "functional"
    row["instrument"] = data.get("instrument_code")
    row["assessed_on"] = _date(data["observed_on"])
    row["overall_tenths"] = round(float(data["overall"]) * 10)


def _roadmap_started(_: Projection, row: Row, __: Event, data: dict[str, Any]) -> None:
    row["roadmap_id"] = _uuid(data.get("roadmap_id"))
    row["template_version"] = data.get("template_version")
    row["stages"] = row["stages"] or "{}"


def _roadmap_stage(_: Projection, row: Row, __: Event, data: dict[str, Any]) -> None:
    row["roadmap_id"] = row["roadmap_id"] or _uuid(data.get("roadmap_id"))
    stages = {**json.loads(row["stages"] or "{}"), str(data["stage"]): str(data["status"])}
    row["stages"] = json.dumps(stages, sort_keys=True)


def _lead_received(_: Projection, row: Row, __: Event, data: dict[str, Any]) -> None:
    row["employer_id"] = _uuid(data.get("employer_id"))
    row["source"] = data.get("source")
    row["received_on"] = _date(data.get("received_on")) or _instant_date(data.get("received_at"))
    row["received_month"] = _month(row["received_on"])
    row["contact_due"] = _date(data.get("contact_due"))
    row["coordinator"] = data.get("coordinator")
    row["industry"] = data.get("industry")
    row["municipality"] = data.get("municipality")
    row["status"] = row["status"] or "new"


def _lead_assigned(_: Projection, row: Row, __: Event, data: dict[str, Any]) -> None:
    row["coordinator"] = data.get("coordinator")


def _lead_contacted(_: Projection, row: Row, __: Event, data: dict[str, Any]) -> None:
    row["contacted_on"] = _date(data.get("contacted_on")) or _instant_date(data.get("contacted_at"))


def _lead_followed_up(_: Projection, row: Row, __: Event, data: dict[str, Any]) -> None:
    row["followed_up_on"] = _date(data.get("followed_up_on")) or _instant_date(
        data.get("followed_up_at")
    )


def _lead_status(_: Projection, row: Row, __: Event, data: dict[str, Any]) -> None:
    row["status"] = data.get("status")


def _lead_closed(_: Projection, row: Row, __: Event, data: dict[str, Any]) -> None:
    row["status"] = "closed"
    row["close_reason"] = data.get("reason")
    row["closed_on"] = _date(data.get("closed_on")) or _instant_date(data.get("closed_at"))


def _referral_sent(_: Projection, row: Row, __: Event, data: dict[str, Any]) -> None:
    row["kind"] = data.get("kind")
    row["enrolment_id"] = _uuid(data.get("enrolment_id"))
    row["from_user"] = data.get("from_user")
    row["from_role"] = data.get("from_role")
    row["to_user"] = data.get("to_user")
    row["to_role"] = data.get("to_role")
    row["sent_on"] = _date(data.get("sent_on")) or _instant_date(data.get("sent_at"))
    row["sent_month"] = _month(row["sent_on"])
    row["status"] = row["status"] or "sent"
    row["client_id"] = _uuid(data.get("client_id"))
    row["opening_id"] = _uuid(data.get("opening_id"))


def _referral_stage(_: Projection, row: Row, __: Event, data: dict[str, Any]) -> None:
    # Both steps mean the employer has seen the client: presented, or invited to interview.
    row["presented"] = data.get("stage") in ("presented", "interview") or bool(row["presented"])


def _hire(_: Projection, row: Row, __: Event, data: dict[str, Any]) -> None:
    row["referral_id"] = _uuid(data.get("referral_id"))
    row["opening_id"] = _uuid(data.get("opening_id"))
    row["employer_id"] = _uuid(data.get("employer_id"))
    row["client_id"] = _uuid(data.get("client_id"))
    row["hired_on"] = _date(data["hired_on"])


def _recruitment_event(_: Projection, row: Row, __: Event, data: dict[str, Any]) -> None:
    row["kind"] = data.get("kind")
    row["held_on"] = _date(data["on"])
    row["held_month"] = _month(row["held_on"])
    row["employer_ids"] = json.dumps(sorted(str(e) for e in data.get("employer_ids") or []))
    row["clients"] = row["clients"] or "{}"
    row["jobseekers_attended"] = data.get("jobseekers_attended")


def _event_client(_: Projection, row: Row, event: Event, data: dict[str, Any]) -> None:
    clients = json.loads(row["clients"] or "{}")
    client_id = str(uuid.UUID(str(data["client_id"])))
    if event["type"] == "recruitment_event.client_uninvited":
        clients.pop(client_id, None)
    else:
        clients[client_id] = bool(data.get("attended"))
    row["clients"] = json.dumps(clients, sort_keys=True)
    row["employer_ids"] = row["employer_ids"] or "[]"


def _referral_accepted(_: Projection, row: Row, __: Event, data: dict[str, Any]) -> None:
    row["kind"] = data.get("kind") or row["kind"]
    row["from_role"] = data.get("from_role") or row["from_role"]
    row["to_role"] = data.get("to_role") or row["to_role"]
    row["status"] = "accepted"
    row["accepted_on"] = _date(data.get("accepted_on")) or _instant_date(data.get("accepted_at"))
    days = data.get("working_days_to_accept")
    row["working_days_to_accept"] = int(days) if days is not None else None


def _referral_reopened(_: Projection, row: Row, __: Event, data: dict[str, Any]) -> None:
    # The other service refused what the acceptance asked: it no longer counts as accepted.
    row["status"] = "sent"
    row["accepted_on"] = None
    row["working_days_to_accept"] = None


def _referral_closed(_: Projection, row: Row, event: Event, data: dict[str, Any]) -> None:
    row["status"] = event["type"].removeprefix("referral.")
    row["kind"] = data.get("kind") or row["kind"]
    if data.get("result"):
        row["result"] = data["result"]


HANDLERS: dict[str, Handler] = {
    "client.registered": Handler(CLIENTS, _client),
    "client.updated": Handler(CLIENTS, _client),
    "client.anonymised": Handler(CLIENTS, _client_anonymised),
    "enrolment.registered": Handler(ENROLMENTS, _enrolment_registered),
    "enrolment.contacted": Handler(ENROLMENTS, _enrolment_contacted),
    "enrolment.first_meeting_held": Handler(ENROLMENTS, _first_meeting),
    "enrolment.coordinators_changed": Handler(ENROLMENTS, _coordinators_changed),
    "enrolment.ended": Handler(ENROLMENTS, _enrolment_ended),
    "service_plan.reviewed": Handler(None, _plan_reviewed),
    "feedback.given": Handler(FEEDBACK, _feedback),
    "labour_market_status.recorded": Handler(STATUS_EPISODES, _status_episode),
    "labour_market_status.withdrawn": Handler(STATUS_EPISODES, _status_withdrawn),
    "service_period.started": Handler(SERVICE_PERIODS, _service_period),
    "service_period.updated": Handler(SERVICE_PERIODS, _service_period),
    "service_period.ended": Handler(SERVICE_PERIODS, _service_period),
    "work_ability_assessment.recorded": Handler(ASSESSMENTS, _self_assessment),
    "functional_assessment.recorded": Handler(ASSESSMENTS, _functional_assessment),
    "roadmap.started": Handler(ROADMAPS, _roadmap_started),
    "roadmap.stage_changed": Handler(ROADMAPS, _roadmap_stage),
    "employer.created": Handler(EMPLOYERS, _employer),
    "employer.status_changed": Handler(EMPLOYERS, _employer),
    "employer.activity_recorded": Handler(ACTIVITIES, _activity),
    "hire.recorded": Handler(HIRES, _hire),
    "recruitment_event.recorded": Handler(RECRUITMENT_EVENTS, _recruitment_event),
    "recruitment_event.client_invited": Handler(RECRUITMENT_EVENTS, _event_client),
    "recruitment_event.attendance_recorded": Handler(RECRUITMENT_EVENTS, _event_client),
    "recruitment_event.client_uninvited": Handler(RECRUITMENT_EVENTS, _event_client),
    "lead.received": Handler(LEADS, _lead_received),
    "lead.assigned": Handler(LEADS, _lead_assigned),
    "lead.contacted": Handler(LEADS, _lead_contacted),
    "lead.followed_up": Handler(LEADS, _lead_followed_up),
    "lead.status_changed": Handler(LEADS, _lead_status),
    "lead.closed": Handler(LEADS, _lead_closed),
    "referral.sent": Handler(REFERRALS, _referral_sent),
    "referral.accepted": Handler(REFERRALS, _referral_accepted),
    "referral.reopened": Handler(REFERRALS, _referral_reopened),
    "referral.stage_changed": Handler(REFERRALS, _referral_stage),
    "referral.declined": Handler(REFERRALS, _referral_closed),
    "referral.cancelled": Handler(REFERRALS, _referral_closed),
    "referral.expired": Handler(REFERRALS, _referral_closed),
    "referral.completed": Handler(REFERRALS, _referral_closed),
}

_TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        CLIENTS,
        ENROLMENTS,
        ASSIGNMENTS,
        REFERRALS,
        LEADS,
        EMPLOYERS,
        EMPLOYER_EPISODES,
        SECTOR_EPISODES,
        ACTIVITIES,
        FEEDBACK,
        PLAN_REVIEWS,
        STATUS_EPISODES,
        SERVICE_PERIODS,
        ASSESSMENTS,
        ROADMAPS,
        HIRES,
        RECRUITMENT_EVENTS,
    )
}


# --- catching up ------------------------------------------------------------------------


class CursorMoved(RuntimeError):
    """Another consumer applied this batch first; start again from the stored cursor."""


def _locks(app: FastAPI) -> dict[str, asyncio.Lock]:
    locks: dict[str, asyncio.Lock] | None = getattr(app.state, "ingest_locks", None)
    if locks is None:
        locks = {source: asyncio.Lock() for source in SOURCES}
        app.state.ingest_locks = locks
    return locks


async def _apply_batch(
    database: Database,
    source: str,
    page_events: Sequence[Event],
    *,
    cursor: int,
    caught_up: bool,
    batch_number: int,
    hook: BatchHook | None,
) -> None:
    projection = Projection()
    async with database.transaction() as session:
        await projection.load(session, page_events)
        projection.apply(page_events)
        await projection.write(session)
        moved = await repository.advance_cursor(
            session,
            source,
            expected=cursor,
            to=int(page_events[-1]["seq"]),
            events=len(page_events),
            caught_up_at=utcnow() if caught_up else None,
        )
        if not moved:
            raise CursorMoved(source)
        if hook is not None:
            await hook(source, batch_number)


@dataclass(frozen=True, slots=True)
class _FeedEnd:
    """The feed was read to its end (`error` None) or failed with `error`."""

    error: BaseException | None = None


async def _read_ahead(
    client: FeedClient, after: int, limit: int, pages: asyncio.Queue[list[Event] | _FeedEnd]
) -> None:
    """Reads the feed page after page into `pages` while the batches before are folded, so
    the consumer never waits for the network while there is something to fold."""
    try:
        while True:
            page = await client.page(after, limit)
            events = [e for e in page.events if int(e["seq"]) > after]
            if events:
                await pages.put(events)
                after = int(events[-1]["seq"])
            if len(page.events) < limit or not events:
                await pages.put(_FeedEnd())
                return
    except Exception as exc:
        await pages.put(_FeedEnd(exc))


async def catch_up_source(
    app: FastAPI, source: str, *, batch_size: int | None = None, hook: BatchHook | None = None
) -> int:
    """Read one feed to its end; returns the number of events applied.

    A transaction folds `batch_size` events, read in feed pages of at most `FEED_PAGE`
    by a reader that stays up to `PAGES_AHEAD` pages ahead of the folding.
    """
    database: Database = app.state.database
    batch = batch_size or app.state.settings.ingest_batch_size
    limit = min(batch, FEED_PAGE)
    async with _locks(app)[source]:
        async with database.transaction() as session:
            await repository.ensure_cursors(session, SOURCES)
            stored = await repository.cursor_of(session, source)
            assert stored is not None
            cursor, caught_up_at = stored.last_seq, stored.caught_up_at
            recovering = stored.last_error is not None
        pages: asyncio.Queue[list[Event] | _FeedEnd] = asyncio.Queue(PAGES_AHEAD)
        reader = asyncio.create_task(
            _read_ahead(feed_client(app.state, source), cursor, limit, pages)
        )
        applied = 0
        batches = 0
        end: _FeedEnd | None = None
        try:
            while end is None:
                events: list[Event] = []
                while end is None and len(events) < batch:
                    page = await pages.get()
                    if isinstance(page, _FeedEnd):
                        end = page
                    else:
                        events.extend(page)
                if events:
                    batches += 1
                    await _apply_batch(
                        database,
                        source,
                        events,
                        cursor=cursor,
                        caught_up=end is not None and end.error is None,
                        batch_number=batches,
                        hook=hook,
                    )
                    cursor = int(events[-1]["seq"])
                    applied += len(events)
                elif (
                    end is not None
                    and end.error is None
                    and (
                        recovering
                        or caught_up_at is None
                        or utcnow() - caught_up_at >= IDLE_REFRESH
                    )
                ):
                    async with database.transaction() as session:
                        await repository.mark_state(
                            session, source, caught_up_at=utcnow(), error=None
                        )
            if end.error is not None:
                raise end.error
        finally:
            reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await reader
        return applied


async def record_failure(app: FastAPI, source: str, error: BaseException) -> None:
    try:
        async with app.state.database.transaction() as session:
            await repository.ensure_cursors(session, SOURCES)
            await repository.mark_state(
                session, source, caught_up_at=None, error=type(error).__name__
            )
    except Exception:
        _log.warning("failure_not_recorded", source=source)


async def catch_up(
    app: FastAPI,
    sources: Iterable[str] = SOURCES,
    *,
    batch_size: int | None = None,
    hook: BatchHook | None = None,
) -> CatchUpRead:
    """Every feed read to its end, concurrently; a source that is down is reported, not fatal."""
    names = list(sources)
    results = await asyncio.gather(
        *(catch_up_source(app, s, batch_size=batch_size, hook=hook) for s in names),
        return_exceptions=True,
    )
    report: list[SourceCatchUp] = []
    for source, result in zip(names, results, strict=True):
        if isinstance(result, BaseException):
            if not isinstance(result, Exception):
                raise result
            await record_failure(app, source, result)
            _log.warning("catch_up_failed", source=source, error=type(result).__name__)
            report.append(SourceCatchUp(source=source, ingested=0, status="unavailable"))
        else:
            report.append(SourceCatchUp(source=source, ingested=result, status="ok"))
    async with app.state.database.transaction() as session:
        stored = {c.source: c for c in await repository.cursors(session)}
    for item in report:
        if item.source in stored:
            item.cursor = stored[item.source].last_seq
    return CatchUpRead(sources=report, data_as_of=data_as_of(stored.values()))


def data_as_of(cursors: Iterable[Any]) -> dt.datetime | None:
    """When every source was last read to its end (the oldest of them)."""
    moments: list[dt.datetime | None] = [c.caught_up_at for c in cursors]
    known = [m for m in moments if m is not None]
    if len(known) < len(SOURCES):
        return None
    return min(known)


# --- the background consumer ------------------------------------------------------------


async def _follow(app: FastAPI, source: str) -> None:
    settings = app.state.settings
    delay = settings.ingest_poll_seconds
    while True:
        try:
            await catch_up_source(app, source)
            delay = settings.ingest_poll_seconds
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            # The source (or the identity service) is down: back off; figures stay served.
            await record_failure(app, source, exc)
            delay = min(
                max(delay * 2, settings.ingest_poll_seconds), settings.ingest_max_backoff_seconds
            )
            _log.warning(
                "feed_unavailable", source=source, retry_in=delay, error=type(exc).__name__
            )
        await asyncio.sleep(delay)


def start_consumers(app: FastAPI) -> list[asyncio.Task[None]]:
    return [asyncio.create_task(_follow(app, source), name=f"feed-{source}") for source in SOURCES]


async def stop_consumers(tasks: Sequence[asyncio.Task[None]]) -> None:
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
