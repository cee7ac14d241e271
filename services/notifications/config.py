"""Settings of the notifications service (env prefix `POLKU_NOTIFICATIONS_`)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import SettingsConfigDict

from services.common.settings import ServiceSettings, refuse_demo_secrets


class NotificationsSettings(ServiceSettings):
    model_config = SettingsConfigDict(
        env_prefix="POLKU_NOTIFICATIONS_", extra="ignore", populate_by_name=True
    )

    service_name: str = "notifications"
    port: int = 8105
    database_url: str = "sqlite+aiosqlite:///var/notifications.db"
    machine_client_id: str = "svc-notifications"
    machine_client_secret: SecretStr = SecretStr("svc-notifications-demo-secret")
    clients_url: str = "http://127.0.0.1:8101"
    employers_url: str = "http://127.0.0.1:8102"
    referrals_url: str = "http://127.0.0.1:8103"
    # Where the links in the e-mails point (the gateway's origin, which serves the app).
    app_url: str = "http://127.0.0.1:8000"

    # The background work (feeds, due items, mail); tests switch it off and drive it.
    background_enabled: bool = True
    poll_seconds: float = Field(5.0, gt=0)
    max_backoff_seconds: float = Field(60.0, gt=0)
    # The due items (clients' deadlines) are asked for at most this often per person.
    due_sweep_seconds: float = Field(300.0, gt=0)
    # How long an answer may wait for the owning service's need-to-know verdict.
    need_to_know_timeout_seconds: float = Field(3.0, gt=0)

    # The digest goes out daily at this Helsinki hour unless a person chose another.
    default_digest_hour: int = Field(7, ge=0, le=23)

    # E-mail. Without an SMTP host the messages go to a maildir a developer can read.
    smtp_host: str | None = None
    smtp_port: int = Field(587, ge=1, le=65535)
    smtp_security: Literal["none", "starttls", "tls"] = "starttls"
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_timeout_seconds: float = Field(10.0, gt=0)
    mail_from: str = "Polku <polku@localhost>"
    maildir: str = "var/mail"

    @field_validator("smtp_host", "smtp_username", "smtp_password", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        # A compose or Kubernetes variable left empty means "not set", not "the empty name".
        return None if value == "" else value

    @model_validator(mode="after")
    def _no_demo_smtp_password(self) -> NotificationsSettings:
        if self.smtp_password is not None:
            refuse_demo_secrets(self.env, {"smtp_password": self.smtp_password})
        return self
