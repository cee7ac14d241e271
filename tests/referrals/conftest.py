"""The referrals service against in-memory fakes of the clients and employers services."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI

from services.common.testing import StaticTokenSource, TestTokenIssuer, empty_all_tables
from services.referrals.config import ReferralsSettings
from services.referrals.main import create_app
from services.referrals.models import Base, Partner
from tests.conftest import service_settings
from tests.referrals.fakes import (
    STAFF_ROLES,
    FakeClients,
    FakeEmployers,
    FakeUserDirectory,
    Switchable,
)

CLIENTS_URL = "http://clients.fake"
EMPLOYERS_URL = "http://employers.fake"


@dataclass
class World:
    """The referrals service, its fakes and helpers to act as the demo staff."""

    app: FastAPI
    http: httpx.AsyncClient
    issuer: TestTokenIssuer
    clients: FakeClients
    employers: FakeEmployers
    clients_link: Switchable
    employers_link: Switchable

    def as_(self, username: str) -> dict[str, str]:
        return self.issuer.staff_headers(username, *STAFF_ROLES[username])

    async def add_partner(self, kind: str, name: str | None = None) -> uuid.UUID:
        partner_id = uuid.uuid4()
        async with self.app.state.database.transaction() as session:
            session.add(
                Partner(id=partner_id, name=name or f"{kind} {partner_id}", kind=kind, active=True)
            )
        return partner_id

    async def send(self, username: str, **body: Any) -> httpx.Response:
        body = {k: str(v) if isinstance(v, uuid.UUID) else v for k, v in body.items()}
        return await self.http.post("/api/v1/referrals", json=body, headers=self.as_(username))

    async def referred(
        self, sender: str, to_user: str, kind: str = "transfer", **body: Any
    ) -> tuple[uuid.UUID, uuid.UUID, str]:
        """A new client of `sender` referred to `to_user`: (client id, enrolment id, referral id)."""
        client_id, enrolment_id = self.clients.add_client([(sender, min(STAFF_ROLES[sender]))])
        sent = await self.send(
            sender,
            client_id=client_id,
            kind=kind,
            to_user=to_user,
            enrolment_id=enrolment_id,
            **body,
        )
        assert sent.status_code == 201, sent.text
        return client_id, enrolment_id, sent.json()["id"]

    async def act(
        self, username: str, referral_id: str, action: str, body: dict[str, Any] | None = None
    ) -> httpx.Response:
        return await self.http.post(
            f"/api/v1/referrals/{referral_id}/{action}", json=body, headers=self.as_(username)
        )

    async def events(self) -> list[dict[str, Any]]:
        response = await self.http.get(
            "/internal/events", headers=self.issuer.machine_headers("svc-metrics", "events:read")
        )
        assert response.status_code == 200
        events: list[dict[str, Any]] = response.json()["events"]
        return events


WorldFactory = Callable[..., Any]


@pytest.fixture
def make_world(database_urls: Callable[[str], str], issuer: TestTokenIssuer) -> Callable[..., Any]:
    """`async with make_world(**settings) as world:` — settings override the defaults."""
    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def build(**overrides: Any) -> AsyncIterator[World]:
        settings: ReferralsSettings = service_settings(
            ReferralsSettings,
            database_urls("referrals"),
            clients_url=CLIENTS_URL,
            employers_url=EMPLOYERS_URL,
            **{
                "background_interval_seconds": 3600.0,
                "effect_retry_initial_seconds": 0.001,
                "effect_retry_max_seconds": 0.001,
                **overrides,
            },
        )
        clients, employers = FakeClients(), FakeEmployers()
        clients_link, employers_link = Switchable(clients.app()), Switchable(employers.app())
        app = create_app(settings, jwks_fetcher=issuer.fetch_jwks)
        async with LifespanManager(app) as manager:
            await empty_all_tables(app.state.database.engine, Base.metadata)
            await app.state.http.aclose()
            app.state.http = httpx.AsyncClient(
                mounts={
                    CLIENTS_URL: clients_link.transport,
                    EMPLOYERS_URL: employers_link.transport,
                }
            )
            app.state.machine_tokens = StaticTokenSource(issuer, settings.machine_client_id)
            app.state.users = FakeUserDirectory()
            transport = httpx.ASGITransport(manager.app)
            async with httpx.AsyncClient(
                transport=transport, base_url="http://referrals.test"
            ) as http:
                yield World(app, http, issuer, clients, employers, clients_link, employers_link)

    return build


@pytest.fixture
async def world(make_world: Callable[..., Any]) -> AsyncIterator[World]:
    async with make_world() as built:
        yield built
