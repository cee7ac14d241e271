"""Activities with employers: who did what, when, and what was agreed."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from services.common.auth import Principal
from services.common.calendar import helsinki_date, utcnow
from services.common.errors import Unprocessable
from services.common.events import emit
from services.common.pagination import Page, encode_cursor
from services.employers import cursors
from services.employers.activities import repository
from services.employers.activities.schemas import ActivityCreate, ActivityRead
from services.employers.codes import CONTACT_KINDS
from services.employers.employers import service as employers
from services.employers.events import EmployerActivityRecorded
from services.employers.models import Activity, Employer, outbox

# Clocks differ a little; an activity further in the future than this is a typo.
_CLOCK_SKEW = dt.timedelta(minutes=5)


def check_not_in_future(at: dt.datetime) -> None:
    if at > utcnow() + _CLOCK_SKEW:
        raise Unprocessable.field(
            ["body", "at"], "An activity cannot be in the future.", code="date_in_future"
        )


async def record_activity(
    session: AsyncSession,
    employer: Employer,
    data: ActivityCreate,
    by: str,
    *,
    lead_id: uuid.UUID | None = None,
) -> Activity:
    check_not_in_future(data.at)
    activity = Activity(
        employer_id=employer.id,
        lead_id=lead_id,
        kind=data.kind,
        at=data.at,
        by=by,
        summary=data.summary,
        agreed=data.agreed,
    )
    await repository.add(session, activity)
    emit(
        session,
        outbox,
        "employer.activity_recorded",
        activity.id,
        EmployerActivityRecorded(
            activity_id=activity.id,
            employer_id=employer.id,
            lead_id=lead_id,
            kind=activity.kind,
            at=activity.at,
            by=by,
        ),
    )
    if activity.kind in CONTACT_KINDS:
        await employers.mark_contacted(session, employer, helsinki_date(activity.at), by)
    return activity


async def record_employer_activity(
    session: AsyncSession, employer_id: uuid.UUID, data: ActivityCreate, principal: Principal
) -> ActivityRead:
    employer = await employers.get_employer(session, employer_id)
    activity = await record_activity(session, employer, data, principal.subject)
    return ActivityRead.model_validate(activity)


async def activity_page(
    session: AsyncSession,
    *,
    employer_id: uuid.UUID | None = None,
    lead_id: uuid.UUID | None = None,
    cursor: str | None,
    limit: int,
) -> Page[ActivityRead]:
    rows = await repository.list_activities(
        session,
        employer_id=employer_id,
        lead_id=lead_id,
        before=cursors.moment_and_id(cursor),
        limit=limit + 1,
    )
    items = [ActivityRead.model_validate(a) for a in rows[:limit]]
    next_cursor = (
        encode_cursor(items[-1].at.isoformat(), items[-1].id) if len(rows) > limit else None
    )
    return Page[ActivityRead](items=items, next_cursor=next_cursor)


async def employer_activity_page(
    session: AsyncSession, employer_id: uuid.UUID, *, cursor: str | None, limit: int
) -> Page[ActivityRead]:
    await employers.get_employer(session, employer_id)
    return await activity_page(session, employer_id=employer_id, cursor=cursor, limit=limit)
