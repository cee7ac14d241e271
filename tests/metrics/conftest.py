"""Fixtures of the metrics tests: a world of source feeds and the metrics service reading them.

The metrics tests drive catch-ups themselves, so the background consumer stays off. The
`world` fixture runs on the real clients, employers and referrals apps (`metrics_api`),
writing events into their outboxes. While those services are still being built and cannot
start, it falls back to stand-in feed apps serving an outbox of the same shape, and says so.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import importlib.util
import warnings
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from services.common.app import create_service_app
from services.common.db import new_metadata
from services.common.events import define_outbox
from services.common.migrations import run_coroutine_blocking
from services.common.settings import ServiceSettings
from services.common.testing import TestTokenIssuer, test_database_url
from tests.conftest import (
    POSTGRES_URL,
    ServiceApi,
    migration_module,
    service_settings,
    start_service,
)
from tests.metrics.world import Feed, World

SOURCES = ("clients", "employers", "referrals")


@pytest.fixture(autouse=True)
def _no_background_consumer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLKU_METRICS_INGEST_ENABLED", "false")


def _real_world(request: pytest.FixtureRequest) -> World:
    from services.clients.models import outbox as clients_outbox
    from services.employers.models import outbox as employers_outbox
    from services.referrals.models import outbox as referrals_outbox

    metrics: ServiceApi = request.getfixturevalue("seeded_metrics_api")
    outboxes = {
        "clients": clients_outbox,
        "employers": employers_outbox,
        "referrals": referrals_outbox,
    }
    feeds = {
        name: Feed(request.getfixturevalue(f"{name}_api").app.state.database, outboxes[name])
        for name in SOURCES
    }
    return World(feeds, metrics)


async def seed_catalogue(api: ServiceApi) -> None:
    """The migrations seed version 1 of the outcome catalogue and the reach goals; the
    fixtures empty every table before a test, so put the migrations' rows back."""
    from services.metrics.models import OutcomeRule, ReachGoal

    module = migration_module("metrics", "read_model_and_outcome_catalogue")
    rows = [
        {
            "version": 1,
            "code": code,
            "valid_from": dt.date(1970, 1, 1),
            "valid_to": None,
            "exit_form": exit_form,
            "counts_as_activation": activation,
        }
        for code, exit_form, activation in module.CATALOGUE_V1
    ]
    goals = migration_module("metrics", "monitoring_plan_facts").GOALS
    async with api.app.state.database.transaction() as session:
        await session.execute(insert(OutcomeRule), rows)
        await session.execute(insert(ReachGoal), goals)


@pytest.fixture
async def seeded_metrics_api(metrics_api: ServiceApi) -> ServiceApi:
    await seed_catalogue(metrics_api)
    return metrics_api


def _sources_start() -> str | None:
    """Why the real source services cannot start, or None when they can."""
    try:
        for name in SOURCES:
            importlib.import_module(f"services.{name}.main")
    except ImportError as exc:
        return str(exc)
    return None


# --- stand-in feeds (only while the source services cannot start) -------------------------

_stub_metadata = new_metadata()
_stub_outbox = define_outbox(_stub_metadata)


def _stub_factory(name: str) -> Callable[..., FastAPI]:
    def factory(settings: ServiceSettings, *, jwks_fetcher: Any) -> FastAPI:
        return create_service_app(
            settings,
            title=f"stand-in {name} feed",
            description="An outbox and its feed",
            routers=[],
            outbox=_stub_outbox,
            jwks_fetcher=jwks_fetcher,
        )

    return factory


def _stub_database(name: str, worker_id: str, folder: Path) -> str:
    url = test_database_url(POSTGRES_URL, f"polku_test_stub_{name}_{worker_id}", folder)

    async def create() -> None:
        engine = create_async_engine(url, poolclass=NullPool)
        async with engine.begin() as conn:
            await conn.run_sync(_stub_metadata.create_all)
        await engine.dispose()

    run_coroutine_blocking(create())
    return url


@pytest.fixture(scope="session")
def stub_database_urls(worker_id: str, db_folder: Path) -> dict[str, str]:
    return {name: _stub_database(name, worker_id, db_folder) for name in SOURCES}


async def _stub_world(
    stack: contextlib.AsyncExitStack,
    issuer: TestTokenIssuer,
    database_urls: Callable[[str], str],
    stub_urls: dict[str, str],
    gateway: ServiceApi,
) -> World:
    from services.metrics.config import MetricsSettings
    from services.metrics.main import create_app
    from services.metrics.models import Base

    async def enter(generator: AsyncIterator[ServiceApi]) -> ServiceApi:
        api = await generator.__anext__()

        async def finish() -> None:
            with contextlib.suppress(StopAsyncIteration):
                await generator.__anext__()

        stack.push_async_callback(finish)
        return api

    feeds_apps: dict[str, ServiceApi] = {}
    for name in SOURCES:
        settings = ServiceSettings(
            env="test",
            database_url=stub_urls[name],
            issuer=issuer.issuer,
            service_name=name,
            machine_client_id=f"svc-{name}",
        )
        feeds_apps[name] = await enter(
            start_service(
                factory=_stub_factory(name),
                settings=settings,
                metadata=_stub_metadata,
                issuer=issuer,
                base_url=f"http://{name}.test",
                gateway=gateway,
            )
        )
    settings = service_settings(
        MetricsSettings,
        database_urls("metrics"),
        clients_url="http://clients.test",
        employers_url="http://employers.test",
        referrals_url="http://referrals.test",
    )
    metrics = await enter(
        start_service(
            factory=create_app,
            settings=settings,
            metadata=Base.metadata,
            issuer=issuer,
            base_url="http://metrics.test",
            gateway=gateway,
            mounts={f"http://{n}.test": api.app for n, api in feeds_apps.items()},
        )
    )
    await seed_catalogue(metrics)
    feeds = {n: Feed(api.app.state.database, _stub_outbox) for n, api in feeds_apps.items()}
    return World(feeds, metrics)


@pytest.fixture
async def stub_world(
    issuer: TestTokenIssuer,
    database_urls: Callable[[str], str],
    stub_database_urls: dict[str, str],
    gateway_api: ServiceApi,
) -> AsyncIterator[World]:
    async with contextlib.AsyncExitStack() as stack:
        yield await _stub_world(stack, issuer, database_urls, stub_database_urls, gateway_api)


@pytest.fixture
def world(request: pytest.FixtureRequest) -> World:
    """Sync on purpose: it picks which async fixtures to set up."""
    reason = _sources_start()
    if reason is None:
        return _real_world(request)
    warnings.warn(
        f"metrics tests run on stand-in feeds: a source service cannot start ({reason})",
        stacklevel=1,
    )
    world: World = request.getfixturevalue("stub_world")
    return world
