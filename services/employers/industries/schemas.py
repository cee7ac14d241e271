from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class IndustryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    section: str
    label_fi: str
    label_en: str


class IndustryList(BaseModel):
    items: list[IndustryRead]
