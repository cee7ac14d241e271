"""The internal API reads through the other domains' repositories; nothing of its own."""

from __future__ import annotations

from services.clients.access.repository import (
    active_consent_purposes,
    add_grant,
    get_client,
    grant_for,
)
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
