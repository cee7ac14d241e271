"""Settings of the gateway (env prefix `POLKU_GATEWAY_`)."""

from __future__ import annotations

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from services.common.settings import PlatformSettings, refuse_demo_secrets

DEFAULT_ROUTES: dict[str, str] = {
    "clients": "http://127.0.0.1:8101",
    "registrations": "http://127.0.0.1:8101",
    "employers": "http://127.0.0.1:8102",
    "leads": "http://127.0.0.1:8102",
    "recruitment-events": "http://127.0.0.1:8102",
    "referrals": "http://127.0.0.1:8103",
    "partners": "http://127.0.0.1:8103",
    "metrics": "http://127.0.0.1:8104",
    "notifications": "http://127.0.0.1:8105",
}

DEMO_SERVICE_SECRETS: dict[str, str] = {
    f"svc-{name}": f"svc-{name}-demo-secret"
    for name in ("clients", "employers", "referrals", "metrics", "notifications")
}


class GatewaySettings(PlatformSettings):
    model_config = SettingsConfigDict(
        env_prefix="POLKU_GATEWAY_", extra="ignore", populate_by_name=True
    )

    service_name: str = "gateway"
    port: int = 8000
    database_url: str = "sqlite+aiosqlite:///var/gateway.db"
    signing_key_path: str = "var/gateway-signing-key.pem"
    signing_key_pem: SecretStr | None = None
    access_token_ttl_seconds: int = Field(900, le=900)
    machine_token_ttl_seconds: int = 1800
    refresh_token_ttl_seconds: int = 10 * 3600
    refresh_cookie_name: str = "polku_refresh"
    cookie_secure: bool = False

    # Routing: first path segment after /api/v1/ → the service that owns it.
    routes: dict[str, str] = Field(default_factory=lambda: dict(DEFAULT_ROUTES))
    upstream_connect_timeout_seconds: float = 1.0
    upstream_timeout_seconds: float = 15.0
    upstream_pool_size: int = 100
    # Request bodies are refused (413) past these, declared or counted as they stream in:
    # JSON needs little. Per path (the path and below), the import of the old register
    # takes its file limit (POLKU_CLIENTS_IMPORT_MAX_BYTES, 20 MiB) plus the form's envelope.
    max_body_bytes: int = Field(1024 * 1024, gt=0)
    body_limits: dict[str, int] = Field(
        default_factory=lambda: {"/api/v1/clients/imports": 21 * 1024 * 1024}
    )

    machine_rate_per_second: float = 50.0
    machine_burst: int = 20
    anonymous_rate_per_second: float = 2.0
    anonymous_burst: int = 20
    # Sign-in failures lock the (username, address) pair, and an address spraying many
    # accounts; an account is only slowed, never locked (gateway/identity/throttle.py).
    login_failures_per_username_and_address: int = 5
    login_failures_per_address: int = 20
    login_failure_window_seconds: int = 900
    login_slowdown_after_failures: int = 5
    login_slowdown_base_seconds: float = 0.5
    login_slowdown_max_seconds: float = 5.0
    # /auth/token: every request per address (each costs a hash), grants per client id.
    # Generous enough for a partner that asks for a token per push and for the services of
    # one host sharing an address; a guessed secret still costs a hash and a tenth second.
    token_requests_per_address_per_second: float = 10.0
    token_request_burst_per_address: int = 100
    token_grants_per_client_per_second: float = 2.0
    token_grant_burst_per_client: int = 50

    # Secrets of the services' own machine clients, seeded into the identity store.
    service_client_secrets: dict[str, SecretStr] = Field(
        default_factory=lambda: {k: SecretStr(v) for k, v in DEMO_SERVICE_SECRETS.items()}
    )
    password_hash_time_cost: int = 3
    password_hash_memory_kib: int = 65536
    spa_dir: str = "frontend/dist"

    @model_validator(mode="after")
    def _production_rules(self) -> GatewaySettings:
        refuse_demo_secrets(self.env, dict(self.service_client_secrets))
        if self.env == "production" and not self.cookie_secure:
            raise ValueError("POLKU_ENV=production needs POLKU_GATEWAY_COOKIE_SECURE=true")
        return self
