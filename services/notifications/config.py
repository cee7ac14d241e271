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

    # E-mails, invitations and the calendar feed leave the app, where no access log follows
    # them: by default they never name a client. A city may allow names (never of a client
    # under non-disclosure); each name is still asked for the recipient and logged as read.
    client_names_outside_app: bool = False

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

    # Text reminders to clients (docs/notifications.md). Without a gateway URL the messages
    # are written as files into `texts_folder`, which a developer can read.
    sms_url: str | None = None
    sms_token: SecretStr | None = None
    # The sender name the phone shows (a gateway takes up to 11 letters and digits).
    sms_sender: str = Field("Polku", min_length=1, max_length=11, pattern=r"^[A-Za-z0-9]+$")
    sms_timeout_seconds: float = Field(10.0, gt=0)
    texts_folder: str = "var/texts"
    # A booked meeting is reminded once when it comes this close; the clients service
    # answers for a window of at most 48 hours.
    text_reminder_hours_before: int = Field(24, ge=1, le=48)
    # How often a replica asks the clients service for the meetings to remind.
    text_reminder_sweep_seconds: float = Field(60.0, gt=0)

    @field_validator(
        "smtp_host", "smtp_username", "smtp_password", "sms_url", "sms_token", mode="before"
    )
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        # A compose or Kubernetes variable left empty means "not set", not "the empty name".
        return None if value == "" else value

    @model_validator(mode="after")
    def _no_demo_smtp_password(self) -> NotificationsSettings:
        if self.smtp_password is not None:
            refuse_demo_secrets(self.env, {"smtp_password": self.smtp_password})
        return self
