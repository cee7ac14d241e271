"""Settings of the metrics service (env prefix `POLKU_METRICS_`)."""

from __future__ import annotations

from pydantic import SecretStr
from pydantic_settings import SettingsConfigDict

from services.common.settings import ServiceSettings


class MetricsSettings(ServiceSettings):
    model_config = SettingsConfigDict(
        env_prefix="POLKU_METRICS_", extra="ignore", populate_by_name=True
    )

    service_name: str = "metrics"
    port: int = 8104
    database_url: str = "sqlite+aiosqlite:///var/metrics.db"
    machine_client_id: str = "svc-metrics"
    machine_client_secret: SecretStr = SecretStr("svc-metrics-demo-secret")
    clients_url: str = "http://127.0.0.1:8101"
    employers_url: str = "http://127.0.0.1:8102"
    referrals_url: str = "http://127.0.0.1:8103"
