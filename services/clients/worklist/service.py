"""The signed-in coordinator's worklist and the caseloads against their targets."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.access import service as access
from services.clients.config import ClientsSettings
from services.clients.models import Client, Enrolment
from services.clients.people import repository as people_repository
from services.clients.staff import SERVICE_LINE_ROLES
from services.clients.workability.service import next_stage
from services.clients.worklist import repository
from services.clients.worklist.schemas import (
    WORK_KINDS,
    CaseloadRead,
    CaseloadRow,
    Fix,
    NextStage,
    UnitWorkItem,
    UnitWorklistRead,
    WorkItem,
    WorkKind,
    WorklistRead,
)
from services.common.audit import AccessContext
from services.common.auth import COORDINATOR_ROLES
from services.common.calendar import (
    HELSINKI,
    add_working_days,
    helsinki_today,
    utcnow,
    working_days_between,
)
from services.common.errors import Forbidden

NO_MEETING_DAYS = 14
PLAN_REVIEW_DAYS = 90


def _item(
    kind: WorkKind,
    fix: Fix | None,
    client: Client,
    enrolment: Enrolment | None = None,
    **extra: Any,
) -> WorkItem:
    # An item may name its enrolment by id alone (an outcome suggestion): `extra` wins.
    fields: dict[str, Any] = {
        "enrolment_id": enrolment.id if enrolment else None,
        "service_line": enrolment.service_line if enrolment else None,
        **extra,
    }
    return WorkItem(
        kind=kind,
        fix=fix,
        client_id=client.id,
        client_name=f"{client.first_name} {client.last_name}",
        first_name=client.first_name,
        last_name=client.last_name,
        **fields,
    )


def _overdue(due: dt.date, today: dt.date) -> int:
    return working_days_between(due, today)


def _triage_item(client: Client) -> WorkItem:
    detail = "possible_duplicate" if client.possible_duplicates else None
    return _item("registrations_to_triage", "triage_registration", client, detail=detail)


def _exit_form_item(enrolment: Enrolment, client: Client) -> WorkItem:
    return _item(
        "exit_form_missing",
        "fill_exit_form",
        client,
        enrolment,
        due=enrolment.ended_on,
        detail=enrolment.outcome,
    )


def _read(today: dt.date, items: list[WorkItem]) -> WorklistRead:
    """The items grouped by kind, each kind counted (a kind without items counts 0)."""
    groups: dict[str, list[WorkItem]] = {kind: [] for kind in WORK_KINDS}
    for item in items:
        groups[item.kind].append(item)
    counts = {kind: len(group) for kind, group in groups.items()}
    return WorklistRead(today=today, counts=counts, **groups)


async def worklist(
    session: AsyncSession, context: AccessContext, settings: ClientsSettings
) -> WorklistRead:
    principal = context.principal
    if not principal.has_role(*COORDINATOR_ROLES):
        if principal.has_role("team_lead"):
            return await _team_lead_worklist(session, context)
        raise Forbidden("The worklist is for coordinators and team leads.", code="role_not_allowed")
    me = principal.username
    today = helsinki_today()
    start = dt.datetime.combine(today, dt.time(), tzinfo=HELSINKI)
    items: list[WorkItem] = []
    for e, c in await repository.awaiting_contact(session, me):
        if e.contact_due > today:
            items.append(_item("new_clients", "record_contact", c, e, due=e.contact_due))
        else:
            overdue = _overdue(e.contact_due, today)
            items.append(
                _item(
                    "contacts_due",
                    "record_contact",
                    c,
                    e,
                    due=e.contact_due,
                    working_days_overdue=overdue,
                )
            )
    end = start + dt.timedelta(days=1)
    mine = await repository.meetings_between(session, me, start, end)
    # A meeting I was invited to (the receiver of a warm hand-off at the tripartite meeting)
    # is on my day too; recording its outcome stays with the enrolment's coordinators.
    as_coordinator = {m.id for m, _, _ in mine}
    invited = [
        row
        for row in await repository.meetings_of_open_enrolments_between(session, start, end)
        if me in (row[0].participants or []) and row[0].id not in as_coordinator
    ]
    coordinators_fix: Fix = "record_meeting_outcome"
    for rows, fix in ((mine, coordinators_fix), (invited, None)):
        for m, e, c in rows:
            items.append(
                _item(
                    "meetings_today",
                    fix if m.status == "scheduled" else None,
                    c,
                    e,
                    at=m.at,
                    meeting_id=m.id,
                    status=m.status,
                    detail=m.kind,
                )
            )
    quiet = await repository.active_without_meeting_since(
        session, me, utcnow() - dt.timedelta(days=NO_MEETING_DAYS)
    )
    items += [_item("no_meeting_in_14_days", "book_meeting", c, e) for e, c in quiet]
    stale = await repository.plans_not_reviewed_since(
        session, me, today - dt.timedelta(days=PLAN_REVIEW_DAYS)
    )
    items += [_item("plans_not_reviewed", "review_plan", c, e) for e, c, _ in stale]
    items += [_triage_item(c) for c in await repository.awaiting_triage(session)]
    missing = await repository.exit_form_missing(session, me, access.grace_starts(context))
    items += [_exit_form_item(e, c) for e, c in missing]
    items += [
        _item(
            "outcome_suggestions",
            "end_enrolment",
            c,
            enrolment_id=s.enrolment_id,
            detail=s.outcome,
            at=s.suggested_at,
        )
        for s, c in await repository.open_suggestions(session, me)
    ]
    for e, c in await repository.handoffs_open(session, me):
        started = e.handoff_started_on or today
        due = add_working_days(started, settings.handoff_overdue_working_days)
        if today > due:
            items.append(
                _item(
                    "handoffs_overdue",
                    "complete_handoff",
                    c,
                    e,
                    due=due,
                    working_days_overdue=_overdue(due, today),
                    detail=str(e.handoff_referral_id) if e.handoff_referral_id else None,
                )
            )
    if principal.has_role(SERVICE_LINE_ROLES["work_ability"]):
        # The roadmap is health data: on the day of its work-ability coordinators only.
        seen: set[uuid.UUID] = set()
        for e, c, roadmap, template in await repository.roadmaps_of_mine(session, me):
            stage = next_stage(template, roadmap)
            if stage is not None and c.id not in seen:
                seen.add(c.id)
                named = NextStage(
                    key=stage["key"], name_fi=stage["name_fi"], name_en=stage["name_en"]
                )
                items.append(_item("roadmap_next_steps", "advance_roadmap", c, e, next_stage=named))
    await access.log(session, context, "worklist", [i.client_id for i in items])
    return _read(today, items)


async def _team_lead_worklist(session: AsyncSession, context: AccessContext) -> WorklistRead:
    """The team lead's part: self-registrations to triage, and the ended enrolments whose
    coordinators' grace period passed without an exit form."""
    triage = await repository.awaiting_triage(session)
    missing = await repository.exit_form_missing_after_grace(session, access.grace_starts(context))
    items = [_triage_item(c) for c in triage] + [_exit_form_item(e, c) for e, c in missing]
    await access.log(session, context, "worklist", [i.client_id for i in items])
    return _read(helsinki_today(), items)


async def _caseload_rows(
    session: AsyncSession, settings: ClientsSettings, only: str | None
) -> list[CaseloadRow]:
    rows = await repository.caseload(session, only)
    items = []
    for username, role, open_count, active_count in rows:
        target = settings.caseload_targets.get(role, 0)
        items.append(
            CaseloadRow(
                username=username,
                role=role,
                open_enrolments=open_count,
                active_enrolments=int(active_count or 0),
                target=target,
                share_of_target=round(100 * open_count / target, 1) if target else 0.0,
            )
        )
    return items


async def caseload(
    session: AsyncSession, context: AccessContext, settings: ClientsSettings
) -> CaseloadRead:
    principal = context.principal
    if principal.has_role("team_lead", "admin"):
        only = None
    elif principal.has_role(*COORDINATOR_ROLES):
        only = principal.username
    else:
        raise Forbidden("Caseloads are for coordinators and team leads.", code="role_not_allowed")
    return CaseloadRead(items=await _caseload_rows(session, settings, only))


async def unit_worklist(
    session: AsyncSession, context: AccessContext, settings: ClientsSettings
) -> UnitWorklistRead:
    """The team lead sees everything in the unit (DOMAIN): every late first contact and
    every missing exit form, with whose work each is; the reads land in the access log."""
    if not context.principal.has_role("team_lead"):
        raise Forbidden("The unit view is for team leads.", code="role_not_allowed")
    today = helsinki_today()
    late = await repository.contacts_overdue(session, today)
    missing = await repository.exit_form_missing_after_grace(session, None)
    coordinators: dict[uuid.UUID, list[str]] = {}
    enrolment_ids = [e.id for e, _ in [*late, *missing]]
    for row in await people_repository.coordinators_of(session, enrolment_ids):
        coordinators.setdefault(row.enrolment_id, []).append(row.username)

    def unit_item(item: WorkItem, enrolment: Enrolment) -> UnitWorkItem:
        return UnitWorkItem(**item.model_dump(), coordinators=coordinators.get(enrolment.id, []))

    overdue_contacts = [
        unit_item(
            _item(
                "contacts_due",
                "record_contact",
                c,
                e,
                due=e.contact_due,
                working_days_overdue=_overdue(e.contact_due, today),
            ),
            e,
        )
        for e, c in late
    ]
    exit_forms = [unit_item(_exit_form_item(e, c), e) for e, c in missing]
    await access.log(
        session,
        context,
        "unit_worklist",
        [i.client_id for i in [*overdue_contacts, *exit_forms]],
    )
    return UnitWorklistRead(
        today=today,
        overdue_contacts=overdue_contacts,
        exit_forms_missing=exit_forms,
        caseload=await _caseload_rows(session, settings, None),
    )
