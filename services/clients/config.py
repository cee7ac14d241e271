"""Settings of the clients service (env prefix `POLKU_CLIENTS_`)."""

from __future__ import annotations

from pydantic import SecretStr
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
