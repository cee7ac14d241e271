from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from services.common.audit import AccessDep
from services.common.auth import Principal, StaffPrincipal, require_roles
from services.common.db import DatabaseDep, SessionDep
from services.common.pagination import CursorQuery, LimitQuery, Page
from services.referrals.collaborators import CollaboratorsDep
from services.referrals.referrals import service
from services.referrals.referrals.schemas import (
    Box,
    ReferralCancel,
    ReferralComplete,
    ReferralCreate,
    ReferralDecline,
    ReferralDetailRead,
    ReferralKind,
    ReferralRead,
    ReferralStageSet,
    ReferralStatus,
)

router = APIRouter(prefix="/api/v1/referrals", tags=["referrals"])

Sender = Annotated[
    Principal,
    Depends(require_roles("coach", "work_ability_coordinator", "business_coordinator")),
]


@router.post("", response_model=ReferralDetailRead, status_code=status.HTTP_201_CREATED)
async def send_referral(
    body: ReferralCreate,
    database: DatabaseDep,
    principal: Sender,
    collaborators: CollaboratorsDep,
    response: Response,
) -> ReferralDetailRead:
    """Send a referral. The clients service is asked whether the caller may refer the client
    and whether the client's consents cover it (`service`; `share_with_health_services` for a
    health or social partner; `share_work_ability_summary` from a work-ability to a business
    coordinator); a missing consent answers 422 naming it in `missing_consents`. The addressee
    gets access to the client while the referral is open."""
    referral = await service.send_referral(database, collaborators, principal, body)
    response.headers["Location"] = f"/api/v1/referrals/{referral.id}"
    return referral


@router.get("", response_model=Page[ReferralRead])
async def list_referrals(
    session: SessionDep,
    context: AccessDep,
    _: StaffPrincipal,
    collaborators: CollaboratorsDep,
    box: Box | None = None,
    status: ReferralStatus | None = None,
    kind: ReferralKind | None = None,
    client_id: uuid.UUID | None = None,
    overdue: bool = False,
    opening_id: uuid.UUID | None = None,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Page[ReferralRead]:
    """The caller's referrals, newest first: `box=inbox` addressed to them, `box=outbox` sent
    by them, neither both (a team lead without `box` sees every referral). `overdue=true`
    keeps the unanswered ones past `response_due`. `opening_id` keeps the job referrals to
    that opening; for the business coordinator who holds the opening's lead it lists every
    job referral to it (they answer them too), their clients named only as the clients
    service allows."""
    return await service.referral_page(
        session,
        context,
        collaborators,
        box=box,
        status=status,
        kind=kind,
        client_id=client_id,
        overdue=overdue,
        cursor=cursor,
        limit=limit,
        opening_id=opening_id,
    )


@router.get("/{referral_id}", response_model=ReferralDetailRead)
async def read_referral(
    referral_id: uuid.UUID,
    session: SessionDep,
    context: AccessDep,
    _: StaffPrincipal,
    collaborators: CollaboratorsDep,
) -> ReferralDetailRead:
    """One referral with its hand-over summary and state history (sender, addressee and team
    lead only; `health` summary parts only for a work-ability coordinator)."""
    return await service.read_referral(session, context, collaborators, referral_id)


@router.post("/{referral_id}/accept", response_model=ReferralDetailRead)
async def accept_referral(
    referral_id: uuid.UUID,
    database: DatabaseDep,
    principal: StaffPrincipal,
    collaborators: CollaboratorsDep,
) -> ReferralDetailRead:
    """The addressee accepts (a job referral: its sender or the business coordinator who
    holds its opening's lead; anyone else 403 `may_not_answer_job_referral`). The acceptance commits first; then a transfer moves
    responsibility for the enrolment and a consultation adds the receiver before this
    returns; if the clients service is down the change shows in `effects` as `pending` and
    is applied when it is back. If the clients service refuses the change, the referral is
    `sent` again (409, the reason in its history) and no access remains."""
    return await service.accept(database, collaborators, principal, referral_id)


@router.post("/{referral_id}/decline", response_model=ReferralDetailRead)
async def decline_referral(
    referral_id: uuid.UUID,
    body: ReferralDecline,
    database: DatabaseDep,
    principal: StaffPrincipal,
    collaborators: CollaboratorsDep,
) -> ReferralDetailRead:
    """The addressee declines, with a reason (a job referral: as for accept)."""
    return await service.decline(database, collaborators, principal, referral_id, body)


@router.post("/{referral_id}/complete", response_model=ReferralDetailRead)
async def complete_referral(
    referral_id: uuid.UUID,
    session: SessionDep,
    principal: StaffPrincipal,
    collaborators: CollaboratorsDep,
    body: ReferralComplete | None = None,
) -> ReferralDetailRead:
    """Complete an accepted referral. A consultation removes the coordinator who steps out;
    a job referral (completed by its sender or the holder of its opening's lead) needs
    `result`, and `hired` records the hire in the employers service, which fills one
    position of the opening (`filled` when all are) and closes the lead `hired` when none
    of its openings is left open. A hire to a regular, hidden or summer job suggests the
    outcome `employed`; to a work trial, apprenticeship or tailored work none (its
    active-service period comes later)."""
    return await service.complete(
        session, collaborators, principal, referral_id, body or ReferralComplete()
    )


@router.post("/{referral_id}/cancel", response_model=ReferralDetailRead)
async def cancel_referral(
    referral_id: uuid.UUID,
    database: DatabaseDep,
    principal: StaffPrincipal,
    collaborators: CollaboratorsDep,
    body: ReferralCancel | None = None,
) -> ReferralDetailRead:
    """The sender withdraws a referral not yet answered."""
    return await service.cancel(
        database, collaborators, principal, referral_id, body or ReferralCancel()
    )


@router.post("/{referral_id}/stage", response_model=ReferralDetailRead)
async def set_referral_stage(
    referral_id: uuid.UUID,
    body: ReferralStageSet,
    session: SessionDep,
    principal: StaffPrincipal,
    collaborators: CollaboratorsDep,
) -> ReferralDetailRead:
    """Record a job referral's step with the employer (`presented`, `interview`) while it
    is sent or accepted; `status` does not change. By its sender or the business coordinator
    who holds its opening's lead (else 403 `may_not_answer_job_referral`); another kind is
    422 `stage_only_for_job_referrals`, a closed referral 409 `referral_not_open`. Emits
    `referral.stage_changed`."""
    return await service.set_stage(session, collaborators, principal, referral_id, body)
