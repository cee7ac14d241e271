"""The timed work of one replica: follow the feeds, find the deadlines, send the mail, the
clients' text reminders and the calendar invitations.

Every replica runs it; the database decides who sends what (the cursors and the mail
claims), so running it twice sends nothing twice.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import structlog
from fastapi import FastAPI

from services.notifications.calendar import service as calendar
from services.notifications.config import NotificationsSettings
from services.notifications.feeds import service as feeds
from services.notifications.mail import service as mail
from services.notifications.mailer import MaildirMailer, Mailer, SmtpMailer
from services.notifications.texts import service as texts

_log = structlog.get_logger("polku.notifications.scheduler")


def mailer_for(settings: NotificationsSettings) -> Mailer:
    if settings.smtp_host:
        return SmtpMailer(settings)
    return MaildirMailer(settings.maildir)


def texter_for(settings: NotificationsSettings, state: Any) -> texts.TextProvider | None:
    if settings.sms_url:
        return texts.HttpTextProvider(settings, state)
    if settings.env == "production":
        # Clients' numbers are not written to a container's disk: no gateway, no reminders.
        return None
    return texts.FolderTextProvider(settings.texts_folder)


async def run_once(app: FastAPI) -> None:
    await feeds.catch_up(app)
    await feeds.sweep_due(app)
    await mail.send_mail(app)
    await texts.send_reminders(app)
    await calendar.send_invitations(app)


async def _loop(app: FastAPI) -> None:
    settings: NotificationsSettings = app.state.settings
    delay = settings.poll_seconds
    while True:
        try:
            await run_once(app)
            delay = settings.poll_seconds
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            # A source, the identity service or the mail server is down: back off.
            delay = min(delay * 2, settings.max_backoff_seconds)
            _log.warning("timed_work_failed", retry_in=delay, error=type(exc).__name__)
        await asyncio.sleep(delay)


def start(app: FastAPI) -> asyncio.Task[None]:
    return asyncio.create_task(_loop(app), name="notifications-timed-work")


async def stop(task: asyncio.Task[None] | None) -> None:
    if task is None:
        return
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
