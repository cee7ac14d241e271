"""The overview reads through the other domains' repositories; nothing of its own."""

from __future__ import annotations

from services.clients.pathway.repository import (
    contacts_of,
    enrolments_of,
    meetings_of,
    segments_of,
)

__all__ = ["contacts_of", "enrolments_of", "meetings_of", "segments_of"]
