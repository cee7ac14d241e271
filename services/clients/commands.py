"""Retention commands: `anonymise-expired` and `purge-access-log` (run from cron, not the API)."""

from __future__ import annotations

import argparse
import datetime as dt

import structlog

from services.clients.config import ClientsSettings
from services.clients.models import access_log, outbox
from services.clients.people import repository
from services.common import audit
from services.common.calendar import helsinki_today, utcnow
from services.common.db import Database
from services.common.events import emit
from services.common.settings import ServiceSettings

log = structlog.get_logger("polku.clients.retention")
ANONYMISED = "(anonymised)"


async def anonymise_expired(settings: ServiceSettings, _: argparse.Namespace) -> None:
    """Anonymise clients whose last enrolment ended longer ago than the retention period."""
    assert isinstance(settings, ClientsSettings)
    database = Database(settings.database_url)
    cutoff = helsinki_today() - dt.timedelta(days=settings.client_retention_days)
    try:
        async with database.transaction() as session:
            clients = await repository.clients_ended_before(session, cutoff)
            for client in clients:
                client.first_name = client.last_name = ANONYMISED
                for field in (
                    "personal_identity_code",
                    "phone",
                    "email",
                    "address",
                    "national_register_ref",
                    "external_ref",
                ):
                    setattr(client, field, None)
                client.anonymised_at = utcnow()
                await repository.erase_free_text(session, client.id)
                emit(session, outbox, "client.anonymised", client.id, {"client_id": client.id})
        log.info("anonymised", clients=len(clients), cutoff=cutoff.isoformat())
    finally:
        await database.dispose()


async def purge_access_log(settings: ServiceSettings, _: argparse.Namespace) -> None:
    """Delete access-log entries older than the retention period (default 5 years)."""
    database = Database(settings.database_url)
    try:
        async with database.transaction() as session:
            removed = await audit.purge_older_than(
                session, access_log, settings.access_log_retention_days
            )
        log.info("access_log_purged", entries=removed)
    finally:
        await database.dispose()
