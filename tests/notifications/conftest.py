"""The notifications service over the real clients, employers and referrals apps of the
test, with a real SMTP server capturing every message and a clock the test moves."""

from __future__ import annotations

import contextlib
import datetime as dt
import email
import email.policy
import socket
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from fastapi import FastAPI

from services.common.calendar import HELSINKI, helsinki_today
from services.common.testing import TestTokenIssuer
from services.notifications.feeds import service as feeds
from services.notifications.mail import service as mail
from tests.conftest import ServiceApi, start_service

ROLES = {
    "coach": "coach",
    "wac1": "work_ability_coordinator",
    "wac2": "work_ability_coordinator",
    "bc1": "business_coordinator",
    "bc2": "business_coordinator",
    "lead": "team_lead",
    "admin": "admin",
}
NOTIFICATIONS = "/api/v1/notifications"
MACHINE_SCOPES = ("internal", "events:read", "users:read")


class Capture:
    """The SMTP server's handler: every message received, parsed."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.raw: list[bytes] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        content = bytes(envelope.content)
        self.raw.append(content)
        parsed = email.message_from_bytes(content, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        return "250 Message accepted"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]

    def texts(self) -> list[str]:
        """Each message whole: headers, and every part decoded."""
        found = []
        for message, raw in zip(self.messages, self.raw, strict=True):
            parts = [str(p.get_content()) for p in message.walk() if not p.is_multipart()]
            found.append(raw.decode("utf-8", "replace") + "\n".join(parts))
        return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def smtp() -> Any:
    capture = Capture()
    controller = Controller(capture, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield capture, controller.port
    finally:
        controller.stop()


def helsinki(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=HELSINKI).astimezone(dt.UTC)


@dataclass
class Clock:
    now: dt.datetime = field(default_factory=lambda: helsinki(helsinki_today(), 12))

    def __call__(self) -> dt.datetime:
        return self.now


@dataclass
class Desk:
    """The services of one test, as the demo staff use them."""

    gateway: ServiceApi
    clients: ServiceApi
    employers: ServiceApi
    referrals: ServiceApi
    notifications: ServiceApi
    clock: Clock
    smtp: Capture
    start_replica: Callable[[], Any]

    def as_(self, username: str) -> dict[str, str]:
        return self.gateway.as_staff(username, ROLES[username])

    def headers_of(self, caller: str) -> dict[str, str]:
        """A demo person's, a service's (`machine`: every internal scope; `events-only`:
        the feeds alone) or nobody's (`anonymous`) headers."""
        if caller == "anonymous":
            return {}
        if caller == "machine":
            return self.gateway.as_machine("svc-notifications", *MACHINE_SCOPES)
        if caller == "events-only":
            return self.gateway.as_machine("svc-notifications", "events:read")
        return self.as_(caller)

    async def set_contact(self, username: str, address: str, language: str = "fi") -> None:
        response = await self.gateway.client.patch(
            "/api/v1/me", headers=self.as_(username), json={"email": address, "language": language}
        )
        assert response.status_code == 200, response.text

    async def choose(self, username: str, **body: Any) -> dict[str, Any]:
        response = await self.notifications.client.put(
            f"{NOTIFICATIONS}/preferences", headers=self.as_(username), json=body
        )
        assert response.status_code == 200, response.text
        return dict(response.json())

    async def client(self, by: str = "wac1", **fields: Any) -> str:
        body = {"first_name": "Aino", "last_name": "Esimerkki", **fields}
        response = await self.clients.client.post(
            "/api/v1/clients", json=body, headers=self.as_(by)
        )
        assert response.status_code == 201, response.text
        return str(response.json()["id"])

    async def enrol(self, client_id: str, coordinator: str, registered_ago: int) -> str:
        line = "work_ability" if coordinator.startswith("wac") else "business"
        registered = helsinki_today() - dt.timedelta(days=registered_ago)
        response = await self.clients.client.post(
            f"/api/v1/clients/{client_id}/enrolments",
            json={
                "service_line": line,
                "coordinator": coordinator,
                "registered_on": registered.isoformat(),
            },
            headers=self.as_("coach"),
        )
        assert response.status_code == 201, response.text
        return str(response.json()["id"])

    async def refer(self, sender: str, to_user: str, client_id: str, enrolment_id: str) -> str:
        for purpose in ("service", "share_work_ability_summary"):
            granted = await self.clients.client.post(
                f"/api/v1/clients/{client_id}/consents",
                json={"purpose": purpose},
                headers=self.as_(sender),
            )
            assert granted.status_code == 201, granted.text
        response = await self.referrals.client.post(
            "/api/v1/referrals",
            json={
                "client_id": client_id,
                "kind": "transfer",
                "to_user": to_user,
                "enrolment_id": enrolment_id,
            },
            headers=self.as_(sender),
        )
        assert response.status_code == 201, response.text
        return str(response.json()["id"])

    async def referral_to(self, to_user: str, sender: str = "wac1") -> tuple[str, str, str]:
        """A new client of the sender's, referred to `to_user`: (client, enrolment, referral)."""
        client_id = await self.client(sender)
        enrolment_id = await self.enrol(client_id, sender, registered_ago=3)
        return client_id, enrolment_id, await self.refer(sender, to_user, client_id, enrolment_id)

    async def follow(self, app: FastAPI | None = None) -> None:
        """One round of the timed work, as the background loop runs it."""
        target = app or self.notifications.app
        report = await feeds.catch_up(target)
        assert all(s.status == "ok" for s in report.sources), report
        await feeds.sweep_due(target, force=True)

    async def send_mail(self, app: FastAPI | None = None) -> Any:
        return await mail.send_mail(app or self.notifications.app)

    async def listed(self, username: str, **params: Any) -> list[dict[str, Any]]:
        response = await self.notifications.client.get(
            NOTIFICATIONS, headers=self.as_(username), params=params
        )
        assert response.status_code == 200, response.text
        items: list[dict[str, Any]] = response.json()["items"]
        return items

    async def unread(self, username: str) -> int:
        response = await self.notifications.client.get(
            f"{NOTIFICATIONS}/count", headers=self.as_(username)
        )
        assert response.status_code == 200, response.text
        count: int = response.json()["unread"]
        return count


@pytest.fixture
async def desk(
    issuer: TestTokenIssuer,
    gateway_api: ServiceApi,
    clients_api: ServiceApi,
    employers_api: ServiceApi,
    referrals_api: ServiceApi,
    notifications_api: ServiceApi,
    smtp: Any,
) -> AsyncIterator[Desk]:
    """`notifications_api` on a clock the test moves, sending over the test's SMTP server."""
    from services.notifications.mailer import SmtpMailer
    from services.notifications.main import create_app

    capture, port = smtp
    clock = Clock()
    first = notifications_api
    settings = first.app.state.settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": port, "smtp_security": "none"}
    )
    replicas: list[AsyncIterator[ServiceApi]] = []

    def prepare(api: ServiceApi) -> ServiceApi:
        api.app.state.clock = clock
        api.app.state.mailer = SmtpMailer(settings)
        return api

    async def start_replica() -> ServiceApi:
        """Another process of the service over the same database (a replica or a restart)."""
        generator = start_service(
            factory=create_app,
            settings=settings,
            metadata=_NO_TABLES,
            issuer=issuer,
            gateway=gateway_api,
            base_url="http://notifications.test",
            mounts=first.app.state.test_mounts,
        )
        replicas.append(generator)
        return prepare(await generator.__anext__())

    try:
        yield Desk(
            gateway=gateway_api,
            clients=clients_api,
            employers=employers_api,
            referrals=referrals_api,
            notifications=prepare(first),
            clock=clock,
            smtp=capture,
            start_replica=start_replica,
        )
    finally:
        for generator in reversed(replicas):
            with contextlib.suppress(StopAsyncIteration):
                await generator.__anext__()


def _no_tables() -> Any:
    from sqlalchemy import MetaData

    return MetaData()


# A replica must not empty the tables the first one is using.
_NO_TABLES = _no_tables()


def new_id() -> str:
    return str(uuid.uuid4())
