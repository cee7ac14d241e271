"""The notifications service application."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from services.common.app import create_service_app
from services.common.auth import JwksFetcher
from services.common.calendar import utcnow
from services.notifications import scheduler
from services.notifications.calendar.routes import router as calendar_router
from services.notifications.config import NotificationsSettings
from services.notifications.feeds.routes import router as feeds_router
from services.notifications.inbox.routes import router as inbox_router
from services.notifications.mail.routes import router as mail_router
from services.notifications.models import outbox
from services.notifications.preferences.routes import router as preferences_router
from services.notifications.subjects.routes import router as subjects_router
from services.notifications.texts.routes import router as texts_router

# The feeds need `events:read` and the contact details `users:read`, besides `internal`.
MACHINE_SCOPES = "internal events:read users:read"


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: NotificationsSettings = app.state.settings
    app.state.clock = utcnow
    app.state.mailer = scheduler.mailer_for(settings)
    app.state.texter = scheduler.texter_for(settings, app.state)
    task = scheduler.start(app) if settings.background_enabled else None
    try:
        yield
    finally:
        await scheduler.stop(task)


def create_app(
    settings: NotificationsSettings | None = None, *, jwks_fetcher: JwksFetcher | None = None
) -> FastAPI:
    return create_service_app(
        settings or NotificationsSettings(),
        title="Polku notifications service",
        description="What needs each person's attention: in the app, by e-mail at once or "
        "in a daily digest. Follows the other services' event feeds; keeps ids only.",
        # The fixed paths come before `/{notification_id}/…`.
        routers=[
            feeds_router,
            mail_router,
            preferences_router,
            texts_router,
            calendar_router,
            inbox_router,
            subjects_router,
        ],
        outbox=outbox,
        jwks_fetcher=jwks_fetcher,
        lifespan=lifespan,
        machine_scopes=MACHINE_SCOPES,
    )
