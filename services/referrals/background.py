"""The service's background work: expire unanswered referrals and retry pending effects.

Expiry runs here rather than at read time so that the `referral.expired` event and the
access revocation happen even when nobody looks at the referral.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import structlog
from fastapi import FastAPI

from services.referrals.collaborators import collaborators_of
from services.referrals.config import ReferralsSettings
from services.referrals.effects import service as effects
from services.referrals.referrals import service as referrals

_log = structlog.get_logger("polku.referrals.background")


async def run_background_pass(app: FastAPI) -> int:
    """One pass: expire, then apply due effects. Returns how many effects it applied."""
    database = app.state.database
    settings: ReferralsSettings = app.state.settings
    async with database.transaction() as session:
        await referrals.expire_overdue(session, settings)
    return await effects.apply_due_effects(database, collaborators_of(app))


async def _loop(app: FastAPI, interval: float) -> None:
    while True:
        await asyncio.sleep(interval)
        try:
            await run_background_pass(app)
        except Exception as exc:  # one bad pass must not stop the retrier for good
            _log.error("background_pass_failed", exc_type=type(exc).__name__, exc_info=exc)


@contextlib.asynccontextmanager
async def background_work(app: FastAPI) -> AsyncIterator[None]:
    settings: ReferralsSettings = app.state.settings
    task = asyncio.create_task(_loop(app, settings.background_interval_seconds))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
