"""Test support shared by every service's tests: a token issuer and per-worker databases.

Lives in the package (not in tests/) so that each service's tests and the contract tests
build tokens and databases the same way.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from pydantic import ConfigDict
from sqlalchemy import MetaData, Table, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from services.common.events import EventData, define_outbox
from services.common.migrations import run_coroutine_blocking, upgrade
from services.common.signing import SigningKey

TEST_ISSUER = "http://polku.test"
TEST_AUDIENCE = "polku"


class TestTokenIssuer:
    """Signs tokens the way the gateway does, with a key of its own."""

    __test__ = False  # not a pytest test class

    def __init__(self, issuer: str = TEST_ISSUER, audience: str = TEST_AUDIENCE) -> None:
        self.issuer = issuer
        self.audience = audience
        self.key = SigningKey.generate()

    async def fetch_jwks(self) -> dict[str, Any]:
        return {"keys": [self.key.public_jwk()]}

    def claims(
        self,
        subject: str,
        *,
        roles: Iterable[str] = (),
        scopes: Iterable[str] = (),
        machine: bool = False,
        ttl: int = 600,
        extra: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        now = int(time.time())
        return {
            "iss": self.issuer,
            "aud": self.audience,
            "sub": subject,
            "iat": now,
            "exp": now + ttl,
            "roles": list(roles),
            "scope": " ".join(scopes),
            "kind": "machine" if machine else "staff",
            **(extra or {}),
        }

    def token(
        self,
        subject: str,
        *,
        roles: Iterable[str] = (),
        scopes: Iterable[str] = (),
        machine: bool = False,
        ttl: int = 600,
        extra: Mapping[str, Any] | None = None,
    ) -> str:
        """`extra` adds claims, e.g. a session id (`sid`) or a token version (`ver`)."""
        return self.key.sign(
            self.claims(subject, roles=roles, scopes=scopes, machine=machine, ttl=ttl, extra=extra)
        )

    def staff_headers(self, username: str, *roles: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(username, roles=roles)}"}

    def machine_headers(self, client_id: str, *scopes: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(client_id, scopes=scopes, machine=True)}"}


def test_database_url(base_url: str | None, name: str, tmp_dir: Path) -> str:
    """The URL of a fresh database called `name`: PostgreSQL when `base_url` is given."""
    if not base_url:
        path = tmp_dir / f"{name}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite+aiosqlite:///{path}"
    url = make_url(base_url)
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+asyncpg")

    async def recreate() -> None:
        admin = create_async_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
        async with admin.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            await conn.execute(text(f'CREATE DATABASE "{name}"'))
        await admin.dispose()

    run_coroutine_blocking(recreate())
    return url.set(database=name).render_as_string(hide_password=False)


def migrated_test_database(package: str, base_url: str | None, name: str, tmp_dir: Path) -> str:
    url = test_database_url(base_url, name, tmp_dir)
    upgrade(package, url)
    return url


async def empty_all_tables(engine: AsyncEngine, metadata: MetaData) -> None:
    """Start a test from empty tables (the schema stays, built once by the migrations)."""
    tables = [t for t in reversed(metadata.sorted_tables)]
    if not tables:
        # A second process over a database another test process is using empties nothing.
        return
    async with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            await conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                await conn.execute(table.delete())
            has_sequence = await conn.execute(
                text("SELECT name FROM sqlite_master WHERE name='sqlite_sequence'")
            )
            if has_sequence.first():
                await conn.execute(text("DELETE FROM sqlite_sequence"))


class StaticTokenSource:
    """A `TokenSource` for tests: a service's machine token signed by the test issuer."""

    def __init__(
        self,
        issuer: TestTokenIssuer,
        client_id: str,
        scopes: Iterable[str] = ("internal", "events:read", "users:read"),
    ) -> None:
        self._token = issuer.token(client_id, scopes=scopes, machine=True, ttl=3600)

    async def token(self) -> str:
        return self._token

    def forget(self) -> None:
        return None


def drop_test_databases(base_url: str, names: Iterable[str]) -> None:
    url = make_url(base_url)
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+asyncpg")

    async def drop() -> None:
        admin = create_async_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
        async with admin.connect() as conn:
            for name in names:
                if name:
                    await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()

    run_coroutine_blocking(drop())


class HandWrittenEvent(EventData):
    """Whatever a test writes: the data as given."""

    model_config = ConfigDict(extra="allow")


class _AnyEventType(Mapping[str, type[EventData]]):
    def __getitem__(self, event_type: str) -> type[EventData]:
        return HandWrittenEvent

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def stand_in_outbox() -> Table:
    """An outbox table (the same columns as every service's) that takes any event type and
    any data, for tests that stand in for a producer: the metrics tests' hand-written world,
    the feed's own tests. A real producer's outbox refuses what its models do not describe;
    tests/schema checks the producers' real events against their schemas."""
    return define_outbox(MetaData(), events=_AnyEventType())
