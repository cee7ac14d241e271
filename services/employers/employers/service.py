"""Employers and their contact persons: one record per Y-tunnus, status with dates."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from services.common.auth import Principal
from services.common.calendar import helsinki_today, utcnow
from services.common.errors import Conflict, NotFound, Unprocessable
from services.common.events import emit
from services.common.pagination import Page, encode_cursor
from services.employers import cursors
from services.employers.codes import EMPLOYER_TRANSITIONS
from services.employers.employers import repository
from services.employers.employers.schemas import (
    ContactCreate,
    ContactRead,
    ContactUpdate,
    EmployerCreate,
    EmployerRead,
    EmployerUpdate,
    InternalEmployerRead,
)
from services.employers.events import EmployerCreated, EmployerStatusChanged
from services.employers.models import Employer, EmployerContact, outbox


def duplicate_business_id(existing: Employer) -> Conflict:
    return Conflict(
        f"An employer with business id {existing.business_id} already exists: {existing.id}.",
        code="duplicate_business_id",
        extra={"existing_employer_id": str(existing.id)},
    )


def _status_dates(status: str, on: dt.date) -> dict[str, object]:
    dates: dict[str, object] = {"status": status, "status_changed_on": on}
    if status == "contacted":
        dates["contacted_on"] = on
    elif status == "partner":
        dates["partner_since"] = on
        dates["inactive_since"] = None
    elif status == "inactive":
        dates["inactive_since"] = on
    return dates


def _emit_status(session: AsyncSession, employer: Employer) -> None:
    emit(
        session,
        outbox,
        "employer.status_changed",
        employer.id,
        EmployerStatusChanged(
            employer_id=employer.id,
            industry=employer.industry,
            status=employer.status,
            changed_on=employer.status_changed_on,
            network_member=employer.network_member,
            sector=employer.sector,
            sector_since=employer.sector_since,
        ),
    )


def _emit_created(session: AsyncSession, employer: Employer) -> None:
    emit(
        session,
        outbox,
        "employer.created",
        employer.id,
        EmployerCreated(
            employer_id=employer.id,
            industry=employer.industry,
            municipality=employer.municipality,
            size_class=employer.size_class,
            status=employer.status,
            sector=employer.sector,
            sector_since=employer.sector_since,
        ),
    )


async def _insert(
    session: AsyncSession, values: dict[str, object], by: str
) -> tuple[Employer | None, Employer | None]:
    """(the new employer, None) or (None, the employer that already has this business id)."""
    now = utcnow()
    today = helsinki_today(now)
    status = str(values.get("status") or "prospect")
    row = {
        **values,
        **_status_dates(status, today),
        "sector": values.get("sector") or "unknown",
        "sector_since": today,
        "network_member": bool(values.get("network_member")) or status == "partner",
        "created_at": now,
        "created_by": by,
        "updated_at": now,
        "updated_by": by,
    }
    employer = await repository.insert_employer(session, row)
    if employer is None:
        existing = await repository.get_by_business_id(session, str(values["business_id"]))
        assert existing is not None, "the conflicting row is committed before the conflict shows"
        return None, existing
    _emit_created(session, employer)
    return employer, None


async def create_employer(
    session: AsyncSession,
    data: EmployerCreate,
    principal: Principal,
    *,
    employer_id: uuid.UUID | None = None,
) -> EmployerRead:
    existing = await repository.get_by_business_id(session, data.business_id)
    if existing is not None:
        raise duplicate_business_id(existing)
    values = {**data.model_dump(), "id": employer_id or uuid.uuid4()}
    employer, existing = await _insert(session, values, principal.subject)
    if existing is not None:
        raise duplicate_business_id(existing)
    assert employer is not None
    return EmployerRead.model_validate(employer)


async def find_or_create(
    session: AsyncSession,
    *,
    business_id: str,
    name: str,
    industry: str | None,
    municipality: str | None,
    by: str,
) -> Employer:
    """The employer with this Y-tunnus; a new prospect when there is none (race-safe)."""
    existing = await repository.get_by_business_id(session, business_id)
    if existing is not None:
        return existing
    values: dict[str, object] = {
        "business_id": business_id,
        "name": name,
        "industry": industry,
        "municipality": municipality,
    }
    employer, existing = await _insert(session, values, by)
    found = employer or existing
    assert found is not None
    return found


async def get_employer(session: AsyncSession, employer_id: uuid.UUID) -> Employer:
    employer = await repository.get_employer(session, employer_id)
    if employer is None:
        raise NotFound("No such employer.", code="employer_not_found")
    return employer


async def read_employer(session: AsyncSession, employer_id: uuid.UUID) -> EmployerRead:
    return EmployerRead.model_validate(await get_employer(session, employer_id))


async def internal_employer(session: AsyncSession, employer_id: uuid.UUID) -> InternalEmployerRead:
    return InternalEmployerRead.model_validate(await get_employer(session, employer_id))


async def employer_page(
    session: AsyncSession,
    *,
    q: str | None,
    business_id: str | None,
    industry: str | None,
    status: str | None,
    cursor: str | None,
    limit: int,
) -> Page[EmployerRead]:
    rows = await repository.search_employers(
        session,
        q=q.strip() if q else None,
        business_id=business_id,
        industry=industry,
        status=status,
        after=cursors.name_and_id(cursor),
        limit=limit + 1,
    )
    items = [EmployerRead.model_validate(e) for e in rows[:limit]]
    next_cursor = encode_cursor(items[-1].name, items[-1].id) if len(rows) > limit else None
    return Page[EmployerRead](items=items, next_cursor=next_cursor)


def _check_transition(employer: Employer, status: str) -> None:
    if status != employer.status and status not in EMPLOYER_TRANSITIONS[employer.status]:
        raise Unprocessable.field(
            ["body", "status"],
            f"An employer cannot move from {employer.status} to {status}.",
            code="status_transition_not_allowed",
            params={"from": employer.status, "to": status},
        )


async def update_employer(
    session: AsyncSession, employer_id: uuid.UUID, data: EmployerUpdate, principal: Principal
) -> EmployerRead:
    employer = await get_employer(session, employer_id)
    changes = data.model_dump(exclude_unset=True)
    required_fields = ("business_id", "name", "status", "sector", "network_member")
    for required in (*required_fields, "tailored_work_interest"):
        if required in changes and changes[required] is None:
            raise Unprocessable.field(
                ["body", required], "This field cannot be emptied.", code="field_cannot_be_emptied"
            )
    if "business_id" in changes and changes["business_id"] != employer.business_id:
        other = await repository.get_by_business_id(session, changes["business_id"])
        if other is not None:
            raise duplicate_business_id(other)
    status = changes.pop("status", employer.status)
    _check_transition(employer, status)
    was = (employer.status, employer.network_member, employer.industry, employer.sector)
    if changes.get("sector", employer.sector) != employer.sector:
        employer.sector_since = helsinki_today()
    for name, value in changes.items():
        setattr(employer, name, value)
    if status != employer.status:
        for name, value in _status_dates(status, helsinki_today()).items():
            setattr(employer, name, value)
        if status == "partner" and "network_member" not in changes:
            employer.network_member = True
    employer.updated_at = utcnow()
    employer.updated_by = principal.subject
    try:
        await session.flush()
    except IntegrityError:
        # A concurrent change took the business id between our check and our write.
        raise Conflict(
            "Another employer has this business id.", code="duplicate_business_id"
        ) from None
    if (employer.status, employer.network_member, employer.industry, employer.sector) != was:
        _emit_status(session, employer)
    return EmployerRead.model_validate(employer)


async def mark_contacted(session: AsyncSession, employer: Employer, on: dt.date, by: str) -> None:
    """A prospect that we reached becomes contacted (partners stay partners)."""
    if employer.status != "prospect":
        return
    for name, value in _status_dates("contacted", on).items():
        setattr(employer, name, value)
    employer.updated_at = utcnow()
    employer.updated_by = by
    _emit_status(session, employer)


async def employer_names(
    session: AsyncSession, employer_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, str]:
    """Employers' names for a list that names each row's company."""
    return await repository.names_by_id(session, employer_ids)


async def _new_contact(
    session: AsyncSession, employer_id: uuid.UUID, data: ContactCreate, by: str
) -> EmployerContact:
    contact = EmployerContact(
        employer_id=employer_id, **data.model_dump(), active=True, created_by=by, updated_by=by
    )
    await repository.add(session, contact)
    return contact


def _same_person(contact: EmployerContact, name: str, email: str | None) -> bool:
    if contact.name.casefold() == name.casefold():
        return True
    return email is not None and (contact.email or "").casefold() == email.casefold()


async def carry_contact(
    session: AsyncSession,
    employer: Employer,
    *,
    name: str | None,
    email: str | None,
    phone: str | None,
    by: str,
) -> None:
    """A lead's contact person joins the employer's contact persons, once: a person already
    there (same name or e-mail) only gains the phone or e-mail the register lacked."""
    if not name:
        return
    for contact in await repository.all_contacts(session, employer.id):
        if _same_person(contact, name, email):
            if contact.email is None and email is not None:
                contact.email = email
            if contact.phone is None and phone is not None:
                contact.phone = phone
            if session.is_modified(contact):
                contact.updated_at = utcnow()
                contact.updated_by = by
            return
    await _new_contact(session, employer.id, ContactCreate(name=name, email=email, phone=phone), by)


async def add_contact(
    session: AsyncSession, employer_id: uuid.UUID, data: ContactCreate, principal: Principal
) -> ContactRead:
    await get_employer(session, employer_id)
    return ContactRead.model_validate(
        await _new_contact(session, employer_id, data, principal.subject)
    )


async def contact_page(
    session: AsyncSession, employer_id: uuid.UUID, *, cursor: str | None, limit: int
) -> Page[ContactRead]:
    await get_employer(session, employer_id)
    rows = await repository.list_contacts(
        session, employer_id, after=cursors.name_and_id(cursor), limit=limit + 1
    )
    items = [ContactRead.model_validate(c) for c in rows[:limit]]
    next_cursor = encode_cursor(items[-1].name, items[-1].id) if len(rows) > limit else None
    return Page[ContactRead](items=items, next_cursor=next_cursor)


async def update_contact(
    session: AsyncSession,
    employer_id: uuid.UUID,
    contact_id: uuid.UUID,
    data: ContactUpdate,
    principal: Principal,
) -> ContactRead:
    contact = await repository.get_contact(session, employer_id, contact_id)
    if contact is None:
        raise NotFound("No such contact person.", code="contact_person_not_found")
    changes = data.model_dump(exclude_unset=True)
    for required in ("name", "active"):
        if required in changes and changes[required] is None:
            raise Unprocessable.field(
                ["body", required], "This field cannot be emptied.", code="field_cannot_be_emptied"
            )
    for name, value in changes.items():
        setattr(contact, name, value)
    contact.updated_at = utcnow()
    contact.updated_by = principal.subject
    await session.flush()
    return ContactRead.model_validate(contact)
