from __future__ import annotations

from pydantic import BaseModel, ConfigDict


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
