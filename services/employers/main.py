"""The employers service application."""

from __future__ import annotations

from fastapi import FastAPI

from services.common.app import create_service_app
from services.common.auth import JwksFetcher
from services.employers.activities.routes import router as activities_router
from services.employers.config import EmployersSettings
from services.employers.employers.routes import internal_router as internal_employers_router
from services.employers.employers.routes import router as employers_router
from services.employers.hires.routes import internal_router as internal_hires_router
from services.employers.hires.routes import router as hires_router
from services.employers.industries.routes import router as industries_router
from services.employers.leads.routes import internal_router as internal_leads_router
from services.employers.leads.routes import router as leads_router
from services.employers.models import outbox
from services.employers.openings.routes import internal_router as internal_openings_router
from services.employers.openings.routes import router as openings_router
from services.employers.recruitment_events.routes import router as recruitment_events_router


def create_app(
    settings: EmployersSettings | None = None, *, jwks_fetcher: JwksFetcher | None = None
) -> FastAPI:
    return create_service_app(
        settings or EmployersSettings(),
        title="Polku employers service",
        description="The employer CRM and the Rekrypiste desk.",
        # Fixed paths (/employers/industries, /employers/openings) before /employers/{id}.
        routers=[
            industries_router,
            openings_router,
            employers_router,
            activities_router,
            leads_router,
            recruitment_events_router,
            hires_router,
            internal_leads_router,
            internal_openings_router,
            internal_hires_router,
            internal_employers_router,
        ],
        outbox=outbox,
        jwks_fetcher=jwks_fetcher,
    )
