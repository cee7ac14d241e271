"""The referrals service application."""

from __future__ import annotations

from fastapi import FastAPI

from services.common.app import create_service_app
from services.common.auth import JwksFetcher
from services.referrals.background import background_work
from services.referrals.config import ReferralsSettings
from services.referrals.effects.routes import router as effects_router
from services.referrals.models import outbox
from services.referrals.partners.routes import internal_router as internal_partners_router
from services.referrals.partners.routes import router as partners_router
from services.referrals.referrals.routes import router as referrals_router
from services.referrals.subjects.routes import router as subjects_router


def create_app(
    settings: ReferralsSettings | None = None, *, jwks_fetcher: JwksFetcher | None = None
) -> FastAPI:
    return create_service_app(
        settings or ReferralsSettings(),
        title="Polku referrals service",
        description="Referrals between coordinators and out to partner services and employers.",
        # The effects list comes first: its path would otherwise parse as a referral id.
        routers=[
            effects_router,
            referrals_router,
            partners_router,
            subjects_router,
            internal_partners_router,
        ],
        outbox=outbox,
        jwks_fetcher=jwks_fetcher,
        lifespan=background_work,
    )
