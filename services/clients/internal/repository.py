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

__all__ = [
    "active_consent_purposes",
    "add_grant",
    "enrolments_of",
    "get_client",
    "grant_for",
    "names_of",
]
