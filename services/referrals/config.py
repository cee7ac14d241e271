"""Settings of the referrals service (env prefix `POLKU_REFERRALS_`)."""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from services.common.settings import ServiceSettings


class ReferralsSettings(ServiceSettings):
    model_config = SettingsConfigDict(
        env_prefix="POLKU_REFERRALS_", extra="ignore", populate_by_name=True
    )

    service_name: str = "referrals"
    port: int = 8103
    database_url: str = "sqlite+aiosqlite:///var/referrals.db"
    machine_client_id: str = "svc-referrals"
    machine_client_secret: SecretStr = SecretStr("svc-referrals-demo-secret")
    clients_url: str = "http://127.0.0.1:8101"
    employers_url: str = "http://127.0.0.1:8102"
    response_working_days: int = Field(3, ge=1, le=30)
    # Working days after `response_due` before an unanswered referral expires.
    expiry_grace_working_days: int = Field(2, ge=0, le=30)
    background_interval_seconds: float = Field(5.0, gt=0)
    effect_retry_initial_seconds: float = Field(5.0, gt=0)
    effect_retry_max_seconds: float = Field(600.0, gt=0)
    # Days a sender and an addressee still see a referral after it ended (the clients
    # service's grace period after an enrolment, for the same people).
    grace_period_days: int = Field(14, ge=0, le=365)
    # How long a list waits for the clients' names before answering without them: a
    # clients service that hangs must not hold every referral list up to the read timeout.
    names_timeout_seconds: float = Field(1.5, gt=0, le=30)
    # Test only (honoured when POLKU_ENV=test): the named points at which the process kills
    # itself, so a contract test can crash an answer at each step (issue 11, acceptance 3).
    crash_at: frozenset[str] = frozenset()
