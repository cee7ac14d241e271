"""Request bodies shared by the employers tests."""

from __future__ import annotations

import itertools
import uuid
from typing import Any

from stdnum.fi import ytunnus

_serial = itertools.count(1)


def business_id(n: int) -> str:
    """A valid Y-tunnus for test company `n`, its check digit found by the library."""
    stem = f"{3000000 + n:07d}"
    for digit in range(10):
        candidate = f"{stem}-{digit}"
        if ytunnus.is_valid(candidate):
            return candidate
    return business_id(n + 10_000)  # stems whose check digit would be 10 are never issued


def lead_push(**overrides: Any) -> dict[str, Any]:
    n = next(_serial)
    body: dict[str, Any] = {
        "external_id": f"LADEC-2026-{n:04d}-{uuid.uuid4().hex[:8]}",
        "business_id": "1572860-0",
        "company_name": "Rakennus Oy Esimerkki",
        "contact": {
            "name": "Maija Meikäläinen",
            "email": "maija@example.fi",
            "phone": "+358401234567",
        },
        "need": "Two construction helpers, work trial possible",
        "positions": 2,
        "municipality": "Lahti",
        "industry": "F",
        "received_at": "2026-11-20T10:00:00+02:00",
    }
    body.update(overrides)
    return body


def employer_body(**overrides: Any) -> dict[str, Any]:
    n = next(_serial)
    body: dict[str, Any] = {
        "business_id": business_id(n),
        "name": f"Testiyritys {n} Oy",
        "industry": "G",
        "size_class": "small",
        "municipality": "Hollola",
    }
    body.update(overrides)
    return body


def created_body(response: Any) -> dict[str, Any]:
    """The body of a `201 Created` answer, or the failure with what the service said."""
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body
