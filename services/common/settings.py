"""Settings shared by every Polku process.

Each service subclasses `ServiceSettings` with its own env prefix (`POLKU_<SERVICE>_`).
A few settings are the same for the whole installation and so have one global name
(`POLKU_ENV`, `POLKU_ISSUER`, `POLKU_JWKS_URL`, `POLKU_TOKEN_URL`, `POLKU_TRUSTED_PROXIES`).
"""

from __future__ import annotations

import ipaddress
from typing import Literal

from pydantic import AliasChoices, Field, IPvAnyNetwork, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Environment = Literal["development", "test", "production"]

DEFAULT_GATEWAY = "http://127.0.0.1:8000"

# Secrets and passwords that ship with the embedded default. Production refuses them.
DEMO_SECRETS: frozenset[str] = frozenset(
    {
        "polku",
        "ladec-secret",
        "bi-secret",
        "svc-clients-demo-secret",
        "svc-employers-demo-secret",
        "svc-referrals-demo-secret",
        "svc-metrics-demo-secret",
        "svc-notifications-demo-secret",
    }
)


class DemoSecretInProduction(ValueError):
    pass


def refuse_demo_secrets(env: Environment, secrets: dict[str, SecretStr | None]) -> None:
    if env != "production":
        return
    demo = sorted(
        name
        for name, value in secrets.items()
        if value is not None
        and (value.get_secret_value() in DEMO_SECRETS or not value.get_secret_value())
    )
    if demo:
        raise DemoSecretInProduction(
            f"POLKU_ENV=production refuses demo or empty secrets: {', '.join(demo)}"
        )


class PlatformSettings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    env: Environment = Field("development", validation_alias=AliasChoices("POLKU_ENV"))
    issuer: str = Field(DEFAULT_GATEWAY, validation_alias=AliasChoices("POLKU_ISSUER"))
    audience: str = "polku"
    log_level: str = "INFO"
    # Revocations (logout, deactivation, a disabled machine client) reach every verifier
    # within the maximum age; past it without a fresh list, every token is refused.
    revocation_refresh_seconds: float = Field(2.0, ge=0)
    revocation_max_age_seconds: float = Field(5.0, gt=0, le=5.0)
    # Polku's own proxies (JSON list of addresses or networks): the edge in front of the
    # gateway, the gateway in front of the services. Only their X-Forwarded-For and
    # X-Request-ID are believed. The embedded default runs every process on one host, so
    # the loopback address (not the whole 127/8) is the gateway's.
    trusted_proxies: list[IPvAnyNetwork] = Field(
        default_factory=lambda: [
            ipaddress.ip_network("127.0.0.1/32"),
            ipaddress.ip_network("::1/128"),
        ],
        validation_alias=AliasChoices("POLKU_TRUSTED_PROXIES"),
    )


class ServiceSettings(PlatformSettings):
    """What every domain service needs; subclasses set the prefix and the defaults."""

    service_name: str = "service"
    database_url: str = "sqlite+aiosqlite:///var/service.db"
    port: int = 8100
    jwks_url: str = Field(
        f"{DEFAULT_GATEWAY}/.well-known/jwks.json",
        validation_alias=AliasChoices("POLKU_JWKS_URL"),
    )
    token_url: str = Field(
        f"{DEFAULT_GATEWAY}/auth/token",
        validation_alias=AliasChoices("POLKU_TOKEN_URL"),
    )
    gateway_url: str = Field(DEFAULT_GATEWAY, validation_alias=AliasChoices("POLKU_GATEWAY_URL"))
    machine_client_id: str = "svc-service"
    machine_client_secret: SecretStr = SecretStr("")
    http_connect_timeout_seconds: float = 2.0
    http_read_timeout_seconds: float = 5.0
    access_log_retention_days: int = 5 * 365

    @model_validator(mode="after")
    def _no_demo_secrets_in_production(self) -> ServiceSettings:
        refuse_demo_secrets(self.env, {"machine_client_secret": self.machine_client_secret})
        return self
