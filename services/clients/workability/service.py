"""The work-ability method: roadmap, functional measures, means to support work, summary.

The roadmap, the measures and the means of support are health data: only a work-ability
coordinator working with the client (the policy's WORK_ABILITY) reads and writes them.
Others who work with the client learn only whether an investigation is under way, and,
while the consent `share_work_ability_summary` stands, read the approved summary
(WORK_ABILITY_SUMMARY). Events carry ids, stage keys and overall scores only.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.access import service as access
from services.clients.access.service import Capability
from services.clients.models import (
    FunctionalAssessment,
    FunctionalInstrument,
    Roadmap,
    RoadmapTemplate,
    WorkSupports,
    outbox,
)
from services.clients.records import repository as records_repository
from services.clients.referrals_api import ReferralsApi
from services.clients.service_periods.service import check_partner
from services.clients.staff import (
    StaffDirectory,
    require_admin,
    require_staff,
    require_staff_member,
)
from services.clients.workability import repository
from services.clients.workability.schemas import (
    ClientRoadmapRead,
    ClientRoadmapStage,
    FunctionalAssessmentCreate,
    FunctionalAssessmentRead,
    FunctionalChange,
    FunctionalInstrumentCreate,
    FunctionalInstrumentRead,
    RoadmapRead,
    RoadmapStageRead,
    RoadmapStageUpdate,
    RoadmapTemplateCreate,
    RoadmapTemplateRead,
    RoadmapUpdate,
    WorkAbilitySummaryRead,
    WorkSupportsApproval,
    WorkSupportsRead,
    WorkSupportsUpdate,
)
from services.common.audit import AccessContext
from services.common.calendar import helsinki_today, utcnow
from services.common.errors import Conflict, Forbidden, NotFound, Unprocessable
from services.common.events import emit

_FINISHED = ("done", "skipped")
EMPLOYER_CONSENT = "share_work_ability_summary_with_employer"


def _not_in_future(day: dt.date | None, loc: list[str | int]) -> None:
    if day is not None and day > helsinki_today():
        raise Unprocessable.field(loc, "This date cannot be in the future.", code="date_in_future")


async def _work_ability_writable(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID, action: str
) -> access.ClientView:
    """A change to health data: a work-ability coordinator working with the client."""
    view = await access.writable(session, context, client_id, action, Capability.WORK_ABILITY)
    if not view.can(Capability.WRITE):
        raise Forbidden("You may not change this client's data.", code="client_read_only")
    return view


# --- roadmap definitions -----------------------------------------------------------------


async def list_templates(
    session: AsyncSession, context: AccessContext
) -> list[RoadmapTemplateRead]:
    require_staff(context.principal, "these definitions")
    return [RoadmapTemplateRead.model_validate(t) for t in await repository.templates(session)]


async def add_template(
    session: AsyncSession, context: AccessContext, data: RoadmapTemplateCreate
) -> RoadmapTemplateRead:
    require_admin(context.principal, "these definitions")
    seen: set[str] = set()
    for position, stage in enumerate(data.stages):
        if stage.key in seen:
            raise Unprocessable.field(
                ["body", "stages", position, "key"],
                "Two stages have the same key.",
                code="duplicate_stage_key",
            )
        seen.add(stage.key)
    newest = await repository.newest_template(session)
    template = RoadmapTemplate(
        version=(newest.version + 1) if newest else 1,
        stages=[stage.model_dump() for stage in data.stages],
        created_by=context.principal.username,
    )
    repository.add(session, template)
    await session.flush()
    return RoadmapTemplateRead.model_validate(template)


# --- the roadmap -------------------------------------------------------------------------


def _empty_stage() -> dict[str, Any]:
    return {
        "status": "not_started",
        "started_on": None,
        "completed_on": None,
        "responsible": None,
        "partner_id": None,
        "received": None,
    }


def next_stage(template: RoadmapTemplate, roadmap: Roadmap) -> dict[str, str] | None:
    for stage in template.stages:
        if roadmap.stages.get(stage["key"], {}).get("status") not in _FINISHED:
            return stage
    return None


def _under_way(roadmap: Roadmap | None, template: RoadmapTemplate | None) -> bool:
    return (
        roadmap is not None and template is not None and next_stage(template, roadmap) is not None
    )


def _roadmap_read(roadmap: Roadmap, template: RoadmapTemplate) -> RoadmapRead:
    stages = []
    for definition in template.stages:
        state = roadmap.stages.get(definition["key"], _empty_stage())
        stages.append(
            RoadmapStageRead(
                key=definition["key"],
                name_fi=definition["name_fi"],
                name_en=definition["name_en"],
                status=state["status"],
                started_on=state["started_on"],
                completed_on=state["completed_on"],
                responsible=state["responsible"],
                partner_id=state["partner_id"],
                received=state["received"],
            )
        )
    following = next_stage(template, roadmap)
    return RoadmapRead(
        client_id=roadmap.client_id,
        under_way=following is not None,
        template_version=roadmap.template_version,
        stages=stages,
        next_stage=following["key"] if following else None,
        started_at=roadmap.started_at,
        updated_by=roadmap.updated_by,
        updated_at=roadmap.updated_at,
    )


async def _roadmap_and_template(
    session: AsyncSession, client_id: uuid.UUID, *, for_update: bool = False
) -> tuple[Roadmap | None, RoadmapTemplate | None]:
    roadmap = await repository.roadmap_of(session, client_id, for_update=for_update)
    if roadmap is None:
        return None, None
    return roadmap, await repository.template(session, roadmap.template_version)


async def roadmap_seen(session: AsyncSession, view: access.ClientView) -> RoadmapRead | None:
    """The roadmap for work-ability coordinators; whether one is under way for those who see
    the client's pathway; None for the rest."""
    roadmap, template = await _roadmap_and_template(session, view.client.id)
    if view.can(Capability.WORK_ABILITY):
        if roadmap is None or template is None:
            return RoadmapRead(client_id=view.client.id, under_way=False)
        return _roadmap_read(roadmap, template)
    if view.can(Capability.PATHWAY):
        return RoadmapRead(client_id=view.client.id, under_way=_under_way(roadmap, template))
    return None


async def read_roadmap(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID
) -> RoadmapRead:
    view = await access.resolve(session, context, client_id)
    read = await roadmap_seen(session, view)
    if read is None:
        raise NotFound(access.NOT_FOUND, code="client_not_found")
    await access.log(session, context, "read_roadmap", [client_id])
    return read


def _stored_day(value: str | None) -> dt.date | None:
    """A date as the JSON column holds it (ISO text)."""
    return dt.date.fromisoformat(value) if value else None


def _state_after(
    current: dict[str, Any], change: RoadmapStageUpdate, loc: list[str | int]
) -> dict[str, Any]:
    """A stage's new state; starting and finishing dates default to today."""
    today = helsinki_today()
    started_on = change.started_on or _stored_day(current["started_on"])
    completed_on = change.completed_on
    if change.status != "not_started" and started_on is None:
        started_on = today
    if change.status in _FINISHED and completed_on is None:
        completed_on = _stored_day(current["completed_on"]) or today
    if change.status not in _FINISHED:
        completed_on = None
    if change.status == "not_started":
        started_on = None
    _not_in_future(started_on, [*loc, "started_on"])
    _not_in_future(completed_on, [*loc, "completed_on"])
    if started_on and completed_on and completed_on < started_on:
        raise Unprocessable.field(
            [*loc, "completed_on"], "The stage ends before it starts.", code="ends_before_start"
        )
    return {
        "status": change.status,
        "started_on": started_on.isoformat() if started_on else None,
        "completed_on": completed_on.isoformat() if completed_on else None,
        "responsible": change.responsible,
        "partner_id": str(change.partner_id) if change.partner_id else None,
        "received": change.received,
    }


async def update_roadmap(
    session: AsyncSession,
    context: AccessContext,
    directory: StaffDirectory,
    referrals: ReferralsApi,
    client_id: uuid.UUID,
    data: RoadmapUpdate,
) -> RoadmapRead:
    await _work_ability_writable(session, context, client_id, "update_roadmap")
    username = context.principal.username
    roadmap, template = await _roadmap_and_template(session, client_id, for_update=True)
    if roadmap is None or template is None:
        template = await repository.newest_template(session)
        if template is None:
            raise Unprocessable("No roadmap stages are defined.", code="no_roadmap_template")
        roadmap = Roadmap(
            id=uuid.uuid4(),
            client_id=client_id,
            template_version=template.version,
            stages={stage["key"]: _empty_stage() for stage in template.stages},
            started_by=username,
            updated_by=username,
        )
        repository.add(session, roadmap)
        emit(
            session,
            outbox,
            "roadmap.started",
            client_id,
            {
                "client_id": client_id,
                "roadmap_id": roadmap.id,
                "template_version": template.version,
            },
        )
    keys = {stage["key"] for stage in template.stages}
    stages = {key: dict(state) for key, state in roadmap.stages.items()}
    changed: list[tuple[str, str]] = []
    for position, change in enumerate(data.stages):
        loc: list[str | int] = ["body", "stages", position]
        if change.key not in keys:
            raise Unprocessable.field(
                [*loc, "key"], "No such stage in this roadmap.", code="roadmap_stage_unknown"
            )
        if change.responsible is not None:
            await require_staff_member(directory, change.responsible, [*loc, "responsible"])
        await check_partner(referrals, change.partner_id, [*loc, "partner_id"])
        current = stages.get(change.key, _empty_stage())
        stages[change.key] = _state_after(current, change, loc)
        if current["status"] != change.status:
            changed.append((change.key, change.status))
    # A new dict: the JSON column notices a replaced value, not one changed in place.
    roadmap.stages = stages
    roadmap.updated_by = username
    roadmap.updated_at = utcnow()
    for key, status in changed:
        emit(
            session,
            outbox,
            "roadmap.stage_changed",
            client_id,
            {"client_id": client_id, "roadmap_id": roadmap.id, "stage": key, "status": status},
        )
    await access.log(session, context, "read_roadmap", [client_id])
    await session.flush()
    return _roadmap_read(roadmap, template)


async def client_roadmap(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID, language: str
) -> ClientRoadmapRead:
    """The printable version a work-ability coordinator gives the client."""
    await access.readable(session, context, client_id, "read_roadmap", Capability.WORK_ABILITY)
    roadmap, template = await _roadmap_and_template(session, client_id)
    if roadmap is None or template is None:
        raise NotFound("This client has no work-ability roadmap.", code="roadmap_not_found")
    suffix = "fi" if language == "fi" else "en"
    following = next_stage(template, roadmap)
    return ClientRoadmapRead(
        language="fi" if suffix == "fi" else "en",
        stages=[
            ClientRoadmapStage(
                name=stage[f"name_{suffix}"],
                text=stage[f"client_text_{suffix}"],
                status=roadmap.stages.get(stage["key"], _empty_stage())["status"],
            )
            for stage in template.stages
        ],
        next_step=following[f"client_text_{suffix}"] if following else None,
    )


# --- functional measures -----------------------------------------------------------------


async def list_instruments(
    session: AsyncSession, context: AccessContext
) -> list[FunctionalInstrumentRead]:
    require_staff(context.principal, "these definitions")
    return [
        FunctionalInstrumentRead.model_validate(i) for i in await repository.instruments(session)
    ]


async def add_instrument(
    session: AsyncSession, context: AccessContext, data: FunctionalInstrumentCreate
) -> FunctionalInstrumentRead:
    require_admin(context.principal, "these definitions")
    if data.scale_max <= data.scale_min:
        raise Unprocessable.field(
            ["body", "scale_max"], "The scale ends above its start.", code="scale_invalid"
        )
    if len({item.key for item in data.items}) != len(data.items):
        raise Unprocessable.field(
            ["body", "items"], "Two items have the same key.", code="duplicate_item_key"
        )
    newest = await repository.newest_instrument_version(session, data.code)
    instrument = FunctionalInstrument(
        code=data.code,
        version=(newest or 0) + 1,
        name_fi=data.name_fi,
        name_en=data.name_en,
        items=[item.model_dump() for item in data.items],
        scale_min=data.scale_min,
        scale_max=data.scale_max,
        created_by=context.principal.username,
    )
    repository.add(session, instrument)
    await session.flush()
    return FunctionalInstrumentRead.model_validate(instrument)


def _overall(tenths: int) -> float:
    return tenths / 10


def _functional_reads(rows: Sequence[FunctionalAssessment]) -> list[FunctionalAssessmentRead]:
    """Each observation with its change against the previous one with the same instrument."""
    previous: dict[str, FunctionalAssessment] = {}
    reads = []
    for row in rows:
        before = previous.get(row.instrument_code)
        change = None
        if before is not None:
            change = FunctionalChange(
                overall=_overall(row.overall_tenths - before.overall_tenths),
                item_scores={
                    key: score - before.item_scores[key]
                    for key, score in row.item_scores.items()
                    if key in before.item_scores
                },
            )
        reads.append(
            FunctionalAssessmentRead(
                id=row.id,
                client_id=row.client_id,
                instrument_code=row.instrument_code,
                instrument_version=row.instrument_version,
                observed_on=row.observed_on,
                item_scores=row.item_scores,
                overall=_overall(row.overall_tenths),
                observer=row.observer,
                setting=row.setting,
                recorded_by=row.recorded_by,
                change=change,
            )
        )
        previous[row.instrument_code] = row
    return reads


def _checked_scores(instrument: FunctionalInstrument, scores: dict[str, int]) -> None:
    keys = [item["key"] for item in instrument.items]
    if set(scores) != set(keys):
        raise Unprocessable.field(
            ["body", "item_scores"],
            "Give a score for every item of the instrument, and nothing else.",
            code="item_scores_mismatch",
            params={"items": keys},
        )
    for key, score in scores.items():
        if not instrument.scale_min <= score <= instrument.scale_max:
            raise Unprocessable.field(
                ["body", "item_scores", key],
                "The score is outside the instrument's scale.",
                code="score_out_of_scale",
                params={"min": instrument.scale_min, "max": instrument.scale_max},
            )


async def add_functional_assessment(
    session: AsyncSession,
    context: AccessContext,
    directory: StaffDirectory,
    client_id: uuid.UUID,
    data: FunctionalAssessmentCreate,
) -> FunctionalAssessmentRead:
    await _work_ability_writable(session, context, client_id, "add_functional_assessment")
    _not_in_future(data.observed_on, ["body", "observed_on"])
    instrument = await repository.instrument(session, data.instrument_code, data.instrument_version)
    if instrument is None:
        raise Unprocessable.field(
            ["body", "instrument_code"], "No such instrument.", code="instrument_not_found"
        )
    _checked_scores(instrument, data.item_scores)
    observer = data.observer or context.principal.username
    if data.observer is not None:
        await require_staff_member(directory, data.observer, ["body", "observer"])
    mean = Decimal(sum(data.item_scores.values())) / len(data.item_scores)
    row = FunctionalAssessment(
        id=uuid.uuid4(),
        client_id=client_id,
        observed_on=data.observed_on,
        instrument_code=instrument.code,
        instrument_version=instrument.version,
        item_scores=dict(data.item_scores),
        overall_tenths=int((mean * 10).quantize(Decimal(1), rounding=ROUND_HALF_UP)),
        observer=observer,
        setting=data.setting,
        recorded_by=context.principal.username,
    )
    repository.add(session, row)
    emit(
        session,
        outbox,
        "functional_assessment.recorded",
        row.id,
        {
            "client_id": client_id,
            "assessment_id": row.id,
            "instrument_code": row.instrument_code,
            "instrument_version": row.instrument_version,
            "observed_on": row.observed_on,
            "overall": _overall(row.overall_tenths),
        },
    )
    await session.flush()
    reads = _functional_reads(await repository.functional_assessments_of(session, client_id))
    return next(read for read in reads if read.id == row.id)


async def list_functional_assessments(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID
) -> list[FunctionalAssessmentRead]:
    await access.readable(
        session, context, client_id, "read_functional_assessments", Capability.WORK_ABILITY
    )
    return _functional_reads(await repository.functional_assessments_of(session, client_id))


# --- the means to support work and the summary -------------------------------------------


async def list_work_supports(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID
) -> list[WorkSupportsRead]:
    await access.readable(
        session, context, client_id, "read_work_supports", Capability.WORK_ABILITY
    )
    return [
        WorkSupportsRead.model_validate(r)
        for r in await repository.work_supports_of(session, client_id)
    ]


async def record_work_supports(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID, data: WorkSupportsUpdate
) -> WorkSupportsRead:
    await _work_ability_writable(session, context, client_id, "record_work_supports")
    revisions = await repository.work_supports_of(session, client_id)
    row = WorkSupports(
        id=uuid.uuid4(),
        client_id=client_id,
        revision=(revisions[0].revision + 1) if revisions else 1,
        hours_per_week=data.hours_per_week,
        avoid=list(dict.fromkeys(data.avoid)),
        breaks=data.breaks,
        supervision=data.supervision,
        aids=list(dict.fromkeys(data.aids)),
        travel=list(dict.fromkeys(data.travel)),
        recorded_by=context.principal.username,
        created_at=utcnow(),
    )
    repository.add(session, row)
    emit(
        session,
        outbox,
        "work_supports.recorded",
        client_id,
        {"client_id": client_id, "revision": row.revision},
    )
    await session.flush()
    return WorkSupportsRead.model_validate(row)


async def approve_work_supports(
    session: AsyncSession,
    context: AccessContext,
    client_id: uuid.UUID,
    data: WorkSupportsApproval,
) -> WorkSupportsRead:
    """Approve the newest revision as the summary others may see."""
    await _work_ability_writable(session, context, client_id, "approve_work_ability_summary")
    revisions = await repository.work_supports_of(session, client_id)
    row = await repository.work_supports_revision(session, client_id, data.revision)
    if row is None:
        raise NotFound("No such revision.", code="work_supports_not_found")
    if revisions[0].revision != row.revision:
        raise Conflict(
            "A newer revision has been recorded; read it before approving.",
            code="work_supports_not_newest",
            params={"newest": revisions[0].revision},
        )
    if row.approved_at is not None:
        raise Conflict("This revision is already approved.", code="work_supports_already_approved")
    row.approved_by = context.principal.username
    row.approved_at = utcnow()
    emit(
        session,
        outbox,
        "work_ability_summary.approved",
        client_id,
        {"client_id": client_id, "revision": row.revision},
    )
    await session.flush()
    return WorkSupportsRead.model_validate(row)


async def work_ability_summary(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID
) -> WorkAbilitySummaryRead:
    view = await access.resolve(session, context, client_id)
    if not (view.can(Capability.WORK_ABILITY) or view.can(Capability.WORK_ABILITY_SUMMARY)):
        raise NotFound(access.NOT_FOUND, code="client_not_found")
    await access.log(session, context, "read_work_ability_summary", [client_id])
    row = await repository.approved_work_supports(session, client_id)
    if row is None or row.approved_by is None or row.approved_at is None:
        raise NotFound(
            "No work-ability summary has been approved.", code="work_ability_summary_not_found"
        )
    assessments = await records_repository.work_ability_assessments_of(session, client_id)
    consents = await access.consents_in_force(session, client_id)
    return WorkAbilitySummaryRead(
        client_id=client_id,
        revision=row.revision,
        hours_per_week=row.hours_per_week,
        avoid=row.avoid,
        breaks=row.breaks,
        supervision=row.supervision,
        aids=row.aids,
        travel=row.travel,
        approved_by=row.approved_by,
        approved_at=row.approved_at,
        self_assessment_overall=assessments[-1].overall if assessments else None,
        shareable_with_employer=EMPLOYER_CONSENT in consents,
    )
