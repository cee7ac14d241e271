"""The metrics part of `make bench` (issue 6, acceptance 4), on PostgreSQL.

    python -m bench.metrics_bench [--scale 0.01] [--queries 30] [--reuse]

`--reuse` skips generating and ingesting and times the queries on the databases of the
previous run.

1. Creates four databases (`polku_metricsbench_{clients,employers,referrals,metrics}`) on the server
   of `POLKU_BENCH_DATABASE_URL` (default postgresql+asyncpg://postgres@127.0.0.1:5432/postgres),
   migrates the metrics database and pre-fills the three source outboxes with COPY: a
   national-scale history of 300,000 clients and about 3 million events at `--scale 1`.
2. Ingests everything with the metrics service's own consumer (`catch_up`, batches of
   1000), reading the real `GET /internal/events` feeds over real HTTP from three stand-in
   source processes (uvicorn serving the platform's feed router over each outbox), so the
   consumer has its event loop to itself; PostgreSQL and the feeds share the other core.
   Where the server runs no autovacuum (as on the development machines), the bench does
   its part: ANALYZE every 5 s while ingesting, VACUUM ANALYZE at the end.
3. Times every indicator over HTTP (in-process ASGI, as a team lead, no ETag) for a
   one-year range grouped by month and prints p50/p95 (after two unmeasured runs each).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import logging
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import httpx
import uvicorn
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from sqlalchemy.engine import make_url

from services.common.app import create_service_app
from services.common.calendar import add_working_days, working_days_between
from services.common.db import new_metadata
from services.common.events import define_outbox
from services.common.migrations import upgrade
from services.common.settings import ServiceSettings
from services.common.testing import StaticTokenSource, TestTokenIssuer
from services.metrics.config import MetricsSettings
from services.metrics.definitions import INDICATORS
from services.metrics.ingestion import service as ingestion
from services.metrics.main import create_app

DEFAULT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
SOURCES = ("clients", "employers", "referrals")
OUTCOMES = (
    ("employed", 24),
    ("education", 10),
    ("work_trial", 8),
    ("rehabilitative_work", 6),
    ("other_service", 8),
    ("sick_leave", 6),
    ("job_search", 18),
    ("stopped_contact", 6),
    ("no_exit_form", 4),
    ("cancelled", 5),
    ("not_reached", 5),
)
MUNICIPALITIES = ("Lahti", "Hollola", "Asikkala", "Kärkölä", "Orimattila", "Padasjoki")
INDUSTRIES = ("C", "F", "G", "H", "I", "N", "Q", "S")
# The client dimensions, roughly as in a Finnish city: Finnish and Swedish speakers, and a
# tail of other languages, some of them rare enough to fold into `other` for BI.
LANGUAGES = (
    ("fi", 80),
    ("sv", 5),
    ("ru", 4),
    ("en", 3),
    ("ar", 3),
    ("so", 2),
    ("et", 2),
    ("fa", 1),
)
GENDERS = (("female", 47), ("male", 48), ("other", 1), ("unknown", 4))
TARGET_GROUPS = ("under_30", "foreign_language", "partial_work_ability", "long_term_unemployed")
SECTORS = (("private", 70), ("public", 15), ("third_sector", 10), ("unknown", 5))
EVENT_KINDS = ("recruitment_event", "job_fair", "info_session", "seasonal_recruiting")
ROOT = Path(__file__).resolve().parent.parent
FIRST_DAY = dt.date(2023, 1, 2)
WARM_UP_RUNS = 2
LAST_DAY = dt.date(2026, 10, 30)
_metadata = new_metadata()
_outbox = define_outbox(_metadata)


# --- the generated history ------------------------------------------------------------


class Outboxes:
    """Event rows per source, seq-numbered in the order written."""

    def __init__(self) -> None:
        self.rows: dict[str, list[tuple[Any, ...]]] = {s: [] for s in SOURCES}
        self.now = dt.datetime.now(dt.UTC)

    def add(self, source: str, event_type: str, subject: uuid.UUID, data: dict[str, Any]) -> None:
        rows = self.rows[source]
        rows.append(
            (
                len(rows) + 1,
                uuid.uuid4(),
                event_type,
                self.now,
                str(subject),
                json.dumps(data, default=str),
            )
        )

    def count(self) -> int:
        return sum(len(r) for r in self.rows.values())


def _weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([c for c, _ in choices], [w for _, w in choices])[0]


def _day(rng: random.Random) -> dt.date:
    return FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))


def generate(scale: float, seed: int = 7) -> Outboxes:
    rng = random.Random(seed)
    out = Outboxes()
    clients = max(1, int(300_000 * scale))
    coordinators = max(4, int(500 * scale))
    outcome_codes = [code for code, _ in OUTCOMES]
    outcome_weights = [w for _, w in OUTCOMES]
    employer_ids = [uuid.uuid4() for _ in range(max(3, int(20_000 * scale)))]
    openings = [
        (rng.choice(employer_ids), uuid.uuid4()) for _ in range(max(3, len(employer_ids) // 2))
    ]
    reached: list[uuid.UUID] = []
    for _ in range(clients):
        client_id, enrolment_id = uuid.uuid4(), uuid.uuid4()
        municipality = rng.choice(MUNICIPALITIES)
        birth_year = rng.randint(1960, 2008)
        line = rng.choice(("work_ability", "business"))
        role = f"{line}_coordinator"
        username = f"{line[:2]}{rng.randrange(coordinators // 2)}"
        registered = _day(rng)
        out.add(
            "clients",
            "client.registered",
            client_id,
            {
                "client_id": client_id,
                "source": "coach",
                "municipality": municipality,
                "birth_year": birth_year,
                "gender": _weighted(rng, GENDERS),
                "language": _weighted(rng, LANGUAGES),
                "target_groups": [g for g in TARGET_GROUPS if rng.random() < 0.08],
            },
        )
        out.add(
            "clients",
            "enrolment.registered",
            enrolment_id,
            {
                "enrolment_id": enrolment_id,
                "client_id": client_id,
                "service_line": line,
                "coordinators": [{"username": username, "role": role}],
                "referred_by": "coach",
                "registered_on": registered,
                "contact_due": add_working_days(registered, 5),
                "municipality": municipality,
                "birth_year": birth_year,
                "source": "coach",
            },
        )
        out.add(
            "clients",
            "labour_market_status.recorded",
            uuid.uuid4(),
            {
                "episode_id": uuid.uuid4(),
                "client_id": client_id,
                "status": "unemployed",
                "starts_on": registered - dt.timedelta(days=30),
                "ends_on": None,
            },
        )
        if rng.random() < 0.1:
            continue  # never reached: nothing more happens
        contacted = registered + dt.timedelta(days=rng.randint(0, 9))
        out.add(
            "clients",
            "enrolment.contacted",
            enrolment_id,
            {"enrolment_id": enrolment_id, "first_contact_on": contacted, "channel": "phone"},
        )
        met = contacted + dt.timedelta(days=rng.randint(1, 10))
        out.add(
            "clients",
            "enrolment.first_meeting_held",
            enrolment_id,
            {"enrolment_id": enrolment_id, "first_meeting_on": met},
        )
        reached.append(client_id)
        _placements(out, rng, client_id, enrolment_id, met, username, role, employer_ids, openings)
        out.add(
            "clients",
            "labour_market_status.recorded",
            uuid.uuid4(),
            {
                "episode_id": uuid.uuid4(),
                "client_id": client_id,
                "status": "active_service",
                "starts_on": met,
                "ends_on": met + dt.timedelta(days=rng.randint(30, 300)),
            },
        )
        out.add(
            "clients",
            "service_plan.reviewed",
            client_id,
            {"client_id": client_id, "enrolment_id": enrolment_id, "reviewed_on": met},
        )
        if rng.random() < 0.1:
            other = "business" if line == "work_ability" else "work_ability"
            to_role, to_user = (
                f"{other}_coordinator",
                f"{other[:2]}{rng.randrange(coordinators // 2)}",
            )
            sent = met + dt.timedelta(days=rng.randint(10, 60))
            accepted = sent + dt.timedelta(days=rng.randint(0, 5))
            referral_id = uuid.uuid4()
            out.add(
                "referrals",
                "referral.sent",
                referral_id,
                {
                    "referral_id": referral_id,
                    "kind": "transfer",
                    "client_id": client_id,
                    "enrolment_id": enrolment_id,
                    "from_user": username,
                    "from_role": role,
                    "to_user": to_user,
                    "to_role": to_role,
                    "sent_at": f"{sent}T09:00:00+02:00",
                    "sent_on": sent,
                    "response_due": sent,
                },
            )
            out.add(
                "referrals",
                "referral.accepted",
                referral_id,
                {
                    "referral_id": referral_id,
                    "kind": "transfer",
                    "from_role": role,
                    "to_role": to_role,
                    "accepted_at": f"{accepted}T09:00:00+02:00",
                    "accepted_on": accepted,
                    "working_days_to_accept": working_days_between(sent, accepted),
                },
            )
            out.add(
                "clients",
                "enrolment.coordinators_changed",
                enrolment_id,
                {
                    "enrolment_id": enrolment_id,
                    "service_line": other,
                    "coordinators": [{"username": to_user, "role": to_role}],
                    "changed_on": accepted,
                    "reason": "transfer",
                },
            )
            line, role, username = other, to_role, to_user
        ended = met + dt.timedelta(days=rng.randint(30, 400))
        review = met + dt.timedelta(days=rng.randint(60, 120))
        if review < min(ended, LAST_DAY) and rng.random() < 0.9:
            out.add(
                "clients",
                "service_plan.reviewed",
                client_id,
                {"client_id": client_id, "enrolment_id": enrolment_id, "reviewed_on": review},
            )
        if ended > LAST_DAY or rng.random() < 0.15:
            continue  # still active
        out.add(
            "clients",
            "service_plan.reviewed",
            client_id,
            {"client_id": client_id, "enrolment_id": enrolment_id, "reviewed_on": ended},
        )
        out.add(
            "clients",
            "enrolment.ended",
            enrolment_id,
            {
                "enrolment_id": enrolment_id,
                "client_id": client_id,
                "service_line": line,
                "outcome": rng.choices(outcome_codes, outcome_weights)[0],
                "ended_on": ended,
                "coordinator": username,
                "coordinator_role": role,
                "exit_form": True,
                "municipality": municipality,
                "birth_year": birth_year,
            },
        )
        if rng.random() < 0.3:
            feedback_id = uuid.uuid4()
            out.add(
                "clients",
                "feedback.given",
                feedback_id,
                {
                    "feedback_id": feedback_id,
                    "client_id": client_id,
                    "enrolment_id": enrolment_id,
                    "grade": rng.randint(6, 10),
                    "given_on": ended,
                    "coordinator": username,
                },
            )
    _employers(out, rng, employer_ids, coordinators)
    _recruitment_events(out, rng, scale, employer_ids, reached)
    return out


def _placements(
    out: Outboxes,
    rng: random.Random,
    client_id: uuid.UUID,
    enrolment_id: uuid.UUID,
    met: dt.date,
    username: str,
    role: str,
    employer_ids: list[uuid.UUID],
    openings: list[tuple[uuid.UUID, uuid.UUID]],
) -> None:
    """Self-assessments, an active-service period and a job referral, for some clients."""
    if rng.random() < 0.4:
        for n, on in enumerate((met, met + dt.timedelta(days=rng.randint(60, 240)))):
            out.add(
                "clients",
                "work_ability_assessment.recorded",
                uuid.uuid4(),
                {
                    "client_id": client_id,
                    "assessment_id": uuid.uuid4(),
                    "recorded_on": on,
                    "overall": rng.randint(2, 9) + n,
                },
            )
    if rng.random() < 0.2:
        period_id = uuid.uuid4()
        starts_on = met + dt.timedelta(days=rng.randint(20, 200))
        kind = rng.choice(("wage_subsidy", "work_trial", "job_coaching"))
        out.add(
            "clients",
            "service_period.started",
            period_id,
            {
                "period_id": period_id,
                "client_id": client_id,
                "enrolment_id": enrolment_id,
                "kind": kind,
                "starts_on": starts_on,
                "planned_end_on": starts_on + dt.timedelta(days=180),
                "ends_on": None,
                "employer_id": rng.choice(employer_ids) if kind != "job_coaching" else None,
                "partner_id": None,
                "hours_per_week": 30,
                "subsidy_percent": 50 if kind == "wage_subsidy" else None,
            },
        )
    if rng.random() < 0.15:
        employer_id, opening_id = rng.choice(openings)
        referral_id = uuid.uuid4()
        sent = met + dt.timedelta(days=rng.randint(5, 90))
        out.add(
            "referrals",
            "referral.sent",
            referral_id,
            {
                "referral_id": referral_id,
                "kind": "job",
                "client_id": client_id,
                "enrolment_id": enrolment_id,
                "from_user": username,
                "from_role": role,
                "to_user": None,
                "to_role": None,
                "opening_id": opening_id,
                "sent_at": f"{sent}T09:00:00+02:00",
                "sent_on": sent,
                "response_due": add_working_days(sent, 10),
            },
        )
        if rng.random() < 0.5:
            out.add(
                "referrals",
                "referral.stage_changed",
                referral_id,
                {"referral_id": referral_id, "stage": "presented"},
            )
        if rng.random() < 0.3:
            hire_id = uuid.uuid4()
            out.add(
                "employers",
                "hire.recorded",
                hire_id,
                {
                    "hire_id": hire_id,
                    "referral_id": referral_id,
                    "opening_id": opening_id,
                    "employer_id": employer_id,
                    "lead_id": None,
                    "client_id": client_id,
                    "hired_on": sent + dt.timedelta(days=rng.randint(5, 120)),
                },
            )


def _recruitment_events(
    out: Outboxes,
    rng: random.Random,
    scale: float,
    employer_ids: list[uuid.UUID],
    clients: list[uuid.UUID],
) -> None:
    for _ in range(max(1, int(2_000 * scale))):
        event_id = uuid.uuid4()
        out.add(
            "employers",
            "recruitment_event.recorded",
            event_id,
            {
                "event_id": event_id,
                "kind": rng.choice(EVENT_KINDS),
                "on": _day(rng),
                "employer_ids": rng.sample(employer_ids, min(len(employer_ids), rng.randint(1, 5))),
                "jobseekers_attended": rng.choice((None, rng.randint(5, 60))),
            },
        )
        for client_id in rng.sample(clients, min(len(clients), rng.randint(0, 20))):
            for kind, came in (("client_invited", False), ("attendance_recorded", True)):
                out.add(
                    "employers",
                    f"recruitment_event.{kind}",
                    event_id,
                    {"event_id": event_id, "client_id": client_id, "attended": came},
                )


def _employers(
    out: Outboxes, rng: random.Random, employer_ids: list[uuid.UUID], coordinators: int
) -> None:
    for n, employer_id in enumerate(employer_ids):
        industry = rng.choice(INDUSTRIES)
        first = _day(rng)
        sector = _weighted(rng, SECTORS)
        out.add(
            "employers",
            "employer.created",
            employer_id,
            {
                "employer_id": employer_id,
                "industry": industry,
                "municipality": rng.choice(MUNICIPALITIES),
                "size_class": "small",
                "status": "prospect",
                "sector": sector,
                "sector_since": first,
            },
        )
        by = f"bu{rng.randrange(coordinators // 2)}"
        for _ in range(3):
            activity_id = uuid.uuid4()
            out.add(
                "employers",
                "employer.activity_recorded",
                activity_id,
                {
                    "activity_id": activity_id,
                    "employer_id": employer_id,
                    "kind": "call",
                    "at": f"{_day(rng)}T10:00:00+02:00",
                    "by": by,
                },
            )
        if n % 3 == 0:
            out.add(
                "employers",
                "employer.status_changed",
                employer_id,
                {
                    "employer_id": employer_id,
                    "industry": industry,
                    "status": "partner",
                    "changed_on": first,
                    "network_member": True,
                    "sector": sector,
                    "sector_since": first,
                },
            )
        lead_id = uuid.uuid4()
        out.add(
            "employers",
            "lead.received",
            lead_id,
            {
                "lead_id": lead_id,
                "employer_id": employer_id,
                "source": "ladec",
                "received_at": f"{first}T10:00:00+02:00",
                "received_on": first,
                "contact_due": add_working_days(first, 3),
                "coordinator": by,
                "industry": industry,
                "municipality": "Lahti",
                "positions": 1,
            },
        )
        contacted = first + dt.timedelta(days=rng.randint(0, 6))
        out.add(
            "employers",
            "lead.contacted",
            lead_id,
            {"lead_id": lead_id, "contacted_on": contacted, "by": by},
        )
        out.add(
            "employers",
            "lead.closed",
            lead_id,
            {
                "lead_id": lead_id,
                "reason": rng.choice(("hired", "no_hire", "hired_elsewhere", "withdrawn")),
                "closed_on": contacted + dt.timedelta(days=30),
                "by": by,
            },
        )


# --- databases --------------------------------------------------------------------------


def _database_url(base: str, name: str) -> str:
    return make_url(base).set(database=name).render_as_string(hide_password=False)


def _dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def _recreate(base: str, names: list[str]) -> None:
    admin = await asyncpg.connect(_dsn(base))
    try:
        for name in names:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()


async def _fill_outbox(url: str, rows: list[tuple[Any, ...]]) -> None:
    connection = await asyncpg.connect(_dsn(url))
    try:
        await connection.execute(
            "CREATE TABLE outbox (seq BIGSERIAL PRIMARY KEY, id UUID NOT NULL UNIQUE, "
            "type VARCHAR(100) NOT NULL, occurred_at TIMESTAMPTZ NOT NULL, "
            "subject_id VARCHAR(64) NOT NULL, data JSON NOT NULL)"
        )
        for chunk in _chunks(rows, 100_000):
            await connection.copy_records_to_table(
                "outbox",
                records=chunk,
                columns=["seq", "id", "type", "occurred_at", "subject_id", "data"],
            )
        await connection.execute("SELECT setval('outbox_seq_seq', (SELECT max(seq) FROM outbox))")
        await connection.execute("ANALYZE outbox")
    finally:
        await connection.close()


def _chunks(rows: list[tuple[Any, ...]], size: int) -> Iterator[list[tuple[Any, ...]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


# --- the apps ---------------------------------------------------------------------------


def _feed_app(name: str, url: str, issuer: str, jwks: dict[str, Any]) -> FastAPI:
    settings = ServiceSettings(
        env="test",
        database_url=url,
        issuer=issuer,
        service_name=f"{name}-feed",
        log_level="WARNING",
    )

    async def fetch_jwks() -> dict[str, Any]:
        return jwks

    return create_service_app(
        settings,
        title=f"{name} feed",
        description="The source outbox and its feed",
        routers=[],
        outbox=_outbox,
        jwks_fetcher=fetch_jwks,
    )


def serve_feed(source: str, url: str, port: int, issuer: str, jwks_path: str) -> None:
    """One stand-in source process (`--serve-feed`): the feed router over its outbox."""
    jwks = json.loads(Path(jwks_path).read_text())
    uvicorn.run(
        _feed_app(source, url, issuer, jwks),
        host="127.0.0.1",
        port=port,
        loop="uvloop",
        http="httptools",
        access_log=False,
        log_level="warning",
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _spawn_feeds(
    urls: dict[str, str], issuer: str, jwks_path: Path
) -> tuple[dict[str, str], list[subprocess.Popen[bytes]]]:
    bases: dict[str, str] = {}
    processes = []
    for source in SOURCES:
        port = _free_port()
        command = [sys.executable, "-m", "bench.metrics_bench", "--serve-feed", source]
        command += ["--database-url", urls[source], "--port", str(port)]
        command += ["--issuer", issuer, "--jwks-file", str(jwks_path)]
        processes.append(subprocess.Popen(command, cwd=ROOT))
        bases[source] = f"http://127.0.0.1:{port}"
    return bases, processes


async def _wait_ready(bases: dict[str, str]) -> None:
    async with httpx.AsyncClient() as client:
        for base in bases.values():
            for _ in range(300):
                with contextlib.suppress(httpx.HTTPError):
                    if (await client.get(f"{base}/readyz")).status_code == 200:
                        break
                await asyncio.sleep(0.1)
            else:
                raise RuntimeError(f"the feed at {base} did not start")


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(timeout=10)


async def _vacuum_analyze(url: str) -> None:
    """After the bulk catch-up, what autovacuum does after a large insert: the visibility
    map lets the indicator queries answer from their covering indexes alone."""
    connection = await asyncpg.connect(_dsn(url))
    try:
        await connection.execute("VACUUM ANALYZE")
    finally:
        await connection.close()


async def _autovacuum_is_off(url: str) -> bool:
    connection = await asyncpg.connect(_dsn(url))
    try:
        return bool(await connection.fetchval("SELECT current_setting('autovacuum') = 'off'"))
    finally:
        await connection.close()


async def _analyze_now_and_then(url: str, every_seconds: float) -> None:
    """What autovacuum's ANALYZE does on a server that runs it: keeps the read model's
    statistics current while it grows, so the planner keeps using its indexes."""
    connection = await asyncpg.connect(_dsn(url))
    try:
        while True:
            await asyncio.sleep(every_seconds)
            await connection.execute("ANALYZE")
    finally:
        await connection.close()


def _percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _load() -> str:
    return "load average " + ", ".join(f"{v:.2f}" for v in os.getloadavg())


async def _prepare(base_url: str, urls: dict[str, str], scale: float) -> None:
    started = time.perf_counter()
    history = generate(scale)
    total = history.count()
    print(
        f"generated {total:,} events ({int(300_000 * scale):,} clients) "
        f"in {time.perf_counter() - started:.1f} s"
    )
    await _recreate(base_url, [make_url(u).database or "" for u in urls.values()])
    started = time.perf_counter()
    for source in SOURCES:
        await _fill_outbox(urls[source], history.rows[source])
    print(
        f"pre-filled the outboxes with COPY in {time.perf_counter() - started:.1f} s "
        + ", ".join(f"{s} {len(history.rows[s]):,}" for s in SOURCES)
    )
    del history
    await asyncio.to_thread(upgrade, "services.metrics", urls["metrics"])


async def _ingest(urls: dict[str, str], settings: MetricsSettings, issuer: TestTokenIssuer) -> None:
    with tempfile.TemporaryDirectory() as folder:
        jwks_path = Path(folder) / "jwks.json"
        jwks_path.write_text(json.dumps(await issuer.fetch_jwks()))
        bases, processes = _spawn_feeds(urls, issuer.issuer, jwks_path)
        try:
            await _wait_ready(bases)
            settings = settings.model_copy(
                update={
                    "clients_url": bases["clients"],
                    "employers_url": bases["employers"],
                    "referrals_url": bases["referrals"],
                }
            )
            metrics = create_app(settings, jwks_fetcher=issuer.fetch_jwks)
            async with LifespanManager(metrics):
                metrics.state.machine_tokens = StaticTokenSource(issuer, "svc-metrics")
                analyzer = None
                if await _autovacuum_is_off(urls["metrics"]):
                    print("autovacuum is off on this server: the bench runs ANALYZE every 5 s")
                    analyzer = asyncio.create_task(_analyze_now_and_then(urls["metrics"], 5.0))
                print(f"ingesting ({_load()})")
                started = time.perf_counter()
                try:
                    report = await ingestion.catch_up(metrics)
                finally:
                    if analyzer is not None:
                        analyzer.cancel()
                        with contextlib.suppress(asyncio.CancelledError):
                            await analyzer
                elapsed = time.perf_counter() - started
        finally:
            _stop(processes)
    ingested = sum(s.ingested for s in report.sources)
    assert all(s.status == "ok" for s in report.sources), report
    print(
        f"ingested {ingested:,} events in {elapsed:.1f} s: {ingested / elapsed:,.0f} events/s "
        f"(feeds in 3 uvicorn processes over HTTP, batches of "
        f"{settings.ingest_batch_size}; {_load()})"
    )


async def _time_queries(app: Any, issuer: TestTokenIssuer, queries: int, year: int) -> None:
    headers = issuer.staff_headers("lead", "team_lead")
    params = {"from": f"{year}-01-01", "to": f"{year}-12-31", "group_by": "month"}
    transport = httpx.ASGITransport(app)
    async with httpx.AsyncClient(transport=transport, base_url="http://metrics.bench") as client:
        print(
            f"\nindicator queries, {year}-01-01..{year}-12-31 grouped by month, "
            f"{queries} runs each after {WARM_UP_RUNS} unmeasured (ms; {_load()})"
        )
        print(f"{'indicator':<26}{'rows':>6}{'p50':>9}{'p95':>9}")
        for indicator in INDICATORS:
            # Two unmeasured runs first: the p95 is of a warm service (plans and pages
            # cached, as after the first BI refresh of the day), not of its first request.
            for _ in range(WARM_UP_RUNS):
                await client.get(f"/api/v1/metrics/{indicator.id}", params=params, headers=headers)
            samples = []
            rows = 0
            for _ in range(queries):
                began = time.perf_counter()
                response = await client.get(
                    f"/api/v1/metrics/{indicator.id}", params=params, headers=headers
                )
                samples.append((time.perf_counter() - began) * 1000)
                assert response.status_code == 200, response.text
                rows = len(response.json()["rows"])
            print(
                f"{indicator.id:<26}{rows:>6}{statistics.median(samples):>9.1f}"
                f"{_percentile(samples, 0.95):>9.1f}"
            )
    print(f"done ({_load()})")


async def run(base_url: str, scale: float, queries: int, year: int, reuse: bool) -> None:
    names = {s: f"polku_metricsbench_{s}" for s in (*SOURCES, "metrics")}
    urls = {s: _database_url(base_url, n) for s, n in names.items()}
    if not reuse:
        await _prepare(base_url, urls, scale)
    issuer = TestTokenIssuer()
    settings = MetricsSettings(
        env="test",
        log_level="WARNING",
        database_url=urls["metrics"],
        issuer=issuer.issuer,
        ingest_enabled=False,
    )
    if not reuse:
        await _ingest(urls, settings, issuer)
        await _vacuum_analyze(urls["metrics"])
    metrics = create_app(settings, jwks_fetcher=issuer.fetch_jwks)
    async with LifespanManager(metrics) as manager:
        await _time_queries(manager.app, issuer, queries, year)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.metrics_bench")
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 300,000 clients")
    parser.add_argument("--queries", type=int, default=30, help="runs per indicator")
    parser.add_argument("--year", type=int, default=2025, help="the one-year range queried")
    parser.add_argument("--reuse", action="store_true", help="only time the queries again")
    parser.add_argument(
        "--database-url", default=os.environ.get("POLKU_BENCH_DATABASE_URL", DEFAULT_URL)
    )
    # Internal: one stand-in feed process.
    parser.add_argument("--serve-feed", choices=SOURCES, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--issuer", help=argparse.SUPPRESS)
    parser.add_argument("--jwks-file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_feed:
        serve_feed(args.serve_feed, args.database_url, args.port, args.issuer, args.jwks_file)
        return
    logging.getLogger("httpx").setLevel(logging.WARNING)
    asyncio.run(run(args.database_url, args.scale, args.queries, args.year, args.reuse))


if __name__ == "__main__":
    main()
