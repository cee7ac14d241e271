from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from services.clients.people import service
from services.clients.people.schemas import (
    ClientCreate,
    ClientListPage,
    ClientListQuery,
    ClientLookup,
    ClientLookupRead,
    ClientRead,
    ClientUpdate,
    ConsentCreate,
    ConsentRead,
)
from services.common.audit import AccessDep
from services.common.auth import COORDINATOR_ROLES, Principal, StaffPrincipal, require_roles
from services.common.db import SessionDep

router = APIRouter(prefix="/api/v1/clients", tags=["clients"])
# Those who find whom to refer: coaches and coordinators.
ReferrerPrincipal = Annotated[Principal, Depends(require_roles("coach", *COORDINATOR_ROLES))]


@router.post("", response_model=ClientRead, status_code=status.HTTP_201_CREATED)
async def create_client(
    data: ClientCreate, session: SessionDep, context: AccessDep, _: StaffPrincipal
) -> ClientRead:
    """A new client. Only the names are required; the creator is responsible for the client
    until an enrolment names a coordinator."""
    return await service.create_client(session, context, data)


@router.get("", response_model=ClientListPage)
async def list_clients(
    session: SessionDep,
    context: AccessDep,
    _: StaffPrincipal,
    query: Annotated[ClientListQuery, Query()],
) -> ClientListPage:
    """The clients the caller may see (identity codes masked), filtered and sorted, with the
    state of each one's current enrolment and the `total` over every page; one access-log
    entry names every client returned."""
    return await service.client_page(session, context, query)


@router.post("/lookup", response_model=ClientLookupRead)
async def lookup_client(
    data: ClientLookup, session: SessionDep, context: AccessDep, _: ReferrerPrincipal
) -> ClientLookupRead:
    """Find a client by their exact personal identity code (coaches and coordinators): the
    answer says only that the person is a client and whether they may be referred (no open
    enrolment); 404 when nobody has the code. The client's access log records the lookup."""
    return await service.lookup(session, context, data)


@router.get("/{client_id}", response_model=ClientRead)
async def read_client(client_id: uuid.UUID, session: SessionDep, context: AccessDep) -> ClientRead:
    """One client; contact details are hidden under non-disclosure from all but the
    responsible coordinators."""
    return await service.read_client(session, context, client_id)


@router.patch("/{client_id}", response_model=ClientRead)
async def update_client(
    client_id: uuid.UUID, data: ClientUpdate, session: SessionDep, context: AccessDep
) -> ClientRead:
    """Change the client's details (only the fields given)."""
    return await service.update_client(session, context, client_id, data)


@router.get("/{client_id}/consents", response_model=list[ConsentRead])
async def list_consents(
    client_id: uuid.UUID, session: SessionDep, context: AccessDep
) -> list[ConsentRead]:
    """Every consent the client has given, withdrawn ones included."""
    return await service.list_consents(session, context, client_id)


@router.post(
    "/{client_id}/consents", response_model=ConsentRead, status_code=status.HTTP_201_CREATED
)
async def grant_consent(
    client_id: uuid.UUID, data: ConsentCreate, session: SessionDep, context: AccessDep
) -> ConsentRead:
    """Record a consent for one purpose."""
    return await service.grant_consent(session, context, client_id, data)


@router.delete("/{client_id}/consents/{consent_id}", response_model=ConsentRead)
async def withdraw_consent(
    client_id: uuid.UUID, consent_id: uuid.UUID, session: SessionDep, context: AccessDep
) -> ConsentRead:
    """Withdraw a consent: the sharing it covered stops from this moment."""
    return await service.withdraw_consent(session, context, client_id, consent_id)
