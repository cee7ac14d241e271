"""What the typed clients of other services share: how a refusal is reported."""

from __future__ import annotations

import httpx

from services.common.errors import DomainError, ServiceUnavailable

# Answers that say "not now" rather than "never": the call is retried later.
TRANSIENT_STATUSES = frozenset({408, 425, 429})


class RemoteRefusal(DomainError):
    """The other service understood the call and refused it; retrying will not help.

    Uncaught, it answers 502: our call was wrong or the other side changed its contract.
    """

    status, title, slug = 502, "Bad gateway", "bad-gateway"

    def __init__(self, service: str, remote_status: int, remote_detail: str) -> None:
        super().__init__(
            f"The {service} service refused the call ({remote_status}): {remote_detail}",
            code="remote_call_refused",
            params={"service": service},
        )
        self.service = service
        self.remote_status = remote_status
        self.remote_detail = remote_detail


class RemoteBusy(ServiceUnavailable):
    """The other service asked us to come back later (429 and the like)."""


def problem_detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.reason_phrase
    detail = body.get("detail") if isinstance(body, dict) else None
    return str(detail) if detail else response.reason_phrase


def refuse_unless_ok(service: str, response: httpx.Response) -> None:
    if response.is_success:
        return
    if response.status_code in TRANSIENT_STATUSES:
        raise RemoteBusy(
            f"The {service} service asked to retry later ({response.status_code}).",
            code="service_busy",
        )
    raise RemoteRefusal(service, response.status_code, problem_detail(response)[:300])
