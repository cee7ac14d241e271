"""Issue 11, acceptance 5: schemathesis over every `/api/v1` operation of each service, and
over the gateway's identity and admin API.

Each service's own OpenAPI document drives the generation of valid and invalid requests;
every answer is checked for a server error, an undocumented status code or content type and
a body that does not match its documented schema, for a token of each staff role and of both
machine clients. Requests go once with generated path parameters (which meet no object) and
once with the ids of real objects (`objects.py`), so bodies and rules of existing objects
are exercised too.

The cases are generated first, derandomized and a bounded number per operation (the same
ones every run), then sent over ASGI to the service built as in the other service tests, the
referrals service calling the real clients and employers apps. Every distinct finding is
listed with its first case, instead of stopping at the first.
"""

from __future__ import annotations

from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.core.failures import Failure, FailureGroup

from services.common.testing import TestTokenIssuer
from tests.conftest import ServiceApi
from tests.schema.objects import objects_of

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Cases per operation, generation mode and kind of path (generated or real ids); with the
# seven callers about 9,000 requests in all, a minute on two workers.
EXAMPLES = 6

# The demo accounts (the gateway seeds them, so the services' user directory knows them).
STAFF = {
    "coach": ("coach",),
    "wac1": ("work_ability_coordinator",),
    "bc1": ("business_coordinator",),
    "lead": ("team_lead",),
    "admin": ("admin",),
}
MACHINES = {"ladec": ("leads:write", "leads:read"), "bi": ("metrics:read",)}
# The services each service under test needs in this process.
NEEDS = {
    "gateway": ("gateway",),
    "clients": ("clients",),
    "employers": ("employers",),
    "referrals": ("referrals", "clients", "employers"),
    "metrics": ("metrics",),
    "notifications": ("notifications",),
}
BASE_URL = "http://service.test"
# The services' public API; the gateway's identity and admin API (its proxy is not FastAPI).
PUBLIC = ("/api/v1/", "/auth/", "/.well-known/")


def callers(issuer: TestTokenIssuer) -> dict[str, dict[str, str]]:
    headers = {name: issuer.staff_headers(name, *roles) for name, roles in STAFF.items()}
    headers |= {name: issuer.machine_headers(name, *scopes) for name, scopes in MACHINES.items()}
    return headers


def generated_cases(operation: Any, ids: dict[str, str]) -> list[schemathesis.Case]:
    """The same cases on every run: derandomized, without hypothesis' example database."""
    names = [parameter.name for parameter in operation.path_parameters]
    paths: list[dict[str, str] | None] = [None]
    if names and all(name in ids for name in names):
        paths.append({name: ids[name] for name in names})
    cases: list[schemathesis.Case] = []
    for path in paths:
        strategy = st.one_of(
            operation.as_strategy(generation_mode=mode, path_parameters=path)
            for mode in schemathesis.GenerationMode
        )

        @settings(
            derandomize=True,
            database=None,
            max_examples=EXAMPLES * len(schemathesis.GenerationMode),
            deadline=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(strategy)
        def collect(case: schemathesis.Case) -> None:
            cases.append(case)

        collect()
    return cases


def as_httpx(case: schemathesis.Case, headers: dict[str, str]) -> dict[str, Any]:
    """The request schemathesis would send (its requests transport encodes it), for httpx."""
    kwargs = case.as_transport_kwargs(base_url=BASE_URL, headers=headers)
    fields = ("method", "url", "headers", "params", "cookies", "json", "data", "files")
    prepared = requests.Request(**{key: kwargs[key] for key in fields if key in kwargs}).prepare()
    sent = {k: v for k, v in prepared.headers.items() if k.lower() != "content-length"}
    return {
        "method": prepared.method,
        "url": prepared.url,
        "headers": sent,
        "content": prepared.body,
    }


@pytest.fixture(params=list(NEEDS))
def service(request: pytest.FixtureRequest) -> tuple[str, dict[str, ServiceApi]]:
    """The service under test and those it calls, built by the fixtures of tests/conftest.py."""
    name: str = request.param
    return name, {needed: request.getfixturevalue(f"{needed}_api") for needed in NEEDS[name]}


async def test_every_answer_is_documented(
    service: tuple[str, dict[str, ServiceApi]], issuer: TestTokenIssuer
) -> None:
    name, apis = service
    api = apis[name]
    ids = await objects_of(name, apis)
    # The gateway's FastAPI part sits behind its proxy (`GatewayApp.api`).
    app = getattr(api.app, "api", api.app)
    schema = schemathesis.openapi.from_dict(app.openapi())
    operations = [result.ok() for result in schema.get_all_operations()]
    operations = [operation for operation in operations if operation.path.startswith(PUBLIC)]
    assert operations
    tokens = callers(issuer)
    # One line per distinct finding (check, operation, status, content type), with its first case.
    findings: dict[tuple[str, str, int, str], str] = {}
    for operation in operations:
        for case in generated_cases(operation, ids):
            for caller, headers in tokens.items():
                request = api.client.build_request(**as_httpx(case, headers))
                response = await api.client.send(request)
                try:
                    case.validate_response(response, checks=CHECKS)
                except FailureGroup as group:
                    failures = list(group.exceptions)
                except Failure as failure:
                    failures = [failure]
                else:
                    continue
                content_type = response.headers.get("content-type", "-")
                for failure in failures:
                    key = (failure.title, operation.label, response.status_code, content_type)
                    findings.setdefault(
                        key, f"as {caller}: {failure.message[:300]}\n    {case.as_curl_command()}"
                    )
    assert not findings, f"{len(findings)} findings:\n" + "\n".join(
        f"{title}: {label} -> {status} {content_type}\n    {first}"
        for (title, label, status, content_type), first in sorted(findings.items())
    )
