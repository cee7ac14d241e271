"""Recruitment leads: the idempotent LADEC push, leads coordinators enter, the lifecycle.

new → contacted (first contact; sets follow_up_due) → in_progress → follow_up → closed.
Every step is written to the lead's history with who did it and when.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import Any

import structlog
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from services.common.auth import Principal
from services.common.calendar import (
    add_working_days,
    helsinki_date,
    helsinki_today,
    next_working_day_on_or_after,
    utcnow,
)
from services.common.db import Database
from services.common.errors import (
    Conflict,
    DomainError,
    FieldError,
    Forbidden,
    NotFound,
    Unprocessable,
    validation_problem,
)
from services.common.events import emit
from services.common.pagination import Page, encode_cursor
from services.common.users import UserDirectory
from services.employers import cursors
from services.employers.access import business_coordinator
from services.employers.activities import service as activities
from services.employers.activities.schemas import ActivityCreate, ActivityRead
from services.employers.codes import CONTACT_KINDS
from services.employers.config import EmployersSettings
from services.employers.employers import service as employers
from services.employers.events import (
    LeadAssigned,
    LeadClosed,
    LeadContacted,
    LeadFollowedUp,
    LeadReceived,
    LeadStatusChanged,
)
from services.employers.leads import repository
from services.employers.leads.schemas import (
    LeadClose,
    LeadContact,
    LeadCreate,
    LeadHistoryRead,
    LeadPush,
    LeadRead,
    LeadUpdate,
)
from services.employers.models import Employer, Lead, LeadHistory, outbox

_LAST_STAMP = "employers_lead_history_stamp"

log = structlog.get_logger("polku.employers.leads")


# --- reading ---------------------------------------------------------------------------


def to_read(lead: Lead, employer_name: str, today: dt.date | None = None) -> LeadRead:
    today = today or helsinki_today()
    contact_overdue = lead.status == "new" and today > lead.contact_due
    follow_up_overdue = (
        lead.status in ("contacted", "in_progress")
        and lead.follow_up_due is not None
        and today > lead.follow_up_due
    )
    fields = {name: getattr(lead, name) for name in LeadRead.model_fields if hasattr(lead, name)}
    return LeadRead.model_validate(
        {
            **fields,
            "contact": LeadContact.model_construct(
                name=lead.contact_name, email=lead.contact_email, phone=lead.contact_phone
            ),
            "employer_name": employer_name,
            "contact_overdue": contact_overdue,
            "follow_up_overdue": follow_up_overdue,
            "overdue": contact_overdue or follow_up_overdue,
        }
    )


async def answer(session: AsyncSession, lead: Lead) -> LeadRead:
    """The lead as the API shows it, naming its company."""
    employer = await employers.get_employer(session, lead.employer_id)
    return to_read(lead, employer.name)


async def get_lead(session: AsyncSession, lead_id: uuid.UUID) -> Lead:
    lead = await repository.get_lead(session, lead_id)
    if lead is None:
        raise NotFound("No such lead.", code="lead_not_found")
    return lead


async def read_lead(session: AsyncSession, lead_id: uuid.UUID, principal: Principal) -> LeadRead:
    lead = await get_lead(session, lead_id)
    # A machine client sees the leads it pushed, nobody else's.
    if principal.is_machine and lead.received_by != principal.subject:
        raise NotFound("No such lead.", code="lead_not_found")
    return await answer(session, lead)


async def lead_page(
    session: AsyncSession,
    principal: Principal,
    *,
    status: str | None,
    mine: bool,
    coordinator: str | None,
    overdue: bool,
    employer_id: uuid.UUID | None,
    source: str | None,
    q: str | None,
    cursor: str | None,
    limit: int,
) -> Page[LeadRead]:
    today = helsinki_today()
    rows = await repository.list_leads(
        session,
        status=status,
        coordinator=principal.subject if mine else coordinator,
        employer_id=employer_id,
        source=source,
        q=q.strip() if q else None,
        overdue_on=today if overdue else None,
        before=cursors.moment_and_id(cursor),
        limit=limit + 1,
    )
    shown = rows[:limit]
    names = await employers.employer_names(session, [lead.employer_id for lead in shown])
    items = [to_read(lead, names[lead.employer_id], today) for lead in shown]
    next_cursor = (
        encode_cursor(items[-1].received_at.isoformat(), items[-1].id)
        if len(rows) > limit
        else None
    )
    return Page[LeadRead](items=items, next_cursor=next_cursor)


async def history_page(
    session: AsyncSession, lead_id: uuid.UUID, *, cursor: str | None, limit: int
) -> Page[LeadHistoryRead]:
    await get_lead(session, lead_id)
    rows = await repository.history(
        session, lead_id, after=cursors.moment_and_id(cursor), limit=limit + 1
    )
    items = [LeadHistoryRead.model_validate(step) for step in rows[:limit]]
    next_cursor = (
        encode_cursor(items[-1].recorded_at.isoformat(), items[-1].id)
        if len(rows) > limit
        else None
    )
    return Page[LeadHistoryRead](items=items, next_cursor=next_cursor)


async def lead_activity_page(
    session: AsyncSession, lead_id: uuid.UUID, *, cursor: str | None, limit: int
) -> Page[ActivityRead]:
    await get_lead(session, lead_id)
    return await activities.activity_page(session, lead_id=lead_id, cursor=cursor, limit=limit)


# --- history and events ----------------------------------------------------------------


def _stamp(session: AsyncSession) -> dt.datetime:
    """Strictly increasing within a transaction, so history keeps the order of the steps."""
    now = utcnow()
    last: dt.datetime | None = session.info.get(_LAST_STAMP)
    if last is not None and now <= last:
        now = last + dt.timedelta(microseconds=1)
    session.info[_LAST_STAMP] = now
    return now


def _step(
    session: AsyncSession,
    lead: Lead,
    action: str,
    by: str,
    *,
    at: dt.datetime | None = None,
    from_status: str | None = None,
    to_status: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    recorded_at = _stamp(session)
    session.add(
        LeadHistory(
            lead_id=lead.id,
            at=at or recorded_at,
            recorded_at=recorded_at,
            by=by,
            action=action,
            from_status=from_status,
            to_status=to_status,
            details=details or {},
        )
    )


def _move(session: AsyncSession, lead: Lead, status: str, by: str, at: dt.datetime) -> None:
    was = lead.status
    lead.status = status
    lead.updated_at = utcnow()
    lead.updated_by = by
    _step(session, lead, "status_changed", by, at=at, from_status=was, to_status=status)
    emit(
        session,
        outbox,
        "lead.status_changed",
        lead.id,
        LeadStatusChanged(lead_id=lead.id, status=status),
    )


# --- receiving -------------------------------------------------------------------------


def duplicate_external_id(existing: Lead) -> Conflict:
    return Conflict(
        f"A lead with external_id {existing.external_id} already exists: {existing.id}.",
        code="duplicate_external_id",
        extra={"existing_lead_id": str(existing.id)},
    )


async def _assign_by_rule(
    session: AsyncSession, settings: EmployersSettings, municipality: str | None
) -> str:
    if settings.lead_assignment_rule == "municipality" and municipality:
        by_place = {k.casefold(): v for k, v in settings.lead_coordinators_by_municipality.items()}
        named = by_place.get(municipality.casefold())
        if named:
            return named
    pool = settings.lead_coordinators
    last = await repository.latest_assignee(session, pool)
    return pool[(pool.index(last) + 1) % len(pool)] if last in pool else pool[0]


# Legal-form words that one person types and another leaves out: "Esimerkki Oy" is "Esimerkki".
_LEGAL_FORMS = frozenset({"oy", "oyj", "ab", "abp", "ky", "ay", "tmi", "ry", "ltd", "osk"})


def normalised_company_name(name: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in name.casefold()).split()
    return " ".join(w for w in words if w not in _LEGAL_FORMS)


async def _open_lead_of_same_company(session: AsyncSession, employer: Employer) -> uuid.UUID | None:
    """The oldest open lead of this employer, else of an employer with the same name."""
    same_name = normalised_company_name(employer.name)
    by_name: uuid.UUID | None = None
    for lead_id, employer_id, name in await repository.open_leads_with_company(session):
        if employer_id == employer.id:
            return lead_id
        if by_name is None and normalised_company_name(name) == same_name:
            by_name = lead_id
    return by_name


@dataclass(frozen=True, slots=True)
class NewLead:
    source: str
    external_id: str | None
    need: str
    positions: int | None
    municipality: str | None
    industry: str | None
    contact: LeadContact | None
    received_at: dt.datetime
    lead_id: uuid.UUID | None = None


async def open_lead(
    session: AsyncSession,
    settings: EmployersSettings,
    employer: Employer,
    new: NewLead,
    *,
    by: str,
    coordinator: str | None,
) -> Lead:
    rule = "named" if coordinator else settings.lead_assignment_rule
    municipality = new.municipality or employer.municipality
    chosen = coordinator or await _assign_by_rule(session, settings, municipality)
    received_on = helsinki_date(new.received_at)
    now = utcnow()
    contact = new.contact or LeadContact()
    duplicate_of = await _open_lead_of_same_company(session, employer)
    lead = await repository.insert_lead(
        session,
        {
            "id": new.lead_id,
            "external_id": new.external_id,
            "source": new.source,
            "employer_id": employer.id,
            "coordinator": chosen,
            "need": new.need,
            "positions": new.positions,
            "municipality": municipality,
            "industry": new.industry or employer.industry,
            "contact_name": contact.name,
            "contact_email": contact.email,
            "contact_phone": contact.phone,
            "received_at": new.received_at,
            "received_by": by,
            "contact_due": add_working_days(received_on, settings.lead_contact_working_days),
            "status": "new",
            "possible_duplicate_of": duplicate_of,
            "created_at": now,
            "updated_at": now,
            "updated_by": by,
        },
    )
    if lead is None:
        assert new.external_id is not None
        existing = await repository.get_by_external_id(session, new.external_id)
        assert existing is not None
        raise duplicate_external_id(existing)
    _step(
        session,
        lead,
        "received",
        by,
        at=lead.received_at,
        to_status="new",
        details={"source": lead.source, "external_id": lead.external_id},
    )
    _step(session, lead, "assigned", by, details={"coordinator": chosen, "rule": rule})
    if duplicate_of is not None:
        _step(session, lead, "possible_duplicate", by, details={"lead_id": str(duplicate_of)})
    await employers.carry_contact(
        session, employer, name=contact.name, email=contact.email, phone=contact.phone, by=by
    )
    emit(
        session,
        outbox,
        "lead.received",
        lead.id,
        LeadReceived(
            lead_id=lead.id,
            employer_id=employer.id,
            source=lead.source,
            received_at=lead.received_at,
            received_on=received_on,
            contact_due=lead.contact_due,
            coordinator=chosen,
            industry=lead.industry,
            municipality=lead.municipality,
            positions=lead.positions,
        ),
    )
    return lead


def _validation_problem(exc: ValidationError) -> Unprocessable:
    return validation_problem(exc.errors(), prefix=["body"])


async def _receive_push(
    session: AsyncSession, settings: EmployersSettings, principal: Principal, raw: bytes
) -> LeadRead:
    try:
        push = LeadPush.model_validate_json(raw)
    except ValidationError as exc:
        raise _validation_problem(exc) from None
    existing = await repository.get_by_external_id(session, push.external_id)
    if existing is not None:
        raise duplicate_external_id(existing)
    employer = await employers.find_or_create(
        session,
        business_id=push.business_id,
        name=push.company_name,
        industry=push.industry,
        municipality=push.municipality,
        by=principal.subject,
    )
    new = NewLead(
        source="ladec",
        external_id=push.external_id,
        need=push.need,
        positions=push.positions,
        municipality=push.municipality,
        industry=push.industry,
        contact=push.contact,
        received_at=push.received_at,
    )
    lead = await open_lead(session, settings, employer, new, by=principal.subject, coordinator=None)
    return to_read(lead, employer.name)


# --- the idempotent push ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoredResponse:
    status: int
    body: dict[str, Any]
    location: str | None
    replayed: bool = False


def request_hash(raw: bytes) -> str:
    """sha256 of the canonical JSON body, so that key order and spacing do not matter."""
    try:
        canonical = json.dumps(
            json.loads(raw), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        ).encode()
    except ValueError:
        canonical = raw
    return hashlib.sha256(canonical).hexdigest()


def check_idempotency_key(key: str | None) -> str:
    if key is None or not 1 <= len(key) <= 255:
        raise DomainError(
            "The Idempotency-Key header (1 to 255 characters) is required.",
            code="idempotency_key_required",
        )
    return key


async def _claim(
    database: Database, settings: EmployersSettings, client_id: str, key: str, digest: str
) -> StoredResponse | dt.datetime:
    """Claim the key in its own short transaction: the stored answer of an earlier push, or
    the lease time this request now holds the key under."""
    now = utcnow()
    async with database.transaction() as session:
        retention = dt.timedelta(days=settings.idempotency_retention_days)
        await repository.forget_keys_answered_before(session, now - retention)
        if await repository.claim_key(session, client_id, key, digest, now):
            return now
        row = await repository.get_key(session, client_id, key)
        if row is not None and row.request_hash != digest:
            raise Unprocessable(
                "This Idempotency-Key was already used with a different body.",
                code="idempotency_key_reused",
                errors=[
                    FieldError(
                        ["header", "Idempotency-Key"],
                        "used with a different body",
                        code="idempotency_key_reused",
                    )
                ],
            )
        if row is not None and row.completed_at is not None:
            assert row.response_status is not None
            assert row.response_body is not None
            return StoredResponse(
                row.response_status, row.response_body, row.response_location, replayed=True
            )
        lease = dt.timedelta(seconds=settings.idempotency_claim_lease_seconds)
        if (
            row is not None
            and now - row.claimed_at > lease
            and await repository.take_over_key(session, client_id, key, row.claimed_at, now)
        ):
            return now
    raise Conflict(
        "A request with this Idempotency-Key is still in progress; retry shortly.",
        code="idempotency_key_in_progress",
        headers={"Retry-After": "1"},
    )


async def _keep_renewed(
    database: Database, settings: EmployersSettings, client_id: str, key: str, held: dt.datetime
) -> None:
    """Renew the lease while the push runs; cancelled when it ends. A push that dies stops
    renewing with it, so its key is free again one lease later."""
    interval = settings.idempotency_claim_lease_seconds / 3
    while True:
        await asyncio.sleep(interval)
        now = utcnow()
        try:
            async with database.transaction() as session:
                renewed = await repository.renew_key(session, client_id, key, held, now)
        except Exception as exc:  # a missed renewal is retried; the push itself goes on
            log.warning("idempotency_renewal_failed", exc_type=type(exc).__name__)
            continue
        if not renewed:
            return
        held = now


async def _finish(
    database: Database, client_id: str, key: str, status: int, body: dict[str, Any]
) -> None:
    async with database.transaction() as session:
        await repository.complete_key(
            session, client_id, key, status=status, body=body, location=None, now=utcnow()
        )


async def push_lead(
    database: Database,
    settings: EmployersSettings,
    principal: Principal,
    key: str | None,
    raw: bytes,
) -> StoredResponse:
    """CONTRACTS §2. The answer is stored with the key in the transaction that creates the lead."""
    key = check_idempotency_key(key)
    client_id = principal.subject
    claim = await _claim(database, settings, client_id, key, request_hash(raw))
    if isinstance(claim, StoredResponse):
        return claim
    renewal = asyncio.create_task(_keep_renewed(database, settings, client_id, key, claim))
    try:
        return await _push_under_claim(database, settings, principal, client_id, key, raw)
    finally:
        renewal.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await renewal


async def _push_under_claim(
    database: Database,
    settings: EmployersSettings,
    principal: Principal,
    client_id: str,
    key: str,
    raw: bytes,
) -> StoredResponse:
    try:
        async with database.transaction() as session:
            lead = await _receive_push(session, settings, principal, raw)
            response = StoredResponse(201, lead.model_dump(mode="json"), f"/api/v1/leads/{lead.id}")
            await repository.complete_key(
                session,
                client_id,
                key,
                status=response.status,
                body=response.body,
                location=response.location,
                now=utcnow(),
            )
        return response
    except DomainError as error:
        if error.status >= 500:
            await _release(database, client_id, key)
            raise
        # A refusal is an answer too: a retry with the same body gets it again.
        await _finish(database, client_id, key, error.status, error.body())
        raise
    except Exception:
        await _release(database, client_id, key)
        raise


async def _release(database: Database, client_id: str, key: str) -> None:
    async with database.transaction() as session:
        await repository.release_key(session, client_id, key)


# --- leads coordinators enter ----------------------------------------------------------


async def create_lead(
    session: AsyncSession,
    settings: EmployersSettings,
    directory: UserDirectory,
    data: LeadCreate,
    principal: Principal,
) -> LeadRead:
    if data.employer_id is not None:
        employer = await employers.get_employer(session, data.employer_id)
    elif data.business_id is not None and data.company_name is not None:
        employer = await employers.find_or_create(
            session,
            business_id=data.business_id,
            name=data.company_name,
            industry=data.industry,
            municipality=data.municipality,
            by=principal.subject,
        )
    else:
        raise Unprocessable.field(
            ["body", "employer_id"],
            "Name the employer: employer_id, or business_id and company_name.",
            code="employer_required",
        )
    coordinator = data.coordinator
    if coordinator is not None:
        await business_coordinator(directory, coordinator, ["body", "coordinator"])
    elif principal.has_role("business_coordinator"):
        coordinator = principal.subject
    # On the minute: the app records the contact that follows to the minute, and a contact
    # logged right after entering the lead must not fall before it.
    received_at = data.received_at or utcnow().replace(second=0, microsecond=0)
    if received_at > utcnow() + dt.timedelta(minutes=5):
        raise Unprocessable.field(
            ["body", "received_at"], "A lead cannot come in the future.", code="date_in_future"
        )
    new = NewLead(
        source=data.source,
        external_id=None,
        need=data.need,
        positions=data.positions,
        municipality=data.municipality,
        industry=data.industry,
        contact=data.contact,
        received_at=received_at,
    )
    lead = await open_lead(
        session, settings, employer, new, by=principal.subject, coordinator=coordinator
    )
    return to_read(lead, employer.name)


# --- working a lead --------------------------------------------------------------------


def _open(lead: Lead) -> None:
    if lead.status == "closed":
        raise Conflict("The lead is closed.", code="lead_closed")


async def _record_first_contact(
    session: AsyncSession, settings: EmployersSettings, lead: Lead, at: dt.datetime, by: str
) -> None:
    contacted_on = helsinki_date(at)
    lead.contacted_at = at
    lead.follow_up_due = next_working_day_on_or_after(
        contacted_on + dt.timedelta(days=settings.lead_follow_up_days)
    )
    _step(session, lead, "contacted", by, at=at, details={"follow_up_due": str(lead.follow_up_due)})
    emit(
        session,
        outbox,
        "lead.contacted",
        lead.id,
        LeadContacted(
            lead_id=lead.id,
            contacted_at=at,
            contacted_on=contacted_on,
            follow_up_due=lead.follow_up_due,
            by=by,
        ),
    )
    _move(session, lead, "contacted", by, at)


async def _record_follow_up(session: AsyncSession, lead: Lead, at: dt.datetime, by: str) -> None:
    if lead.followed_up_at is None:
        lead.followed_up_at = at
        _step(session, lead, "followed_up", by, at=at)
        emit(
            session,
            outbox,
            "lead.followed_up",
            lead.id,
            LeadFollowedUp(
                lead_id=lead.id, followed_up_at=at, followed_up_on=helsinki_date(at), by=by
            ),
        )
    if lead.status != "follow_up":
        _move(session, lead, "follow_up", by, at)


async def record_lead_activity(
    session: AsyncSession,
    settings: EmployersSettings,
    lead_id: uuid.UUID,
    data: ActivityCreate,
    principal: Principal,
) -> LeadRead:
    """The first contact moves a new lead to contacted; a follow-up to follow_up; other work
    on a contacted lead to in_progress."""
    lead = await get_lead(session, lead_id)
    _open(lead)
    by = principal.subject
    if data.at < lead.received_at:
        raise Unprocessable.field(
            ["body", "at"], "The activity is before the lead came in.", code="date_before_lead"
        )
    if data.kind == "follow_up" and lead.status == "new":
        raise Unprocessable.field(
            ["body", "kind"],
            "A follow-up needs a first contact; record the contact first.",
            code="follow_up_needs_contact",
        )
    employer = await employers.get_employer(session, lead.employer_id)
    activity = await activities.record_activity(session, employer, data, by, lead_id=lead.id)
    _step(
        session,
        lead,
        "activity",
        by,
        at=activity.at,
        details={"activity_id": str(activity.id), "kind": activity.kind},
    )
    if lead.status == "new" and data.kind in CONTACT_KINDS:
        await _record_first_contact(session, settings, lead, data.at, by)
    elif data.kind == "follow_up":
        await _record_follow_up(session, lead, data.at, by)
    elif lead.status == "contacted":
        _move(session, lead, "in_progress", by, data.at)
    lead.updated_at = utcnow()
    lead.updated_by = by
    await session.flush()
    return to_read(lead, employer.name)


async def _close(session: AsyncSession, lead: Lead, reason: str, at: dt.datetime, by: str) -> None:
    lead.closed_at = at
    lead.close_reason = reason
    lead.closed_by = by
    _move(session, lead, "closed", by, at)
    _step(session, lead, "closed", by, at=at, details={"reason": reason})
    emit(
        session,
        outbox,
        "lead.closed",
        lead.id,
        LeadClosed(
            lead_id=lead.id, reason=reason, closed_at=at, closed_on=helsinki_date(at), by=by
        ),
    )
    await session.flush()


async def close_lead(
    session: AsyncSession, lead_id: uuid.UUID, data: LeadClose, principal: Principal
) -> LeadRead:
    lead = await get_lead(session, lead_id)
    _open(lead)
    at = data.at or utcnow()
    if at < lead.received_at:
        raise Unprocessable.field(
            ["body", "at"], "A lead cannot close before it came in.", code="date_before_lead"
        )
    activities.check_not_in_future(at)
    await _close(session, lead, data.reason, at, principal.subject)
    return await answer(session, lead)


async def close_for_effect(
    session: AsyncSession, lead_id: uuid.UUID, reason: str, principal: Principal
) -> LeadRead:
    """`/internal/leads/{id}/close`: a lead already closed stays as it was."""
    lead = await get_lead(session, lead_id)
    if lead.status != "closed":
        await _close(session, lead, reason, utcnow(), principal.subject)
    return await answer(session, lead)


async def update_lead(
    session: AsyncSession,
    directory: UserDirectory,
    lead_id: uuid.UUID,
    data: LeadUpdate,
    principal: Principal,
) -> LeadRead:
    lead = await get_lead(session, lead_id)
    changes = data.model_dump(exclude_unset=True)
    for required in ("need", "status", "coordinator"):
        if required in changes and changes[required] is None:
            raise Unprocessable.field(
                ["body", required], "This field cannot be emptied.", code="field_cannot_be_emptied"
            )
    if not changes:
        return await answer(session, lead)
    _open(lead)
    by = principal.subject
    coordinator = changes.pop("coordinator", None)
    if coordinator is not None and coordinator != lead.coordinator:
        if not principal.has_role("team_lead"):
            raise Forbidden(
                "Only a team lead can change who is responsible for a lead.",
                code="only_team_lead_reassigns",
            )
        await business_coordinator(directory, coordinator, ["body", "coordinator"])
        _step(
            session,
            lead,
            "assigned",
            by,
            details={"from": lead.coordinator, "coordinator": coordinator},
        )
        lead.coordinator = coordinator
        emit(
            session,
            outbox,
            "lead.assigned",
            lead.id,
            LeadAssigned(lead_id=lead.id, coordinator=coordinator),
        )
    if changes.pop("status", None) == "in_progress" and lead.status != "in_progress":
        if lead.status != "contacted":
            raise Unprocessable.field(
                ["body", "status"],
                f"A {lead.status} lead cannot move to in_progress.",
                code="status_transition_not_allowed",
                params={"from": lead.status, "to": "in_progress"},
            )
        _move(session, lead, "in_progress", by, utcnow())
    contact = changes.pop("contact", None)
    if contact is not None:
        lead.contact_name = contact.get("name")
        lead.contact_email = contact.get("email")
        lead.contact_phone = contact.get("phone")
        changes["contact"] = True
        await employers.carry_contact(
            session,
            await employers.get_employer(session, lead.employer_id),
            name=lead.contact_name,
            email=lead.contact_email,
            phone=lead.contact_phone,
            by=by,
        )
    for name in ("need", "positions", "municipality"):
        if name in changes:
            setattr(lead, name, changes[name])
    if changes:
        _step(session, lead, "updated", by, details={"fields": sorted(changes)})
    lead.updated_at = utcnow()
    lead.updated_by = by
    await session.flush()
    return await answer(session, lead)
