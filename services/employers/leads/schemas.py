from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from services.common.text import free_text_rules, name_rules
from services.employers.codes import CloseReason, LeadSource, TolSection
from services.employers.fields import (
    BusinessId,
    EffectKey,
    Email,
    Municipality,
    Name,
    Phone,
    Positions,
    Username,
)

ExternalId = Annotated[str, name_rules(max_length=100)]
# CONTRACTS §2: LADEC's need may span lines; they are kept, as LF.
Need = Annotated[str, free_text_rules(min_length=1, max_length=10_000, strip=True)]


class LeadContact(BaseModel):
    """The company's contact person for this lead."""

    model_config = ConfigDict(extra="ignore")

    name: Name | None = None
    email: Email | None = None
    phone: Phone | None = None


class LeadPush(BaseModel):
    """A recruitment lead from LADEC (CONTRACTS §2). Unknown fields are ignored."""

    model_config = ConfigDict(extra="ignore")

    external_id: ExternalId
    business_id: BusinessId = Field(description="A valid Y-tunnus")
    company_name: Name
    contact: LeadContact | None = None
    need: Need
    positions: Positions | None = None
    municipality: Municipality | None = None
    industry: TolSection | None = Field(None, description="TOL 2008 section letter")
    received_at: AwareDatetime


class LeadCreate(BaseModel):
    """A lead a coordinator enters: a phone call, an e-mail, a walk-in visit to Rekrypiste, or
    prospecting.

    Name the employer by `employer_id`, or by `business_id` and `company_name` (a new
    prospect is created when the Y-tunnus is not yet known).
    """

    model_config = ConfigDict(extra="forbid")

    source: Literal["phone", "email", "walk_in", "prospecting"]
    employer_id: uuid.UUID | None = None
    business_id: BusinessId | None = None
    company_name: Name | None = None
    contact: LeadContact | None = None
    need: Need
    positions: Positions | None = None
    municipality: Municipality | None = None
    industry: TolSection | None = None
    received_at: AwareDatetime | None = Field(None, description="Default: now")
    coordinator: Username | None = Field(
        None, description="Responsible business coordinator; default: the assignment rule"
    )


class LeadUpdate(BaseModel):
    """Change a lead. `coordinator` (reassignment) is for team leads only."""

    model_config = ConfigDict(extra="forbid")

    need: Need | None = None
    positions: Positions | None = None
    municipality: Municipality | None = None
    contact: LeadContact | None = None
    status: Literal["in_progress"] | None = Field(
        None, description="Mark a contacted lead as being worked on"
    )
    coordinator: Username | None = None


class LeadClose(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: CloseReason
    at: AwareDatetime | None = Field(None, description="Default: now")


class InternalLeadClose(BaseModel):
    effect_key: EffectKey
    reason: CloseReason


class LeadRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    external_id: str | None
    source: LeadSource
    employer_id: uuid.UUID
    employer_name: str = Field(description="The company's name in the register")
    status: str
    coordinator: str
    need: str
    positions: int | None
    municipality: str | None
    industry: str | None
    contact: LeadContact
    received_at: dt.datetime
    received_by: str
    contact_due: dt.date = Field(description="Helsinki date: 3 working days after received_at")
    contacted_at: dt.datetime | None
    follow_up_due: dt.date | None = Field(
        description="Helsinki date: 3 weeks after the first contact, on a working day"
    )
    followed_up_at: dt.datetime | None
    closed_at: dt.datetime | None
    close_reason: CloseReason | None
    closed_by: str | None = Field(description="Username or machine client who closed it")
    possible_duplicate_of: uuid.UUID | None = Field(
        description="An open lead of the same company (same Y-tunnus or name) when this one "
        "came in: probably the same need entered twice"
    )
    contact_overdue: bool
    follow_up_overdue: bool
    overdue: bool
    created_at: dt.datetime
    updated_at: dt.datetime
    updated_by: str


class LeadHistoryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    at: dt.datetime = Field(description="When the step happened")
    recorded_at: dt.datetime
    by: str = Field(description="Username or machine client who did it")
    action: str = Field(
        description="received, assigned, possible_duplicate, activity, contacted, followed_up, "
        "status_changed, updated or closed"
    )
    from_status: str | None
    to_status: str | None
    details: dict[str, Any]
