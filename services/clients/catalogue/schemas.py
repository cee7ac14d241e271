from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

# What a client can consent to; every domain that records or checks a consent names these.
ConsentPurpose = Literal[
    "service",
    "esf_data",
    "share_with_health_services",
    "share_work_ability_summary",
    "share_work_ability_summary_with_employer",
    "text_reminders",
]
CONSENT_PURPOSES: tuple[str, ...] = ConsentPurpose.__args__  # type: ignore[attr-defined]


class OutcomeRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    exit_form: bool
    counts_as_activation: bool
    label_fi: str
    label_en: str


class CatalogueRead(BaseModel):
    outcomes: list[OutcomeRead]
    municipalities: list[str]
