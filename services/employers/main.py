"""The employers service application."""

from __future__ import annotations

from fastapi import FastAPI

from services.common.app import create_service_app
from services.common.auth import JwksFetcher
from services.employers.config import EmployersSettings
from services.employers.industries.routes import router as industries_router
from services.employers.models import outbox


def create_app(
    settings: EmployersSettings | None = None, *, jwks_fetcher: JwksFetcher | None = None
) -> FastAPI:
    return create_service_app(
        settings or EmployersSettings(),
        title="Polku employers service",
        description="The employer CRM and the Rekrypiste desk.",
        routers=[industries_router],
        outbox=outbox,
        jwks_fetcher=jwks_fetcher,
    )
