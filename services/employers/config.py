"""Settings of the employers service (env prefix `POLKU_EMPLOYERS_`)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from services.common.settings import ServiceSettings


class EmployersSettings(ServiceSettings):
    model_config = SettingsConfigDict(
        env_prefix="POLKU_EMPLOYERS_", extra="ignore", populate_by_name=True
    )

    service_name: str = "employers"
    port: int = 8102
    database_url: str = "sqlite+aiosqlite:///var/employers.db"
    machine_client_id: str = "svc-employers"
    machine_client_secret: SecretStr = SecretStr("svc-employers-demo-secret")

    clients_url: str = "http://127.0.0.1:8101"
    # Names of clients (hires, event invitations) are asked per answer; a slow clients
    # service leaves them out rather than holding the page.
    names_timeout_seconds: float = Field(1.5, gt=0, le=30)

    # Who becomes responsible for a lead that names nobody: a coordinator chosen by the
    # lead's municipality when the map has it, otherwise the next one of the list in turn.
    # JSON in the environment, e.g. POLKU_EMPLOYERS_LEAD_COORDINATORS='["bc1","bc2"]'.
    lead_assignment_rule: Literal["round_robin", "municipality"] = "round_robin"
    lead_coordinators: list[str] = Field(default_factory=lambda: ["bc1", "bc2"], min_length=1)
    lead_coordinators_by_municipality: dict[str, str] = Field(default_factory=dict)
    lead_contact_working_days: int = 3
    lead_follow_up_days: int = 21
    # A push holds its Idempotency-Key on a lease it renews while it runs (every third of
    # the lease); a push that died stops renewing, and a retry may take the key over once
    # the lease has lapsed instead of getting 409 for minutes.
    idempotency_claim_lease_seconds: float = Field(5.0, gt=0)
    # How long an answered Idempotency-Key is kept to answer retries; older keys are
    # forgotten (a retry after that is a new push, refused as a known `external_id`).
    idempotency_retention_days: int = Field(30, ge=1)
