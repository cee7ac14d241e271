"""Notes, assessments, the service plan, feedback and labour-market status episodes.

Health notes reach only the client's responsible work-ability coordinators; a caller who
may not see notes at all gets 404 for them, as for anything else they may not see.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.access import service as access
from services.clients.access.service import Capability
from services.clients.models import (
    Feedback,
    Note,
    ServiceNeedAssessment,
    ServicePlan,
    StatusEpisode,
    WorkAbilityAssessment,
    outbox,
)
from services.clients.pathway import repository as pathway_repository
from services.clients.pathway.service import require_not_before_registration
from services.clients.records import repository
from services.clients.records.schemas import (
    CLIENT_OWNER,
    WORK_ABILITY_DOMAINS,
    DomainScores,
    FeedbackCreate,
    FeedbackRead,
    NoteCorrection,
    NoteCreate,
    NoteRead,
    PlanActionRead,
    ScoreChange,
    ServiceNeedAssessmentCreate,
    ServiceNeedAssessmentRead,
    ServicePlanRead,
    ServicePlanWrite,
    StatusEpisodeCreate,
    StatusEpisodeRead,
    WorkAbilityAssessmentCreate,
    WorkAbilityAssessmentRead,
)
from services.common.audit import AccessContext
from services.common.calendar import helsinki_date, helsinki_today, utcnow
from services.common.errors import Conflict, Forbidden, NotFound, Unprocessable
from services.common.events import emit


def _not_in_future(day: dt.date, loc: list[str | int]) -> None:
    if day > helsinki_today():
        raise Unprocessable.field(loc, "This date cannot be in the future.", code="date_in_future")


async def _enrolment_of_client(
    session: AsyncSession, client_id: uuid.UUID, enrolment_id: uuid.UUID | None
) -> uuid.UUID | None:
    """The given enrolment (422 unless it is the client's), else the newest open one."""
    enrolments = await pathway_repository.enrolments_of(session, client_id)
    if enrolment_id is not None:
        if enrolment_id not in {e.id for e in enrolments}:
            raise Unprocessable.field(
                ["body", "enrolment_id"],
                "Not an enrolment of this client.",
                code="enrolment_not_of_client",
            )
        return enrolment_id
    open_ones = [e for e in enrolments if e.state in pathway_repository.OPEN_STATES]
    return open_ones[-1].id if open_ones else (enrolments[-1].id if enrolments else None)


Part = TypeVar("Part")


async def _listed(
    session: AsyncSession,
    context: AccessContext,
    client_id: uuid.UUID,
    action: str,
    reader: Callable[[AsyncSession, access.ClientView], Awaitable[Part | None]],
) -> Part:
    """One part of the record as its reader lets the caller see it (404 when it lets them
    see none of it), and the access-log entry. The client page's overview runs the same
    readers under its one entry."""
    view = await access.resolve(session, context, client_id)
    part = await reader(session, view)
    if part is None:
        raise NotFound(access.NOT_FOUND, code="client_not_found")
    await access.log(session, context, action, [client_id])
    return part


# --- notes ---------------------------------------------------------------------------------


async def add_note(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID, data: NoteCreate
) -> NoteRead:
    view = await access.writable(session, context, client_id, "add_note")
    if not view.can(Capability.NOTES):
        raise Forbidden("Your role does not record notes.", code="role_cannot_record_notes")
    if data.sensitivity == "health" and not view.sees_health_notes:
        raise Unprocessable.field(
            ["body", "sensitivity"],
            "Only the client's responsible work-ability coordinators record health notes.",
            code="health_note_not_allowed",
        )
    note = Note(
        client_id=client_id,
        enrolment_id=await _enrolment_of_client(session, client_id, data.enrolment_id)
        if data.enrolment_id
        else None,
        text=data.text,
        sensitivity=data.sensitivity,
        author=context.principal.username,
        author_roles=context.principal.role_label,
        created_at=utcnow(),
    )
    session.add(note)
    await session.flush()
    return NoteRead.model_validate(note)


async def notes_seen(session: AsyncSession, view: access.ClientView) -> list[NoteRead] | None:
    """The notes the view may read (None: it may read none at all)."""
    if not (view.can(Capability.NOTES) or view.can(Capability.GRACE_WRITE)):
        return None
    notes = await repository.notes_of(session, view.client.id, ("normal", "health"))
    return [NoteRead.model_validate(n) for n in notes if view.sees_note(n)]


async def list_notes(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID
) -> list[NoteRead]:
    return await _listed(session, context, client_id, "read_notes", notes_seen)


async def correct_note(
    session: AsyncSession,
    context: AccessContext,
    client_id: uuid.UUID,
    note_id: uuid.UUID,
    data: NoteCorrection,
) -> NoteRead:
    """Only a note's author corrects it, while they work with the client or in their grace
    period; what it said before is kept."""
    view = await access.resolve(session, context, client_id, for_update=True)
    note = await repository.get_note(session, note_id)
    if note is None or note.client_id != client_id or not view.sees_note(note):
        raise NotFound("No such note.", code="note_not_found")
    if note.author != context.principal.username or not (
        view.can(Capability.WRITE) or view.can(Capability.GRACE_WRITE)
    ):
        raise Forbidden(
            "Only the author of a note can correct it.", code="only_author_corrects_note"
        )
    await access.log(session, context, "correct_note", [client_id])
    note.earlier_texts = [*note.earlier_texts, note.text]
    note.text = data.text
    note.corrected_at = utcnow()
    await session.flush()
    return NoteRead.model_validate(note)


# --- work-ability self-assessments ---------------------------------------------------------


def _with_changes(
    rows: Sequence[WorkAbilityAssessment], *, overall_only: bool
) -> list[WorkAbilityAssessmentRead]:
    """The assessments with their change; `overall_only` for those who see the work-ability
    summary but not the work-ability details (the domain scores)."""
    reads: list[WorkAbilityAssessmentRead] = []
    previous: WorkAbilityAssessment | None = None
    for row in rows:
        change = None
        if previous is not None:
            change = ScoreChange(
                overall=row.overall - previous.overall,
                domain_scores=None
                if overall_only
                else {
                    d: row.domain_scores[d] - previous.domain_scores[d]
                    for d in WORK_ABILITY_DOMAINS
                },
            )
        reads.append(
            WorkAbilityAssessmentRead(
                id=row.id,
                client_id=row.client_id,
                recorded_on=row.recorded_on,
                instrument_version=row.instrument_version,
                language=row.language,
                overall=row.overall,
                domain_scores=None if overall_only else DomainScores(**row.domain_scores),
                change=change,
            )
        )
        previous = row
    return reads


async def add_work_ability_assessment(
    session: AsyncSession,
    context: AccessContext,
    client_id: uuid.UUID,
    data: WorkAbilityAssessmentCreate,
) -> WorkAbilityAssessmentRead:
    view = await access.writable(session, context, client_id, "add_assessment")
    if not view.can(Capability.WORK_ABILITY):
        raise NotFound("No such client.", code="client_not_found")
    _not_in_future(data.recorded_on, ["body", "recorded_on"])
    assessment = WorkAbilityAssessment(
        id=uuid.uuid4(),
        client_id=client_id,
        recorded_on=data.recorded_on,
        instrument_version=data.instrument_version,
        language=data.language,
        overall=data.overall,
        domain_scores=data.domain_scores.model_dump(),
        recorded_by=context.principal.username,
        created_at=utcnow(),
    )
    session.add(assessment)
    # The overall score only: the domain scores are health data.
    emit(
        session,
        outbox,
        "work_ability_assessment.recorded",
        assessment.id,
        {
            "client_id": client_id,
            "assessment_id": assessment.id,
            "recorded_on": assessment.recorded_on,
            "overall": assessment.overall,
        },
    )
    await session.flush()
    rows = await repository.work_ability_assessments_of(session, client_id)
    return next(r for r in _with_changes(rows, overall_only=False) if r.id == assessment.id)


async def work_ability_assessments_seen(
    session: AsyncSession, view: access.ClientView
) -> list[WorkAbilityAssessmentRead] | None:
    if view.can(Capability.WORK_ABILITY):
        overall_only = False
    elif view.can(Capability.WORK_ABILITY_SUMMARY):
        overall_only = True
    else:
        return None
    rows = await repository.work_ability_assessments_of(session, view.client.id)
    return _with_changes(rows, overall_only=overall_only)


async def list_work_ability_assessments(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID
) -> list[WorkAbilityAssessmentRead]:
    return await _listed(
        session, context, client_id, "read_assessments", work_ability_assessments_seen
    )


# --- service need assessment ---------------------------------------------------------------


async def add_service_need_assessment(
    session: AsyncSession,
    context: AccessContext,
    client_id: uuid.UUID,
    data: ServiceNeedAssessmentCreate,
) -> ServiceNeedAssessmentRead:
    await access.writable(session, context, client_id, "add_service_need_assessment")
    _not_in_future(data.assessed_on, ["body", "assessed_on"])
    enrolment_id = await _enrolment_of_client(session, client_id, data.enrolment_id)
    enrolment = (
        await pathway_repository.get_enrolment(session, enrolment_id) if enrolment_id else None
    )
    if enrolment is not None:
        # The assessment belongs to the enrolment it starts: not before the registration.
        require_not_before_registration(enrolment, data.assessed_on, ["body", "assessed_on"])
    assessment = ServiceNeedAssessment(
        client_id=client_id,
        enrolment_id=enrolment_id,
        path=data.path,
        assessed_on=data.assessed_on,
        reason=data.reason,
        assessed_by=context.principal.username,
    )
    session.add(assessment)
    await session.flush()
    return ServiceNeedAssessmentRead.model_validate(assessment)


async def service_need_assessments_seen(
    session: AsyncSession, view: access.ClientView
) -> list[ServiceNeedAssessmentRead] | None:
    if not view.can(Capability.PATHWAY):
        return None
    rows = await repository.service_need_assessments_of(session, view.client.id)
    return [ServiceNeedAssessmentRead.model_validate(r) for r in rows]


async def list_service_need_assessments(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID
) -> list[ServiceNeedAssessmentRead]:
    return await _listed(
        session, context, client_id, "read_service_need_assessments", service_need_assessments_seen
    )


# --- service plan --------------------------------------------------------------------------


def plan_read(plan: ServicePlan) -> ServicePlanRead:
    return ServicePlanRead(
        id=plan.id,
        client_id=plan.client_id,
        enrolment_id=plan.enrolment_id,
        goals=list(plan.goals),
        actions=[_action_read(plan, i, action) for i, action in enumerate(plan.actions)],
        reviewed_on=plan.reviewed_on,
        updated_by=plan.updated_by,
        updated_at=plan.updated_at,
    )


def _action_read(plan: ServicePlan, position: int, action: object) -> PlanActionRead:
    """An action as stored. The first plans held `{text, owner, due_on, done}` or a bare
    string; they read with an id of their own place and, when done, the day the plan was
    last written as the day they were done by."""
    if isinstance(action, str):
        action = {"what": action}
    if not isinstance(action, dict):
        action = {"what": str(action)}
    stored_id = action.get("id")
    done_on = action.get("done_on")
    if done_on is None and action.get("done"):
        done_on = helsinki_date(plan.updated_at)
    return PlanActionRead(
        id=uuid.UUID(str(stored_id)) if stored_id else uuid.uuid5(plan.id, str(position)),
        what=str(action.get("what", action.get("text", ""))),
        owner=action.get("owner"),
        due_on=action.get("due_on"),
        done_on=done_on,
    )


async def _plan_actions(
    session: AsyncSession,
    context: AccessContext,
    client_id: uuid.UUID,
    plan: ServicePlan | None,
    data: ServicePlanWrite,
) -> list[dict[str, object]]:
    """The actions to store: each owned by the client, a responsible coordinator of the
    client or the writer (or whoever owned it before), none done in the future."""
    before = {a.id: a.owner for a in plan_read(plan).actions} if plan is not None else {}
    enrolments = await pathway_repository.enrolments_of(session, client_id)
    allowed = {CLIENT_OWNER, context.principal.username} | {
        c.username
        for e in enrolments
        if e.state in pathway_repository.OPEN_STATES
        for c in e.coordinators
    }
    today = helsinki_today()
    stored: list[dict[str, object]] = []
    seen: set[uuid.UUID] = set()
    for i, action in enumerate(data.actions):
        loc: list[str | int] = ["body", "actions", i]
        action_id = action.id or uuid.uuid4()
        if action_id in seen:
            raise Unprocessable.field(
                [*loc, "id"], "Two actions have the same id.", code="duplicate_action_id"
            )
        seen.add(action_id)
        if action.owner not in allowed and before.get(action_id) != action.owner:
            raise Unprocessable.field(
                [*loc, "owner"],
                "An action is owned by the client, a responsible coordinator or the writer.",
                code="plan_owner_not_allowed",
                params={"owner": action.owner},
            )
        done_on = action.done_on or (today if action.done else None)
        if done_on is not None:
            _not_in_future(done_on, [*loc, "done_on"])
        stored.append(
            {
                "id": str(action_id),
                "what": action.what,
                "owner": action.owner,
                "due_on": action.due_on.isoformat() if action.due_on else None,
                "done_on": done_on.isoformat() if done_on else None,
            }
        )
    return stored


async def write_plan(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID, data: ServicePlanWrite
) -> ServicePlanRead:
    await access.writable(session, context, client_id, "write_plan")
    if not data.goals and not data.actions:
        # An empty plan would read as a plan reviewed and up to date.
        raise Unprocessable.field(
            ["body", "goals"], "A plan needs a goal or an action.", code="plan_empty"
        )
    if data.reviewed_on is not None:
        _not_in_future(data.reviewed_on, ["body", "reviewed_on"])
    enrolment_id = await _enrolment_of_client(session, client_id, None)
    plan = await repository.plan_of(session, client_id)
    actions = await _plan_actions(session, context, client_id, plan, data)
    if plan is None:
        plan = ServicePlan(
            id=uuid.uuid4(), client_id=client_id, updated_by=context.principal.username
        )
        session.add(plan)
    reviewed_before = plan.reviewed_on
    plan.enrolment_id = enrolment_id
    plan.goals = list(data.goals)
    plan.actions = actions
    plan.reviewed_on = data.reviewed_on or reviewed_before
    plan.updated_by = context.principal.username
    plan.updated_at = utcnow()
    if data.reviewed_on is not None and data.reviewed_on != reviewed_before:
        emit(
            session,
            outbox,
            "service_plan.reviewed",
            client_id,
            {
                "client_id": client_id,
                "enrolment_id": plan.enrolment_id,
                "reviewed_on": data.reviewed_on,
            },
        )
    await session.flush()
    return plan_read(plan)


async def plan_seen(session: AsyncSession, view: access.ClientView) -> ServicePlanRead | None:
    """The plan, when the view may read it and there is one."""
    if not view.can(Capability.PATHWAY):
        return None
    plan = await repository.plan_of(session, view.client.id)
    return plan_read(plan) if plan is not None else None


async def read_plan(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID
) -> ServicePlanRead:
    view = await access.readable(session, context, client_id, "read_plan")
    plan = await plan_seen(session, view)
    if plan is None:
        raise NotFound("The client has no service plan yet.", code="service_plan_not_found")
    return plan


# --- feedback ------------------------------------------------------------------------------


async def add_feedback(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID, data: FeedbackCreate
) -> FeedbackRead:
    await access.writable(session, context, client_id, "add_feedback")
    given_on = data.given_on or helsinki_today()
    _not_in_future(given_on, ["body", "given_on"])
    enrolment_id = await _enrolment_of_client(session, client_id, data.enrolment_id)
    enrolment = (
        await pathway_repository.get_enrolment(session, enrolment_id) if enrolment_id else None
    )
    coordinator = (
        enrolment.coordinators[0].username if enrolment and enrolment.coordinators else None
    )
    feedback = Feedback(
        client_id=client_id,
        enrolment_id=enrolment_id,
        grade=data.grade,
        text=data.text,
        given_on=given_on,
        coordinator=coordinator,
        recorded_by=context.principal.username,
    )
    session.add(feedback)
    await session.flush()
    emit(
        session,
        outbox,
        "feedback.given",
        feedback.id,
        {
            "feedback_id": feedback.id,
            "client_id": client_id,
            "enrolment_id": enrolment_id,
            "grade": data.grade,
            "given_on": given_on,
            "coordinator": coordinator,
        },
    )
    return FeedbackRead.model_validate(feedback)


async def feedback_seen(
    session: AsyncSession, view: access.ClientView
) -> list[FeedbackRead] | None:
    if not view.can(Capability.PATHWAY):
        return None
    return [
        FeedbackRead.model_validate(f)
        for f in await repository.feedback_of(session, view.client.id)
    ]


async def list_feedback(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID
) -> list[FeedbackRead]:
    return await _listed(session, context, client_id, "read_feedback", feedback_seen)


# --- labour-market status episodes ---------------------------------------------------------


def _emit_episode(session: AsyncSession, episode: StatusEpisode) -> None:
    # Emitted again whenever the episode changes: the read model keeps the latest by id.
    emit(
        session,
        outbox,
        "labour_market_status.recorded",
        episode.id,
        {
            "episode_id": episode.id,
            "client_id": episode.client_id,
            "status": episode.status,
            "service_type": episode.service_type,
            "starts_on": episode.starts_on,
            "ends_on": episode.ends_on,
            "service_period_id": episode.service_period_id,
        },
    )


async def record_episode(
    session: AsyncSession,
    client_id: uuid.UUID,
    *,
    status: str,
    service_type: str | None,
    starts_on: dt.date,
    ends_on: dt.date | None,
    by: str,
    service_period_id: uuid.UUID | None = None,
) -> StatusEpisode:
    episode = StatusEpisode(
        id=uuid.uuid4(),
        client_id=client_id,
        status=status,
        service_type=service_type,
        starts_on=starts_on,
        ends_on=ends_on,
        recorded_by=by,
        service_period_id=service_period_id,
    )
    session.add(episode)
    await session.flush()
    _emit_episode(session, episode)
    return episode


def end_episode(session: AsyncSession, episode: StatusEpisode, ends_on: dt.date | None) -> None:
    episode.ends_on = ends_on
    _emit_episode(session, episode)


def withdraw_episode(session: AsyncSession, episode: StatusEpisode) -> None:
    """An episode a period replaced: kept for the record, no longer counted anywhere."""
    episode.withdrawn_at = utcnow()
    emit(
        session,
        outbox,
        "labour_market_status.withdrawn",
        episode.id,
        {"episode_id": episode.id, "client_id": episode.client_id},
    )


async def add_status_episode(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID, data: StatusEpisodeCreate
) -> StatusEpisodeRead:
    await access.writable(session, context, client_id, "add_status_episode")
    if data.ends_on is not None and data.ends_on < data.starts_on:
        raise Unprocessable.field(
            ["body", "ends_on"], "The episode ends before it starts.", code="ends_before_start"
        )
    if data.status == "active_service" and await repository.period_episode_overlapping(
        session, client_id, data.starts_on, data.ends_on
    ):
        # The period writes its own episode; a second one by hand would only disagree.
        raise Conflict(
            "An active-service period already covers these days; record it on the period.",
            code="covered_by_service_period",
        )
    episode = await record_episode(
        session,
        client_id,
        status=data.status,
        service_type=data.service_type,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        by=context.principal.username,
    )
    return StatusEpisodeRead.model_validate(episode)


async def status_episodes_seen(
    session: AsyncSession, view: access.ClientView
) -> list[StatusEpisodeRead] | None:
    if not view.can(Capability.PATHWAY):
        return None
    rows = await repository.status_episodes_of(session, view.client.id)
    return [StatusEpisodeRead.model_validate(r) for r in rows]


async def list_status_episodes(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID
) -> list[StatusEpisodeRead]:
    return await _listed(session, context, client_id, "read_status_episodes", status_episodes_seen)
