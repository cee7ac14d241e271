"""Need-to-know access to a client, and the access log every read and write leaves behind.

A caller who may not see a client gets `NotFound`, exactly as if it did not exist.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import inspect as sa_inspect
from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.access import repository
from services.clients.access.schemas import AccessLogEntryRead
from services.clients.data_subject_api import DataSubjectApi, export_section
from services.clients.models import Client, Consent, Note, access_log, outbox
from services.common import audit
from services.common.audit import AccessContext
from services.common.auth import COORDINATOR_ROLES, Principal
from services.common.calendar import helsinki_midnight, helsinki_today, utcnow
from services.common.errors import Forbidden, NotFound, Unprocessable
from services.common.events import emit

NOT_FOUND = "No such client."
DEFAULT_GRACE_PERIOD_DAYS = 14


class Relation(StrEnum):
    """How a person relates to a client (DOMAIN.md "Sensitive data"). Each has a start and
    an end; the facts behind them are in `repository.Relation`."""

    CREATOR = "creator"  # until an enrolment names a coordinator
    COACH_REFERRER = "coach_referrer"  # while an enrolment they referred is open, then grace
    RESPONSIBLE = "responsible"  # coordinator of an open enrolment, named or transferred to
    CONSULTATION = "consultation"  # coordinator added by a consultation while it runs
    ADDRESSEE = "addressee"  # of an open referral: only what the referral carries
    TRIAGE = "triage"  # any coordinator or team lead, while a self-registration waits
    TEAM_LEAD = "team_lead"
    ADMIN = "admin"  # with a stated reason
    GRACE = "grace"  # coordinator of an enrolment that ended within the grace period
    # A coach, while the client has no open enrolment: they may refer the client in (the
    # enrolment names them `referred_by`) and see nothing else, so for every other call,
    # and for the services asking on their behalf, they are unrelated.
    MAY_REFER = "may_refer"


class Capability(StrEnum):
    """What may be read or written, field class by field class."""

    PROFILE = "profile"  # names, birth year, gender, municipality, language
    IDENTITY_CODE = "identity_code"
    CONTACT = "contact"  # phone, e-mail, address
    PROTECTED_CONTACT = "protected_contact"  # contact details under non-disclosure
    ENROLMENTS = "enrolments"  # the pathway's state: enrolments and their states
    PATHWAY = "pathway"  # contacts, meetings, plan, assessments of need, status episodes
    CONSENTS = "consents"  # the consents in force and withdrawn
    NOTES = "notes"  # normal notes
    HEALTH_NOTES = "health_notes"  # only with the work-ability coordinator role (below)
    WORK_ABILITY = "work_ability"  # self-assessments, roadmap, measures, means of support
    # The approved work-ability summary and the self-assessment's overall score only
    WORK_ABILITY_SUMMARY = "work_ability_summary"
    WRITE = "write"  # the record, consents, pathway and notes
    NON_DISCLOSURE = "non_disclosure"  # set or lift it (with a reason)
    ENROL = "enrol"  # start an enrolment
    GRACE_WRITE = "grace_write"  # correct the end of an ended enrolment, one's own notes
    ACCESS_LOG = "access_log"
    EXPORT = "export"  # the data-subject export, health notes included


_C = Capability
_WORKS_WITH = frozenset(
    {_C.PROFILE, _C.IDENTITY_CODE, _C.CONTACT, _C.ENROLMENTS, _C.PATHWAY, _C.CONSENTS, _C.NOTES}
    | {_C.HEALTH_NOTES, _C.WORK_ABILITY, _C.WRITE, _C.ENROL, _C.GRACE_WRITE}
)
_UNIT = frozenset(
    {_C.PROFILE, _C.IDENTITY_CODE, _C.CONTACT, _C.ENROLMENTS, _C.PATHWAY, _C.CONSENTS}
)

# The policy: what each relation may do. Every read, write, list, search and export of a
# client passes through this table (lists through its SQL twin, `visible_filter`).
POLICY: dict[Relation, frozenset[Capability]] = {
    Relation.CREATOR: frozenset(
        {_C.PROFILE, _C.IDENTITY_CODE, _C.CONTACT, _C.PROTECTED_CONTACT, _C.ENROLMENTS}
        | {_C.PATHWAY, _C.CONSENTS, _C.NOTES, _C.WRITE, _C.NON_DISCLOSURE, _C.ENROL}
    ),
    Relation.COACH_REFERRER: frozenset({_C.PROFILE, _C.IDENTITY_CODE, _C.CONTACT, _C.ENROLMENTS}),
    Relation.RESPONSIBLE: _WORKS_WITH | {_C.PROTECTED_CONTACT, _C.NON_DISCLOSURE},
    Relation.CONSULTATION: _WORKS_WITH,
    Relation.ADDRESSEE: frozenset({_C.PROFILE}),
    Relation.TRIAGE: frozenset({_C.PROFILE, _C.IDENTITY_CODE, _C.CONTACT, _C.CONSENTS, _C.ENROL}),
    Relation.TEAM_LEAD: _UNIT | {_C.NOTES, _C.NON_DISCLOSURE, _C.ACCESS_LOG},
    Relation.ADMIN: _UNIT | {_C.NOTES, _C.ACCESS_LOG, _C.EXPORT},
    Relation.GRACE: frozenset(
        {_C.PROFILE, _C.IDENTITY_CODE, _C.CONTACT, _C.ENROLMENTS, _C.PATHWAY, _C.CONSENTS}
        | {_C.NOTES, _C.HEALTH_NOTES, _C.GRACE_WRITE}
    ),
    Relation.MAY_REFER: frozenset({_C.ENROL}),
}
# Relations that open only the call named here and count for nothing else.
_ONLY_FOR: dict[Relation, Capability] = {Relation.MAY_REFER: Capability.ENROL}
# Relations that see only what happened on their own enrolments up to the end.
_BOUNDED = frozenset({Relation.GRACE})
# Health notes and work-ability details need the work-ability coordinator role as well.
_WORK_ABILITY_ROLE = "work_ability_coordinator"


@dataclass(frozen=True, slots=True)
class ClientView:
    """What one caller may do with one client, derived from the policy table."""

    client: Client
    relations: frozenset[Relation]
    capabilities: frozenset[Capability]
    username: str
    # The ended enrolments of the caller still in their grace period.
    grace_enrolments: frozenset[uuid.UUID]
    # When the caller's only view is a grace period: only those enrolments, and only what
    # others wrote up to the end of the last of them.
    seen_until: dt.datetime | None
    bounded: bool

    def can(self, capability: Capability) -> bool:
        return capability in self.capabilities

    @property
    def sees_contact_details(self) -> bool:
        if not self.can(Capability.CONTACT):
            return False
        return not self.client.non_disclosure or self.can(Capability.PROTECTED_CONTACT)

    @property
    def sees_health_notes(self) -> bool:
        return self.can(Capability.HEALTH_NOTES)

    def sees_enrolment(self, enrolment_id: uuid.UUID) -> bool:
        if not self.can(Capability.ENROLMENTS):
            return False
        return not self.bounded or enrolment_id in self.grace_enrolments

    def sees_note(self, note: Note) -> bool:
        if note.author == self.username and self.can(Capability.GRACE_WRITE):
            return note.sensitivity != "health" or self.sees_health_notes
        if not self.can(Capability.NOTES):
            return False
        if self.bounded:
            # In the grace period only one's own health notes, and others' up to the end.
            return (
                note.sensitivity == "normal"
                and self.seen_until is not None
                and note.created_at <= self.seen_until
            )
        return note.sensitivity == "normal" or self.sees_health_notes


def grace_period_days(context: AccessContext) -> int:
    return int(getattr(context.service_settings, "grace_period_days", DEFAULT_GRACE_PERIOD_DAYS))


def grace_starts(context: AccessContext) -> dt.date:
    """The earliest end date still inside the grace period."""
    return helsinki_today() - dt.timedelta(days=grace_period_days(context))


def _relations(
    principal: Principal,
    client: Client,
    facts: repository.Relation,
    first_end_in_grace: dt.date,
) -> tuple[set[Relation], set[uuid.UUID], dt.date | None]:
    """The relations, the enrolments in grace and the latest end among them."""
    relations: set[Relation] = set()
    coordinator = principal.has_role(*COORDINATOR_ROLES)
    if principal.has_role("team_lead"):
        relations.add(Relation.TEAM_LEAD)
    if principal.has_role("admin"):
        relations.add(Relation.ADMIN)
    if client.created_by == principal.username and not facts.any_named_coordinator:
        relations.add(Relation.CREATOR)
    grace: set[uuid.UUID] = set()
    last_end: dt.date | None = None
    if coordinator:
        for row in facts.coordinator_rows:
            if row.open:
                relations.add(
                    Relation.CONSULTATION if row.reason == "consultation" else Relation.RESPONSIBLE
                )
            elif row.ended_on is not None and row.ended_on >= first_end_in_grace:
                relations.add(Relation.GRACE)
                grace.add(row.enrolment_id)
                last_end = max(last_end or row.ended_on, row.ended_on)
        if facts.open_grant:
            relations.add(Relation.ADDRESSEE)
    if (coordinator or principal.has_role("team_lead")) and client.awaiting_triage:
        relations.add(Relation.TRIAGE)
    if principal.has_role("coach") and any(
        is_open or (ended_on is not None and ended_on >= first_end_in_grace)
        for is_open, ended_on in facts.referred
    ):
        relations.add(Relation.COACH_REFERRER)
    if principal.has_role("coach") and not facts.any_open_enrolment:
        relations.add(Relation.MAY_REFER)
    return relations, grace, last_end


def _for_call(relations: set[Relation], capability: Capability | None) -> set[Relation]:
    """The relations that count for a call needing `capability` (None: any read or write)."""
    return {r for r in relations if _ONLY_FOR.get(r, capability) == capability}


# Field classes that a relation grants only to holders of these roles: a coach never reads
# notes, and health data stay with work-ability coordinators.
ROLE_REQUIRED: dict[Capability, frozenset[str]] = {
    Capability.NOTES: COORDINATOR_ROLES | {"team_lead", "admin"},
    Capability.HEALTH_NOTES: frozenset({_WORK_ABILITY_ROLE}),
    Capability.WORK_ABILITY: frozenset({_WORK_ABILITY_ROLE}),
    # Set and lifted by a responsible coordinator or a team lead, never by a coach.
    Capability.NON_DISCLOSURE: COORDINATOR_ROLES | {"team_lead"},
}
# With the consent `share_work_ability_summary`, the coordinators working with the client see
# the approved work-ability summary whatever their role (the details stay with the
# work-ability coordinators).
_SHARED_WORK_ABILITY = frozenset({Relation.RESPONSIBLE, Relation.CONSULTATION})


def _capabilities(
    principal: Principal, relations: set[Relation], consents: set[str]
) -> frozenset[Capability]:
    capabilities: set[Capability] = set()
    for relation in relations:
        capabilities |= POLICY[relation]
    for capability, roles in ROLE_REQUIRED.items():
        if not principal.has_role(*roles):
            capabilities.discard(capability)
    if "share_work_ability_summary" in consents and relations & _SHARED_WORK_ABILITY:
        capabilities.add(Capability.WORK_ABILITY_SUMMARY)
    return frozenset(capabilities)


async def relations_of(
    session: AsyncSession, context: AccessContext, client: Client, person: Principal
) -> frozenset[Relation]:
    """How a person relates to the client, for a service asking on their behalf."""
    facts = await repository.relation(session, client.id, person.username)
    relations, _, _ = _relations(person, client, facts, grace_starts(context))
    return frozenset(_for_call(relations, None))


async def consents_in_force(session: AsyncSession, client_id: uuid.UUID) -> set[str]:
    """The purposes of the client's consents in force."""
    return await repository.active_consent_purposes(session, client_id)


def require_reason_of_admin(context: AccessContext) -> None:
    """An administrator reads clients' data only with a stated reason (it is logged)."""
    principal = context.principal
    if principal.has_role("admin") and not principal.has_role("team_lead") and not context.reason:
        raise Unprocessable.field(
            ["header", audit.ACCESS_REASON_HEADER],
            "An administrator states a reason to read a client's data.",
            code="access_reason_required",
        )


def _end_of_day(day: dt.date) -> dt.datetime:
    return helsinki_midnight(day + dt.timedelta(days=1))


async def resolve(
    session: AsyncSession,
    context: AccessContext,
    client_id: uuid.UUID,
    *,
    for_update: bool = False,
    capability: Capability | None = None,
) -> ClientView:
    """The caller's view of the client, or `NotFound` (exactly as for a missing client).

    `capability` names the one capability a call needs, where a relation opens only it."""
    principal = context.principal
    if principal.is_machine:
        raise NotFound(NOT_FOUND, code="client_not_found")
    client = await (
        repository.get_client_for_update(session, client_id)
        if for_update
        else repository.get_client(session, client_id)
    )
    if client is None or client.anonymised_at is not None:
        raise NotFound(NOT_FOUND, code="client_not_found")
    facts = await repository.relation(session, client_id, principal.username)
    relations, grace, last_end = _relations(principal, client, facts, grace_starts(context))
    relations = _for_call(relations, capability)
    if relations == {Relation.ADMIN} and not context.reason:
        raise Unprocessable.field(
            ["header", audit.ACCESS_REASON_HEADER],
            "An administrator states a reason to read a client's data.",
            code="access_reason_required",
        )
    consents = await repository.active_consent_purposes(session, client_id)
    capabilities = _capabilities(principal, relations, consents)
    if not capabilities:
        raise NotFound(NOT_FOUND, code="client_not_found")
    bounded = bool(relations) and relations <= _BOUNDED | {Relation.ADDRESSEE}
    return ClientView(
        client=client,
        relations=frozenset(relations),
        capabilities=capabilities,
        username=principal.username,
        grace_enrolments=frozenset(grace),
        seen_until=_end_of_day(last_end) if last_end else None,
        bounded=bounded,
    )


async def require(
    session: AsyncSession,
    context: AccessContext,
    client_id: uuid.UUID,
    capability: Capability,
    action: str,
    *,
    for_update: bool = False,
) -> ClientView:
    """Resolve, demand one capability and write the access-log entry.

    Unseen → 404. Seen but not allowed → 404 for reads (what may not be read does not
    exist for the caller) and 403 for writes."""
    view = await resolve(session, context, client_id, for_update=for_update, capability=capability)
    if not view.can(capability):
        if for_update:
            raise Forbidden("You may not change this client's data.", code="client_read_only")
        raise NotFound(NOT_FOUND, code="client_not_found")
    await log(session, context, action, [client_id])
    return view


async def readable(
    session: AsyncSession,
    context: AccessContext,
    client_id: uuid.UUID,
    action: str,
    capability: Capability = Capability.PATHWAY,
) -> ClientView:
    """Resolve for reading one field class and write the access-log entry."""
    return await require(session, context, client_id, capability, action)


async def writable(
    session: AsyncSession,
    context: AccessContext,
    client_id: uuid.UUID,
    action: str,
    capability: Capability = Capability.WRITE,
) -> ClientView:
    """Resolve for a change (404 when unseen, 403 when seen but not allowed) and log it."""
    return await require(session, context, client_id, capability, action, for_update=True)


async def log(
    session: AsyncSession, context: AccessContext, action: str, client_ids: Iterable[uuid.UUID]
) -> None:
    await audit.record_access(
        session, access_log, context, action=action, subject_type="client", subject_ids=client_ids
    )


async def access_log_entries(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID, limit: int
) -> list[AccessLogEntryRead]:
    await require(session, context, client_id, Capability.ACCESS_LOG, "read_access_log")
    entries = await audit.entries_for_subject(session, access_log, client_id, limit=limit)
    return [AccessLogEntryRead.model_validate(entry, from_attributes=True) for entry in entries]


def _row(obj: object) -> dict[str, Any]:
    mapper = sa_inspect(obj).mapper
    return {attr.key: getattr(obj, attr.key) for attr in mapper.column_attrs}


async def export(
    session: AsyncSession,
    context: AccessContext,
    client_id: uuid.UUID,
    referrals: DataSubjectApi,
    notifications: DataSubjectApi,
) -> dict[str, Any]:
    """Everything held about the client (a data-subject request), health notes included,
    and what the referrals and notifications services hold (503 when one cannot say:
    nothing is left out)."""
    if context.principal.has_role("admin") and not context.reason:
        raise Unprocessable.field(
            ["header", audit.ACCESS_REASON_HEADER],
            "An export needs a stated reason.",
            code="access_reason_required",
        )
    view = await require(session, context, client_id, Capability.EXPORT, "export")
    client = view.client
    tables = await repository.everything_about(session, client_id)
    entries = await audit.entries_for_subject(session, access_log, client_id, limit=10_000)
    return {
        "client": _row(client),
        **{name: [_row(row) for row in rows] for name, rows in tables.items()},
        "access_log": [AccessLogEntryRead.model_validate(e, from_attributes=True) for e in entries],
        "referrals": await export_section(referrals, context, client_id),
        "notifications": await export_section(notifications, context, client_id),
    }


# ---- consents ------------------------------------------------------------------------
# Recorded here, below every domain that records them (the client record, the referral in,
# the self-registration), because the policy above reads them.


async def record_consents_given(
    session: AsyncSession, client_id: uuid.UUID, purposes: Sequence[str], by: str
) -> None:
    """Consents given with a referral: each not yet in force is recorded, by `by`."""
    in_force = await repository.active_consent_purposes(session, client_id)
    for purpose in dict.fromkeys(purposes):
        if purpose not in in_force:
            add_consent(session, client_id, purpose, by)


def add_consent(session: AsyncSession, client_id: uuid.UUID, purpose: str, by: str) -> Consent:
    consent = Consent(
        id=uuid.uuid4(), client_id=client_id, purpose=purpose, granted_at=utcnow(), granted_by=by
    )
    session.add(consent)
    emit(
        session,
        outbox,
        "consent.granted",
        client_id,
        {
            "client_id": client_id,
            "consent_id": consent.id,
            "purpose": purpose,
            "at": consent.granted_at,
        },
    )
    return consent
