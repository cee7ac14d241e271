"""The consumer: restart-safe, idempotent, and patient with a source that is down
(issue 6, acceptance 2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from sqlalchemy import delete

from services.common.calendar import utcnow
from services.metrics.ingestion import service as ingestion
from services.metrics.main import create_app
from services.metrics.models import Base, OutcomeRule
from tests.metrics.pathways import build_pathways, correct_outcome, d
from tests.metrics.world import World

INDICATORS = (
    ("activation_rate", "coordinator_role"),
    ("outcomes", "outcome"),
    ("funnel", "coordinator"),
    ("contact_sla", "month"),
    ("caseload", "coordinator"),
    ("transfers", "direction"),
    ("satisfaction", "coordinator"),
    ("plan_currency", "month"),
    ("official_activation_rate", "month"),
)


class Crash(RuntimeError):
    """The process dies half-way through a batch."""


async def figures(world: World) -> list[Any]:
    return [(await world.figures(i, group_by=g))["rows"] for i, g in INDICATORS]


@asynccontextmanager
async def fresh_instance(world: World) -> AsyncIterator[FastAPI]:
    """A new metrics process on the same database, reading the same feeds."""
    running = world.metrics.app
    app = create_app(running.state.settings, jwks_fetcher=world.metrics.issuer.fetch_jwks)
    async with LifespanManager(app):
        own_http = app.state.http
        app.state.http = running.state.http
        app.state.machine_tokens = running.state.machine_tokens
        try:
            yield app
        finally:
            # The shared client belongs to the running instance; close only our own.
            app.state.http = own_http


async def forget_everything(world: World) -> None:
    """Empty the read model and the cursors (the outcome catalogue stays)."""
    async with world.metrics.app.state.database.transaction() as session:
        for table in reversed(Base.metadata.sorted_tables):
            if table.name not in (OutcomeRule.__tablename__, "alembic_version"):
                await session.execute(delete(table))


async def test_a_crash_mid_catch_up_and_a_restart_give_the_same_figures(world: World) -> None:
    pathways = await build_pathways(world)
    await correct_outcome(world, pathways)

    async def crash_in_third_batch(source: str, batch: int) -> None:
        if source == "clients" and batch == 3:
            raise Crash

    report = await ingestion.catch_up(world.metrics.app, batch_size=7, hook=crash_in_third_batch)
    clients = next(s for s in report.sources if s.source == "clients")
    assert clients.status == "unavailable"
    assert clients.cursor == 14, "two batches of seven committed, the third rolled back"

    async with fresh_instance(world) as restarted:
        again = await ingestion.catch_up(restarted, batch_size=7)
        assert all(s.status == "ok" for s in again.sources)
    after_restart = await figures(world)

    await forget_everything(world)
    await world.catch_up()
    uninterrupted = await figures(world)
    assert after_restart == uninterrupted
    assert after_restart[0] == [
        {
            "coordinator_role": "business_coordinator",
            "numerator": 1,
            "denominator": 1,
            "value": 100.0,
            "suppressed": False,
        },
        {
            "coordinator_role": "work_ability_coordinator",
            "numerator": 2,
            "denominator": 3,
            "value": 66.7,
            "suppressed": False,
        },
    ]


async def test_catch_up_in_small_batches_equals_one_big_batch(world: World) -> None:
    await build_pathways(world)
    await ingestion.catch_up(world.metrics.app, batch_size=1)
    one_by_one = await figures(world)
    await forget_everything(world)
    await world.catch_up()
    assert await figures(world) == one_by_one


async def test_a_source_that_is_down_leaves_the_figures_served(world: World) -> None:
    pathways = await build_pathways(world)
    first = await world.catch_up()
    assert {s["source"]: s["status"] for s in first["sources"]} == {
        "clients": "ok",
        "employers": "ok",
        "referrals": "ok",
    }
    before = await world.figures("funnel")

    running = world.metrics.app.state.http

    def unavailable(_: httpx.Request) -> httpx.Response:
        return httpx.Response(503)

    broken = httpx.AsyncClient(
        mounts={
            "http://clients.test": httpx.ASGITransport(world_app(world, "clients")),
            "http://employers.test": httpx.MockTransport(unavailable),
            "http://referrals.test": httpx.MockTransport(unavailable),
        }
    )
    world.metrics.app.state.http = broken
    try:
        await world.end(pathways.e[8], "employed", d(1, 10))
        started = utcnow()
        report = await world.catch_up()
    finally:
        world.metrics.app.state.http = running
        await broken.aclose()
    assert {s["source"]: (s["status"], s["ingested"]) for s in report["sources"]} == {
        "clients": ("ok", 1),
        "employers": ("unavailable", 0),
        "referrals": ("unavailable", 0),
    }
    after = await world.figures("funnel")
    assert after["rows"][0]["ended"] == before["rows"][0]["ended"] + 1
    # The figures say how old the stalest source is.
    assert after["data_as_of"] is not None
    assert dt.datetime.fromisoformat(after["data_as_of"]) < started

    recovered = await world.catch_up()
    assert all(s["status"] == "ok" for s in recovered["sources"])
    assert dt.datetime.fromisoformat((await world.figures("funnel"))["data_as_of"]) >= started


def world_app(world: World, source: str) -> FastAPI:
    """The source app the metrics service's shared client reaches at `http://<source>.test`."""
    transport = world.metrics.app.state.http._transport_for_url(httpx.URL(f"http://{source}.test/"))
    app: FastAPI = transport.app
    return app
