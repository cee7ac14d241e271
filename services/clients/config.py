"""Settings of the clients service (env prefix `POLKU_CLIENTS_`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from services.common.settings import ServiceSettings


class ClientsSettings(ServiceSettings):
    model_config = SettingsConfigDict(
        env_prefix="POLKU_CLIENTS_", extra="ignore", populate_by_name=True
    )

    service_name: str = "clients"
    port: int = 8101
    database_url: str = "sqlite+aiosqlite:///var/clients.db"
    machine_client_id: str = "svc-clients"
    machine_client_secret: SecretStr = SecretStr("svc-clients-demo-secret")
    # The export and the anonymisation reach what the referrals and the notifications
    # services hold about a client.
    referrals_url: str = "http://127.0.0.1:8103"
    notifications_url: str = "http://127.0.0.1:8105"
    employers_url: str = "http://127.0.0.1:8102"
    # Working days from registration to the first contact, per service line.
    contact_due_working_days: dict[str, int] = Field(
        default_factory=lambda: {"work_ability": 5, "business": 5}
    )
    # Clients whose last enrolment ended longer ago than this are anonymised.
    client_retention_days: int = 5 * 365
    caseload_targets: dict[str, int] = Field(
        default_factory=lambda: {"work_ability_coordinator": 25, "business_coordinator": 20}
    )
    # A warm hand-off still open after this many working days shows on both coordinators'
    # My day.
    handoff_overdue_working_days: int = Field(10, ge=1)
    registration_burst: int = 5
    registration_per_minute: float = 5.0
    import_batch_size: int = 500
    # The history import's limits: the upload (the gateway's body limit for the import
    # route is this plus MULTIPART_ALLOWANCE in imports/routes.py), the rows a file may
    # hold (a city's register fits; a bigger one is split), the cells read, and what an
    # XLSX may unpack to (its sheet XML, shared strings and the rest together).
    import_max_bytes: int = Field(20 * 1024 * 1024, gt=0)
    import_max_rows: int = Field(50_000, gt=0)
    import_max_cells: int = Field(2_000_000, gt=0)
    import_max_unpacked_bytes: int = Field(100 * 1024 * 1024, gt=0)


def clients_settings(request: Request) -> ClientsSettings:
    settings: ClientsSettings = request.app.state.settings
    return settings


SettingsDep = Annotated[ClientsSettings, Depends(clients_settings)]
