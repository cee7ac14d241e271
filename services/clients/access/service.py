"""Need-to-know access to a client, and the access log every read and write leaves behind.

A caller who may not see a client gets `NotFound`, exactly as if it did not exist.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import inspect as sa_inspect
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.access import repository
from services.clients.access.schemas import AccessLogEntryRead
from services.clients.models import Client, access_log
from services.common import audit
from services.common.audit import AccessContext
from services.common.auth import COORDINATOR_ROLES, Principal
from services.common.errors import Forbidden, NotFound, Unprocessable

NOT_FOUND = "No such client."


@dataclass(frozen=True, slots=True)
class ClientView:
    """What one caller may do with one client."""

    client: Client
    responsible: bool
    may_write: bool
    sees_notes: bool
    sees_health_notes: bool
    sees_contact_details: bool
    sees_identity_code: bool
    sees_work_ability: bool


def _view(
    principal: Principal, client: Client, relation: repository.Relation, consents: set[str]
) -> ClientView | None:
    username = principal.username
    lead = principal.has_role("team_lead", "admin")
    coordinator = principal.has_role(*COORDINATOR_ROLES)
    wac = principal.has_role("work_ability_coordinator")
    responsible = bool(relation.coordinator_roles) or (
        client.created_by == username and not relation.any_named_coordinator
    )
    grantee = coordinator and relation.open_grant
    triage = coordinator and client.awaiting_triage
    referred = principal.has_role("coach") and relation.referred
    if not (lead or responsible or grantee or triage or referred):
        return None
    works_with = coordinator and (responsible or grantee)
    return ClientView(
        client=client,
        responsible=responsible,
        may_write=responsible or grantee or triage,
        sees_notes=works_with or lead,
        sees_health_notes=wac and responsible,
        sees_contact_details=not client.non_disclosure or (responsible and coordinator),
        sees_identity_code=works_with or lead or responsible or triage,
        sees_work_ability=lead
        or (wac and works_with)
        or (works_with and "share_work_ability_summary" in consents),
    )


async def resolve(
    session: AsyncSession, principal: Principal, client_id: uuid.UUID, *, for_update: bool = False
) -> ClientView:
    """The caller's view of the client, or `NotFound`."""
    if principal.is_machine:
        raise NotFound(NOT_FOUND)
    client = await (
        repository.get_client_for_update(session, client_id)
        if for_update
        else repository.get_client(session, client_id)
    )
    if client is None or client.anonymised_at is not None:
        raise NotFound(NOT_FOUND)
    relation = await repository.relation(session, client_id, principal.username)
    consents = await repository.active_consent_purposes(session, client_id)
    view = _view(principal, client, relation, consents)
    if view is None:
        raise NotFound(NOT_FOUND)
    return view


async def readable(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID, action: str
) -> ClientView:
    """Resolve for reading and write the access-log entry."""
    view = await resolve(session, context.principal, client_id)
    await log(session, context, action, [client_id])
    return view


async def writable(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID, action: str
) -> ClientView:
    """Resolve for a change (404 when unseen, 403 when seen read-only) and log it."""
    view = await resolve(session, context.principal, client_id, for_update=True)
    if not view.may_write:
        raise Forbidden("You may read this client's pathway but not change it.")
    await log(session, context, action, [client_id])
    return view


async def log(
    session: AsyncSession, context: AccessContext, action: str, client_ids: Iterable[uuid.UUID]
) -> None:
    await audit.record_access(
        session, access_log, context, action=action, subject_type="client", subject_ids=client_ids
    )


async def access_log_entries(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID, limit: int
) -> list[AccessLogEntryRead]:
    principal = context.principal
    if not principal.has_role("team_lead", "admin"):
        raise NotFound(NOT_FOUND)
    client = await repository.get_client(session, client_id)
    if client is None:
        raise NotFound(NOT_FOUND)
    entries = await audit.entries_for_subject(session, access_log, client_id, limit=limit)
    await log(session, context, "read_access_log", [client_id])
    return [AccessLogEntryRead.model_validate(entry, from_attributes=True) for entry in entries]


def _row(obj: object) -> dict[str, Any]:
    mapper = sa_inspect(obj).mapper
    return {attr.key: getattr(obj, attr.key) for attr in mapper.column_attrs}


async def export(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID
) -> dict[str, Any]:
    """Everything held about the client (a data-subject request), health notes included."""
    if not context.principal.has_role("admin"):
        raise NotFound(NOT_FOUND)
    if not context.reason:
        raise Unprocessable.field(
            ["header", audit.ACCESS_REASON_HEADER], "An export needs a stated reason."
        )
    client = await repository.get_client(session, client_id)
    if client is None:
        raise NotFound(NOT_FOUND)
    await log(session, context, "export", [client_id])
    tables = await repository.everything_about(session, client_id)
    entries = await audit.entries_for_subject(session, access_log, client_id, limit=10_000)
    return {
        "client": _row(client),
        **{name: [_row(row) for row in rows] for name, rows in tables.items()},
        "access_log": [AccessLogEntryRead.model_validate(e, from_attributes=True) for e in entries],
    }
