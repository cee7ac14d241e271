"""Shared fixtures: a test token issuer, one migrated database per service per xdist worker,
and an httpx client over ASGI for each service.

Each test starts from empty tables (the schema is built once per worker by
`alembic upgrade head`, so the migrations are tested too). The real session dependency
commits, as in production, which lets tests exercise the transaction owner and run
concurrent requests.

The suite runs on SQLite by default and on PostgreSQL when POLKU_TEST_DATABASE_URL is set
(e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/postgres).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from fastapi.responses import JSONResponse
from sqlalchemy import MetaData
from sqlalchemy.engine import make_url

from services.common.testing import (
    TEST_ISSUER,
    StaticTokenSource,
    TestTokenIssuer,
    drop_test_databases,
    empty_all_tables,
    migrated_test_database,
)
from services.common.users import UserDirectory

POSTGRES_URL = os.environ.get("POLKU_TEST_DATABASE_URL") or None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if POSTGRES_URL:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set POLKU_TEST_DATABASE_URL)")
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def issuer() -> TestTokenIssuer:
    return TestTokenIssuer()


@pytest.fixture(scope="session")
def db_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("databases")


@pytest.fixture(scope="session")
def run_id(worker_id: str) -> str:
    """Unique per test process, so concurrent runs on one PostgreSQL server never collide."""
    return f"{worker_id}_{os.getpid()}"


@pytest.fixture(scope="session")
def database_urls(run_id: str, db_folder: Path) -> Iterator[Callable[[str], str]]:
    """`database_urls("clients")` → a migrated database for this worker, built on first use."""
    built: dict[str, str] = {}

    def url_for(service: str) -> str:
        if service not in built:
            package = "gateway" if service == "gateway" else f"services.{service}"
            name = f"polku_test_{service}_{run_id}"
            built[service] = migrated_test_database(package, POSTGRES_URL, name, db_folder)
        return built[service]

    yield url_for
    if POSTGRES_URL:
        drop_test_databases(POSTGRES_URL, [make_url(url).database or "" for url in built.values()])


@dataclass
class ServiceApi:
    """A running service app in the test process and a client for it."""

    app: FastAPI
    client: httpx.AsyncClient
    issuer: TestTokenIssuer

    def as_staff(self, username: str, *roles: str) -> dict[str, str]:
        return self.issuer.staff_headers(username, *roles)

    def as_machine(self, client_id: str, *scopes: str) -> dict[str, str]:
        return self.issuer.machine_headers(client_id, *scopes)


AppFactory = Callable[..., FastAPI]


async def start_service(
    *,
    factory: AppFactory,
    settings: Any,
    metadata: MetaData,
    issuer: TestTokenIssuer,
    base_url: str,
    gateway: ServiceApi,
    mounts: dict[str, Any] | None = None,
) -> AsyncIterator[ServiceApi]:
    app = factory(settings, jwks_fetcher=issuer.fetch_jwks)
    async with LifespanManager(app) as manager:
        await empty_all_tables(app.state.database.engine, metadata)
        # Calls to the gateway and other services go to their ASGI apps in this process.
        routes: dict[str, Any] = {"http://gateway.test": gateway.app, **(mounts or {})}
        await app.state.http.aclose()
        app.state.http = httpx.AsyncClient(
            mounts={url: httpx.ASGITransport(other) for url, other in routes.items()}
        )
        app.state.machine_tokens = StaticTokenSource(issuer, settings.machine_client_id)
        app.state.users = UserDirectory(
            app.state.http, settings.gateway_url, app.state.machine_tokens
        )
        transport = httpx.ASGITransport(manager.app)
        async with httpx.AsyncClient(transport=transport, base_url=base_url) as client:
            yield ServiceApi(app=app, client=client, issuer=issuer)


def service_settings(settings_cls: type[Any], database_url: str, **overrides: Any) -> Any:
    return settings_cls(
        env="test",
        database_url=database_url,
        issuer=TEST_ISSUER,
        gateway_url="http://gateway.test",
        **overrides,
    )


def gateway_settings(database_url: str, **overrides: Any) -> Any:
    from gateway.config import GatewaySettings

    # A cheap password hash keeps tests fast; production uses the slow default.
    return GatewaySettings(
        env="test",
        database_url=database_url,
        issuer=TEST_ISSUER,
        password_hash_time_cost=1,
        password_hash_memory_kib=1024,
        **overrides,
    )


@pytest.fixture
async def gateway_api(
    database_urls: Callable[[str], str], issuer: TestTokenIssuer
) -> AsyncIterator[ServiceApi]:
    """The gateway in this process, signing with the test issuer's key, with demo accounts."""
    from gateway.demo import seed_accounts
    from gateway.main import create_api
    from gateway.models import Base
    from gateway.proxy import GatewayApp

    settings = gateway_settings(database_urls("gateway"))
    app = GatewayApp(create_api(settings, signing_key=issuer.key))
    async with LifespanManager(app) as manager:  # type: ignore[arg-type]
        await empty_all_tables(app.state.database.engine, Base.metadata)
        await seed_accounts(settings, demo=True, identity=app.state.identity)
        transport = httpx.ASGITransport(manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as client:
            yield ServiceApi(app=app, client=client, issuer=issuer)  # type: ignore[arg-type]


def migration_module(service: str, name_ends: str) -> ModuleType:
    """One of a service's migrations as a module, for the data it seeds: the fixtures empty
    every table before a test, so a test puts those rows back from the migration itself."""
    folder = Path(__file__).parent.parent / f"services/{service}/migrations/versions"
    path = next(folder.glob(f"*_{name_ends}.py"))
    spec = importlib.util.spec_from_file_location(f"{service}_{name_ends}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class LateBoundApp:
    """An ASGI app standing for one started later: the clients app calls the referrals app
    (the export, the anonymisation), which is started after it because it calls back."""

    def __init__(self, target: Any) -> None:
        self.target = target

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await self.target(scope, receive, send)


# The one partner the stand-in's directory holds.
STAND_IN_PARTNER_ID = "5b0c6f44-6a55-4d0e-9a3c-0d1d3b0c2f11"


def referrals_stand_in() -> FastAPI:
    """The referrals service's internal API for clients nobody has referred, for the
    clients service's tests that run without the referrals app."""
    app = FastAPI()

    @app.get("/internal/clients/{client_id}/export")
    async def export(client_id: str) -> dict[str, Any]:
        return {"client_id": client_id, "referrals": [], "access_log": []}

    @app.post("/internal/clients/{client_id}/anonymise")
    async def anonymise(client_id: str) -> dict[str, Any]:
        return {"client_id": client_id, "referrals": 0, "changed": 0}

    @app.get("/internal/partners/{partner_id}")
    async def partner(partner_id: str) -> Any:
        if partner_id != STAND_IN_PARTNER_ID:
            return JSONResponse({"code": "partner_not_found"}, status_code=404)
        return {"id": partner_id, "name": "Hyvinvointialue", "kind": "health", "active": True}

    return app


def notifications_stand_in() -> FastAPI:
    """The notifications service's internal API for clients nobody was reminded of, for the
    clients service's tests that run without the notifications app."""
    app = FastAPI()

    @app.get("/internal/clients/{client_id}/export")
    async def export(client_id: str) -> dict[str, Any]:
        return {"client_id": client_id, "notifications": []}

    @app.post("/internal/clients/{client_id}/anonymise")
    async def anonymise(client_id: str) -> dict[str, Any]:
        return {"client_id": client_id, "removed": 0}

    return app


@pytest.fixture
async def clients_api(
    database_urls: Callable[[str], str], issuer: TestTokenIssuer, gateway_api: ServiceApi
) -> AsyncIterator[ServiceApi]:
    from services.clients.config import ClientsSettings
    from services.clients.main import create_app
    from services.clients.models import Base

    settings = service_settings(
        ClientsSettings,
        database_urls("clients"),
        referrals_url="http://referrals.test",
        employers_url="http://employers.test",
        notifications_url="http://notifications.test",
    )
    # The `referrals_api` and `notifications_api` fixtures point these at the real apps; a
    # test that needs the employers app points `test_employers` at it (until then no
    # employer exists).
    referrals = LateBoundApp(referrals_stand_in())
    notifications = LateBoundApp(notifications_stand_in())
    employers = LateBoundApp(FastAPI())
    async for api in start_service(
        factory=create_app,
        settings=settings,
        metadata=Base.metadata,
        issuer=issuer,
        gateway=gateway_api,
        base_url="http://clients.test",
        mounts={
            "http://referrals.test": referrals,
            "http://employers.test": employers,
            "http://notifications.test": notifications,
        },
    ):
        api.app.state.test_referrals = referrals
        api.app.state.test_notifications = notifications
        api.app.state.test_employers = employers
        yield api


@pytest.fixture
async def employers_api(
    database_urls: Callable[[str], str], issuer: TestTokenIssuer, gateway_api: ServiceApi
) -> AsyncIterator[ServiceApi]:
    from services.employers.config import EmployersSettings
    from services.employers.main import create_app
    from services.employers.models import Base

    settings = service_settings(EmployersSettings, database_urls("employers"))
    async for api in start_service(
        factory=create_app,
        settings=settings,
        metadata=Base.metadata,
        issuer=issuer,
        gateway=gateway_api,
        base_url="http://employers.test",
    ):
        yield api


@pytest.fixture
async def referrals_api(
    database_urls: Callable[[str], str],
    issuer: TestTokenIssuer,
    gateway_api: ServiceApi,
    clients_api: ServiceApi,
    employers_api: ServiceApi,
) -> AsyncIterator[ServiceApi]:
    """The referrals service, calling the clients and employers apps of this test."""
    from services.referrals.config import ReferralsSettings
    from services.referrals.main import create_app
    from services.referrals.models import Base

    settings = service_settings(
        ReferralsSettings,
        database_urls("referrals"),
        clients_url="http://clients.test",
        employers_url="http://employers.test",
    )
    mounts = {"http://clients.test": clients_api.app, "http://employers.test": employers_api.app}
    async for api in start_service(
        factory=create_app,
        settings=settings,
        metadata=Base.metadata,
        issuer=issuer,
        gateway=gateway_api,
        base_url="http://referrals.test",
        mounts=mounts,
    ):
        clients_api.app.state.test_referrals.target = api.app
        yield api


@pytest.fixture
async def metrics_api(
    database_urls: Callable[[str], str],
    issuer: TestTokenIssuer,
    gateway_api: ServiceApi,
    clients_api: ServiceApi,
    employers_api: ServiceApi,
    referrals_api: ServiceApi,
) -> AsyncIterator[ServiceApi]:
    """The metrics service, reading the event feeds of this test's other services."""
    from services.metrics.config import MetricsSettings
    from services.metrics.main import create_app
    from services.metrics.models import Base

    settings = service_settings(
        MetricsSettings,
        database_urls("metrics"),
        clients_url="http://clients.test",
        employers_url="http://employers.test",
        referrals_url="http://referrals.test",
    )
    mounts = {
        "http://clients.test": clients_api.app,
        "http://employers.test": employers_api.app,
        "http://referrals.test": referrals_api.app,
    }
    async for api in start_service(
        factory=create_app,
        settings=settings,
        metadata=Base.metadata,
        issuer=issuer,
        gateway=gateway_api,
        base_url="http://metrics.test",
        mounts=mounts,
    ):
        yield api


@pytest.fixture
async def notifications_api(
    database_urls: Callable[[str], str],
    issuer: TestTokenIssuer,
    gateway_api: ServiceApi,
    clients_api: ServiceApi,
    employers_api: ServiceApi,
    referrals_api: ServiceApi,
    db_folder: Path,
) -> AsyncIterator[ServiceApi]:
    """The notifications service over this test's other services, its timed work off (a
    test drives it) and its mail and text messages into folders of the test's own."""
    sources = {"clients": clients_api, "employers": employers_api, "referrals": referrals_api}
    async for api in start_notifications(
        database_urls("notifications"), issuer, gateway_api, db_folder, sources
    ):
        yield api


async def start_notifications(
    database_url: str,
    issuer: TestTokenIssuer,
    gateway: ServiceApi,
    db_folder: Path,
    sources: dict[str, ServiceApi],
) -> AsyncIterator[ServiceApi]:
    """The notifications app reading the given services, each at `http://<name>.test`; the
    clients service's calls to it (the data subject's export) reach it too."""
    from services.notifications.config import NotificationsSettings
    from services.notifications.main import create_app
    from services.notifications.models import Base

    mounts = {f"http://{name}.test": api.app for name, api in sources.items()}
    settings = service_settings(
        NotificationsSettings,
        database_url,
        app_url="https://polku.example",
        background_enabled=False,
        maildir=str(db_folder / "mail"),
        texts_folder=str(db_folder / "texts"),
        **{f"{name}_url": f"http://{name}.test" for name in sources},
    )
    async for api in start_service(
        factory=create_app,
        settings=settings,
        metadata=Base.metadata,
        issuer=issuer,
        gateway=gateway,
        base_url="http://notifications.test",
        mounts=mounts,
    ):
        # A test that starts a second process of the service mounts the same apps.
        api.app.state.test_mounts = mounts
        sources["clients"].app.state.test_notifications.target = api.app
        yield api
