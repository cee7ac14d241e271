"""The signed-in coordinator's worklist and the caseloads against their targets."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.access import service as access
from services.clients.config import ClientsSettings
from services.clients.models import Client, Enrolment
from services.clients.worklist import repository
from services.clients.worklist.schemas import CaseloadRead, CaseloadRow, WorkItem, WorklistRead
from services.common.audit import AccessContext
from services.common.auth import COORDINATOR_ROLES
from services.common.calendar import HELSINKI, helsinki_today, utcnow, working_days_between
from services.common.errors import Forbidden

NO_MEETING_DAYS = 14
PLAN_REVIEW_DAYS = 90


def _item(client: Client, enrolment: Enrolment | None = None, **extra: Any) -> WorkItem:
    extra.setdefault("enrolment_id", enrolment.id if enrolment else None)
    return WorkItem(
        client_id=client.id,
        first_name=client.first_name,
        last_name=client.last_name,
        service_line=enrolment.service_line if enrolment else None,
        **extra,
    )


async def worklist(session: AsyncSession, context: AccessContext) -> WorklistRead:
    principal = context.principal
    if not principal.has_role(*COORDINATOR_ROLES):
        if principal.has_role("team_lead"):
            return await _team_lead_worklist(session, context)
        raise Forbidden("The worklist is for coordinators and team leads.", code="role_not_allowed")
    me = principal.username
    today = helsinki_today()
    start = dt.datetime.combine(today, dt.time(), tzinfo=HELSINKI)
    due = await repository.contacts_due(session, me, today)
    meetings = await repository.meetings_between(session, me, start, start + dt.timedelta(days=1))
    quiet = await repository.active_without_meeting_since(
        session, me, utcnow() - dt.timedelta(days=NO_MEETING_DAYS)
    )
    stale = await repository.plans_not_reviewed_since(
        session, me, today - dt.timedelta(days=PLAN_REVIEW_DAYS)
    )
    triage = await repository.awaiting_triage(session)
    missing = await repository.exit_form_missing(session, me, access.grace_starts(context))
    suggestions = await repository.open_suggestions(session, me)
    result = WorklistRead(
        today=today,
        contacts_due=[
            _item(
                c,
                e,
                due=e.contact_due,
                working_days_overdue=working_days_between(e.contact_due, today),
            )
            for e, c in due
        ],
        meetings_today=[
            _item(c, enrolment_id=m.enrolment_id, at=m.at, detail=m.kind) for m, c in meetings
        ],
        no_meeting_in_14_days=[_item(c, e) for e, c in quiet],
        plans_not_reviewed=[_item(c, e) for e, c in stale],
        registrations_to_triage=[
            _item(c, detail="possible duplicate" if c.possible_duplicates else None) for c in triage
        ],
        exit_form_missing=[_item(c, e, due=e.ended_on, detail=e.outcome) for e, c in missing],
        outcome_suggestions=[
            _item(c, enrolment_id=s.enrolment_id, detail=s.outcome, at=s.suggested_at)
            for s, c in suggestions
        ],
    )
    sections = (
        result.contacts_due,
        result.meetings_today,
        result.no_meeting_in_14_days,
        result.plans_not_reviewed,
        result.registrations_to_triage,
        result.exit_form_missing,
        result.outcome_suggestions,
    )
    await access.log(session, context, "worklist", [i.client_id for s in sections for i in s])
    return result


async def _team_lead_worklist(session: AsyncSession, context: AccessContext) -> WorklistRead:
    """The team lead's part: self-registrations to triage, and the ended enrolments whose
    coordinators' grace period passed without an exit form."""
    triage = await repository.awaiting_triage(session)
    missing = await repository.exit_form_missing_after_grace(session, access.grace_starts(context))
    result = WorklistRead(
        today=helsinki_today(),
        contacts_due=[],
        meetings_today=[],
        no_meeting_in_14_days=[],
        plans_not_reviewed=[],
        registrations_to_triage=[
            _item(c, detail="possible duplicate" if c.possible_duplicates else None) for c in triage
        ],
        exit_form_missing=[_item(c, e, due=e.ended_on, detail=e.outcome) for e, c in missing],
        outcome_suggestions=[],
    )
    touched = [i.client_id for i in (*result.registrations_to_triage, *result.exit_form_missing)]
    await access.log(session, context, "worklist", touched)
    return result


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
    return CaseloadRead(items=items)
