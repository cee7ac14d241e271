from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status

from services.clients.employers_api import EmployersApiDep
from services.clients.referrals_api import ReferralsApiDep
from services.clients.service_periods import service
from services.clients.service_periods.schemas import (
    EmployerServicePeriodRead,
    ServiceKindRulesCreate,
    ServiceKindRulesRead,
    ServicePeriodCreate,
    ServicePeriodEnd,
    ServicePeriodRead,
    ServicePeriodUpdate,
)
from services.common.audit import AccessDep
from services.common.db import SessionDep

router = APIRouter(prefix="/api/v1/clients/{client_id}/service-periods", tags=["service periods"])
# Fixed paths beside `/api/v1/clients/{client_id}`: the app includes them before that one.
fixed_router = APIRouter(prefix="/api/v1/clients", tags=["service periods"])


@router.post("", response_model=ServicePeriodRead, status_code=status.HTTP_201_CREATED)
async def start_period(
    client_id: uuid.UUID,
    data: ServicePeriodCreate,
    session: SessionDep,
    context: AccessDep,
    employers: EmployersApiDep,
    referrals: ReferralsApiDep,
) -> ServicePeriodRead:
    """Start an active-service period. It writes the client's labour-market status episode
    (which status each kind writes is versioned data), ends the status of the day before and
    replaces a hand-typed `active_service` episode over the same days."""
    return await service.start_period(session, context, employers, referrals, client_id, data)


@router.get("", response_model=list[ServicePeriodRead])
async def list_periods(
    client_id: uuid.UUID, session: SessionDep, context: AccessDep
) -> list[ServicePeriodRead]:
    """The client's periods, oldest first, each with its follow-up visits."""
    return await service.list_periods(session, context, client_id)


@router.patch("/{period_id}", response_model=ServicePeriodRead)
async def update_period(
    client_id: uuid.UUID,
    period_id: uuid.UUID,
    data: ServicePeriodUpdate,
    session: SessionDep,
    context: AccessDep,
    employers: EmployersApiDep,
    referrals: ReferralsApiDep,
) -> ServicePeriodRead:
    """Correct a period's planned end, place, hours or wage-subsidy details."""
    return await service.update_period(
        session, context, employers, referrals, client_id, period_id, data
    )


@router.post("/{period_id}/end", response_model=ServicePeriodRead)
async def end_period(
    client_id: uuid.UUID,
    period_id: uuid.UUID,
    data: ServicePeriodEnd,
    session: SessionDep,
    context: AccessDep,
) -> ServicePeriodRead:
    """End the period on `ends_on`: its episode ends that day, and the status before it
    resumes the next day unless a newer one has been recorded."""
    return await service.end_period(session, context, client_id, period_id, data)


@fixed_router.get("/service-periods", response_model=list[EmployerServicePeriodRead])
async def periods_at_employer(
    employer_id: Annotated[uuid.UUID, Query()], session: SessionDep, context: AccessDep
) -> list[EmployerServicePeriodRead]:
    """The periods placed with an employer, newest first (at most 200); a client is named
    only to those who may open the client."""
    return await service.periods_at_employer(session, context, employer_id)


@fixed_router.get("/service-kind-rules", response_model=list[ServiceKindRulesRead])
async def list_rules(session: SessionDep, context: AccessDep) -> list[ServiceKindRulesRead]:
    """Which labour-market status each kind of period writes, version by version."""
    return await service.list_rules(session, context)


@fixed_router.post(
    "/service-kind-rules", response_model=ServiceKindRulesRead, status_code=status.HTTP_201_CREATED
)
async def add_rules(
    data: ServiceKindRulesCreate, session: SessionDep, context: AccessDep
) -> ServiceKindRulesRead:
    """A new version of the rules from `valid_from` on (administrators)."""
    return await service.add_rules(session, context, data)
