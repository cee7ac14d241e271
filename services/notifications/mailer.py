"""Delivering e-mail: over SMTP when a host is set, else into a maildir under `var/` that a
developer can read (`make run` says where)."""

from __future__ import annotations

import asyncio
import mailbox
import smtplib
import ssl
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol

from services.notifications.config import NotificationsSettings


class Mailer(Protocol):
    async def send(self, message: EmailMessage) -> None: ...


class SmtpMailer:
    def __init__(self, settings: NotificationsSettings) -> None:
        self.settings = settings

    def _send_blocking(self, message: EmailMessage) -> None:
        s = self.settings
        assert s.smtp_host is not None
        context = ssl.create_default_context()
        smtp: smtplib.SMTP
        if s.smtp_security == "tls":
            smtp = smtplib.SMTP_SSL(
                s.smtp_host, s.smtp_port, timeout=s.smtp_timeout_seconds, context=context
            )
        else:
            smtp = smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=s.smtp_timeout_seconds)
        with smtp:
            if s.smtp_security == "starttls":
                smtp.starttls(context=context)
            if s.smtp_username and s.smtp_password is not None:
                smtp.login(s.smtp_username, s.smtp_password.get_secret_value())
            smtp.send_message(message)

    async def send(self, message: EmailMessage) -> None:
        # smtplib blocks; a thread keeps the event loop serving meanwhile.
        await asyncio.to_thread(self._send_blocking, message)


class MaildirMailer:
    def __init__(self, folder: str) -> None:
        self.folder = Path(folder)

    def _add(self, message: EmailMessage) -> None:
        mailbox.Maildir(self.folder, create=True).add(message)

    async def send(self, message: EmailMessage) -> None:
        await asyncio.to_thread(self._add, message)
