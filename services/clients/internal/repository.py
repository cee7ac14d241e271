"""The internal API reads through the other domains' repositories; its own query only where
no domain has one (the meetings a calendar asks for, across enrolments)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.access.repository import (
    active_consent_purposes,
    add_grant,
    get_client,
    grant_for,
)
from services.clients.models import Client, Enrolment, Meeting
from services.clients.pathway.repository import enrolments_of
from services.clients.people.repository import names_of
from services.clients.worklist.repository import awaiting_contact, plans_not_reviewed_since

__all__ = [
    "active_consent_purposes",
    "add_grant",
    "awaiting_contact",
    "enrolments_of",
    "get_client",
    "grant_for",
    "names_of",
    "plans_not_reviewed_since",
]


# --- Meetings for calendars (the notifications service's invitations and feeds) ---------


async def meetings_with_clients(
    session: AsyncSession, meeting_ids: Sequence[uuid.UUID]
) -> Sequence[tuple[Meeting, Client]]:
    """The meetings asked, each with its client (for the need-to-know question)."""
    query = (
        select(Meeting, Client)
        .join(Enrolment, Enrolment.id == Meeting.enrolment_id)
        .join(Client, Client.id == Enrolment.client_id)
        .where(Meeting.id.in_(list(meeting_ids)))
    )
    return [(m, c) for m, c in await session.execute(query)]
