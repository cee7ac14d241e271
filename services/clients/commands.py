"""Retention commands: `anonymise-expired` and `purge-access-log` (run from cron, not the API)."""

from __future__ import annotations

import argparse
import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.access import repository as access_repository
from services.clients.config import ClientsSettings
from services.clients.data_subject_api import DataSubjectApi, command_http
from services.clients.models import Client, access_log, outbox
from services.clients.notifications_api import NotificationsApi
from services.clients.people import repository
from services.clients.referrals_api import ReferralsApi
from services.common import audit
from services.common.calendar import helsinki_today, utcnow
from services.common.db import Database
from services.common.errors import ServiceUnavailable
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
        async with command_http(settings) as (http, tokens):
            holders = [
                ReferralsApi(http, settings.referrals_url, tokens),
                NotificationsApi(http, settings.notifications_url, tokens),
            ]
            run = await anonymise_due(database, holders, cutoff)
        log.info(
            "anonymised",
            clients=len(run.anonymised),
            left_for_next_run=len(run.left),
            cutoff=cutoff.isoformat(),
        )
    finally:
        await database.dispose()


@dataclass
class AnonymisationRun:
    anonymised: list[uuid.UUID] = field(default_factory=list)
    # Clients another service could not anonymise now; the next run takes them again.
    left: list[uuid.UUID] = field(default_factory=list)


async def anonymise_due(
    database: Database, holders: Sequence[DataSubjectApi], cutoff: dt.date
) -> AnonymisationRun:
    """Each due client is anonymised in the other services that hold something about it
    (`holders`) first and then here, one transaction per client and none open during the
    calls: a client stays due (and visible to this command) until every service has
    forgotten it. Each service's anonymisation is idempotent, so a retry after a partial
    run asks again harmlessly."""
    async with database.transaction() as session:
        due = [client.id for client in await repository.clients_ended_before(session, cutoff)]
    run = AnonymisationRun()
    for client_id in due:
        try:
            for holder in holders:
                await holder.anonymise_client(client_id)
        except ServiceUnavailable as exc:
            log.warning("anonymisation_left_for_next_run", client_id=str(client_id), error=str(exc))
            run.left.append(client_id)
            continue
        async with database.transaction() as session:
            client = await access_repository.get_client_for_update(session, client_id)
            if client is None or client.anonymised_at is not None:
                continue
            await _anonymise_here(session, client)
        run.anonymised.append(client_id)
    return run


async def _anonymise_here(session: AsyncSession, client: Client) -> None:
    client.first_name = client.last_name = ANONYMISED
    for name in (
        "personal_identity_code",
        "phone",
        "email",
        "address",
        "national_register_ref",
        "external_ref",
    ):
        setattr(client, name, None)
    client.anonymised_at = utcnow()
    await repository.erase_free_text(session, client.id)
    emit(session, outbox, "client.anonymised", client.id, {"client_id": client.id})


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
