"""The typed client of the clients service's internal API (docs/internal-api.md)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict

from services.common.http import ServiceClient
from services.referrals.remote import refuse_unless_ok

CoordinatorAction = Literal["transfer", "add", "remove"]


class _Lenient(BaseModel):
    # Extra fields the other side adds later must not break us.
    model_config = ConfigDict(extra="ignore")


class CoordinatorInfo(_Lenient):
    username: str
    role: str


class EnrolmentInfo(_Lenient):
    id: uuid.UUID
    service_line: str
    state: str
    coordinators: list[CoordinatorInfo] = []

    def role_of(self, username: str) -> str | None:
        return next((c.role for c in self.coordinators if c.username == username), None)


class ClientInfo(_Lenient):
    id: uuid.UUID
    municipality: str | None = None
    enrolments: list[EnrolmentInfo] = []

    def enrolment(self, enrolment_id: uuid.UUID) -> EnrolmentInfo | None:
        return next((e for e in self.enrolments if e.id == enrolment_id), None)

    def is_coordinator(self, username: str) -> bool:
        return any(e.role_of(username) for e in self.enrolments)


class ConsentCheck(_Lenient):
    covered: bool
    missing: list[str] = []


class ClientsApi(ServiceClient):
    service_label = "clients"

    async def get_client(self, client_id: uuid.UUID) -> ClientInfo | None:
        response = await self.request("GET", f"/internal/clients/{client_id}")
        if response.status_code == 404:
            return None
        refuse_unless_ok(self.service_label, response)
        return ClientInfo.model_validate(response.json())

    async def check_consents(self, client_id: uuid.UUID, purposes: Iterable[str]) -> ConsentCheck:
        response = await self.request(
            "GET",
            f"/internal/clients/{client_id}/consents/check",
            params={"purposes": ",".join(purposes)},
        )
        refuse_unless_ok(self.service_label, response)
        return ConsentCheck.model_validate(response.json())

    async def grant_access(self, client_id: uuid.UUID, username: str, referral_id: str) -> None:
        response = await self.request(
            "POST",
            f"/internal/clients/{client_id}/access-grants",
            json={"username": username, "referral_id": referral_id},
        )
        refuse_unless_ok(self.service_label, response)

    async def revoke_access(self, client_id: uuid.UUID, referral_id: str) -> None:
        response = await self.request(
            "DELETE", f"/internal/clients/{client_id}/access-grants/{referral_id}"
        )
        if response.status_code == 404:
            return  # already gone: revoking is idempotent
        refuse_unless_ok(self.service_label, response)

    async def change_coordinators(
        self,
        enrolment_id: uuid.UUID,
        *,
        effect_key: str,
        action: CoordinatorAction,
        to_user: str,
        to_role: str,
        from_user: str | None = None,
        referral_id: str | None = None,
    ) -> None:
        body: dict[str, str] = {
            "effect_key": effect_key,
            "action": action,
            "to_user": to_user,
            "to_role": to_role,
        }
        if referral_id is not None:
            body["referral_id"] = referral_id
        if from_user is not None:
            body["from_user"] = from_user
        response = await self.request(
            "POST", f"/internal/enrolments/{enrolment_id}/coordinators", json=body
        )
        refuse_unless_ok(self.service_label, response)

    async def suggest_outcome(
        self, enrolment_id: uuid.UUID, *, effect_key: str, outcome: str, note: str | None = None
    ) -> None:
        body = {"effect_key": effect_key, "outcome": outcome}
        if note:
            body["note"] = note
        response = await self.request(
            "POST", f"/internal/enrolments/{enrolment_id}/outcome-suggestion", json=body
        )
        refuse_unless_ok(self.service_label, response)
