"""E-mail: a daily digest per person at their Helsinki hour, and immediate messages for the
kinds a person chose so.

A message says the kind, the deadline and a link, in Finnish or English by the person's
language: never an identity code or anything of a note, which this service does not have,
and no client's name unless the settings allow names (`client_names_outside_app`). Every notification is told only after the owning service's need-to-know
answer for the recipient. Sending happens inside the transaction that claims the digest or
the notification, so two replicas send each once; after downtime only the latest missed
slot is claimed, so one digest covers the whole gap.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any

import structlog
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from services.common.calendar import HELSINKI
from services.common.users import StaffMember
from services.notifications.clock import now_of
from services.notifications.inbox import repository as inbox
from services.notifications.inbox.service import tellable_with_names
from services.notifications.mail import repository
from services.notifications.mail.schemas import MailRunRead
from services.notifications.models import Notification, Recipient
from services.notifications.preferences import repository as preferences
from services.notifications.preferences.service import digest_hour_of, mode_of

_log = structlog.get_logger("polku.notifications.mail")

KIND_TEXT: dict[str, dict[str, str]] = {
    "referral_received": {"fi": "Sinulle on tullut lähete", "en": "A referral was sent to you"},
    "referral_answered": {"fi": "Lähetteeseesi on vastattu", "en": "Your referral was answered"},
    "referral_expiring": {
        "fi": "Lähetteen vastausaika päättyy",
        "en": "A referral's time to answer runs out",
    },
    "lead_assigned": {"fi": "Sinulle on osoitettu liidi", "en": "A lead was assigned to you"},
    "handoff_waiting": {"fi": "Siirto odottaa loppuun vientiä", "en": "A hand-off is waiting"},
    "import_finished": {"fi": "Tuonti on valmis", "en": "An import has finished"},
    "contact_due": {"fi": "Yhteydenotto erääntyy", "en": "A first contact is due"},
    "lead_contact_due": {"fi": "Liidin yhteydenotto erääntyy", "en": "A lead's contact is due"},
    "follow_up_due": {"fi": "Liidin seuranta erääntyy", "en": "A lead's follow-up is due"},
    "plan_review_due": {"fi": "Suunnitelman tarkistus erääntyy", "en": "A plan review is due"},
}
WORDS = {
    "fi": {"due": "määräpäivä", "digest": "Polku: {n} ilmoitusta", "open": "Avaa Polussa"},
    "en": {"due": "due", "digest": "Polku: {n} notifications", "open": "Open in Polku"},
}


def _language(member: StaffMember) -> str:
    return "fi" if member.language == "fi" else "en"


def _line(
    notification: Notification, language: str, app_url: str, names: Mapping[uuid.UUID, str]
) -> str:
    text = KIND_TEXT[notification.kind][language]
    name = names.get(notification.client_id) if notification.client_id else None
    if name is not None:
        text += f": {name}"
    due = notification.due
    if due is not None:
        shown = f"{due.day}.{due.month}.{due.year}" if language == "fi" else due.isoformat()
        text += f" ({WORDS[language]['due']} {shown})"
    return f"{text}\n  {WORDS[language]['open']}: {app_url}/notifications/{notification.id}"


def compose(
    member: StaffMember,
    notifications: Sequence[Notification],
    *,
    sender: str,
    app_url: str,
    now: dt.datetime,
    digest: bool,
    names: Mapping[uuid.UUID, str] | None = None,
) -> EmailMessage:
    """The message: by default no client's name; `names` are those the settings let leave
    the app (`client_names_outside_app`)."""
    assert member.email is not None
    language = _language(member)
    message = EmailMessage()
    message["From"] = sender
    message["To"] = member.email
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain="polku")
    if digest:
        message["Subject"] = WORDS[language]["digest"].format(n=len(notifications))
    else:
        message["Subject"] = f"Polku: {KIND_TEXT[notifications[0].kind][language]}"
    url = app_url.rstrip("/")
    lines = (_line(n, language, url, names or {}) for n in notifications)
    message.set_content("\n\n".join(lines) + "\n")
    return message


def latest_slot(now: dt.datetime, hour: int) -> dt.datetime:
    """The latest digest time at or before `now`: today's at `hour` (Helsinki), or
    yesterday's when today's has not come yet."""
    local = now.astimezone(HELSINKI)
    day = local.date() if local.hour >= hour else local.date() - dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=HELSINKI).astimezone(dt.UTC)


async def _mailable(
    session: AsyncSession, state: Any, username: str, now: dt.datetime
) -> tuple[list[Notification], dict[uuid.UUID, str]]:
    """The person's notifications to e-mail now, and the client names they may carry;
    those of kinds meant for the app only are passed over for good."""
    pending = await inbox.unsent(session, username)
    modes = await preferences.modes_of(session, [username])
    wanted = [n for n in pending if mode_of(modes, username, n.kind) == "app_email"]
    await repository.mark_done(session, [n.id for n in pending if n not in wanted], now)
    return await tellable_with_names(session, state, username, wanted)


async def _member(state: Any, username: str) -> StaffMember | None:
    member: StaffMember | None = await state.users.get(username)
    if member is None or not member.active or not member.email:
        return None
    return member


async def send_immediate(app: FastAPI) -> int:
    state = app.state
    settings = state.settings
    sent = 0
    async with state.database.transaction() as session:
        people = [r.username for r in await repository.recipients_by_mode(session, "immediate")]
    for username in people:
        member = await _member(state, username)
        if member is None:
            continue
        now = now_of(state)
        async with state.database.transaction() as session:
            items, names = await _mailable(session, state, username, now)
            for notification in items:
                # The claim and the send share the transaction: a failed send is retried.
                if await repository.claim_notification(session, notification.id, now):
                    message = compose(
                        member,
                        [notification],
                        sender=settings.mail_from,
                        app_url=settings.app_url,
                        now=now,
                        digest=False,
                        names=names,
                    )
                    await state.mailer.send(message)
                    sent += 1
    return sent


async def _send_digest(app: FastAPI, recipient: Recipient) -> bool:
    state = app.state
    settings = state.settings
    member = await _member(state, recipient.username)
    if member is None:
        return False
    now = now_of(state)
    slot = latest_slot(now, digest_hour_of(recipient, settings.default_digest_hour))
    async with state.database.transaction() as session:
        # The claim comes first, so SQLite takes the write lock before anything is read.
        if not await repository.claim_digest(session, recipient.username, slot, now):
            return False
        items, names = await _mailable(session, state, recipient.username, now)
        await repository.record_digest(session, recipient.username, slot, len(items))
        if not items:
            return False
        message = compose(
            member,
            items,
            sender=settings.mail_from,
            app_url=settings.app_url,
            now=now,
            digest=True,
            names=names,
        )
        await state.mailer.send(message)
        await repository.mark_done(session, [n.id for n in items], now)
    _log.info("digest_sent", items=len(items))
    return True


async def send_digests(app: FastAPI) -> int:
    async with app.state.database.transaction() as session:
        people = await repository.recipients_by_mode(session, "digest")
    sent = 0
    for recipient in people:
        sent += await _send_digest(app, recipient)
    return sent


async def send_mail(app: FastAPI) -> MailRunRead:
    return MailRunRead(immediate=await send_immediate(app), digests=await send_digests(app))
