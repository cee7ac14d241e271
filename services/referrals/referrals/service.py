"""Referrals: who may send, answer and see them, their lifecycle, and what they cause elsewhere.

A referral is seen by its sender, its addressee and the team lead; anyone else gets 404.
Referrals to a partner or an opening without a named coordinator are answered by the sender,
who records what the partner or the employer said. A job referral is also seen and answered
by the business coordinator who holds the lead of its opening, asked of the employers
service at the time (so a reassigned lead moves the right with it).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import structlog
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from services.common.audit import AccessContext, record_access
from services.common.auth import COORDINATOR_ROLES, Principal
from services.common.calendar import (
    add_working_days,
    helsinki_date,
    helsinki_today,
    utcnow,
    working_days_between,
)
from services.common.client_names import Names, names_for_reader
from services.common.db import Database
from services.common.errors import (
    Conflict,
    FieldError,
    Forbidden,
    NotFound,
    Unprocessable,
)
from services.common.events import emit
from services.common.pagination import Page, decode_cursor, encode_cursor
from services.common.remote import RemoteRefusal
from services.referrals.clients_api import ClientInfo, EnrolmentInfo
from services.referrals.collaborators import Collaborators
from services.referrals.config import ReferralsSettings
from services.referrals.effects import service as effects
from services.referrals.effects.schemas import EffectRead
from services.referrals.employers_api import OpeningInfo
from services.referrals.events import (
    ReferralAccepted,
    ReferralCancelled,
    ReferralClosed,
    ReferralCompleted,
    ReferralReopened,
    ReferralSent,
    ReferralStageChanged,
)
from services.referrals.models import (
    HandoverPart,
    Partner,
    Referral,
    ReferralStateChange,
    access_log,
    outbox,
)
from services.referrals.partners import repository as partners
from services.referrals.referrals import repository
from services.referrals.referrals.schemas import (
    Box,
    HandoverPartCreate,
    HandoverPartRead,
    ReferralCancel,
    ReferralComplete,
    ReferralCreate,
    ReferralDecline,
    ReferralDetailRead,
    ReferralKind,
    ReferralRead,
    ReferralStageSet,
    ReferralStatus,
    StateChangeRead,
    SystemReason,
)

_log = structlog.get_logger("polku.referrals")

WORK_ABILITY = "work_ability_coordinator"
BUSINESS = "business_coordinator"
_SENDER_ROLES = (WORK_ABILITY, BUSINESS, "coach")
_ENDED_ENROLMENT_STATES = frozenset({"ended", "cancelled", "not_reached"})
_HEALTH_PARTNER_KINDS = frozenset({"health", "social"})
# A refused responsibility change must stop the answer: accepting a transfer that the
# clients service will never carry out would leave the client with nobody responsible.
_COORDINATOR_EFFECTS = frozenset(
    {
        "coordinators_transfer",
        "coordinators_add",
        "coordinators_remove",
        "coordinators_handoff_start",
        "coordinators_handoff_complete",
    }
)
# The kinds that change who is responsible for an enrolment: at most one open at a time.
_HANDOFF_KINDS = frozenset({"transfer", "consultation"})
_OPEN_STATUSES = frozenset({"sent", "accepted"})
# The status each transition starts from.
_FROM_STATUS: dict[str, str] = {
    "accepted": "sent",
    "declined": "sent",
    "cancelled": "sent",
    "expired": "sent",
    "completed": "accepted",
}
# Openings whose hire means the client is employed. A work trial, an apprenticeship or
# tailored work starts an active-service period instead, which comes with a later issue
# (the work-ability method's periods); until then such a hire suggests no outcome.
_EMPLOYMENT_OPENING_KINDS = frozenset({"regular", "hidden_job", "summer_job"})
SYSTEM_ACTOR = effects.SYSTEM_ACTOR
UNANSWERED_REASON = "No answer by the response deadline."


@dataclass(frozen=True, slots=True)
class _Target:
    to_user: str | None = None
    to_role: str | None = None
    partner: Partner | None = None
    opening: OpeningInfo | None = None


# --- reading ---------------------------------------------------------------------------


def _ended_before(referral: Referral, moment: dt.datetime) -> bool:
    """The Python twin of `repository.ended_before`."""
    return referral.closed_at is not None and referral.closed_at < moment


def _can_see(principal: Principal, referral: Referral, settings: ReferralsSettings) -> bool:
    """The team lead sees every referral; its sender and addressee see it while it runs and
    for the grace period after it ended."""
    if principal.has_role("team_lead"):
        return True
    if principal.username not in (referral.from_user, referral.to_user):
        return False
    return not _ended_before(referral, _grace_start(settings))


def _grace_start(settings: ReferralsSettings) -> dt.datetime:
    return utcnow() - dt.timedelta(days=settings.grace_period_days)


def _addressee(referral: Referral) -> str:
    """Who answers: the named coordinator, else the sender on behalf of a partner/employer."""
    return referral.to_user or referral.from_user


def _is_overdue(referral: Referral, today: dt.date) -> bool:
    return referral.status == "sent" and today > referral.response_due


_COMPUTED_FIELDS = frozenset({"overdue", "effects", "client_name"})


def _read_fields(referral: Referral, names: Names) -> dict[str, Any]:
    stored = {
        name: getattr(referral, name)
        for name in ReferralRead.model_fields
        if name not in _COMPUTED_FIELDS
    }
    return {
        **stored,
        "client_name": names.get(referral.client_id),
        "overdue": _is_overdue(referral, helsinki_today()),
        "effects": [
            EffectRead.model_validate(e) for e in sorted(referral.effects, key=lambda e: e.position)
        ],
    }


def _to_read(referral: Referral, names: Names) -> ReferralRead:
    return ReferralRead(**_read_fields(referral, names))


async def _client_names(
    collaborators: Collaborators,
    principal: Principal,
    referrals: Sequence[Referral],
    *,
    visible_only: bool = False,
) -> Names:
    return await names_for_reader(
        collaborators.clients,
        [r.client_id for r in referrals],
        principal.username,
        collaborators.settings.names_timeout_seconds,
        visible_only=visible_only,
    )


def _is_party(principal: Principal, referral: Referral) -> bool:
    return principal.has_role("team_lead") or principal.username in (
        referral.from_user,
        referral.to_user,
    )


async def _names_for_viewer(
    collaborators: Collaborators, principal: Principal, referral: Referral
) -> Names:
    """A lead holder sees the referral without being its party: the clients service then
    decides whether they see the client's name."""
    return await _client_names(
        collaborators, principal, [referral], visible_only=not _is_party(principal, referral)
    )


# An addressee reads the hand-over summary while the referral is open or after accepting
# it; one who declined it, or whose referral was cancelled or expired, reads none of it.
_ADDRESSEE_READS_SUMMARY = frozenset({"sent", "accepted", "completed"})


def _summary_parts(referral: Referral, viewer: Principal) -> list[HandoverPartRead]:
    is_sender = viewer.username == referral.from_user
    is_addressee = viewer.username == referral.to_user
    if is_addressee and not is_sender and referral.status not in _ADDRESSEE_READS_SUMMARY:
        return []
    # Health parts stay with work-ability coordinators who wrote or received them.
    sees_health = viewer.has_role(WORK_ABILITY) and (is_sender or is_addressee)
    return [
        HandoverPartRead.model_validate(part)
        for part in sorted(referral.summary, key=lambda p: p.position)
        if part.sensitivity != "health" or sees_health
    ]


async def _detail_for(
    collaborators: Collaborators, principal: Principal, referral: Referral
) -> ReferralDetailRead:
    names = await _names_for_viewer(collaborators, principal, referral)
    answers = referral.kind == "job" and await _may_answer(collaborators, principal, referral)
    return _to_detail(referral, principal, names, viewer_answers=answers)


def _to_detail(
    referral: Referral, viewer: Principal, names: Names, *, viewer_answers: bool
) -> ReferralDetailRead:
    return ReferralDetailRead(
        **_read_fields(referral, names),
        viewer_answers=viewer_answers,
        summary=_summary_parts(referral, viewer),
        history=[
            StateChangeRead.model_validate(change)
            for change in sorted(referral.history, key=lambda c: c.at)
        ],
    )


async def _holds_opening_lead(
    collaborators: Collaborators, principal: Principal, opening_id: uuid.UUID
) -> bool:
    """Whether the caller is the business coordinator the opening's lead is assigned to now."""
    if not principal.has_role(BUSINESS):
        return False
    opening = await collaborators.employers.get_opening(opening_id)
    return opening is not None and opening.lead_holder == principal.username


async def _holds_lead(
    collaborators: Collaborators, principal: Principal, referral: Referral
) -> bool:
    """Whether the caller holds the lead of the job referral's opening."""
    if referral.kind != "job" or referral.opening_id is None:
        return False
    return await _holds_opening_lead(collaborators, principal, referral.opening_id)


async def _answerable(
    session: AsyncSession,
    collaborators: Collaborators,
    principal: Principal,
    referral_id: uuid.UUID,
) -> Referral:
    """The referral if the caller may see it (`_can_see`), or a job referral seen by the
    holder of its opening's lead (while it runs and for the grace period after, as for its
    parties); otherwise 404, as if it did not exist."""
    settings = collaborators.settings
    referral = await repository.get(session, referral_id)
    if referral is None:
        raise NotFound("No such referral.", code="referral_not_found")
    if _can_see(principal, referral, settings):
        return referral
    if not _ended_before(referral, _grace_start(settings)) and await _holds_lead(
        collaborators, principal, referral
    ):
        return referral
    raise NotFound("No such referral.", code="referral_not_found")


async def _may_answer(
    collaborators: Collaborators, principal: Principal, referral: Referral
) -> bool:
    """The addressee answers; a job referral also its sender and the lead holder."""
    if principal.username == _addressee(referral):
        return True
    if referral.kind != "job":
        return False
    return principal.username == referral.from_user or await _holds_lead(
        collaborators, principal, referral
    )


def _may_not_answer_job_referral() -> Forbidden:
    return Forbidden(
        "Only the sender of this job referral or the holder of its opening's lead can answer it.",
        code="may_not_answer_job_referral",
    )


async def read_referral(
    session: AsyncSession,
    context: AccessContext,
    collaborators: Collaborators,
    referral_id: uuid.UUID,
) -> ReferralDetailRead:
    principal = context.principal
    referral = await _answerable(session, collaborators, principal, referral_id)
    await _log_reads(session, context, "read_referral", [referral.client_id], [referral.id])
    return await _detail_for(collaborators, principal, referral)


async def _log_reads(
    session: AsyncSession,
    context: AccessContext,
    action: str,
    client_ids: list[uuid.UUID],
    referral_ids: list[uuid.UUID],
) -> None:
    """A read here is logged here and reported to each client's own access log."""
    entry = await record_access(
        session,
        access_log,
        context,
        action=action,
        subject_type="referral",
        subject_ids=[*client_ids, *referral_ids],
    )
    if client_ids:
        effects.report_access(session, entry, client_ids)


async def referral_page(
    session: AsyncSession,
    context: AccessContext,
    collaborators: Collaborators,
    *,
    box: Box | None,
    status: ReferralStatus | None,
    kind: ReferralKind | None,
    client_id: uuid.UUID | None,
    overdue: bool,
    cursor: str | None,
    limit: int,
    opening_id: uuid.UUID | None = None,
) -> Page[ReferralRead]:
    principal = context.principal
    position = decode_cursor(cursor)
    try:
        after = (
            (dt.datetime.fromisoformat(str(position[0])), uuid.UUID(str(position[1])))
            if position
            else None
        )
    except (ValueError, IndexError):
        raise Unprocessable.field(
            ["query", "cursor"], "The cursor is not one this list gave.", code="invalid_cursor"
        ) from None
    referrals = await repository.list_referrals(
        session,
        inbox_of=principal.username if box in (None, "inbox") else None,
        outbox_of=principal.username if box in (None, "outbox") else None,
        everyone=box is None and principal.has_role("team_lead"),
        status=status,
        kind=kind,
        client_id=client_id,
        due_before=helsinki_today() if overdue else None,
        after=after,
        limit=limit + 1,
        ended_since=_grace_start(collaborators.settings),
        opening_id=opening_id,
        jobs_of_opening=(
            opening_id
            if opening_id and await _holds_opening_lead(collaborators, principal, opening_id)
            else None
        ),
    )
    # One call names the page's clients, also those whose client page the sender no longer
    # sees: the list keeps saying whom they referred and where, and nothing more. A lead
    # holder's list of an opening's referrals, not theirs, gets only the names the clients
    # service lets them see.
    names = await _client_names(
        collaborators,
        principal,
        referrals[:limit],
        visible_only=any(not _is_party(principal, r) for r in referrals[:limit]),
    )
    items = [_to_read(r, names) for r in referrals[:limit]]
    if items:
        await _log_reads(
            session,
            context,
            "list_referrals",
            list(dict.fromkeys(r.client_id for r in items)),
            [r.id for r in items],
        )
    next_cursor = (
        encode_cursor(items[-1].sent_at.isoformat(), items[-1].id)
        if len(referrals) > limit
        else None
    )
    return Page[ReferralRead](items=items, next_cursor=next_cursor)


# --- sending ---------------------------------------------------------------------------


def _may_refer(principal: Principal, client: ClientInfo) -> bool:
    """A coach refers the clients they created or referred; a coordinator those they are
    responsible for now. Anyone else is told the client does not exist."""
    username = principal.username
    if principal.has_role("coach") and client.brought_in_by(username):
        return True
    if client.created(username):
        return True
    return principal.has_role(*COORDINATOR_ROLES) and client.is_responsible(username)


def _open_enrolment_of(client: ClientInfo, username: str) -> EnrolmentInfo | None:
    return next(
        (
            e
            for e in client.enrolments
            if e.state not in _ENDED_ENROLMENT_STATES and e.role_of(username)
        ),
        None,
    )


def _enrolment_for(
    client: ClientInfo, body: ReferralCreate, principal: Principal
) -> EnrolmentInfo | None:
    moves_responsibility = body.kind in _HANDOFF_KINDS
    if body.enrolment_id is None:
        if moves_responsibility:
            raise Unprocessable.field(
                ["body", "enrolment_id"],
                f"A {body.kind} referral names the enrolment whose responsibility it changes.",
                code="enrolment_required",
                params={"kind": body.kind},
            )
        return _open_enrolment_of(client, principal.username)
    enrolment = client.enrolment(body.enrolment_id)
    if enrolment is None:
        raise Unprocessable.field(
            ["body", "enrolment_id"],
            "The client has no such enrolment.",
            code="enrolment_not_found",
        )
    if enrolment.state in _ENDED_ENROLMENT_STATES:
        raise Unprocessable.field(
            ["body", "enrolment_id"], "The enrolment has ended.", code="enrolment_not_open"
        )
    if moves_responsibility and not enrolment.role_of(principal.username):
        raise Unprocessable.field(
            ["body", "enrolment_id"],
            "You are not responsible for this enrolment.",
            code="not_responsible_for_enrolment",
        )
    return enrolment


def _not_taken(body: ReferralCreate, *fields: str) -> None:
    for name in fields:
        if getattr(body, name) is not None:
            raise Unprocessable.field(
                ["body", name],
                f"A {body.kind} referral does not take `{name}`.",
                code="field_not_allowed_for_kind",
                params={"kind": body.kind, "field": name},
            )


def _required(body: ReferralCreate, name: str) -> Any:
    value = getattr(body, name)
    if value is None:
        raise Unprocessable.field(
            ["body", name],
            f"A {body.kind} referral needs `{name}`.",
            code="field_required_for_kind",
            params={"kind": body.kind, "field": name},
        )
    return value


async def _coordinator_role(collaborators: Collaborators, username: str, wanted: str | None) -> str:
    member = await collaborators.staff_member(username)
    if member is None or not member.active:
        raise Unprocessable.field(
            ["body", "to_user"],
            "No active staff member has this username.",
            code="staff_member_not_found",
            params={"username": username},
        )
    held = sorted(member.roles & COORDINATOR_ROLES)
    if not held:
        raise Unprocessable.field(
            ["body", "to_user"],
            "The addressee is not a coordinator.",
            code="addressee_not_coordinator",
        )
    if wanted is not None:
        if wanted not in held:
            raise Unprocessable.field(
                ["body", "to_role"],
                "The addressee does not hold this role.",
                code="addressee_lacks_role",
                params={"role": wanted},
            )
        return wanted
    if len(held) > 1:
        raise Unprocessable.field(
            ["body", "to_role"],
            "The addressee holds both coordinator roles; name one.",
            code="addressee_role_ambiguous",
        )
    return held[0]


async def _resolve_target(
    session: AsyncSession,
    collaborators: Collaborators,
    principal: Principal,
    body: ReferralCreate,
    enrolment: EnrolmentInfo | None,
) -> _Target:
    partner: Partner | None = None
    opening: OpeningInfo | None = None
    if body.kind in ("transfer", "consultation"):
        _not_taken(body, "to_partner", "to_opening")
        _required(body, "to_user")
    elif body.kind == "external":
        _not_taken(body, "to_user", "to_role", "to_opening")
        partner = await partners.get_partner(session, _required(body, "to_partner"))
        if partner is None or not partner.active:
            raise Unprocessable.field(
                ["body", "to_partner"], "No such partner service.", code="partner_not_found"
            )
    else:
        _not_taken(body, "to_partner")
        opening = await collaborators.employers.get_opening(_required(body, "to_opening"))
        if opening is None:
            raise Unprocessable.field(
                ["body", "to_opening"], "No such opening.", code="opening_not_found"
            )
        if opening.status != "open":
            raise Unprocessable.field(
                ["body", "to_opening"], "The opening is no longer open.", code="opening_not_open"
            )
    if body.to_user is None:
        return _Target(partner=partner, opening=opening)
    if body.to_user == principal.username:
        raise Unprocessable.field(
            ["body", "to_user"],
            "You cannot refer a client to yourself.",
            code="cannot_refer_to_self",
        )
    if enrolment is not None and body.kind != "job" and enrolment.role_of(body.to_user):
        raise Conflict(
            f"{body.to_user} is already responsible for this enrolment.",
            code="already_responsible",
            params={"username": body.to_user},
        )
    to_role = await _coordinator_role(collaborators, body.to_user, body.to_role)
    return _Target(to_user=body.to_user, to_role=to_role, opening=opening)


def _sender_role(principal: Principal, enrolment: EnrolmentInfo | None) -> str:
    if enrolment is not None and (role := enrolment.role_of(principal.username)):
        return role
    return next(r for r in _SENDER_ROLES if principal.has_role(r))


def _check_summary(parts: Sequence[HandoverPartCreate], to_role: str | None) -> None:
    for index, part in enumerate(parts):
        if part.sensitivity == "health" and to_role != WORK_ABILITY:
            raise Unprocessable.field(
                ["body", "summary", index, "sensitivity"],
                "Health information can be handed over only to a work-ability coordinator.",
                code="health_part_not_allowed",
            )


def consents_needed(
    kind: str, from_role: str, target_role: str | None, partner_kind: str | None
) -> list[str]:
    """The consent purposes a referral needs at the moment it is sent (issue 5)."""
    purposes = ["service"]
    if kind == "external" and partner_kind in _HEALTH_PARTNER_KINDS:
        purposes.append("share_with_health_services")
    if (
        kind in ("transfer", "consultation")
        and from_role == WORK_ABILITY
        and target_role == BUSINESS
    ):
        purposes.append("share_work_ability_summary")
    return purposes


async def _require_consents(
    collaborators: Collaborators, client_id: uuid.UUID, purposes: list[str], on_behalf_of: str
) -> None:
    check = await collaborators.clients.check_consents(
        client_id, purposes, on_behalf_of=on_behalf_of
    )
    if check.covered:
        return
    missing = check.missing or purposes
    raise Unprocessable(
        f"The client's consents do not cover this referral; missing: {', '.join(missing)}.",
        code="missing_consents",
        params={"purposes": missing},
        errors=[
            FieldError(
                ["body", "client_id"],
                f"Missing consent: {m}.",
                code="missing_consent",
                params={"purpose": m},
            )
            for m in missing
        ],
        extra={"missing_consents": missing},
    )


async def _detail_of(
    database: Database,
    collaborators: Collaborators,
    principal: Principal,
    referral_id: uuid.UUID,
) -> ReferralDetailRead:
    async with database.transaction() as session:
        referral = await _answerable(session, collaborators, principal, referral_id)
    return await _detail_for(collaborators, principal, referral)


class _HandoffTaken(Exception):
    """The database refused a second open hand-off for the enrolment (a concurrent send
    won between our check and our write)."""

    def __init__(self, enrolment_id: uuid.UUID) -> None:
        super().__init__(str(enrolment_id))
        self.enrolment_id = enrolment_id


def _handoff_already_open(open_referral_id: uuid.UUID | None) -> Conflict:
    referral_id = str(open_referral_id) if open_referral_id else None
    return Conflict(
        "The enrolment already has an open transfer or consultation; it must end first.",
        code="handoff_already_open",
        params={"referral_id": referral_id},
        # Where the older duplicate refusal puts it too.
        extra={"referral_id": referral_id},
    )


async def send_referral(
    database: Database,
    collaborators: Collaborators,
    principal: Principal,
    body: ReferralCreate,
) -> ReferralDetailRead:
    """The referral and its access grant commit first; the grant is applied after the
    commit, so no grant ever exists for a referral that was not stored."""
    try:
        async with database.transaction() as session:
            referral_id = await _record_sent(session, collaborators, principal, body)
    except _HandoffTaken as taken:
        async with database.transaction() as session:
            winner = await repository.open_handoff(session, taken.enrolment_id)
        raise _handoff_already_open(winner.id if winner else None) from None
    await effects.apply_pending(database, collaborators, referral_id)
    return await _detail_of(database, collaborators, principal, referral_id)


async def _record_sent(
    session: AsyncSession,
    collaborators: Collaborators,
    principal: Principal,
    body: ReferralCreate,
) -> uuid.UUID:
    if body.kind in _HANDOFF_KINDS and not principal.has_role(*COORDINATOR_ROLES):
        # A coach refers by enrolment (the clients service); responsibility moves between
        # coordinators only.
        raise Forbidden(
            "Transfers and consultations are between coordinators; a coach refers a client "
            "by enrolling them.",
            code="coach_cannot_transfer",
        )
    client = await collaborators.clients.get_client(body.client_id, on_behalf_of=principal.username)
    if client is None or not (client.caller_relations or _may_refer(principal, client)):
        raise NotFound("No such client.", code="client_not_found")
    if not _may_refer(principal, client):
        # They see the client (e.g. in a grace period) but do not work with it now.
        raise Forbidden(
            "You may refer only clients you are responsible for or brought in.",
            code="may_not_refer_client",
        )
    enrolment = _enrolment_for(client, body, principal)
    target = await _resolve_target(session, collaborators, principal, body, enrolment)
    _check_summary(body.summary, target.to_role)
    handoff_of = enrolment.id if enrolment is not None and body.kind in _HANDOFF_KINDS else None
    if handoff_of is not None:
        already = await repository.open_handoff(session, handoff_of)
        if already is not None:
            raise _handoff_already_open(already.id)
    duplicate = await repository.open_duplicate(
        session,
        client_id=client.id,
        kind=body.kind,
        to_user=target.to_user,
        partner_id=target.partner.id if target.partner else None,
        opening_id=target.opening.id if target.opening else None,
    )
    if duplicate is not None:
        raise Conflict(
            "An open referral of this kind to the same addressee exists for this client.",
            code="referral_already_open",
            params={"referral_id": str(duplicate.id)},
            extra={"referral_id": str(duplicate.id)},
        )
    from_role = _sender_role(principal, enrolment)
    partner_kind = target.partner.kind if target.partner else None
    await _require_consents(
        collaborators,
        client.id,
        consents_needed(body.kind, from_role, target.to_role, partner_kind),
        principal.username,
    )

    now = utcnow()
    referral = Referral(
        id=uuid.uuid4(),
        kind=body.kind,
        client_id=client.id,
        enrolment_id=enrolment.id if enrolment else None,
        from_user=principal.username,
        from_role=from_role,
        to_user=target.to_user,
        to_role=target.to_role,
        partner_id=target.partner.id if target.partner else None,
        partner_kind=partner_kind,
        opening_id=target.opening.id if target.opening else None,
        employer_id=target.opening.employer_id if target.opening else None,
        lead_id=target.opening.lead_id if target.opening else None,
        opening_kind=target.opening.kind if target.opening else None,
        message=body.message,
        status="sent",
        sent_at=now,
        response_due=add_working_days(
            helsinki_date(now), collaborators.settings.response_working_days
        ),
        open_handoff_enrolment_id=handoff_of,
        history=[],
        effects=[],
        summary=[
            HandoverPart(
                id=uuid.uuid4(),
                position=i,
                heading=part.heading,
                text=part.text,
                sensitivity=part.sensitivity,
            )
            for i, part in enumerate(body.summary)
        ],
    )
    session.add(referral)
    record_state(referral, "sent", principal.username, None, now)
    queue_access_grant(referral)
    try:
        await session.flush()
    except IntegrityError:
        if handoff_of is None:
            raise
        raise _HandoffTaken(handoff_of) from None
    emit(session, outbox, "referral.sent", referral.id, sent_event_data(referral))
    return referral.id


ClosingEvent = TypeVar("ClosingEvent", bound=ReferralClosed)


def sent_event_data(referral: Referral) -> ReferralSent:
    """`referral.sent`: ids, roles, codes and dates, no text."""
    return ReferralSent(
        referral_id=referral.id,
        kind=referral.kind,
        client_id=referral.client_id,
        enrolment_id=referral.enrolment_id,
        from_user=referral.from_user,
        from_role=referral.from_role,
        to_user=referral.to_user,
        to_role=referral.to_role,
        partner_id=referral.partner_id,
        partner_kind=referral.partner_kind,
        opening_id=referral.opening_id,
        sent_at=referral.sent_at,
        sent_on=helsinki_date(referral.sent_at),
        response_due=referral.response_due,
    )


# --- answering -------------------------------------------------------------------------


def record_state(
    referral: Referral,
    to_status: str,
    by: str,
    reason: str | None,
    now: dt.datetime,
    *,
    reason_code: SystemReason | None = None,
) -> None:
    referral.history.append(
        ReferralStateChange(
            id=uuid.uuid4(),
            referral_id=referral.id,
            at=now,
            by=by,
            from_status=None if to_status == "sent" else referral.status,
            to_status=to_status,
            reason=reason,
            reason_code=reason_code,
        )
    )
    referral.status = to_status
    if to_status not in _OPEN_STATUSES:
        # Closed: the enrolment may have its next transfer or consultation.
        referral.open_handoff_enrolment_id = None


async def _move(
    session: AsyncSession,
    referral: Referral,
    to_status: str,
    by: str,
    reason: str | None,
    now: dt.datetime,
    *,
    from_status: str | None = None,
) -> None:
    expected = from_status or _FROM_STATUS[to_status]
    if referral.status != expected or not await repository.claim_status(
        session, referral.id, expected, to_status
    ):
        raise Conflict(
            f"The referral is {referral.status}; it cannot become {to_status} now.",
            code="referral_status_conflict",
            params={"status": referral.status, "wanted": to_status},
        )
    record_state(referral, to_status, by, reason, now)


def _revoke_access(referral: Referral) -> None:
    if effects.has_effect(referral, "access_grant") and not effects.has_effect(
        referral, "access_revoke"
    ):
        effects.queue(
            referral,
            "access_revoke",
            {"client_id": str(referral.client_id), "referral_id": str(referral.id)},
        )


def _coordinators_change(
    referral: Referral, action: str, *, to_user: str, to_role: str, from_user: str | None
) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "enrolment_id": str(referral.enrolment_id),
        "referral_id": str(referral.id),
        "action": action,
        "to_user": to_user,
        "to_role": to_role,
    }
    if from_user is not None:
        payload["from_user"] = from_user
    return payload


def closing_event_data(
    model: type[ClosingEvent], referral: Referral, now: dt.datetime, **more: Any
) -> ClosingEvent:
    """The data every ending of a referral shares, with what its type adds (`more`)."""
    return model(referral_id=referral.id, kind=referral.kind, at=now, on=helsinki_date(now), **more)


def accepted_event_data(referral: Referral, now: dt.datetime) -> ReferralAccepted:
    sent_on, accepted_on = helsinki_date(referral.sent_at), helsinki_date(now)
    return ReferralAccepted(
        referral_id=referral.id,
        kind=referral.kind,
        from_role=referral.from_role,
        to_role=referral.to_role,
        accepted_at=now,
        accepted_on=accepted_on,
        working_days_to_accept=working_days_between(sent_on, accepted_on),
    )


def queue_access_grant(referral: Referral) -> None:
    """The addressee may see the client while the referral is open."""
    if referral.to_user is not None:
        effects.queue(
            referral,
            "access_grant",
            {
                "client_id": str(referral.client_id),
                "username": referral.to_user,
                "referral_id": str(referral.id),
            },
        )


def is_handoff(referral: Referral) -> bool:
    """A transfer between coordinators: a warm hand-off, both responsible until completed.
    (A coach's transfer, from before a coach referred by enrolment, only brought the
    receiver in.)"""
    return referral.kind == "transfer" and referral.from_role != "coach"


def _receiver(referral: Referral) -> tuple[str, str]:
    assert referral.to_user is not None
    assert referral.to_role is not None
    return referral.to_user, referral.to_role


def queue_acceptance_effects(referral: Referral) -> None:
    """A transfer starts the warm hand-off: the receiver becomes responsible beside the
    sender, on the sender's service line, until either of them completes it. A consultation
    adds the receiver as a consultation partner."""
    if referral.kind not in _HANDOFF_KINDS or not referral.enrolment_id:
        return
    to_user, to_role = _receiver(referral)
    if is_handoff(referral):
        change = _coordinators_change(
            referral,
            "handoff_start",
            to_user=to_user,
            to_role=to_role,
            from_user=referral.from_user,
        )
        effects.queue(referral, "coordinators_handoff_start", change)
    else:
        change = _coordinators_change(
            referral, "add", to_user=to_user, to_role=to_role, from_user=None
        )
        # A coach's referral makes the receiver responsible; a consultation adds a partner.
        change["reason"] = "consultation" if referral.kind == "consultation" else "responsible"
        effects.queue(referral, "coordinators_add", change)
    # From now on the receiver is responsible, which itself gives access.
    _revoke_access(referral)


def queue_handoff_complete(referral: Referral) -> None:
    """The sender steps out; the receiver's service line applies from today."""
    to_user, to_role = _receiver(referral)
    change = _coordinators_change(
        referral, "handoff_complete", to_user=to_user, to_role=to_role, from_user=referral.from_user
    )
    effects.queue(referral, "coordinators_handoff_complete", change)


def _queue_handoff_abandoned(referral: Referral) -> None:
    """The sender keeps the client: the receiver steps out again, as a consultation partner
    does (`remove` names the one stepping out in both user fields)."""
    to_user, to_role = _receiver(referral)
    change = _coordinators_change(
        referral, "remove", to_user=to_user, to_role=to_role, from_user=to_user
    )
    effects.queue(referral, "coordinators_remove", change)


async def accept(
    database: Database,
    collaborators: Collaborators,
    principal: Principal,
    referral_id: uuid.UUID,
) -> ReferralDetailRead:
    """The acceptance and its effects commit first; the effects are applied after the
    commit. Whatever crashes where, the referral is either still `sent` with nothing
    applied, or `accepted` with its effects applied exactly once (now or by the retrier).
    If the clients service refuses the change of responsibility, the referral returns to
    `sent` with the reason and keeps no grant."""
    settings = collaborators.settings
    async with database.transaction() as session:
        referral = await _answerable(session, collaborators, principal, referral_id)
        if not await _may_answer(collaborators, principal, referral):
            if referral.kind == "job":
                raise _may_not_answer_job_referral()
            raise Forbidden(
                "Only the addressee can accept this referral.", code="only_addressee_answers"
            )
        now = utcnow()
        await _move(session, referral, "accepted", principal.username, None, now)
        referral.responded_at = now
        queue_acceptance_effects(referral)
        emit(session, outbox, "referral.accepted", referral.id, accepted_event_data(referral, now))
        effects.crash_point(settings, "accept.before_commit")
    effects.crash_point(settings, "accept.after_commit")
    refusal = await effects.apply_pending(database, collaborators, referral_id, reopen_if_refused)
    if refusal is not None:
        await effects.apply_pending(database, collaborators, referral_id)
        async with database.transaction() as session:
            referral = await _answerable(session, collaborators, principal, referral_id)
            if referral.status == "sent":
                raise Conflict(
                    f"The {refusal.service} service refused the change: "
                    f"{refusal.remote_detail} The referral is open again.",
                    code="responsibility_change_refused",
                    params={"service": refusal.service, "referral_id": str(referral_id)},
                    extra={"referral_id": str(referral_id)},
                )
    return await _detail_of(database, collaborators, principal, referral_id)


async def reopen_if_refused(
    session: AsyncSession, referral_id: uuid.UUID, kind: str, refusal: RemoteRefusal
) -> None:
    """A refused change of responsibility undoes the acceptance: the referral is `sent`
    again with the reason in its history (the sender and the addressee both see it), and
    the access the referral gave is withdrawn."""
    if kind not in _COORDINATOR_EFFECTS:
        return
    referral = await repository.get(session, referral_id)
    if referral is None or referral.status != "accepted":
        return
    if not await repository.claim_status(session, referral_id, "accepted", "sent"):
        return
    now = utcnow()
    reason = f"The {refusal.service} service refused the change: {refusal.remote_detail}"
    record_state(referral, "sent", SYSTEM_ACTOR, reason[:500], now, reason_code="change_refused")
    referral.responded_at = None
    # The access revocation queued with the acceptance still runs: the grant of the open
    # referral is withdrawn too, so nothing remains of the accept.
    for effect in referral.effects:
        if effect.status == "pending" and effect.kind != "access_revoke":
            effect.status = "failed"
            effect.last_error = "The acceptance was undone."
    emit(
        session,
        outbox,
        "referral.reopened",
        referral.id,
        closing_event_data(ReferralReopened, referral, now, reason="effect_refused"),
    )


async def _close(
    database: Database,
    collaborators: Collaborators,
    principal: Principal,
    referral_id: uuid.UUID,
    close: Callable[[AsyncSession, Referral, dt.datetime], Awaitable[None]],
) -> ReferralDetailRead:
    """Decline or cancel: the state commits, then the access is withdrawn."""
    async with database.transaction() as session:
        referral = await _answerable(session, collaborators, principal, referral_id)
        await close(session, referral, utcnow())
        _revoke_access(referral)
    await effects.apply_pending(database, collaborators, referral_id)
    return await _detail_of(database, collaborators, principal, referral_id)


async def decline(
    database: Database,
    collaborators: Collaborators,
    principal: Principal,
    referral_id: uuid.UUID,
    body: ReferralDecline,
) -> ReferralDetailRead:
    async def declined(session: AsyncSession, referral: Referral, now: dt.datetime) -> None:
        if not await _may_answer(collaborators, principal, referral):
            if referral.kind == "job":
                raise _may_not_answer_job_referral()
            raise Forbidden(
                "Only the addressee can decline this referral.", code="only_addressee_answers"
            )
        await _move(session, referral, "declined", principal.username, body.reason, now)
        referral.decline_reason = body.reason
        referral.responded_at = referral.closed_at = now
        emit(
            session,
            outbox,
            "referral.declined",
            referral.id,
            closing_event_data(ReferralClosed, referral, now),
        )

    return await _close(database, collaborators, principal, referral_id, declined)


async def cancel(
    database: Database,
    collaborators: Collaborators,
    principal: Principal,
    referral_id: uuid.UUID,
    body: ReferralCancel,
) -> ReferralDetailRead:
    """The sender withdraws an unanswered referral, or abandons a warm hand-off that is
    running: the client stays with the sender and the receiver steps out again (that must
    succeed in the clients service, or nothing changes)."""

    async def cancelled(session: AsyncSession, referral: Referral, now: dt.datetime) -> None:
        if principal.username != referral.from_user:
            raise Forbidden("Only the sender can cancel this referral.", code="only_sender_cancels")
        abandons_handoff = referral.status == "accepted" and is_handoff(referral)
        was = referral.status
        await _move(
            session,
            referral,
            "cancelled",
            principal.username,
            body.reason,
            now,
            from_status="accepted" if abandons_handoff else None,
        )
        referral.closed_at = now
        if abandons_handoff and referral.enrolment_id:
            _queue_handoff_abandoned(referral)
            await effects.apply_now(referral, collaborators, must_succeed=_COORDINATOR_EFFECTS)
        emit(
            session,
            outbox,
            "referral.cancelled",
            referral.id,
            closing_event_data(ReferralCancelled, referral, now, from_status=was),
        )

    return await _close(database, collaborators, principal, referral_id, cancelled)


def _stepping_out(referral: Referral, body: ReferralComplete) -> tuple[str, str]:
    username = body.stepping_out or referral.to_user or referral.from_user
    if username == referral.to_user and referral.to_role:
        return username, referral.to_role
    if username == referral.from_user:
        return username, referral.from_role
    raise Unprocessable.field(
        ["body", "stepping_out"],
        "Only one of the two coordinators of the consultation can step out.",
        code="stepping_out_not_party",
    )


def _check_completion(referral: Referral, body: ReferralComplete) -> None:
    if referral.kind == "job" and body.result is None:
        raise Unprocessable.field(
            ["body", "result"],
            "A job referral is completed with `hired` or `not_hired`.",
            code="result_required",
        )
    if referral.kind != "job" and body.result is not None:
        raise Unprocessable.field(
            ["body", "result"], "Only a job referral has a result.", code="result_not_allowed"
        )
    if referral.kind != "consultation" and body.stepping_out is not None:
        raise Unprocessable.field(
            ["body", "stepping_out"],
            "Only a consultation has somebody stepping out.",
            code="stepping_out_not_allowed",
        )


def suggests_employed(opening_kind: str | None) -> bool:
    """A hire to a regular, hidden or summer job suggests `employed`. A work trial, an
    apprenticeship or tailored work suggests nothing yet: it starts an active-service period,
    which comes with a later issue. A referral sent before the kind was kept suggests
    `employed`, as every hire did then."""
    return opening_kind is None or opening_kind in _EMPLOYMENT_OPENING_KINDS


def queue_hire_effects(referral: Referral, hired_on: dt.date) -> None:
    """A hire: the employers service records it, which fills one position of the opening
    and closes the lead when none of its openings is left open; for a job the outcome
    `employed` is suggested (see `suggests_employed`)."""
    if referral.enrolment_id and suggests_employed(referral.opening_kind):
        effects.queue(
            referral,
            "outcome_suggestion",
            {"enrolment_id": str(referral.enrolment_id), "outcome": "employed"},
        )
    if referral.opening_id:
        effects.queue(
            referral,
            "hire",
            {
                "referral_id": str(referral.id),
                "opening_id": str(referral.opening_id),
                "client_id": str(referral.client_id),
                "hired_on": hired_on.isoformat(),
            },
        )


async def _may_complete(
    collaborators: Collaborators, principal: Principal, referral: Referral
) -> bool:
    """Either coordinator ends a consultation period or completes a warm hand-off; a job
    referral ends with whoever answers it; other kinds end with the addressee."""
    if referral.kind == "job":
        return await _may_answer(collaborators, principal, referral)
    parties = {_addressee(referral)}
    if referral.kind == "consultation" or is_handoff(referral):
        parties.add(referral.from_user)
    return principal.username in parties


async def complete(
    session: AsyncSession,
    collaborators: Collaborators,
    principal: Principal,
    referral_id: uuid.UUID,
    body: ReferralComplete,
) -> ReferralDetailRead:
    """The change of responsibility is applied before the completion commits: a refusal by
    the clients service leaves the referral as it was."""
    referral = await _answerable(session, collaborators, principal, referral_id)
    if not await _may_complete(collaborators, principal, referral):
        if referral.kind == "job":
            raise _may_not_answer_job_referral()
        raise Forbidden(
            "Only the coordinators of this referral can complete it.",
            code="may_not_complete_referral",
        )
    _check_completion(referral, body)
    leaving = _stepping_out(referral, body) if referral.kind == "consultation" else None
    now = utcnow()
    await _move(session, referral, "completed", principal.username, None, now)
    referral.result = body.result
    referral.closed_at = now
    if leaving is not None and referral.enrolment_id:
        username, role = leaving
        # `remove` names the one stepping out in both user fields: the contract leaves open
        # which of them the clients service reads for this action.
        change = _coordinators_change(
            referral, "remove", to_user=username, to_role=role, from_user=username
        )
        effects.queue(referral, "coordinators_remove", change)
    if is_handoff(referral) and referral.enrolment_id:
        queue_handoff_complete(referral)
    if referral.kind == "job" and body.result == "hired":
        queue_hire_effects(referral, helsinki_date(now))
    _revoke_access(referral)
    await effects.apply_now(referral, collaborators, must_succeed=_COORDINATOR_EFFECTS)
    emit(
        session,
        outbox,
        "referral.completed",
        referral.id,
        closing_event_data(ReferralCompleted, referral, now, result=referral.result),
    )
    return await _detail_for(collaborators, principal, referral)


async def set_stage(
    session: AsyncSession,
    collaborators: Collaborators,
    principal: Principal,
    referral_id: uuid.UUID,
    body: ReferralStageSet,
) -> ReferralDetailRead:
    """Record where a job referral is with the employer while it is sent or accepted; its
    `status` stays as it is. Setting the stage it already has changes nothing."""
    referral = await _answerable(session, collaborators, principal, referral_id)
    if referral.kind != "job":
        raise Unprocessable.field(
            ["body", "stage"],
            "Only a job referral has a stage.",
            code="stage_only_for_job_referrals",
        )
    if not await _may_answer(collaborators, principal, referral):
        raise _may_not_answer_job_referral()
    if referral.status not in _OPEN_STATUSES:
        raise Conflict(
            f"The referral is {referral.status}; its stage no longer changes.",
            code="referral_not_open",
            params={"status": referral.status},
        )
    if referral.stage != body.stage:
        referral.stage = body.stage
        await session.flush()
        emit(
            session,
            outbox,
            "referral.stage_changed",
            referral.id,
            ReferralStageChanged(referral_id=referral.id, stage=body.stage),
        )
    return await _detail_for(collaborators, principal, referral)


# --- expiry ----------------------------------------------------------------------------


async def expire_overdue(
    session: AsyncSession, settings: ReferralsSettings, *, now: dt.datetime | None = None
) -> int:
    """Mark referrals unanswered past `response_due` plus the grace period as expired."""
    now = now or utcnow()
    today = helsinki_date(now)
    expired = 0
    for referral in await repository.unanswered_due_before(session, today):
        if today <= add_working_days(referral.response_due, settings.expiry_grace_working_days):
            continue
        if not await repository.claim_status(session, referral.id, "sent", "expired"):
            continue
        record_state(
            referral, "expired", SYSTEM_ACTOR, UNANSWERED_REASON, now, reason_code="unanswered"
        )
        referral.closed_at = now
        _revoke_access(referral)
        emit(
            session,
            outbox,
            "referral.expired",
            referral.id,
            closing_event_data(ReferralClosed, referral, now),
        )
        expired += 1
    return expired
