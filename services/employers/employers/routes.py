from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from services.common.auth import InternalCaller
from services.common.db import SessionDep
from services.common.pagination import CursorQuery, LimitQuery, Page
from services.employers.access import CrmStaff, EmployerReader
from services.employers.codes import EmployerStatus, TolSection
from services.employers.employers import service
from services.employers.employers.schemas import (
    ContactCreate,
    ContactRead,
    ContactUpdate,
    EmployerCreate,
    EmployerRead,
    EmployerUpdate,
    InternalEmployerRead,
)
from services.employers.fields import BusinessId, ShortText

router = APIRouter(prefix="/api/v1/employers", tags=["employers"])
internal_router = APIRouter(prefix="/internal/employers", tags=["internal"])


@router.post("", response_model=EmployerRead, status_code=status.HTTP_201_CREATED)
async def create_employer(
    data: EmployerCreate, session: SessionDep, principal: CrmStaff, response: Response
) -> EmployerRead:
    """Add an employer to the CRM. A Y-tunnus already on record answers 409 naming that employer."""
    employer = await service.create_employer(session, data, principal)
    response.headers["Location"] = f"/api/v1/employers/{employer.id}"
    return employer


@router.get("", response_model=Page[EmployerRead])
async def search_employers(
    session: SessionDep,
    _: EmployerReader,
    q: Annotated[ShortText | None, Query(description="Part of the name or Y-tunnus")] = None,
    business_id: Annotated[BusinessId | None, Query(description="Exact Y-tunnus")] = None,
    industry: TolSection | None = None,
    status: EmployerStatus | None = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[EmployerRead]:
    """Search employers by name, Y-tunnus, TOL section and status, ordered by name."""
    return await service.employer_page(
        session,
        q=q,
        business_id=business_id,
        industry=industry,
        status=status,
        cursor=cursor,
        limit=limit,
    )


@router.get("/{employer_id}", response_model=EmployerRead)
async def get_employer(
    employer_id: uuid.UUID, session: SessionDep, _: EmployerReader
) -> EmployerRead:
    """One employer."""
    return await service.read_employer(session, employer_id)


@router.patch("/{employer_id}", response_model=EmployerRead)
async def update_employer(
    employer_id: uuid.UUID, data: EmployerUpdate, session: SessionDep, principal: CrmStaff
) -> EmployerRead:
    """Change an employer; `status` moves prospect → contacted → partner → inactive and dates it."""
    return await service.update_employer(session, employer_id, data, principal)


@router.post(
    "/{employer_id}/contacts", response_model=ContactRead, status_code=status.HTTP_201_CREATED
)
async def add_contact(
    employer_id: uuid.UUID, data: ContactCreate, session: SessionDep, principal: CrmStaff
) -> ContactRead:
    """Add a contact person with their role."""
    return await service.add_contact(session, employer_id, data, principal)


@router.get("/{employer_id}/contacts", response_model=Page[ContactRead])
async def list_contacts(
    employer_id: uuid.UUID,
    session: SessionDep,
    _: EmployerReader,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[ContactRead]:
    """The employer's contact persons, by name."""
    return await service.contact_page(session, employer_id, cursor=cursor, limit=limit)


@router.patch("/{employer_id}/contacts/{contact_id}", response_model=ContactRead)
async def update_contact(
    employer_id: uuid.UUID,
    contact_id: uuid.UUID,
    data: ContactUpdate,
    session: SessionDep,
    principal: CrmStaff,
) -> ContactRead:
    """Change a contact person (`active: false` when they have left)."""
    return await service.update_contact(session, employer_id, contact_id, data, principal)


@internal_router.get("/{employer_id}", response_model=InternalEmployerRead)
async def internal_employer(
    employer_id: uuid.UUID, session: SessionDep, _: InternalCaller
) -> InternalEmployerRead:
    """An employer for another service (e.g. the place of a client's active-service period)."""
    return await service.internal_employer(session, employer_id)
