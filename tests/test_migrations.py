"""Each service's migrations build exactly the schema its models describe.

A model change without its migration would pass every test that builds tables from the
migrations and then fail on the city's database, or the reverse; this catches both.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

SERVICES = ("gateway", "clients", "employers", "referrals", "metrics", "notifications")


@pytest.mark.parametrize("service", SERVICES)
async def test_the_migrations_build_the_models_schema(
    service: str, database_urls: Callable[[str], str]
) -> None:
    package = "gateway" if service == "gateway" else f"services.{service}"
    metadata = importlib.import_module(f"{package}.models").Base.metadata
    engine = create_async_engine(database_urls(service), poolclass=NullPool)

    def differences(connection: Any) -> list[Any]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, metadata))

    try:
        async with engine.connect() as connection:
            found = await connection.run_sync(differences)
    finally:
        await engine.dispose()
    assert found == []
