"""The client page in one read: access is resolved once, one access-log entry is written,
and each part comes from the reader its own endpoint uses, under the same rule."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.access import service as access
from services.clients.access.service import Capability
from services.clients.models import Enrolment, ResponsibilitySegment
from services.clients.overview import repository
from services.clients.overview.schemas import (
    HISTORY_KINDS,
    ClientOverview,
    EnrolmentOverview,
    HistoryEvent,
    HistoryKind,
)
from services.clients.pathway.schemas import EnrolmentRead
from services.clients.pathway.service import (
    contacts_seen,
    enrolment_reads,
    meetings_seen,
    responsibility_reads,
)
from services.clients.people.service import client_read, consents_seen
from services.clients.records import service as records
from services.clients.records.schemas import ServiceNeedAssessmentRead, ServicePlanRead
from services.common.audit import AccessContext


async def overview(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID
) -> ClientOverview:
    view = await access.readable(session, context, client_id, "read_overview", Capability.PROFILE)
    seen = [
        e for e in await repository.enrolments_of(session, client_id) if view.sees_enrolment(e.id)
    ]
    segments = await repository.segments_of(session, [e.id for e in seen])
    enrolments = [
        await _enrolment_overview(session, view, read, segments)
        for read in await enrolment_reads(session, seen)
    ]
    needs = await records.service_need_assessments_seen(session, view)
    plan = await records.plan_seen(session, view)
    return ClientOverview(
        client=await client_read(session, view),
        relations=sorted(view.relations),
        capabilities=sorted(view.capabilities),
        consents=await consents_seen(session, view),
        enrolments=enrolments,
        service_need_assessments=needs,
        plan=plan,
        notes=await records.notes_seen(session, view),
        assessments=await records.work_ability_assessments_seen(session, view),
        status_episodes=await records.status_episodes_seen(session, view),
        feedback=await records.feedback_seen(session, view),
        history=history(seen, segments, needs or [], plan),
    )


async def _enrolment_overview(
    session: AsyncSession,
    view: access.ClientView,
    read: EnrolmentRead,
    segments: Sequence[ResponsibilitySegment],
) -> EnrolmentOverview:
    """An enrolment the view sees, with its responsibilities (read as the enrolment is) and
    its contacts and meetings as their own lists would show them."""
    enrolment = EnrolmentOverview.model_validate(read, from_attributes=True)
    enrolment.responsibilities = responsibility_reads(
        [s for s in segments if s.enrolment_id == enrolment.id]
    )
    enrolment.contacts = await contacts_seen(session, view, enrolment.id)
    enrolment.meetings = await meetings_seen(session, view, enrolment.id)
    return enrolment


def _on_day(segments: Sequence[ResponsibilitySegment], day: dt.date) -> list[ResponsibilitySegment]:
    """The segments running from `day` on (one that ends on `day` has ended)."""
    return [s for s in segments if s.starts_on <= day and (s.ends_on is None or s.ends_on > day)]


def _coordinator_changes(
    enrolment: Enrolment, segments: Sequence[ResponsibilitySegment]
) -> list[HistoryEvent]:
    """A change on every day a segment starts or ends, other than the enrolment's first
    day and its end: who carries it from then on, and on which line."""
    days = {s.starts_on for s in segments} | {s.ends_on for s in segments if s.ends_on}
    first = min((s.starts_on for s in segments), default=enrolment.registered_on)
    days -= {first, enrolment.registered_on, enrolment.ended_on}
    events = []
    for day in sorted(d for d in days if d is not None):
        current = _on_day(segments, day)
        events.append(
            HistoryEvent(
                on=day,
                kind="coordinators_changed",
                enrolment_id=enrolment.id,
                detail=current[0].service_line if current else None,
                people=list(dict.fromkeys(s.username for s in current)),
            )
        )
    return events


def history(
    enrolments: Sequence[Enrolment],
    segments: Sequence[ResponsibilitySegment],
    needs: Sequence[ServiceNeedAssessmentRead],
    plan: ServicePlanRead | None,
) -> list[HistoryEvent]:
    """The dated steps of the pathway the caller sees, oldest first."""
    events: list[HistoryEvent] = []
    for enrolment in enrolments:
        own = [s for s in segments if s.enrolment_id == enrolment.id]
        first = _on_day(own, enrolment.registered_on) or own[:1]
        steps: tuple[tuple[HistoryKind, dt.date | None, str | None], ...] = (
            ("registered", enrolment.registered_on, enrolment.service_line),
            ("contacted", enrolment.first_contact_on, None),
            ("first_meeting", enrolment.first_meeting_on, None),
            ("ended", enrolment.ended_on, enrolment.outcome),
        )
        for kind, on, detail in steps:
            if on is not None:
                people = [s.username for s in first] if kind == "registered" else []
                events.append(
                    HistoryEvent(
                        on=on,
                        kind=kind,
                        enrolment_id=enrolment.id,
                        detail=detail,
                        people=people,
                    )
                )
        events += _coordinator_changes(enrolment, own)
    events += [
        HistoryEvent(
            on=need.assessed_on,
            kind="service_need_assessed",
            enrolment_id=need.enrolment_id,
            detail=need.path,
        )
        for need in needs
    ]
    if plan is not None and plan.reviewed_on is not None:
        events.append(
            HistoryEvent(on=plan.reviewed_on, kind="plan_reviewed", enrolment_id=plan.enrolment_id)
        )
    return sorted(events, key=lambda e: (e.on, HISTORY_KINDS.index(e.kind)))
