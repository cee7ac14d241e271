"""The metrics service application."""

from __future__ import annotations

from fastapi import FastAPI

from services.common.app import create_service_app
from services.common.auth import JwksFetcher
from services.metrics.config import MetricsSettings
from services.metrics.indicators.routes import router as indicators_router
from services.metrics.models import outbox


def create_app(
    settings: MetricsSettings | None = None, *, jwks_fetcher: JwksFetcher | None = None
) -> FastAPI:
    return create_service_app(
        settings or MetricsSettings(),
        title="Polku metrics service",
        description="The city's figures, computed from the other services' event feeds.",
        routers=[indicators_router],
        outbox=outbox,
        jwks_fetcher=jwks_fetcher,
    )
