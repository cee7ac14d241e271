"""Notes, assessments, the service plan, feedback and labour-market status episodes.

Health notes reach only the client's responsible work-ability coordinators; a caller who
may not see notes at all gets 404 for them, as for anything else they may not see.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

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
from services.clients.records import repository
from services.clients.records.schemas import (
    WORK_ABILITY_DOMAINS,
    DomainScores,
    FeedbackCreate,
    FeedbackRead,
    NoteCorrection,
    NoteCreate,
    NoteRead,
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
from services.common.calendar import helsinki_today, utcnow
from services.common.errors import Forbidden, NotFound, Unprocessable
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


async def list_notes(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID
) -> list[NoteRead]:
    view = await access.resolve(session, context, client_id)
    if not (view.can(Capability.NOTES) or view.can(Capability.GRACE_WRITE)):
        raise NotFound("No such client.", code="client_not_found")
    await access.log(session, context, "read_notes", [client_id])
    notes = await repository.notes_of(session, client_id, ("normal", "health"))
    return [NoteRead.model_validate(n) for n in notes if view.sees_note(n)]


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


def _with_changes(rows: Sequence[WorkAbilityAssessment]) -> list[WorkAbilityAssessmentRead]:
    reads: list[WorkAbilityAssessmentRead] = []
    previous: WorkAbilityAssessment | None = None
    for row in rows:
        change = None
        if previous is not None:
            change = ScoreChange(
                overall=row.overall - previous.overall,
                domain_scores={
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
                domain_scores=DomainScores(**row.domain_scores),
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
    await session.flush()
    reads = _with_changes(await repository.work_ability_assessments_of(session, client_id))
    return next(r for r in reads if r.id == assessment.id)


async def list_work_ability_assessments(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID
) -> list[WorkAbilityAssessmentRead]:
    await access.readable(session, context, client_id, "read_assessments", Capability.WORK_ABILITY)
    return _with_changes(await repository.work_ability_assessments_of(session, client_id))


# --- service need assessment ---------------------------------------------------------------


async def add_service_need_assessment(
    session: AsyncSession,
    context: AccessContext,
    client_id: uuid.UUID,
    data: ServiceNeedAssessmentCreate,
) -> ServiceNeedAssessmentRead:
    await access.writable(session, context, client_id, "add_service_need_assessment")
    _not_in_future(data.assessed_on, ["body", "assessed_on"])
    assessment = ServiceNeedAssessment(
        client_id=client_id,
        enrolment_id=await _enrolment_of_client(session, client_id, data.enrolment_id),
        path=data.path,
        assessed_on=data.assessed_on,
        assessed_by=context.principal.username,
    )
    session.add(assessment)
    await session.flush()
    return ServiceNeedAssessmentRead.model_validate(assessment)


async def list_service_need_assessments(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID
) -> list[ServiceNeedAssessmentRead]:
    await access.readable(session, context, client_id, "read_service_need_assessments")
    rows = await repository.service_need_assessments_of(session, client_id)
    return [ServiceNeedAssessmentRead.model_validate(r) for r in rows]


# --- service plan --------------------------------------------------------------------------


async def write_plan(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID, data: ServicePlanWrite
) -> ServicePlanRead:
    await access.writable(session, context, client_id, "write_plan")
    if data.reviewed_on is not None:
        _not_in_future(data.reviewed_on, ["body", "reviewed_on"])
    enrolment_id = await _enrolment_of_client(session, client_id, None)
    plan = await repository.plan_of(session, client_id)
    if plan is None:
        plan = ServicePlan(client_id=client_id, updated_by=context.principal.username)
        session.add(plan)
    reviewed_before = plan.reviewed_on
    plan.enrolment_id = enrolment_id
    plan.goals = list(data.goals)
    plan.actions = [action.model_dump(mode="json") for action in data.actions]
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
    return ServicePlanRead.model_validate(plan)


async def read_plan(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID
) -> ServicePlanRead:
    await access.readable(session, context, client_id, "read_plan")
    plan = await repository.plan_of(session, client_id)
    if plan is None:
        raise NotFound("The client has no service plan yet.", code="service_plan_not_found")
    return ServicePlanRead.model_validate(plan)


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


async def list_feedback(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID
) -> list[FeedbackRead]:
    await access.readable(session, context, client_id, "read_feedback")
    return [
        FeedbackRead.model_validate(f) for f in await repository.feedback_of(session, client_id)
    ]


# --- labour-market status episodes ---------------------------------------------------------


async def add_status_episode(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID, data: StatusEpisodeCreate
) -> StatusEpisodeRead:
    await access.writable(session, context, client_id, "add_status_episode")
    if data.ends_on is not None and data.ends_on < data.starts_on:
        raise Unprocessable.field(
            ["body", "ends_on"], "The episode ends before it starts.", code="ends_before_start"
        )
    episode = StatusEpisode(
        client_id=client_id,
        status=data.status,
        service_type=data.service_type,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        recorded_by=context.principal.username,
    )
    session.add(episode)
    await session.flush()
    emit(
        session,
        outbox,
        "labour_market_status.recorded",
        episode.id,
        {
            "episode_id": episode.id,
            "client_id": client_id,
            "status": data.status,
            "service_type": data.service_type,
            "starts_on": data.starts_on,
            "ends_on": data.ends_on,
        },
    )
    return StatusEpisodeRead.model_validate(episode)


async def list_status_episodes(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID
) -> list[StatusEpisodeRead]:
    await access.readable(session, context, client_id, "read_status_episodes")
    rows = await repository.status_episodes_of(session, client_id)
    return [StatusEpisodeRead.model_validate(r) for r in rows]
