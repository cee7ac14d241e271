"""The clients service application."""

from __future__ import annotations

from fastapi import FastAPI

from services.clients.catalogue.routes import router as catalogue_router
from services.clients.config import ClientsSettings
from services.clients.models import outbox
from services.common.app import create_service_app
from services.common.auth import JwksFetcher


def create_app(
    settings: ClientsSettings | None = None, *, jwks_fetcher: JwksFetcher | None = None
) -> FastAPI:
    return create_service_app(
        settings or ClientsSettings(),
        title="Polku clients service",
        description="Client pathways from referral to outcome.",
        routers=[catalogue_router],
        outbox=outbox,
        jwks_fetcher=jwks_fetcher,
    )
