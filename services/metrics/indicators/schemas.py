from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class IndicatorText(BaseModel):
    name: str
    description: str


class IndicatorTranslations(BaseModel):
    """The name and the written definition in each language of the app."""

    fi: IndicatorText
    en: IndicatorText = Field(description="The same as the indicator's `name` and `description`")


class IndicatorRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str = Field(description="In English; `translations` has it in Finnish too")
    description: str = Field(description="In English; `translations` has it in Finnish too")
    definition_version: str = Field(description="The version of the definition in every language")
    unit: str
    dimensions: list[str]
    columns: list[str] = Field(description="The measure columns of a row, after the dimensions")
    translations: IndicatorTranslations


class IndicatorList(BaseModel):
    items: list[IndicatorRead]


class IndicatorQuery(BaseModel):
    """The query string of `GET /api/v1/metrics/{id}` (parsed by the route)."""

    start: dt.date
    end: dt.date
    group_by: tuple[str, ...]
    format: Literal["json", "csv"]
    delimiter: Literal["comma", "semicolon"]
    if_none_match: str | None = None


class IndicatorResult(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    indicator: str
    definition_version: str
    from_: dt.date = Field(alias="from")
    to: dt.date
    group_by: list[str]
    data_as_of: dt.datetime | None
    columns: list[str] = Field(description="The row columns, also when there are no rows")
    suppressed_below: int | None = Field(
        None, description="Cells describing fewer persons than this are suppressed"
    )
    catalogue_version: int | None = Field(
        None, description="The outcome catalogue version the figures used"
    )
    rows: list[dict[str, Any]]


class Rendered(BaseModel):
    """An indicator answer ready to send: a body (or 304), its media type and headers."""

    status: int
    body: bytes
    media_type: str
    headers: dict[str, str]
