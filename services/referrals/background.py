"""The service's background work: expire unanswered referrals, retry pending effects and
deliver reads of client data to the clients service's access log.

Expiry runs here rather than at read time so that the `referral.expired` event and the
access revocation happen even when nobody looks at the referral.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import structlog
from fastapi import FastAPI

from services.common.errors import ServiceUnavailable
from services.common.remote import RemoteRefusal
from services.referrals.collaborators import collaborators_of
from services.referrals.config import ReferralsSettings
from services.referrals.effects import service as effects
from services.referrals.referrals import service as referrals

_log = structlog.get_logger("polku.referrals.background")


async def run_background_pass(app: FastAPI) -> int:
    """One pass: expire, then apply due effects. Returns how many effects it applied."""
    database = app.state.database
    settings: ReferralsSettings = app.state.settings
    collaborators = collaborators_of(app)
    async with database.transaction() as session:
        await referrals.expire_overdue(session, settings)
    applied = await effects.apply_due_effects(
        database, collaborators, on_refused=referrals.reopen_if_refused
    )
    try:
        await effects.deliver_access_reports(database, collaborators)
    except (ServiceUnavailable, RemoteRefusal) as exc:
        # Kept and sent on the next pass: a read is never lost from the client's story.
        _log.info("access_reports_waiting", reason=str(exc)[:200])
    return applied


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
