"""Active-service periods and the labour-market status episodes they write.

The official activation rate reads status episodes only, so a period writes its status as an
episode of its own: starting it ends the status the client was in the day before (and
replaces a hand-typed `active_service` episode over the same days), and ending it lets that
earlier status resume the next day unless a newer one has been recorded meanwhile.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.access import service as access
from services.clients.access.service import Capability
from services.clients.employers_api import EmployersApi
from services.clients.models import Enrolment, ServiceKindRule, ServicePeriod, StatusEpisode, outbox
from services.clients.pathway import repository as pathway_repository
from services.clients.records import repository as records_repository
from services.clients.records import service as records
from services.clients.referrals_api import ReferralsApi
from services.clients.service_periods import repository
from services.clients.service_periods.schemas import (
    EmployerServicePeriodRead,
    FollowUpVisit,
    ServiceKindRulesCreate,
    ServiceKindRulesRead,
    ServicePeriodCreate,
    ServicePeriodEnd,
    ServicePeriodRead,
    ServicePeriodUpdate,
)
from services.clients.staff import require_admin, require_staff
from services.common.audit import AccessContext
from services.common.errors import Conflict, NotFound, Unprocessable
from services.common.events import emit

_WAGE_SUBSIDY_ONLY = ("subsidy_percent", "decision_ref")


def _not_found() -> NotFound:
    return NotFound("No such active-service period.", code="service_period_not_found")


def _check_dates(starts_on: dt.date, end: dt.date | None, field: str) -> None:
    if end is not None and end < starts_on:
        raise Unprocessable.field(
            ["body", field], "The period ends before it starts.", code="ends_before_start"
        )


def _check_subsidy(kind: str, values: dict[str, object]) -> None:
    for field in _WAGE_SUBSIDY_ONLY:
        if values.get(field) is not None and kind != "wage_subsidy":
            raise Unprocessable.field(
                ["body", field],
                "Only a wage-subsidised period has a subsidy percentage and a decision.",
                code="wage_subsidy_only",
            )


async def _check_employer(employers: EmployersApi, employer_id: uuid.UUID | None) -> None:
    if employer_id is not None and await employers.get_employer(employer_id) is None:
        raise Unprocessable.field(
            ["body", "employer_id"], "No such employer.", code="employer_not_found"
        )


async def check_partner(
    referrals: ReferralsApi, partner_id: uuid.UUID | None, loc: list[str | int]
) -> None:
    """A partner named must be one of the referrals service's directory."""
    if partner_id is not None and not await referrals.partner_exists(partner_id):
        raise Unprocessable.field(loc, "No such partner.", code="partner_not_found")


async def _rule(session: AsyncSession, on: dt.date) -> ServiceKindRule:
    rule = await repository.rule_in_force(session, on)
    if rule is None:
        raise Unprocessable.field(
            ["body", "starts_on"],
            "No rules for active-service periods are in force on this day.",
            code="no_service_rules_in_force",
        )
    return rule


def _emit(session: AsyncSession, kind: str, period: ServicePeriod) -> None:
    emit(
        session,
        outbox,
        f"service_period.{kind}",
        period.id,
        {
            "period_id": period.id,
            "client_id": period.client_id,
            "enrolment_id": period.enrolment_id,
            "kind": period.kind,
            "starts_on": period.starts_on,
            "planned_end_on": period.planned_end_on,
            "ends_on": period.ends_on,
            "employer_id": period.employer_id,
            "partner_id": period.partner_id,
            "hours_per_week": period.hours_per_week,
            "subsidy_percent": period.subsidy_percent,
        },
    )


def _make_room(
    session: AsyncSession, period: ServicePeriod, episodes: Sequence[StatusEpisode]
) -> None:
    """End what the client was doing the day before the period, remembering it so it can
    resume, and take out hand-typed active service over the period's days."""
    running = [e for e in episodes if e.ends_on is None or e.ends_on >= period.starts_on]
    earlier = [e for e in running if e.starts_on < period.starts_on]
    resumable = [e for e in earlier if e.status != "active_service" or e.service_period_id]
    if resumable:
        previous = max(resumable, key=lambda e: e.starts_on)
        period.previous_status = previous.status
        period.previous_service_type = previous.service_type
        period.previous_ends_on = previous.ends_on
    for episode in running:
        if episode in earlier:
            records.end_episode(session, episode, period.starts_on - dt.timedelta(days=1))
        elif episode.status == "active_service" and not episode.service_period_id:
            records.withdraw_episode(session, episode)


async def _reads(
    session: AsyncSession, periods: Sequence[ServicePeriod]
) -> list[ServicePeriodRead]:
    visits = await repository.follow_up_visits(session, [p.id for p in periods])
    statuses = {r.version: r.statuses for r in await repository.all_rules(session)}
    return [
        ServicePeriodRead(
            id=p.id,
            client_id=p.client_id,
            enrolment_id=p.enrolment_id,
            kind=p.kind,
            starts_on=p.starts_on,
            planned_end_on=p.planned_end_on,
            ends_on=p.ends_on,
            employer_id=p.employer_id,
            partner_id=p.partner_id,
            hours_per_week=p.hours_per_week,
            subsidy_percent=p.subsidy_percent,
            decision_ref=p.decision_ref,
            labour_market_status=statuses.get(p.rule_version, {}).get(p.kind, "active_service"),
            rule_version=p.rule_version,
            recorded_by=p.recorded_by,
            ended_by=p.ended_by,
            follow_up_visits=[
                FollowUpVisit.model_validate(m) for m in visits if m.service_period_id == p.id
            ],
        )
        for p in periods
    ]


async def _enrolment(
    session: AsyncSession, client_id: uuid.UUID, enrolment_id: uuid.UUID | None
) -> Enrolment | None:
    if enrolment_id is None:
        return None
    enrolment = await pathway_repository.get_enrolment(session, enrolment_id, for_update=False)
    if enrolment is None or enrolment.client_id != client_id:
        raise Unprocessable.field(
            ["body", "enrolment_id"], "No such enrolment.", code="enrolment_not_found"
        )
    return enrolment


async def start_period(
    session: AsyncSession,
    context: AccessContext,
    employers: EmployersApi,
    referrals: ReferralsApi,
    client_id: uuid.UUID,
    data: ServicePeriodCreate,
) -> ServicePeriodRead:
    await access.writable(session, context, client_id, "start_service_period")
    _check_dates(data.starts_on, data.planned_end_on, "planned_end_on")
    _check_subsidy(data.kind, data.model_dump())
    await _enrolment(session, client_id, data.enrolment_id)
    await _check_employer(employers, data.employer_id)
    await check_partner(referrals, data.partner_id, ["body", "partner_id"])
    if await repository.overlapping_period(session, client_id, data.starts_on, None):
        raise Conflict(
            "Another active-service period of the client runs on these days.",
            code="service_period_overlaps",
        )
    rule = await _rule(session, data.starts_on)
    period = ServicePeriod(
        id=uuid.uuid4(),
        client_id=client_id,
        rule_version=rule.version,
        recorded_by=context.principal.username,
        episode_id=uuid.uuid4(),
        **data.model_dump(),
    )
    episodes = await records_repository.live_episodes_of(session, client_id)
    _make_room(session, period, episodes)
    episode = await records.record_episode(
        session,
        client_id,
        status=rule.statuses[data.kind],
        service_type=data.kind,
        starts_on=data.starts_on,
        ends_on=None,
        by=context.principal.username,
        service_period_id=period.id,
    )
    period.episode_id = episode.id
    repository.add(session, period)
    await session.flush()
    _emit(session, "started", period)
    return (await _reads(session, [period]))[0]


async def _period_to_change(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID, period_id: uuid.UUID
) -> ServicePeriod:
    await access.writable(session, context, client_id, "change_service_period")
    period = await repository.get_period(session, client_id, period_id)
    if period is None:
        raise _not_found()
    return period


async def update_period(
    session: AsyncSession,
    context: AccessContext,
    employers: EmployersApi,
    referrals: ReferralsApi,
    client_id: uuid.UUID,
    period_id: uuid.UUID,
    data: ServicePeriodUpdate,
) -> ServicePeriodRead:
    period = await _period_to_change(session, context, client_id, period_id)
    changes = data.model_dump(exclude_unset=True)
    _check_dates(period.starts_on, changes.get("planned_end_on"), "planned_end_on")
    _check_subsidy(period.kind, changes)
    if "employer_id" in changes:
        await _check_employer(employers, changes["employer_id"])
    if "partner_id" in changes:
        await check_partner(referrals, changes["partner_id"], ["body", "partner_id"])
    if changes.get("employer_id"):
        period.partner_id = None
    if changes.get("partner_id"):
        period.employer_id = None
    for field, value in changes.items():
        setattr(period, field, value)
    await session.flush()
    _emit(session, "updated", period)
    return (await _reads(session, [period]))[0]


async def end_period(
    session: AsyncSession,
    context: AccessContext,
    client_id: uuid.UUID,
    period_id: uuid.UUID,
    data: ServicePeriodEnd,
) -> ServicePeriodRead:
    period = await _period_to_change(session, context, client_id, period_id)
    if period.ends_on is not None:
        raise Conflict("The period has already ended.", code="service_period_ended")
    _check_dates(period.starts_on, data.ends_on, "ends_on")
    period.ends_on = data.ends_on
    period.ended_by = context.principal.username
    episodes = await records_repository.live_episodes_of(session, client_id)
    own = next((e for e in episodes if e.id == period.episode_id), None)
    if own is not None:
        records.end_episode(session, own, data.ends_on)
    newer = [e for e in episodes if e.id != period.episode_id and e.starts_on > period.starts_on]
    still_running = period.previous_ends_on is None or period.previous_ends_on > data.ends_on
    if period.previous_status and still_running and not newer:
        await records.record_episode(
            session,
            client_id,
            status=period.previous_status,
            service_type=period.previous_service_type,
            starts_on=data.ends_on + dt.timedelta(days=1),
            ends_on=period.previous_ends_on,
            by=context.principal.username,
            service_period_id=period.id,
        )
    await session.flush()
    _emit(session, "ended", period)
    return (await _reads(session, [period]))[0]


async def list_periods(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID
) -> list[ServicePeriodRead]:
    await access.readable(session, context, client_id, "read_service_periods")
    return await _reads(session, await repository.periods_of(session, client_id))


async def periods_at_employer(
    session: AsyncSession, context: AccessContext, employer_id: uuid.UUID
) -> list[EmployerServicePeriodRead]:
    """The employer's periods; each client named (and the read logged) only for a caller
    whose need-to-know opens that client's profile."""
    require_staff(context.principal, "these periods")
    reads: list[EmployerServicePeriodRead] = []
    for period in await repository.periods_at_employer(session, employer_id):
        name = None
        try:
            view = await access.resolve(session, context, period.client_id)
        except (NotFound, Unprocessable):
            view = None
        if view is not None and view.can(Capability.PROFILE):
            name = f"{view.client.first_name} {view.client.last_name}"
            await access.log(session, context, "read_service_periods", [period.client_id])
        reads.append(
            EmployerServicePeriodRead(
                id=period.id,
                kind=period.kind,
                starts_on=period.starts_on,
                planned_end_on=period.planned_end_on,
                ends_on=period.ends_on,
                hours_per_week=period.hours_per_week,
                client_id=period.client_id if name else None,
                client_name=name,
            )
        )
    return reads


async def list_rules(session: AsyncSession, context: AccessContext) -> list[ServiceKindRulesRead]:
    require_staff(context.principal, "these rules")
    return [ServiceKindRulesRead.model_validate(r) for r in await repository.all_rules(session)]


async def add_rules(
    session: AsyncSession, context: AccessContext, data: ServiceKindRulesCreate
) -> ServiceKindRulesRead:
    require_admin(context.principal, "these rules")
    newest = await repository.newest_rule(session)
    if newest is not None and data.valid_from <= newest.valid_from:
        raise Unprocessable.field(
            ["body", "valid_from"],
            "A new version starts after the newest one.",
            code="rules_not_after_newest",
        )
    rule = ServiceKindRule(
        version=(newest.version + 1) if newest else 1,
        valid_from=data.valid_from,
        statuses=dict(data.statuses),
        created_by=context.principal.username,
    )
    repository.add(session, rule)
    await session.flush()
    return ServiceKindRulesRead.model_validate(rule)
