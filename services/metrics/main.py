"""The metrics service application."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from services.common.app import create_service_app
from services.common.auth import JwksFetcher
from services.common.http import MachineTokenProvider
from services.common.users import UserDirectory
from services.metrics.config import MetricsSettings
from services.metrics.indicators.routes import router as indicators_router
from services.metrics.ingestion import service as ingestion
from services.metrics.ingestion.routes import router as ingestion_router
from services.metrics.models import outbox

# The feeds need `events:read` besides `internal`; the platform's provider asks for
# `internal` only.
MACHINE_SCOPES = "internal events:read users:read"


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: MetricsSettings = app.state.settings
    app.state.machine_tokens = MachineTokenProvider(
        app.state.http,
        token_url=settings.token_url,
        client_id=settings.machine_client_id,
        client_secret=settings.machine_client_secret,
        scope=MACHINE_SCOPES,
    )
    app.state.users = UserDirectory(app.state.http, settings.gateway_url, app.state.machine_tokens)
    consumers = ingestion.start_consumers(app) if settings.ingest_enabled else []
    try:
        yield
    finally:
        await ingestion.stop_consumers(consumers)


def create_app(
    settings: MetricsSettings | None = None, *, jwks_fetcher: JwksFetcher | None = None
) -> FastAPI:
    return create_service_app(
        settings or MetricsSettings(),
        title="Polku metrics service",
        description="The city's figures, computed from the other services' event feeds.",
        # The catch-up route comes first: `/{indicator_id}` would match it otherwise.
        routers=[ingestion_router, indicators_router],
        outbox=outbox,
        jwks_fetcher=jwks_fetcher,
        lifespan=lifespan,
    )
