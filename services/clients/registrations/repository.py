"""Self-registrations are clients; their queries live with the clients (`people`)."""

from __future__ import annotations

from services.clients.people.repository import possible_duplicates

__all__ = ["possible_duplicates"]
