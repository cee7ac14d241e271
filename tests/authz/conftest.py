"""The services in this process for the authorisation matrix: the gateway (staff
directory), the real clients app, the employers app, the referrals app calling the real
clients and employers apps over ASGI, and the notifications app asking the real clients
app whom it may tell."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from services.common.testing import TestTokenIssuer
from tests.authz.worlds import EXTRA_STAFF, Stack
from tests.clients.support import seed_work_ability_definitions
from tests.conftest import (
    LateBoundApp,
    ServiceApi,
    notifications_stand_in,
    referrals_stand_in,
    service_settings,
    start_notifications,
    start_service,
)


@pytest.fixture
async def authz_clients(
    database_urls: Callable[[str], str], issuer: TestTokenIssuer, gateway_api: ServiceApi
) -> AsyncIterator[ServiceApi]:
    from services.clients.config import ClientsSettings
    from services.clients.main import create_app
    from services.clients.models import Base

    # Worlds with a self-registration are rebuilt a few times in one test.
    settings = service_settings(
        ClientsSettings,
        database_urls("clients"),
        registration_burst=1000,
        registration_per_minute=1000.0,
        referrals_url="http://referrals.test",
        notifications_url="http://notifications.test",
    )
    # `authz_referrals` and `authz_notifications` point these at the real apps (the export
    # calls both).
    referrals = LateBoundApp(referrals_stand_in())
    notifications = LateBoundApp(notifications_stand_in())
    async for api in start_service(
        factory=create_app,
        settings=settings,
        metadata=Base.metadata,
        issuer=issuer,
        gateway=gateway_api,
        base_url="http://clients.test",
        mounts={
            "http://referrals.test": referrals,
            "http://notifications.test": notifications,
        },
    ):
        api.app.state.test_referrals = referrals
        api.app.state.test_notifications = notifications
        await seed_work_ability_definitions(api)
        yield api


@pytest.fixture
async def authz_referrals(
    database_urls: Callable[[str], str],
    issuer: TestTokenIssuer,
    gateway_api: ServiceApi,
    authz_clients: ServiceApi,
    employers_api: ServiceApi,
) -> AsyncIterator[ServiceApi]:
    from services.referrals.config import ReferralsSettings
    from services.referrals.main import create_app
    from services.referrals.models import Base

    settings = service_settings(
        ReferralsSettings,
        database_urls("referrals"),
        clients_url="http://clients.test",
        employers_url="http://employers.test",
        background_interval_seconds=3600.0,
        effect_retry_initial_seconds=0.001,
        effect_retry_max_seconds=0.001,
    )
    mounts = {"http://clients.test": authz_clients.app, "http://employers.test": employers_api.app}
    async for api in start_service(
        factory=create_app,
        settings=settings,
        metadata=Base.metadata,
        issuer=issuer,
        gateway=gateway_api,
        base_url="http://referrals.test",
        mounts=mounts,
    ):
        authz_clients.app.state.test_referrals.target = api.app
        yield api


@pytest.fixture
async def authz_notifications(
    database_urls: Callable[[str], str],
    issuer: TestTokenIssuer,
    gateway_api: ServiceApi,
    authz_clients: ServiceApi,
    db_folder: Path,
) -> AsyncIterator[ServiceApi]:
    sources = {"clients": authz_clients}
    async for api in start_notifications(
        database_urls("notifications"), issuer, gateway_api, db_folder, sources
    ):
        yield api


@pytest.fixture
async def stack(
    gateway_api: ServiceApi,
    authz_clients: ServiceApi,
    authz_referrals: ServiceApi,
    authz_notifications: ServiceApi,
) -> Stack:
    from services.referrals.models import Partner

    admin = gateway_api.as_staff("admin", "admin")
    for username, role in EXTRA_STAFF.items():
        created = await gateway_api.client.post(
            "/api/v1/admin/users",
            headers=admin,
            json={
                "username": username,
                "display_name": username.upper(),
                "roles": [role],
                "password": "a-long-test-password",
            },
        )
        assert created.status_code == 201, created.text
    # The partner directory is seeded data, not something staff create.
    partners = {name: uuid.uuid4() for name in ("Ohjaamo", "Urapalvelu")}
    async with authz_referrals.app.state.database.transaction() as session:
        for name, partner_id in partners.items():
            session.add(Partner(id=partner_id, name=name, kind="employment", active=True))
    return Stack(
        clients=authz_clients,
        referrals=authz_referrals,
        partner_id=str(partners["Ohjaamo"]),
        background_partner_id=str(partners["Urapalvelu"]),
        notifications=authz_notifications,
    )
