"""The overview reads through the other domains' repositories; nothing of its own."""

from __future__ import annotations

from services.clients.pathway.repository import enrolments_of, segments_of

__all__ = ["enrolments_of", "segments_of"]
