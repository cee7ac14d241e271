"""Deterministic ids for the embedded default's demo data.

The services seed their demo data separately, without calling each other; stable ids let the
referrals demo point at the clients demo's client 3 and the employers demo's opening 2.
"""

from __future__ import annotations

import uuid

DEMO_NAMESPACE = uuid.UUID("6f1c2b1e-6d0a-4a5e-9c55-0b0d1e2a7c11")


def demo_id(kind: str, number: int) -> uuid.UUID:
    """`demo_id("client", 3)`: the same UUID in every service and on every machine."""
    return uuid.uuid5(DEMO_NAMESPACE, f"{kind}:{number}")
