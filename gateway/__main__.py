"""`python -m gateway migrate | seed | seed-demo | serve`."""

from __future__ import annotations

import argparse
import asyncio

import uvicorn

from gateway.config import GatewaySettings
from gateway.demo import admin_password, create_admin, seed_accounts
from services.common.cli import ensure_sqlite_folder
from services.common.migrations import upgrade


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m gateway")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate")
    sub.add_parser("seed", help="the services' machine clients")
    sub.add_parser("seed-demo", help="the services' machine clients and the demo accounts")
    admin = sub.add_parser("create-admin", help="the first admin of an installation")
    admin.add_argument("username")
    admin.add_argument("display_name")
    serve = sub.add_parser("serve")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=None)
    args = parser.parse_args()
    settings = GatewaySettings()
    ensure_sqlite_folder(settings.database_url)
    if args.command == "migrate":
        upgrade("gateway", settings.database_url)
    elif args.command in ("seed", "seed-demo"):
        asyncio.run(seed_accounts(settings, demo=args.command == "seed-demo"))
    elif args.command == "create-admin":
        asyncio.run(create_admin(settings, args.username, args.display_name, admin_password()))
    else:
        uvicorn.run(
            "gateway.main:create_app",
            factory=True,
            host=args.host,
            port=args.port or settings.port,
            loop="uvloop",
            http="httptools",
            access_log=False,
            log_config=None,
            # Client addresses come from POLKU_TRUSTED_PROXIES (the request context), and
            # only the TCP peer can say whether a proxy is speaking.
            proxy_headers=False,
        )


if __name__ == "__main__":
    main()
