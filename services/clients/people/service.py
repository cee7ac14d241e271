"""Clients and their consents. The identity code is unique and found by exact match only."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.access import repository as access_repository
from services.clients.access import service as access
from services.clients.access.service import Capability
from services.clients.catalogue.repository import all_municipalities
from services.clients.models import (
    OPEN_ENROLMENT_STATES,
    Client,
    Enrolment,
    EnrolmentCoordinator,
    outbox,
)
from services.clients.pathway import repository as pathway_repository
from services.clients.pathway.schemas import CoordinatorRead
from services.clients.pathway.service import enrolment_reads
from services.clients.people import repository
from services.clients.people.schemas import (
    ClientCreate,
    ClientListItem,
    ClientListPage,
    ClientListQuery,
    ClientLookup,
    ClientLookupRead,
    ClientRead,
    ClientSummaryRead,
    ClientUpdate,
    ConsentCreate,
    ConsentRead,
    birth_year_of,
    mask_identity_code,
    normalise_identity_code,
)
from services.common.audit import ACCESS_REASON_HEADER, AccessContext
from services.common.calendar import helsinki_today, utcnow, working_days_between
from services.common.errors import Conflict, FieldError, Forbidden, NotFound, Unprocessable
from services.common.events import emit
from services.common.pagination import decode_cursor, encode_cursor

CONTACT_FIELDS = ("phone", "email", "address")


def check_municipality(value: str | None, loc: list[str | int]) -> str | None:
    if value is None:
        return None
    for name in all_municipalities():
        if name.casefold() == value.strip().casefold():
            return name
    raise Unprocessable.field(
        loc,
        f"'{value}' is not a municipality of the region.",
        code="unknown_municipality",
        params={"municipality": value},
    )


def _check_birth_year(code: str | None, birth_year: int | None, loc: list[str | int]) -> int | None:
    if code is None:
        return birth_year
    from_code = birth_year_of(code)
    if birth_year is not None and birth_year != from_code:
        raise Unprocessable.field(
            loc, "The birth year does not match the identity code.", code="birth_year_mismatch"
        )
    return from_code


def client_event_data(client: Client) -> dict[str, Any]:
    return {
        "client_id": client.id,
        "source": client.source,
        "municipality": client.municipality,
        "birth_year": client.birth_year,
        "gender": client.gender,
        "language": client.language,
        "target_groups": list(client.target_groups),
    }


def add_client(
    session: AsyncSession,
    fields: dict[str, Any],
    *,
    source: str,
    created_by: str,
    client_id: uuid.UUID | None = None,
) -> Client:
    """A new client and its `client.registered` event (also for the import and the demo)."""
    now = utcnow()
    defaults = {"target_groups": [], "interpreter_needed": False, "non_disclosure": False}
    client = Client(
        awaiting_triage=False,
        possible_duplicates=[],
        id=client_id or uuid.uuid4(),
        source=source,
        created_by=created_by,
        created_at=now,
        updated_at=now,
        **{**defaults, **fields},
    )
    session.add(client)
    emit(session, outbox, "client.registered", client.id, client_event_data(client))
    return client


async def _unique_code(session: AsyncSession, code: str | None, own_id: uuid.UUID | None) -> None:
    if code is None:
        return
    holder = await repository.client_by_code(session, code)
    if holder is not None and holder.id != own_id:
        raise Conflict(
            "Another client already has this personal identity code.",
            code="duplicate_identity_code",
            errors=[
                FieldError(
                    ["body", "personal_identity_code"],
                    "already in use",
                    code="duplicate_identity_code",
                )
            ],
        )


async def create_client(
    session: AsyncSession, context: AccessContext, data: ClientCreate
) -> ClientRead:
    fields = data.model_dump()
    fields["municipality"] = check_municipality(data.municipality, ["body", "municipality"])
    fields["birth_year"] = _check_birth_year(
        data.personal_identity_code, data.birth_year, ["body", "birth_year"]
    )
    await _unique_code(session, data.personal_identity_code, None)
    principal = context.principal
    source = "coach" if principal.has_role("coach") else "coordinator"
    client = add_client(session, fields, source=source, created_by=principal.username)
    await session.flush()
    await access.log(session, context, "create", [client.id])
    return await client_read(session, await access.resolve(session, context, client.id))


async def client_read(session: AsyncSession, view: access.ClientView) -> ClientRead:
    client = view.client
    hidden = not view.sees_contact_details
    enrolments = [
        e
        for e in await pathway_repository.enrolments_of(session, client.id)
        if view.sees_enrolment(e.id)
    ]
    return ClientRead(
        id=client.id,
        first_name=client.first_name,
        last_name=client.last_name,
        personal_identity_code=client.personal_identity_code
        if view.can(Capability.IDENTITY_CODE)
        else mask_identity_code(client.personal_identity_code),
        birth_year=client.birth_year,
        municipality=client.municipality,
        awaiting_triage=client.awaiting_triage,
        possible_duplicates=[uuid.UUID(str(i)) for i in client.possible_duplicates],
        gender=client.gender,
        language=client.language,
        phone=None if hidden else client.phone,
        email=None if hidden else client.email,
        address=None if hidden else client.address,
        contact_details_hidden=hidden,
        education_level=client.education_level,
        target_groups=list(client.target_groups),
        interpreter_needed=client.interpreter_needed,
        national_register_ref=client.national_register_ref,
        non_disclosure=client.non_disclosure,
        source=client.source,
        created_by=client.created_by,
        created_at=client.created_at,
        responsible=(
            await repository.responsible_usernames(session, client.id) or [client.created_by]
        )
        if view.can(Capability.ENROLMENTS)
        else [],
        enrolments=await enrolment_reads(session, enrolments),
    )


def summary(client: Client) -> ClientSummaryRead:
    return ClientSummaryRead(
        id=client.id,
        first_name=client.first_name,
        last_name=client.last_name,
        personal_identity_code=mask_identity_code(client.personal_identity_code),
        birth_year=client.birth_year,
        municipality=client.municipality,
        awaiting_triage=client.awaiting_triage,
        possible_duplicates=[uuid.UUID(str(i)) for i in client.possible_duplicates],
    )


def _exact_code(q: str | None) -> str | None:
    if not q:
        return None
    try:
        return normalise_identity_code(q)
    except ValueError:
        return None


def _list_action(q: str | None, code: str | None, items: Sequence[ClientListItem]) -> str:
    """What the access log calls this listing. A hit is a read of each client shown, in
    their own logs; a search by identity code that shows nobody is still a trace of who
    looked for whom, so it is recorded by kind alone, without the code or any subject."""
    if not q:
        return "list"
    if code is not None and not items:
        return "identity_code_search_no_match"
    return "search"


def _cursor_values(cursor: str | None, sort: str) -> list[Any] | None:
    """The keyset of a `next_cursor` given for the same sort (422 otherwise)."""
    values = decode_cursor(cursor)
    if values is None:
        return None
    try:
        kind, *keys = values
        if kind != sort or len(keys) != (3 if sort == "name" else 4):
            raise ValueError(kind)
        last, first, client_id = keys[-3:]
        tail = [str(last), str(first), uuid.UUID(str(client_id))]
        if sort == "name":
            return tail
        head = int(keys[0]) if sort == "state" else dt.date.fromisoformat(str(keys[0]))
        return [head, *tail]
    except (ValueError, TypeError):
        raise Unprocessable.field(
            ["query", "cursor"], "The cursor is not one this list gave.", code="invalid_cursor"
        ) from None


def _overdue_days(enrolment: Enrolment | None, today: dt.date) -> int | None:
    if enrolment is None or enrolment.state != "registered":
        return None
    return working_days_between(enrolment.contact_due, today)


def list_item(
    row: repository.ListRow, coordinators: Sequence[EnrolmentCoordinator], today: dt.date
) -> ClientListItem:
    enrolment = row.enrolment
    state = None
    if row.shown:
        state = client_state(enrolment.state if enrolment else None, row.client.awaiting_triage)
    elif row.client.awaiting_triage:
        state = "triage"
    return ClientListItem(
        **summary(row.client).model_dump(),
        state=state,
        service_line=enrolment.service_line if enrolment else None,
        enrolment_id=enrolment.id if enrolment else None,
        registered_on=enrolment.registered_on if enrolment else None,
        coordinators=[
            CoordinatorRead.model_validate(c)
            for c in coordinators
            if enrolment and c.enrolment_id == enrolment.id
        ],
        contact_due=enrolment.contact_due if enrolment else None,
        overdue_working_days=_overdue_days(enrolment, today),
    )


def client_state(enrolment_state: str | None, awaiting_triage: bool) -> str:
    """The one vocabulary of a client's state, from its current enrolment's state."""
    if enrolment_state is None:
        return "triage" if awaiting_triage else "no_enrolment"
    return enrolment_state if enrolment_state in OPEN_ENROLMENT_STATES else "ended"


async def client_page(
    session: AsyncSession,
    context: AccessContext,
    query: ClientListQuery,
) -> ClientListPage:
    access.require_reason_of_admin(context)
    grace = access.grace_starts(context)
    visible = access_repository.visible_filter(
        context.principal, mine=query.mine, grace_starts=grace
    )
    shown = access_repository.enrolments_visible_filter(context.principal, grace_starts=grace)
    q = query.q.strip() if query.q else None
    today = helsinki_today()
    filters = repository.ClientFilters(
        name=q,
        code=_exact_code(q),
        state=query.state,
        service_line=query.service_line,
        coordinator=query.coordinator,
        overdue_on=today if query.overdue else None,
    )
    rows, total = await repository.client_list(
        session,
        visible,
        shown,
        filters,
        sort=query.sort,
        descending=query.order == "desc",
        after=_cursor_values(query.cursor, query.sort),
        limit=query.limit + 1,
    )
    page = rows[: query.limit]
    coordinators = await repository.coordinators_of(
        session, [r.enrolment.id for r in page if r.enrolment]
    )
    items = [list_item(row, coordinators, today) for row in page]
    await access.log(session, context, _list_action(q, filters.code, items), [c.id for c in items])
    next_cursor = None
    if len(rows) > query.limit:
        last = page[-1]
        head = [] if query.sort == "name" else [last.sort_value]
        next_cursor = encode_cursor(
            query.sort, *head, last.client.last_name, last.client.first_name, last.client.id
        )
    return ClientListPage(items=items, next_cursor=next_cursor, total=total)


async def lookup(
    session: AsyncSession, context: AccessContext, data: ClientLookup
) -> ClientLookupRead:
    """Whether a person is a client, by their exact identity code (coaches and coordinators
    finding whom to refer): the answer names nothing else, and the client's access log
    records the lookup."""
    client = await repository.client_by_code(session, data.personal_identity_code)
    if client is None or client.anonymised_at is not None:
        raise NotFound("No client has this personal identity code.", code="client_not_found")
    await access.log(session, context, "lookup", [client.id])
    may_refer = not await repository.has_open_enrolment(session, client.id)
    return ClientLookupRead(client_id=client.id, may_refer=may_refer)


async def read_client(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID
) -> ClientRead:
    view = await access.readable(session, context, client_id, "read", Capability.PROFILE)
    return await client_read(session, view)


async def _view_for_update(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID, changes: dict[str, Any]
) -> access.ClientView:
    """Non-disclosure is set and lifted only by those the policy allows, with a reason;
    the change lands in the access log as its own action."""
    view = await access.resolve(session, context, client_id, for_update=True)
    needed = {Capability.WRITE} if set(changes) - {"non_disclosure"} else set()
    changes_protection = (
        "non_disclosure" in changes and changes["non_disclosure"] != view.client.non_disclosure
    )
    if changes_protection:
        needed.add(Capability.NON_DISCLOSURE)
    if not all(view.can(c) for c in needed):
        raise Forbidden("You may not change this client's data.", code="client_read_only")
    if changes_protection and not context.reason:
        raise Unprocessable.field(
            ["header", ACCESS_REASON_HEADER],
            "Setting or lifting non-disclosure needs a reason.",
            code="access_reason_required",
        )
    action = "update"
    if changes_protection:
        action = "set_non_disclosure" if changes["non_disclosure"] else "lift_non_disclosure"
    await access.log(session, context, action, [client_id])
    return view


async def update_client(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID, data: ClientUpdate
) -> ClientRead:
    changes = data.model_dump(exclude_unset=True)
    view = await _view_for_update(session, context, client_id, changes)
    client = view.client
    for required in ("first_name", "last_name"):
        if required in changes and changes[required] is None:
            raise Unprocessable.field(
                ["body", required], "The name cannot be removed.", code="field_cannot_be_emptied"
            )
    if not view.sees_contact_details and any(f in changes for f in CONTACT_FIELDS):
        raise NotFound("No such client.", code="client_not_found")
    if "municipality" in changes:
        changes["municipality"] = check_municipality(
            changes["municipality"], ["body", "municipality"]
        )
    code = changes.get("personal_identity_code", client.personal_identity_code)
    birth_year = changes.get("birth_year", client.birth_year)
    if "personal_identity_code" in changes or "birth_year" in changes:
        changes["birth_year"] = _check_birth_year(code, birth_year, ["body", "birth_year"])
    await _unique_code(session, changes.get("personal_identity_code"), client.id)
    for name, value in changes.items():
        setattr(client, name, value)
    client.updated_at = utcnow()
    emit(session, outbox, "client.updated", client.id, client_event_data(client))
    await session.flush()
    return await client_read(session, view)


async def grant_consent(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID, data: ConsentCreate
) -> ConsentRead:
    await access.writable(session, context, client_id, "grant_consent")
    if await repository.active_consent(session, client_id, data.purpose):
        raise Conflict(
            f"The consent '{data.purpose}' is already in force.",
            code="consent_already_granted",
            params={"purpose": data.purpose},
            errors=[
                FieldError(
                    ["body", "purpose"],
                    "already granted",
                    code="consent_already_granted",
                    params={"purpose": data.purpose},
                )
            ],
        )
    consent = access.add_consent(session, client_id, data.purpose, context.principal.username)
    await session.flush()
    return ConsentRead.model_validate(consent)


async def withdraw_consent(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID, consent_id: uuid.UUID
) -> ConsentRead:
    await access.writable(session, context, client_id, "withdraw_consent")
    consent = await repository.get_consent(session, consent_id)
    if consent is None or consent.client_id != client_id:
        raise NotFound("No such consent.", code="consent_not_found")
    if consent.withdrawn_at is not None:
        raise Conflict("The consent has already been withdrawn.", code="consent_already_withdrawn")
    consent.withdrawn_at = utcnow()
    consent.withdrawn_by = context.principal.username
    emit(
        session,
        outbox,
        "consent.withdrawn",
        client_id,
        {
            "client_id": client_id,
            "consent_id": consent.id,
            "purpose": consent.purpose,
            "at": consent.withdrawn_at,
        },
    )
    await session.flush()
    return ConsentRead.model_validate(consent)


async def consents_seen(session: AsyncSession, view: access.ClientView) -> list[ConsentRead] | None:
    """The client's consents, withdrawn ones included (None: the view may not read them)."""
    if not view.can(Capability.CONSENTS):
        return None
    return [
        ConsentRead.model_validate(c) for c in await repository.consents_of(session, view.client.id)
    ]


async def list_consents(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID
) -> list[ConsentRead]:
    view = await access.readable(session, context, client_id, "read_consents", Capability.CONSENTS)
    return await consents_seen(session, view) or []
