"""Settings of the employers service (env prefix `POLKU_EMPLOYERS_`)."""

from __future__ import annotations

from pydantic import SecretStr
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
