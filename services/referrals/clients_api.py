"""The typed client of the clients service's internal API (docs/internal-api.md)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from services.common.client_names import ClientNamesApi, Lenient, on_behalf_of_header
from services.common.remote import refuse_unless_ok
from services.common.text import url_segment

CoordinatorAction = Literal["transfer", "add", "remove", "handoff_start", "handoff_complete"]
# The clients service's open enrolment states (its contract: docs/internal-api.md).
OPEN_ENROLMENT_STATES = frozenset({"registered", "contacted", "active"})


class CoordinatorInfo(Lenient):
    username: str
    role: str
    reason: str = "responsible"


class EnrolmentInfo(Lenient):
    id: uuid.UUID
    service_line: str
    state: str
    coordinators: list[CoordinatorInfo] = []
    referred_by: str | None = None

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_ENROLMENT_STATES

    def role_of(self, username: str) -> str | None:
        return next((c.role for c in self.coordinators if c.username == username), None)

    def is_responsible(self, username: str) -> bool:
        """Named for responsibility on this open enrolment (not as a consultation partner)."""
        return self.is_open and any(
            c.username == username and c.reason == "responsible" for c in self.coordinators
        )


class ClientInfo(Lenient):
    id: uuid.UUID
    municipality: str | None = None
    enrolments: list[EnrolmentInfo] = []
    created_by: str | None = None
    coordinator_named: bool = True
    caller_relations: list[str] = []

    def enrolment(self, enrolment_id: uuid.UUID) -> EnrolmentInfo | None:
        return next((e for e in self.enrolments if e.id == enrolment_id), None)

    def is_responsible(self, username: str) -> bool:
        """Responsible now: on an open enrolment; an ended one gives no right to refer."""
        return any(e.is_responsible(username) for e in self.enrolments)

    def brought_in_by(self, username: str) -> bool:
        """The coach created the client (nobody named yet) or referred an open enrolment."""
        return self.created(username) or any(
            e.is_open and e.referred_by == username for e in self.enrolments
        )

    def created(self, username: str) -> bool:
        """The creator is responsible until an enrolment names a coordinator."""
        return self.created_by == username and not self.coordinator_named


class ConsentCheck(Lenient):
    covered: bool
    missing: list[str] = []


class ClientsApi(ClientNamesApi):
    async def get_client(
        self, client_id: uuid.UUID, *, on_behalf_of: str | None = None
    ) -> ClientInfo | None:
        response = await self.request(
            "GET", f"/internal/clients/{client_id}", headers=on_behalf_of_header(on_behalf_of)
        )
        if response.status_code == 404:
            return None
        refuse_unless_ok(self.service_label, response)
        return ClientInfo.model_validate(response.json())

    async def check_consents(
        self, client_id: uuid.UUID, purposes: Iterable[str], *, on_behalf_of: str | None = None
    ) -> ConsentCheck:
        response = await self.request(
            "GET",
            f"/internal/clients/{client_id}/consents/check",
            params={"purposes": ",".join(purposes)},
            headers=on_behalf_of_header(on_behalf_of),
        )
        refuse_unless_ok(self.service_label, response)
        return ConsentCheck.model_validate(response.json())

    async def grant_access(
        self,
        client_id: uuid.UUID,
        username: str,
        referral_id: str,
        *,
        on_behalf_of: str | None = None,
    ) -> None:
        response = await self.request(
            "POST",
            f"/internal/clients/{client_id}/access-grants",
            json={"username": username, "referral_id": referral_id},
            headers=on_behalf_of_header(on_behalf_of),
        )
        refuse_unless_ok(self.service_label, response)

    async def revoke_access(
        self, client_id: uuid.UUID, referral_id: str, *, on_behalf_of: str | None = None
    ) -> None:
        response = await self.request(
            "DELETE",
            f"/internal/clients/{client_id}/access-grants/{url_segment(referral_id)}",
            headers=on_behalf_of_header(on_behalf_of),
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
        reason: str | None = None,
        on_behalf_of: str | None = None,
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
        if reason is not None:
            body["reason"] = reason
        response = await self.request(
            "POST",
            f"/internal/enrolments/{enrolment_id}/coordinators",
            json=body,
            headers=on_behalf_of_header(on_behalf_of),
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

    async def report_access(self, entries: Sequence[Mapping[str, Any]]) -> None:
        """Reads of client data made here, for the clients' access log (idempotent by id)."""
        response = await self.request("POST", "/internal/access-log", json={"entries": entries})
        refuse_unless_ok(self.service_label, response)
