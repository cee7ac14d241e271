"""The embedded default's accounts (CONTRACTS §1). Refused when POLKU_ENV=production."""

from __future__ import annotations

import getpass
import os
import sys

from gateway.config import GatewaySettings
from gateway.identity.service import Identity, ensure_machine_client, ensure_user
from gateway.main import load_signing_key
from services.common.db import Database

DEMO_PASSWORD = "polku"  # noqa: S105 - the documented demo password, refused in production
DEMO_USERS: tuple[tuple[str, str, list[str]], ...] = (
    ("coach", "Outi Omavalmentaja", ["coach"]),
    ("wac1", "Tiina Virtanen", ["work_ability_coordinator"]),
    ("wac2", "Mikko Laine", ["work_ability_coordinator"]),
    ("bc1", "Sanna Korhonen", ["business_coordinator"]),
    ("bc2", "Jussi Nieminen", ["business_coordinator"]),
    ("lead", "Anna Mäkelä", ["team_lead"]),
    ("admin", "Pekka Pääkäyttäjä", ["admin"]),
)
DEMO_PARTNERS: tuple[tuple[str, str, list[str], str], ...] = (
    ("ladec", "LADEC Oy (rekrytointiliidit)", ["leads:write", "leads:read"], "ladec-secret"),
    ("bi", "Kaupungin raportointi (BI)", ["metrics:read"], "bi-secret"),
)
SERVICE_SCOPES = ["internal", "events:read", "users:read"]


async def seed_accounts(
    settings: GatewaySettings, *, demo: bool, identity: Identity | None = None
) -> None:
    """The services' own machine clients always; the demo people only when `demo`."""
    if demo and settings.env == "production":
        raise SystemExit("Demo accounts are refused when POLKU_ENV=production.")
    identity = identity or Identity.create(settings, load_signing_key(settings))
    database = Database(settings.database_url)
    try:
        async with database.transaction() as session:
            for client_id, secret in settings.service_client_secrets.items():
                await ensure_machine_client(
                    session,
                    identity,
                    client_id,
                    f"Polku service {client_id}",
                    SERVICE_SCOPES,
                    secret.get_secret_value(),
                )
            if demo:
                for username, name, roles in DEMO_USERS:
                    await ensure_user(session, identity, username, name, roles, DEMO_PASSWORD)
                for partner_id, partner_name, scopes, partner_secret in DEMO_PARTNERS:
                    await ensure_machine_client(
                        session, identity, partner_id, partner_name, scopes, partner_secret
                    )
    finally:
        await database.dispose()


MIN_PASSWORD_LENGTH = 12  # as the admin API requires


def admin_password() -> str:
    """From POLKU_ADMIN_PASSWORD, or asked on the terminal (never an argument: shells log them)."""
    password = os.environ.get("POLKU_ADMIN_PASSWORD") or (
        getpass.getpass("Password: ") if sys.stdin.isatty() else ""
    )
    if len(password) < MIN_PASSWORD_LENGTH:
        raise SystemExit(f"The password needs at least {MIN_PASSWORD_LENGTH} characters.")
    return password


async def create_admin(
    settings: GatewaySettings, username: str, display_name: str, password: str
) -> None:
    """The first admin of a production installation; later accounts come from the admin API."""
    identity = Identity.create(settings, load_signing_key(settings))
    database = Database(settings.database_url)
    try:
        async with database.transaction() as session:
            await ensure_user(session, identity, username, display_name, ["admin"], password)
    finally:
        await database.dispose()
