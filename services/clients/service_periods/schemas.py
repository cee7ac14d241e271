"""Active-service periods: work trials, wage-subsidised work and the rest, at an employer
or a partner, and the labour-market status each writes."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from services.clients.records.schemas import LabourMarketStatus
from services.common.text import name_rules

ServicePeriodKind = Literal[
    "work_trial",
    "wage_subsidy",
    "apprenticeship",
    "rehabilitative_work",
    "job_coaching",
    "labour_market_training",
    "self_motivated_study",
]
SERVICE_PERIOD_KINDS: tuple[str, ...] = ServicePeriodKind.__args__  # type: ignore[attr-defined]
DecisionRef = Annotated[str, name_rules(max_length=60)]
HoursPerWeek = Annotated[int, Field(ge=1, le=60)]
SubsidyPercent = Annotated[int, Field(ge=1, le=100)]


class _Placement(BaseModel):
    @model_validator(mode="after")
    def _one_place(self) -> _Placement:
        if getattr(self, "employer_id", None) and getattr(self, "partner_id", None):
            raise ValueError("A period is at an employer or at a partner, not both.")
        return self


class ServicePeriodCreate(_Placement):
    kind: ServicePeriodKind
    starts_on: dt.date
    planned_end_on: dt.date | None = None
    enrolment_id: uuid.UUID | None = None
    employer_id: uuid.UUID | None = Field(None, description="An employer of the register")
    partner_id: uuid.UUID | None = Field(None, description="A provider of the partner directory")
    hours_per_week: HoursPerWeek | None = None
    subsidy_percent: SubsidyPercent | None = Field(None, description="Wage subsidy only")
    decision_ref: DecisionRef | None = Field(None, description="Wage subsidy only")


class ServicePeriodUpdate(_Placement):
    """Details of a running or ended period; its kind and start stay (end it and start
    another to change them)."""

    planned_end_on: dt.date | None = None
    employer_id: uuid.UUID | None = None
    partner_id: uuid.UUID | None = None
    hours_per_week: HoursPerWeek | None = None
    subsidy_percent: SubsidyPercent | None = None
    decision_ref: DecisionRef | None = None


class ServicePeriodEnd(BaseModel):
    ends_on: dt.date


class FollowUpVisit(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    enrolment_id: uuid.UUID
    at: dt.datetime
    status: str


class ServicePeriodRead(BaseModel):
    id: uuid.UUID
    client_id: uuid.UUID
    enrolment_id: uuid.UUID | None
    kind: str
    starts_on: dt.date
    planned_end_on: dt.date | None
    ends_on: dt.date | None
    employer_id: uuid.UUID | None
    partner_id: uuid.UUID | None
    hours_per_week: int | None
    subsidy_percent: int | None
    decision_ref: str | None
    labour_market_status: str = Field(description="The status the period writes")
    rule_version: int
    recorded_by: str
    ended_by: str | None
    follow_up_visits: list[FollowUpVisit]


class EmployerServicePeriodRead(BaseModel):
    """A period placed with an employer, for the employer's page: the client only for those
    the client's need-to-know allows."""

    id: uuid.UUID
    kind: str
    starts_on: dt.date
    planned_end_on: dt.date | None
    ends_on: dt.date | None
    hours_per_week: int | None
    client_id: uuid.UUID | None
    client_name: str | None


class ServiceKindRulesCreate(BaseModel):
    """A new version of which status each kind of period writes, from `valid_from` on."""

    valid_from: dt.date
    statuses: dict[ServicePeriodKind, LabourMarketStatus]

    @model_validator(mode="after")
    def _every_kind(self) -> ServiceKindRulesCreate:
        missing = sorted(set(SERVICE_PERIOD_KINDS) - set(self.statuses))
        if missing:
            raise ValueError(f"Every kind needs a status; missing: {', '.join(missing)}.")
        return self


class ServiceKindRulesRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    version: int
    valid_from: dt.date
    statuses: dict[str, str]
    created_by: str
    created_at: dt.datetime
