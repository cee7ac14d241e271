"""Public self-registration: no identity code, consents recorded, lands in triage.

Possible duplicates of existing clients are flagged on the new client, never merged.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.access import service as access
from services.clients.access.service import add_consent
from services.clients.people.service import add_client, check_municipality
from services.clients.registrations import repository
from services.clients.registrations.schemas import RegistrationCreate, RegistrationRead
from services.common.audit import AccessContext
from services.common.auth import Principal
from services.common.errors import TooManyRequests, Unprocessable

SELF = "self-registration"
ANONYMOUS = Principal(subject=SELF)


@dataclass
class RateLimiter:
    """A token bucket per sender address (the gateway limits too; this is the service's
    own fence, kept in memory per process)."""

    burst: int
    per_second: float
    buckets: dict[str, tuple[float, float]] = field(default_factory=dict)

    def take(self, key: str) -> None:
        now = time.monotonic()
        tokens, stamp = self.buckets.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - stamp) * self.per_second)
        if tokens < 1:
            raise TooManyRequests(
                "Too many registrations from this address; try again shortly.",
                retry_after=int((1 - tokens) / self.per_second) + 1,
            )
        self.buckets[key] = (tokens - 1, now)
        if len(self.buckets) > 10_000:
            self.buckets.pop(next(iter(self.buckets)))


async def register(
    session: AsyncSession, context: AccessContext, data: RegistrationCreate
) -> RegistrationRead:
    if data.personal_identity_code is not None:
        raise Unprocessable.field(
            ["body", "personal_identity_code"],
            "The identity code is not accepted on this form; the coordinator records it "
            "after strong identification.",
            code="identity_code_not_accepted",
        )
    fields = data.model_dump(
        exclude={"consents", "preferred_service_line", "personal_identity_code"}
    )
    fields["municipality"] = check_municipality(data.municipality, ["body", "municipality"])
    duplicates = await repository.possible_duplicates(
        session,
        first_name=data.first_name,
        last_name=data.last_name,
        birth_year=data.birth_year,
        phone=data.phone,
    )
    client = add_client(session, fields, source="self", created_by=SELF)
    client.awaiting_triage = True
    client.possible_duplicates = [str(d) for d in duplicates]
    await session.flush()
    for purpose in dict.fromkeys(data.consents):
        add_consent(session, client.id, purpose, SELF)
    await access.log(session, context, "self_register", [client.id])
    return RegistrationRead(id=client.id)
