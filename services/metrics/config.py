"""Settings of the metrics service (env prefix `POLKU_METRICS_`)."""

from __future__ import annotations

from pydantic import Field, SecretStr
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
    # Cells describing fewer persons than this are suppressed for machine clients (BI).
    min_cell: int = Field(5, ge=1)
    # The background consumer; tests switch it off and drive catch-ups themselves.
    ingest_enabled: bool = True
    # Events folded per transaction (read in feed pages of at most 1000).
    ingest_batch_size: int = Field(5000, ge=1, le=20000)
    ingest_poll_seconds: float = Field(2.0, gt=0)
    ingest_max_backoff_seconds: float = Field(60.0, gt=0)
    # Feed pages are large; give the source time to serialise a full batch.
    http_read_timeout_seconds: float = 30.0
