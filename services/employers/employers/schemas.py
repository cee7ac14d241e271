from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, ConfigDict, Field

from services.employers.codes import EmployerSector, EmployerStatus, SizeClass, TolSection
from services.employers.fields import (
    BusinessId,
    Email,
    LongText,
    Municipality,
    Name,
    Phone,
    ShortText,
)


class EmployerCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    business_id: BusinessId = Field(description="Y-tunnus; stored as `1234567-8`")
    name: Name
    industry: TolSection | None = Field(None, description="TOL 2008 section letter")
    size_class: SizeClass | None = Field(
        None, description="micro < 10, small < 50, medium < 250, large 250+ employees"
    )
    sector: EmployerSector = Field(
        "unknown", description="public, private or third_sector (associations, foundations)"
    )
    municipality: Municipality | None = None
    street_address: ShortText | None = None
    postal_code: ShortText | None = None
    city: ShortText | None = None
    status: EmployerStatus = "prospect"
    network_member: bool = False
    tailored_work_interest: bool = False
    notes: LongText | None = None


class EmployerUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    business_id: BusinessId | None = None
    name: Name | None = None
    industry: TolSection | None = None
    size_class: SizeClass | None = None
    sector: EmployerSector | None = None
    municipality: Municipality | None = None
    street_address: ShortText | None = None
    postal_code: ShortText | None = None
    city: ShortText | None = None
    status: EmployerStatus | None = None
    network_member: bool | None = None
    tailored_work_interest: bool | None = None
    notes: LongText | None = None


class EmployerRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    business_id: str
    name: str
    industry: str | None
    size_class: str | None
    sector: str
    sector_since: dt.date | None
    municipality: str | None
    street_address: str | None
    postal_code: str | None
    city: str | None
    status: str
    status_changed_on: dt.date
    contacted_on: dt.date | None
    partner_since: dt.date | None
    inactive_since: dt.date | None
    network_member: bool
    tailored_work_interest: bool
    notes: str | None
    created_at: dt.datetime
    created_by: str
    updated_at: dt.datetime
    updated_by: str


class ContactCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    role: ShortText | None = Field(None, description="e.g. CEO, HR manager, shift supervisor")
    email: Email | None = None
    phone: Phone | None = None


class ContactUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    role: ShortText | None = None
    email: Email | None = None
    phone: Phone | None = None
    active: bool | None = None


class ContactRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    employer_id: uuid.UUID
    name: str
    role: str | None
    email: str | None
    phone: str | None
    active: bool
    created_at: dt.datetime
    created_by: str
    updated_at: dt.datetime
    updated_by: str


class InternalEmployerRead(BaseModel):
    """An employer as another service needs it: that it exists, and its name."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    status: str
