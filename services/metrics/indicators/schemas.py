from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class IndicatorRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    description: str
    definition_version: str
    unit: str
    dimensions: list[str]


class IndicatorList(BaseModel):
    items: list[IndicatorRead]
