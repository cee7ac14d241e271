"""The command line every service shares: `python -m services.<name> <command>`.

Commands: `migrate`, `revision -m MESSAGE`, `seed-demo`, `serve`, plus any the service adds.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable, Coroutine, Mapping
from pathlib import Path
from typing import Any

import uvicorn

from services.common.migrations import new_revision, upgrade
from services.common.settings import ServiceSettings

Command = Callable[[ServiceSettings, argparse.Namespace], Coroutine[Any, Any, None]]


def ensure_sqlite_folder(url: str) -> None:
    if url.startswith("sqlite") and ":///" in url:
        path = url.split(":///", 1)[1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)


def run_cli(
    package: str,
    settings: ServiceSettings,
    *,
    app_factory: str,
    commands: Mapping[str, Command] | None = None,
) -> None:
    parser = argparse.ArgumentParser(prog=f"python -m {package}")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="upgrade the service's database to the newest migration")
    revision = sub.add_parser("revision", help="autogenerate a new migration")
    revision.add_argument("-m", "--message", required=True)
    serve = sub.add_parser("serve", help="run the service with uvicorn")
    serve.add_argument("--port", type=int, default=settings.port)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--workers", type=int, default=1)
    for name in commands or {}:
        extra = sub.add_parser(name)
        extra.add_argument("args", nargs="*")
    args = parser.parse_args()

    ensure_sqlite_folder(settings.database_url)
    if args.command == "migrate":
        upgrade(package, settings.database_url)
    elif args.command == "revision":
        new_revision(package, settings.database_url, args.message)
    elif args.command == "serve":
        uvicorn.run(
            app_factory,
            factory=True,
            host=args.host,
            port=args.port,
            workers=args.workers,
            loop="uvloop",
            http="httptools",
            access_log=False,
            log_config=None,
            # Client addresses come from POLKU_TRUSTED_PROXIES (the request context), and
            # only the TCP peer can say whether a proxy is speaking.
            proxy_headers=False,
        )
    else:
        assert commands is not None
        asyncio.run(commands[args.command](settings, args))
