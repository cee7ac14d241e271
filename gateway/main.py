"""The gateway application: identity, admin, health, the SPA, and the proxy in front."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
from fastapi import FastAPI

from gateway.config import GatewaySettings
from gateway.identity import service as identity_service
from gateway.identity.routes import admin as admin_router
from gateway.identity.routes import public as identity_router
from gateway.identity.service import Identity
from gateway.proxy import BodyLimits, GatewayApp, Proxy, close_session, new_upstream_session
from gateway.ratelimit import TokenBuckets
from gateway.spa import spa_router
from services.common.auth import RevocationList, Revocations, TokenVerifier
from services.common.db import Database
from services.common.errors import install_error_handlers
from services.common.observability import (
    TrustedProxies,
    configure_logging,
    install_observability,
)
from services.common.openapi import document_problems
from services.common.signing import SigningKey


def load_signing_key(settings: GatewaySettings) -> SigningKey:
    if settings.signing_key_pem is not None:
        return SigningKey(settings.signing_key_pem.get_secret_value().encode())
    return SigningKey.load_or_create(Path(settings.signing_key_path))


def create_api(settings: GatewaySettings, *, signing_key: SigningKey | None = None) -> FastAPI:
    configure_logging("gateway", settings.log_level)
    key = signing_key or load_signing_key(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.database = Database(settings.database_url)

        async def own_jwks() -> dict[str, Any]:
            return {"keys": [key.public_jwk()]}

        async def own_revocations() -> Revocations:
            # From the database, which every gateway replica shares; no HTTP to itself.
            async with app.state.database.transaction() as session:
                found = await identity_service.revocations(session, settings)
            return identity_service.as_revocations(found)

        verifier = TokenVerifier(
            issuer=settings.issuer,
            audience=settings.audience,
            fetch_jwks=own_jwks,
            revocations=RevocationList(
                own_revocations,
                refresh_seconds=settings.revocation_refresh_seconds,
                max_age_seconds=settings.revocation_max_age_seconds,
            ),
        )
        app.state.token_verifier = verifier
        app.state.identity = Identity.create(settings, key)
        session = new_upstream_session(settings.upstream_pool_size)
        app.state.proxy = Proxy(
            routes=settings.routes,
            verifier=verifier,
            session=session,
            machine_buckets=TokenBuckets(settings.machine_rate_per_second, settings.machine_burst),
            anonymous_buckets=TokenBuckets(
                settings.anonymous_rate_per_second, settings.anonymous_burst
            ),
            timeout=aiohttp.ClientTimeout(
                total=settings.upstream_timeout_seconds,
                sock_connect=settings.upstream_connect_timeout_seconds,
            ),
            trusted_proxies=TrustedProxies(settings.trusted_proxies),
            body_limits=BodyLimits(settings.max_body_bytes, settings.body_limits),
        )
        try:
            yield
        finally:
            await verifier.aclose()
            await close_session(session)
            await app.state.database.dispose()

    app = FastAPI(
        title="Polku gateway",
        description="Identity (sign-in, tokens, JWKS), administration of users and machine "
        "clients, and the single origin that routes /api/v1/<segment>/… to the services.",
        version="1.0.0",
        lifespan=lifespan,
        redoc_url=None,
    )
    app.state.settings = settings
    install_error_handlers(app)
    document_problems(app)
    # The gateway is where request ids are born: whatever a caller (or the edge, which
    # passes the caller's on) sends is only logged beside the one it makes.
    install_observability(
        app, "gateway", trusted_proxies=settings.trusted_proxies, accept_request_ids=False
    )
    app.include_router(identity_router)
    app.include_router(admin_router)
    app.include_router(spa_router(settings.spa_dir))
    return app


def create_app(settings: GatewaySettings | None = None) -> GatewayApp:
    return GatewayApp(create_api(settings or GatewaySettings()))
