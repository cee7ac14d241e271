"""The clients service application."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from services.clients.access.routes import router as access_router
from services.clients.catalogue.routes import router as catalogue_router
from services.clients.config import ClientsSettings
from services.clients.imports.routes import router as imports_router
from services.clients.internal.routes import router as internal_router
from services.clients.models import outbox
from services.clients.overview.routes import router as overview_router
from services.clients.pathway.routes import reassignments_router
from services.clients.pathway.routes import router as pathway_router
from services.clients.people.routes import router as people_router
from services.clients.records.routes import router as records_router
from services.clients.registrations.routes import router as registrations_router
from services.clients.registrations.service import RateLimiter
from services.clients.service_periods.routes import fixed_router as service_periods_fixed_router
from services.clients.service_periods.routes import router as service_periods_router
from services.clients.workability.routes import fixed_router as workability_fixed_router
from services.clients.workability.routes import router as workability_router
from services.clients.worklist.routes import router as worklist_router
from services.common.app import create_service_app
from services.common.auth import JwksFetcher


def create_app(
    settings: ClientsSettings | None = None, *, jwks_fetcher: JwksFetcher | None = None
) -> FastAPI:
    settings = settings or ClientsSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.registration_limiter = RateLimiter(
            burst=settings.registration_burst,
            per_second=settings.registration_per_minute / 60,
        )
        app.state.import_tasks = set()
        try:
            yield
        finally:
            tasks: set[asyncio.Task[None]] = app.state.import_tasks
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    return create_service_app(
        settings,
        title="Polku clients service",
        description="Client pathways from referral to outcome.",
        # The fixed paths first: `/api/v1/clients/{client_id}` would shadow them.
        routers=[
            catalogue_router,
            worklist_router,
            imports_router,
            registrations_router,
            reassignments_router,
            service_periods_fixed_router,
            workability_fixed_router,
            people_router,
            overview_router,
            access_router,
            pathway_router,
            records_router,
            service_periods_router,
            workability_router,
            internal_router,
        ],
        outbox=outbox,
        jwks_fetcher=jwks_fetcher,
        lifespan=lifespan,
    )
