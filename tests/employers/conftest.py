"""Fixtures of the employers tests: a staff directory and the target of the LADEC contract tests."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
import pytest

from tests.conftest import ServiceApi


@pytest.fixture
def crm(employers_api: ServiceApi) -> ServiceApi:
    """The employers service; the in-process gateway's demo accounts answer who is who
    (bc1, bc2 business coordinators, lead team lead, wac1, coach …)."""
    return employers_api


@dataclass
class LeadsTarget:
    """Where the LADEC contract tests send requests: the service itself, or the gateway.

    The gateway's tests can build one with real tokens and re-run the same test functions.
    """

    client: httpx.AsyncClient
    ladec: dict[str, str]  # leads:write leads:read
    reader_only: dict[str, str]  # leads:read
    writer_only: dict[str, str]  # leads:write
    other_machine: dict[str, str]  # a machine client without lead scopes
    coordinator: dict[str, str]  # staff: a business coordinator
    events_reader: dict[str, str] | None = None  # events:read (None: feed not reachable)


@pytest.fixture
def leads_target(crm: ServiceApi) -> LeadsTarget:
    return LeadsTarget(
        client=crm.client,
        ladec=crm.as_machine("ladec", "leads:write", "leads:read"),
        reader_only=crm.as_machine("ladec-reader", "leads:read"),
        writer_only=crm.as_machine("ladec", "leads:write"),
        other_machine=crm.as_machine("bi", "metrics:read"),
        coordinator=crm.as_staff("bc1", "business_coordinator"),
        events_reader=crm.as_machine("svc-metrics", "events:read"),
    )
