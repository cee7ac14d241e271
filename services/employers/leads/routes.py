from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request, status
from fastapi.responses import JSONResponse

from services.common.auth import CurrentPrincipal, InternalCaller, Principal
from services.common.db import DatabaseDep, SessionDep
from services.common.errors import PROBLEM_MEDIA_TYPE, Forbidden
from services.common.pagination import CursorQuery, LimitQuery, Page
from services.employers.access import CrmStaff, Directory, SettingsDep
from services.employers.activities.schemas import ActivityCreate, ActivityRead
from services.employers.codes import CRM_ROLES, LeadSource, LeadStatus
from services.employers.fields import ShortText, Username
from services.employers.leads import service
from services.employers.leads.schemas import (
    InternalLeadClose,
    LeadClose,
    LeadCreate,
    LeadHistoryRead,
    LeadPush,
    LeadRead,
    LeadUpdate,
)

router = APIRouter(prefix="/api/v1/leads", tags=["leads"])
internal_router = APIRouter(prefix="/internal/leads", tags=["internal"])


async def _lead_writer(principal: CurrentPrincipal) -> Principal:
    if not principal.has_scope("leads:write"):
        raise Forbidden(
            "This call needs the scope 'leads:write'.",
            code="scope_required",
            params={"scope": "leads:write"},
        )
    return principal


async def _lead_reader(principal: CurrentPrincipal) -> Principal:
    """A machine client with `leads:read`, or staff who work in the CRM."""
    if principal.is_machine and principal.has_scope("leads:read"):
        return principal
    if not principal.is_machine and principal.has_role(*CRM_ROLES):
        return principal
    raise Forbidden(
        "This call needs the scope 'leads:read' or a CRM role.",
        code="scope_required",
        params={"scope": "leads:read"},
    )


def _inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """The push body's JSON schema with its `$defs` inlined, for the OpenAPI document."""
    definitions = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return resolve(definitions[ref.removeprefix("#/$defs/")])
            return {k: resolve(v) for k, v in node.items()}
        if isinstance(node, list):
            return [resolve(v) for v in node]
        return node

    resolved: dict[str, Any] = resolve(schema)
    return resolved


_PUSH_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": _inline_refs(LeadPush.model_json_schema())}},
    }
}


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=LeadRead,
    openapi_extra=_PUSH_BODY,
    responses={
        400: {"description": "No Idempotency-Key"},
        409: {"description": "The key is in use by a request in progress, or external_id is known"},
        422: {"description": "Invalid body, or the key was used with another body"},
    },
)
async def push_lead(
    request: Request,
    database: DatabaseDep,
    settings: SettingsDep,
    principal: Annotated[Principal, Depends(_lead_writer)],
    idempotency_key: Annotated[
        str | None, Header(alias="Idempotency-Key", description="1 to 255 characters")
    ] = None,
) -> JSONResponse:
    """Receive a recruitment lead from LADEC (CONTRACTS §2), idempotently.

    The employer is found by `business_id` or created; a business coordinator is assigned
    by the configured rule; `contact_due` is the 3rd Finnish working day after the Helsinki
    date of `received_at`. A retry with the same key and body gets the first answer again.
    """
    raw = await request.body()
    answer = await service.push_lead(database, settings, principal, idempotency_key, raw)
    headers = {"Location": answer.location} if answer.location else {}
    if answer.replayed:
        headers["Idempotent-Replayed"] = "true"
    media_type = PROBLEM_MEDIA_TYPE if answer.status >= 400 else "application/json"
    return JSONResponse(
        answer.body, status_code=answer.status, headers=headers, media_type=media_type
    )


@router.get("", response_model=Page[LeadRead])
async def list_leads(
    session: SessionDep,
    principal: CrmStaff,
    status: LeadStatus | None = None,
    mine: Annotated[bool, Query(description="Only leads I am responsible for")] = False,
    coordinator: Annotated[Username | None, Query()] = None,
    overdue: Annotated[
        bool, Query(description="Only leads whose contact or follow-up is late")
    ] = False,
    employer_id: uuid.UUID | None = None,
    source: LeadSource | None = None,
    q: Annotated[
        ShortText | None, Query(description="Part of the external id or the company's name")
    ] = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[LeadRead]:
    """Leads, newest first, each with its company's name and its overdue flags."""
    return await service.lead_page(
        session,
        principal,
        status=status,
        mine=mine,
        coordinator=coordinator,
        overdue=overdue,
        employer_id=employer_id,
        source=source,
        q=q,
        cursor=cursor,
        limit=limit,
    )


@router.post("/entries", response_model=LeadRead, status_code=status.HTTP_201_CREATED)
async def create_lead(
    data: LeadCreate,
    session: SessionDep,
    settings: SettingsDep,
    directory: Directory,
    principal: CrmStaff,
) -> LeadRead:
    """A lead a coordinator enters: a phone call, an e-mail or a walk-in visit to Rekrypiste,
    or prospecting. The deadlines are a LADEC push's (contact within 3 working days).

    Responsible: `coordinator` when given, else the business coordinator entering it,
    else the assignment rule. An open lead of the same company (same Y-tunnus, else the
    same name) is named in `possible_duplicate_of`; the contact person joins the
    employer's contact persons unless already there.
    """
    return await service.create_lead(session, settings, directory, data, principal)


@router.get("/{lead_id}", response_model=LeadRead)
async def get_lead(
    lead_id: uuid.UUID,
    session: SessionDep,
    principal: Annotated[Principal, Depends(_lead_reader)],
) -> LeadRead:
    """The lead with its current status (and `close_reason` when closed)."""
    return await service.read_lead(session, lead_id, principal)


@router.patch("/{lead_id}", response_model=LeadRead)
async def update_lead(
    lead_id: uuid.UUID,
    data: LeadUpdate,
    session: SessionDep,
    directory: Directory,
    principal: CrmStaff,
) -> LeadRead:
    """Change the need or contact, mark a contacted lead in progress, or (team lead) reassign it."""
    return await service.update_lead(session, directory, lead_id, data, principal)


@router.post("/{lead_id}/activities", response_model=LeadRead, status_code=status.HTTP_201_CREATED)
async def record_lead_activity(
    lead_id: uuid.UUID,
    data: ActivityCreate,
    session: SessionDep,
    settings: SettingsDep,
    principal: CrmStaff,
) -> LeadRead:
    """Record work on the lead; answers the lead as it now is.

    The first `contact` (or call, e-mail, visit, meeting) makes a new lead `contacted` and
    sets `follow_up_due` (3 weeks on, moved to a working day); `follow_up` moves it to
    `follow_up`; other work on a contacted lead moves it to `in_progress`.
    """
    return await service.record_lead_activity(session, settings, lead_id, data, principal)


@router.get("/{lead_id}/activities", response_model=Page[ActivityRead])
async def list_lead_activities(
    lead_id: uuid.UUID,
    session: SessionDep,
    _: CrmStaff,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[ActivityRead]:
    """The lead's activities, newest first."""
    return await service.lead_activity_page(session, lead_id, cursor=cursor, limit=limit)


@router.post("/{lead_id}/close", response_model=LeadRead)
async def close_lead(
    lead_id: uuid.UUID, data: LeadClose, session: SessionDep, principal: CrmStaff
) -> LeadRead:
    """Close the lead: hired, hired_elsewhere, no_hire or withdrawn."""
    return await service.close_lead(session, lead_id, data, principal)


@router.get("/{lead_id}/history", response_model=Page[LeadHistoryRead])
async def lead_history(
    lead_id: uuid.UUID,
    session: SessionDep,
    _: CrmStaff,
    limit: LimitQuery = 200,
    cursor: CursorQuery = None,
) -> Page[LeadHistoryRead]:
    """Every step of the lead, oldest first: what happened, who did it and when."""
    return await service.history_page(session, lead_id, cursor=cursor, limit=limit)


@internal_router.post("/{lead_id}/close", response_model=LeadRead)
async def close_lead_for_referral(
    lead_id: uuid.UUID, data: InternalLeadClose, session: SessionDep, caller: InternalCaller
) -> LeadRead:
    """Close a lead as an effect of another service (a lead already closed stays as it was)."""
    return await service.close_for_effect(session, lead_id, data.reason, caller)
