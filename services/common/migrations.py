"""Alembic, driven from code: each service keeps its own `migrations/` folder.

A service's `migrations/env.py` is two lines: import the service's metadata, call
`run_migrations(metadata)`. Upgrades run on a plain (sync) call so they work from the CLI,
from `make run` and from the test session alike.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from importlib import import_module
from pathlib import Path
from typing import Any, Literal

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData, pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from services.common.db import UTCDateTime

FILE_TEMPLATE = "%%(year)d%%(month).2d%%(day).2d-%%(hour).2d%%(minute).2d_%%(slug)s"


def alembic_config(package: str, database_url: str) -> Config:
    """`package` is the service's package, e.g. `services.clients`."""
    module = import_module(package)
    assert module.__file__ is not None
    config = Config()
    config.set_main_option("script_location", str(Path(module.__file__).parent / "migrations"))
    config.set_main_option("file_template", FILE_TEMPLATE)
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(package: str, database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(package, database_url), revision)


def new_revision(package: str, database_url: str, message: str) -> None:
    command.revision(alembic_config(package, database_url), message=message, autogenerate=True)


def _render_item(type_: str, obj: Any, _: Any) -> str | Literal[False]:
    # Migrations describe the stored column; the UTC conversion is the ORM's business.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _configure_and_run(connection: Connection, metadata: MetaData) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_item=_render_item,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_async(url: str, metadata: MetaData) -> None:
    engine = create_async_engine(url, poolclass=pool.NullPool)
    async with engine.connect() as connection:
        await connection.run_sync(_configure_and_run, metadata)
    await engine.dispose()


def run_migrations(metadata: MetaData) -> None:
    """Called from a service's env.py."""
    url = context.config.get_main_option("sqlalchemy.url")
    assert url, "the database URL is set by alembic_config()"
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    run_coroutine_blocking(_run_async(url, metadata))


def run_coroutine_blocking(coroutine: Coroutine[Any, Any, None]) -> None:
    """Run to completion, also when called from code already inside an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(coroutine)
        return
    with ThreadPoolExecutor(max_workers=1) as pool_:
        pool_.submit(asyncio.run, coroutine).result()
