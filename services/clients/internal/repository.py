"""The internal API reads through the other domains' repositories; nothing of its own."""

from __future__ import annotations

from services.clients.access.repository import (
    active_consent_purposes,
    add_grant,
    get_client,
    grant_for,
)
from services.clients.pathway.repository import enrolments_of

__all__ = ["active_consent_purposes", "add_grant", "enrolments_of", "get_client", "grant_for"]
