"""Text reminders to clients of their booked meetings.

The clients service decides who may get one (a phone number, the `text_reminders` consent,
no non-disclosure unless the coordinator confirmed the meeting) and answers with the time,
the place, the number and the language only. Here each reminder is claimed by its meeting
and start in the transaction that sends it, so two replicas send it once and a moved meeting
is reminded again; nothing but the claim is kept. The message says the time (Helsinki) and
the place in the client's language, Finnish when there is no template for it, and who sends
it: never a name or anything of the client's case.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from pathlib import Path
from typing import Any, Protocol

import httpx
import structlog
from fastapi import FastAPI

from services.common.calendar import HELSINKI
from services.notifications.clock import now_of
from services.notifications.config import NotificationsSettings
from services.notifications.remote_api import TextReminder, clients_api
from services.notifications.texts import repository
from services.notifications.texts.schemas import GatewayMessage, TextRunRead

_log = structlog.get_logger("polku.notifications.texts")


class TextProvider(Protocol):
    async def send(self, to: str, text: str) -> None: ...


class TextSendFailed(RuntimeError):
    """The gateway did not take the message; its claim rolls back and the next round tries
    again."""


class HttpTextProvider:
    """A Finnish SMS gateway's REST call: `POST SMS_URL` with a bearer token and the JSON
    body of `GatewayMessage`."""

    def __init__(self, settings: NotificationsSettings, state: Any) -> None:
        assert settings.sms_url is not None
        self.settings = settings
        # The service's shared client, looked up per message: tests swap it after startup.
        self.state = state

    async def send(self, to: str, text: str) -> None:
        s = self.settings
        assert s.sms_url is not None
        headers = (
            {"Authorization": f"Bearer {s.sms_token.get_secret_value()}"} if s.sms_token else {}
        )
        body = GatewayMessage(sender=s.sms_sender, destination=to, text=text)
        http: httpx.AsyncClient = self.state.http
        try:
            response = await http.post(
                s.sms_url,
                json=body.model_dump(),
                headers=headers,
                timeout=s.sms_timeout_seconds,
            )
        except httpx.HTTPError as exc:
            raise TextSendFailed(type(exc).__name__) from exc
        if not response.is_success:
            raise TextSendFailed(f"the SMS gateway answered {response.status_code}")


class FolderTextProvider:
    """The embedded default: each message a file in `var/texts/` that a developer can read
    (as the maildir does for e-mail). Written under a temporary name and renamed, so a
    reader never sees half a message."""

    def __init__(self, folder: str) -> None:
        self.folder = Path(folder)

    def _write(self, to: str, text: str, at: dt.datetime) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"{at.strftime('%Y%m%dT%H%M%S.%fZ')}-{uuid.uuid4().hex[:8]}.txt"
        temporary = self.folder / f".{name}.tmp"
        temporary.write_text(f"To: {to}\nDate: {at.isoformat()}\n\n{text}\n", encoding="utf-8")
        temporary.replace(self.folder / name)

    async def send(self, to: str, text: str) -> None:
        await asyncio.to_thread(self._write, to, text, dt.datetime.now(dt.UTC))


# Per language: the weekdays from Monday, how a time reads, the message, a missing place,
# and the sender's name. A language without a template gets Finnish.
TEMPLATES: dict[str, dict[str, Any]] = {
    "fi": {
        "weekdays": ("ma", "ti", "ke", "to", "pe", "la", "su"),
        "when": "{weekday} {day}.{month}. klo {hour}.{minute:02d}",
        "message": "Muistutus tapaamisesta {when}.\nPaikka: {place}\n{sender}",
        "no_place": "ei ilmoitettu",
        "sender": "Työllisyyspalvelut",
    },
    "sv": {
        "weekdays": ("mån", "tis", "ons", "tors", "fre", "lör", "sön"),
        "when": "{weekday} {day}.{month}. kl. {hour}.{minute:02d}",
        "message": "Påminnelse om möte {when}.\nPlats: {place}\n{sender}",
        "no_place": "inte angiven",
        "sender": "Sysselsättningstjänsterna",
    },
    "en": {
        "weekdays": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
        "when": "{weekday} {day} {month_name} at {hour}:{minute:02d}",
        "message": "Reminder of your appointment on {when}.\nPlace: {place}\n{sender}",
        "no_place": "not given",
        "sender": "Employment services",
    },
}
FALLBACK_LANGUAGE = "fi"
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def compose(reminder: TextReminder) -> str:
    template = TEMPLATES.get(reminder.language or "", TEMPLATES[FALLBACK_LANGUAGE])
    local = reminder.starts_at.astimezone(HELSINKI)
    when = template["when"].format(
        weekday=template["weekdays"][local.weekday()],
        day=local.day,
        month=local.month,
        month_name=_MONTHS_EN[local.month - 1],
        hour=local.hour,
        minute=local.minute,
    )
    text: str = template["message"].format(
        when=when, place=reminder.place or template["no_place"], sender=template["sender"]
    )
    return text


async def _send_one(app: FastAPI, reminder: TextReminder) -> bool:
    state = app.state
    now = now_of(state)
    if reminder.starts_at <= now:
        # Started while the round went on: a reminder after the start helps nobody.
        return False
    async with state.database.transaction() as session:
        # The claim comes first, so SQLite takes the write lock before the message goes.
        if not await repository.claim_reminder(
            session, reminder.meeting_id, reminder.starts_at, now
        ):
            return False
        await state.texter.send(reminder.phone, compose(reminder))
    return True


async def send_reminders(app: FastAPI, *, force: bool = False) -> TextRunRead:
    """One round: the meetings starting within `TEXT_REMINDER_HOURS_BEFORE` hours, each
    claimed and sent in a transaction of its own, so one refused message does not hold back
    or resend the others. Asked at most every `TEXT_REMINDER_SWEEP_SECONDS` unless forced."""
    state = app.state
    settings: NotificationsSettings = state.settings
    if getattr(state, "texter", None) is None:
        # In production without a gateway: nothing is asked of the clients service either.
        return TextRunRead(sent=0, failed=0)
    now = now_of(state)
    last: dt.datetime | None = getattr(state, "texts_asked_at", None)
    sweep = dt.timedelta(seconds=settings.text_reminder_sweep_seconds)
    recently = last is not None and last <= now < last + sweep
    if recently and not force:
        return TextRunRead(sent=0, failed=0)
    horizon = now + dt.timedelta(hours=settings.text_reminder_hours_before)
    reminders = await clients_api(state).text_reminders(now, horizon)
    state.texts_asked_at = now
    sent = failed = 0
    for reminder in reminders:
        try:
            sent += await _send_one(app, reminder)
        except TextSendFailed as exc:
            failed += 1
            _log.warning(
                "text_reminder_failed", meeting_id=str(reminder.meeting_id), error=str(exc)
            )
    if sent or failed:
        _log.info("text_reminders_sent", sent=sent, failed=failed)
    return TextRunRead(sent=sent, failed=failed)
