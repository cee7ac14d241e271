"""The application factory every domain service uses.

It wires what all services share — errors, request ids, health, metrics, token
verification, the event feed, the database and the outgoing HTTP client — so a service's
`create_app()` only names its routers and its own background work.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI
from sqlalchemy import Table

from services.common.auth import JwksFetcher, RevocationList, Revocations, TokenVerifier
from services.common.db import Database
from services.common.errors import install_error_handlers
from services.common.events import events_router
from services.common.http import MachineTokenProvider, new_http_client
from services.common.observability import configure_logging, install_observability
from services.common.openapi import document_problems
from services.common.settings import ServiceSettings
from services.common.users import UserDirectory

Lifespan = Callable[[FastAPI], AbstractAsyncContextManager[None]]


def _jwks_over_http(app: FastAPI, url: str) -> JwksFetcher:
    async def fetch() -> dict[str, Any]:
        response = await app.state.http.get(url)
        response.raise_for_status()
        body: dict[str, Any] = response.json()
        return body

    return fetch


def revocations_from_gateway(app: FastAPI, settings: ServiceSettings) -> RevocationList:
    """The gateway's revocation list, fetched with this service's own machine token (whose
    issue needs no revocation list, so a service can always start)."""

    async def fetch() -> Revocations:
        users: UserDirectory = app.state.users
        return await users.revocations()

    return RevocationList(
        fetch,
        refresh_seconds=settings.revocation_refresh_seconds,
        max_age_seconds=settings.revocation_max_age_seconds,
    )


def create_service_app(
    settings: ServiceSettings,
    *,
    title: str,
    description: str,
    routers: Sequence[APIRouter],
    outbox: Table,
    jwks_fetcher: JwksFetcher | None = None,
    lifespan: Lifespan | None = None,
    machine_scopes: str | None = None,
) -> FastAPI:
    """`machine_scopes`: what the service's own token asks for (None: every scope its
    machine client holds)."""
    configure_logging(settings.service_name, settings.log_level)

    @asynccontextmanager
    async def app_lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.database = Database(settings.database_url)
        app.state.http = new_http_client(
            connect_timeout=settings.http_connect_timeout_seconds,
            read_timeout=settings.http_read_timeout_seconds,
        )
        # A test or bench that brings its own signing key has no gateway to ask about
        # revocations; a deployment always takes both from the gateway.
        app.state.token_verifier = TokenVerifier(
            issuer=settings.issuer,
            audience=settings.audience,
            fetch_jwks=jwks_fetcher or _jwks_over_http(app, settings.jwks_url),
            revocations=revocations_from_gateway(app, settings) if jwks_fetcher is None else None,
        )
        app.state.machine_tokens = MachineTokenProvider(
            app.state.http,
            token_url=settings.token_url,
            client_id=settings.machine_client_id,
            client_secret=settings.machine_client_secret,
            scope=machine_scopes,
        )
        app.state.users = UserDirectory(
            app.state.http, settings.gateway_url, app.state.machine_tokens
        )
        try:
            if lifespan is None:
                yield
            else:
                async with lifespan(app):
                    yield
        finally:
            await app.state.token_verifier.aclose()
            await app.state.http.aclose()
            await app.state.database.dispose()

    app = FastAPI(
        title=title,
        description=description,
        version="1.0.0",
        lifespan=app_lifespan,
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    install_error_handlers(app)
    document_problems(app)
    install_observability(app, settings.service_name, trusted_proxies=settings.trusted_proxies)
    app.include_router(events_router(outbox))
    for router in routers:
        app.include_router(router)
    return app
