"""The enrolment state machine: registered → contacted → active → ended, or cancelled /
not_reached before the first meeting. Every transition emits the event metrics needs.

The `apply_*` functions hold the rules without the caller's access check, so the history
import and the demo data walk the same path as live work, with their own dates.

Who carried an enrolment when is its responsibility history: every change of coordinators,
service line or state passes through `keep_responsibility`, which ends the segments that no
longer hold and opens the new ones (a segment is never rewritten).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.clients.access import service as access
from services.clients.access.service import Capability
from services.clients.catalogue.repository import all_outcomes
from services.clients.config import ClientsSettings
from services.clients.models import (
    Client,
    ContactAttempt,
    Enrolment,
    EnrolmentCoordinator,
    Meeting,
    OutcomeSuggestion,
    ResponsibilitySegment,
    outbox,
)
from services.clients.pathway import repository
from services.clients.pathway.schemas import (
    ContactCreate,
    ContactRead,
    CoordinatorsChange,
    EnrolmentCreate,
    EnrolmentEnd,
    EnrolmentRead,
    MeetingCreate,
    MeetingRead,
    MeetingUpdate,
    OutcomeSuggestionCreate,
    OutcomeSuggestionRead,
    ReassignmentCreate,
    ReassignmentRead,
    ResponsibilitiesRead,
    ResponsibilityRead,
)
from services.clients.service_periods import repository as service_periods_repository
from services.clients.staff import (
    ROLE_SERVICE_LINES,
    SERVICE_LINE_ROLES,
    StaffDirectory,
    require_coordinator,
    require_staff_member,
    staff_member,
)
from services.common.audit import AccessContext
from services.common.calendar import add_working_days, helsinki_date, helsinki_today, utcnow
from services.common.errors import Conflict, FieldError, Forbidden, NotFound, Unprocessable
from services.common.events import emit

OUTCOMES = {outcome.code: outcome for outcome in all_outcomes()}
BEFORE_START_OUTCOMES = {"cancelled": "cancelled", "not_reached": "not_reached"}
OPEN_STATES = repository.OPEN_STATES
CLOCK_SKEW = dt.timedelta(minutes=5)
MAX_COORDINATORS = 2
# Contacts and meetings are pathway work: whoever may follow the pathway sees them.
CONTACTS_AND_MEETINGS = Capability.PATHWAY


def coordinator_list(enrolment: Enrolment) -> list[dict[str, str]]:
    return [{"username": c.username, "role": c.role} for c in enrolment.coordinators]


def contact_due(settings: ClientsSettings, service_line: str, registered_on: dt.date) -> dt.date:
    return add_working_days(registered_on, settings.contact_due_working_days.get(service_line, 5))


# --- the responsibility history -------------------------------------------------------------

# (username, role, service_line, reason): a segment holds while all four do.
SegmentKey = tuple[str, str, str, str]


def _responsibility_now(enrolment: Enrolment) -> list[SegmentKey]:
    if enrolment.state not in OPEN_STATES:
        return []
    return [(c.username, c.role, enrolment.service_line, c.reason) for c in enrolment.coordinators]


def keep_responsibility(
    session: AsyncSession,
    enrolment: Enrolment,
    open_segments: Sequence[ResponsibilitySegment],
    on: dt.date,
) -> None:
    """The one rule of the responsibility history: make the open segments match the
    enrolment's coordinators, service line and state as they are now. A segment that no
    longer holds ends on `on` (never before it began); what is new opens on `on`."""
    wanted = _responsibility_now(enrolment)
    for segment in open_segments:
        key = (segment.username, segment.role, segment.service_line, segment.reason)
        if key in wanted:
            wanted.remove(key)
        else:
            segment.ends_on = max(on, segment.starts_on)
    for username, role, service_line, reason in wanted:
        session.add(
            ResponsibilitySegment(
                enrolment_id=enrolment.id,
                username=username,
                role=role,
                service_line=service_line,
                reason=reason,
                starts_on=on,
            )
        )


async def record_responsibility(session: AsyncSession, enrolment: Enrolment, on: dt.date) -> None:
    """`keep_responsibility` over the enrolment's stored open segments."""
    keep_responsibility(
        session, enrolment, await repository.open_segments(session, enrolment.id), on
    )


async def restart_responsibility(session: AsyncSession, enrolment: Enrolment) -> None:
    """Imported history corrected: its responsibility starts over from the registration."""
    await repository.delete_segments(session, enrolment.id)
    keep_responsibility(session, enrolment, [], enrolment.registered_on)


def responsibility_reads(segments: Sequence[ResponsibilitySegment]) -> list[ResponsibilityRead]:
    return [ResponsibilityRead.model_validate(segment) for segment in segments]


# --- the rules, shared by live work, the import and the demo -------------------------------


def apply_enrolment(
    session: AsyncSession,
    settings: ClientsSettings,
    client: Client,
    *,
    service_line: str,
    coordinators: Sequence[tuple[str, str]],
    referred_by: str | None,
    registered_on: dt.date,
    source: str,
    created_by: str,
    enrolment_id: uuid.UUID | None = None,
    external_ref: str | None = None,
) -> Enrolment:
    enrolment = Enrolment(
        id=enrolment_id or uuid.uuid4(),
        client_id=client.id,
        service_line=service_line,
        state="registered",
        source=source,
        referred_by=referred_by,
        registered_on=registered_on,
        contact_due=contact_due(settings, service_line, registered_on),
        exit_form_missing=False,
        created_by=created_by,
        external_ref=external_ref,
        coordinators=[
            EnrolmentCoordinator(username=name, role=role, position=i, reason="responsible")
            for i, (name, role) in enumerate(coordinators)
        ],
    )
    session.add(enrolment)
    keep_responsibility(session, enrolment, [], registered_on)
    client.awaiting_triage = False
    emit(
        session,
        outbox,
        "enrolment.registered",
        enrolment.id,
        {
            "enrolment_id": enrolment.id,
            "client_id": client.id,
            "service_line": service_line,
            "coordinators": coordinator_list(enrolment),
            "referred_by": referred_by,
            "registered_on": registered_on,
            "contact_due": enrolment.contact_due,
            "municipality": client.municipality,
            "birth_year": client.birth_year,
            "source": source,
        },
    )
    return enrolment


def _conflict(
    detail: str,
    loc: list[str | int],
    msg: str,
    *,
    code: str,
    params: dict[str, Any] | None = None,
) -> Conflict:
    """A conflict that names the field it is about, under the same code."""
    return Conflict(
        detail, code=code, params=params, errors=[FieldError(loc, msg, code=code, params=params)]
    )


def _not_open(enrolment: Enrolment, loc: list[str | int], detail: str) -> Conflict:
    return _conflict(
        detail,
        loc,
        f"enrolment is {enrolment.state}",
        code="enrolment_not_open",
        params={"state": enrolment.state},
    )


def _require_open(enrolment: Enrolment, loc: list[str | int]) -> None:
    if enrolment.state not in OPEN_STATES:
        raise _not_open(
            enrolment, loc, f"The enrolment is {enrolment.state}; nothing more can be recorded."
        )


def require_not_before_registration(
    enrolment: Enrolment, day: dt.date, loc: list[str | int]
) -> None:
    """Nothing of an enrolment happens before the client registered for it."""
    if day < enrolment.registered_on:
        raise Unprocessable.field(
            loc,
            f"{day.isoformat()} is before the registration on {enrolment.registered_on}.",
            code="date_before_registration",
            params={"registered_on": enrolment.registered_on.isoformat()},
        )


def _not_in_future(moment: dt.datetime, loc: list[str | int]) -> None:
    if moment > utcnow() + CLOCK_SKEW:
        raise Unprocessable.field(loc, "This cannot be in the future.", code="date_in_future")


def mark_contacted(session: AsyncSession, enrolment: Enrolment, on: dt.date, channel: str) -> None:
    enrolment.first_contact_on = on
    if enrolment.state == "registered":
        enrolment.state = "contacted"
    emit(
        session,
        outbox,
        "enrolment.contacted",
        enrolment.id,
        {"enrolment_id": enrolment.id, "first_contact_on": on, "channel": channel},
    )


def apply_contact(
    session: AsyncSession,
    enrolment: Enrolment,
    *,
    channel: str,
    reached: bool,
    at: dt.datetime,
    recorded_by: str,
    comment: str | None = None,
) -> ContactAttempt:
    _require_open(enrolment, ["body", "at"])
    _not_in_future(at, ["body", "at"])
    require_not_before_registration(enrolment, helsinki_date(at), ["body", "at"])
    attempt = ContactAttempt(
        enrolment_id=enrolment.id,
        channel=channel,
        reached=reached,
        at=at,
        recorded_by=recorded_by,
        comment=comment,
    )
    session.add(attempt)
    if reached and enrolment.first_contact_on is None:
        mark_contacted(session, enrolment, helsinki_date(at), channel)
    return attempt


def mark_first_meeting(session: AsyncSession, enrolment: Enrolment, on: dt.date) -> None:
    enrolment.first_meeting_on = on
    enrolment.state = "active"
    emit(
        session,
        outbox,
        "enrolment.first_meeting_held",
        enrolment.id,
        {"enrolment_id": enrolment.id, "first_meeting_on": on},
    )


def _meeting_status_rules(enrolment: Enrolment, status: str, at: dt.datetime) -> None:
    if status in ("held", "no_show"):
        _not_in_future(at, ["body", "at"])
    if status == "held" and enrolment.state == "registered":
        raise _conflict(
            "Record a reached contact before the first meeting is held.",
            ["body", "status"],
            "the client has not been contacted yet",
            code="not_contacted_yet",
        )


def _meeting_times(at: dt.datetime, ends_at: dt.datetime | None) -> None:
    if ends_at is not None and ends_at <= at:
        raise Unprocessable.field(
            ["body", "ends_at"], "The meeting must end after it starts.", code="ends_before_start"
        )


def _after_meeting_change(session: AsyncSession, enrolment: Enrolment, meeting: Meeting) -> None:
    if meeting.status == "held" and enrolment.first_meeting_on is None:
        mark_first_meeting(session, enrolment, helsinki_date(meeting.at))
    emit(
        session,
        outbox,
        "meeting.recorded",
        meeting.id,
        {
            "meeting_id": meeting.id,
            "enrolment_id": enrolment.id,
            "kind": meeting.kind,
            "status": meeting.status,
            "on": helsinki_date(meeting.at),
            # Staff usernames only: whom the notifications service asks for the invitations.
            "participants": list(meeting.participants),
            "recorded_by": meeting.recorded_by,
        },
    )


def responsible_usernames(enrolment: Enrolment) -> list[str]:
    return [c.username for c in enrolment.coordinators if c.reason == "responsible"]


def apply_meeting(
    session: AsyncSession,
    enrolment: Enrolment,
    *,
    kind: str,
    at: dt.datetime,
    status: str,
    recorded_by: str,
    place: str | None = None,
    channel: str | None = None,
    meeting_id: uuid.UUID | None = None,
    ends_at: dt.datetime | None = None,
    remote_link: str | None = None,
    participants: Sequence[str] | None = None,
    referral_id: uuid.UUID | None = None,
    service_period_id: uuid.UUID | None = None,
    text_reminder_confirmed: bool = False,
) -> Meeting:
    """A meeting; `participants` default to the enrolment's responsible coordinators."""
    _require_open(enrolment, ["body", "status"])
    require_not_before_registration(enrolment, helsinki_date(at), ["body", "at"])
    _meeting_times(at, ends_at)
    _meeting_status_rules(enrolment, status, at)
    meeting = Meeting(
        id=meeting_id or uuid.uuid4(),
        enrolment_id=enrolment.id,
        kind=kind,
        at=at,
        status=status,
        place=place,
        channel=channel,
        recorded_by=recorded_by,
        ends_at=ends_at,
        remote_link=remote_link,
        participants=list(
            dict.fromkeys(
                participants if participants is not None else responsible_usernames(enrolment)
            )
        ),
        referral_id=referral_id,
        service_period_id=service_period_id,
        text_reminder_confirmed=text_reminder_confirmed,
    )
    session.add(meeting)
    _after_meeting_change(session, enrolment, meeting)
    return meeting


def validate_end(enrolment: Enrolment, outcome_code: str, ended_on: dt.date) -> None:
    outcome = OUTCOMES.get(outcome_code)
    if outcome is None:
        raise Unprocessable.field(
            ["body", "outcome"],
            f"'{outcome_code}' is not an outcome code of the catalogue.",
            code="unknown_outcome",
            params={"outcome": outcome_code},
        )
    if enrolment.state in ("cancelled", "not_reached"):
        raise _not_open(
            enrolment, ["body", "outcome"], f"The enrolment is already closed as {enrolment.state}."
        )
    started = enrolment.first_meeting_on is not None
    if not started and outcome_code not in BEFORE_START_OUTCOMES:
        raise Unprocessable.field(
            ["body", "outcome"],
            "The enrolment never started (no first meeting): it can only end as "
            "'cancelled' or 'not_reached'.",
            code="outcome_needs_first_meeting",
        )
    if started and outcome_code in BEFORE_START_OUTCOMES:
        raise Unprocessable.field(
            ["body", "outcome"],
            f"'{outcome_code}' is only for enrolments that end before the first meeting.",
            code="outcome_only_before_first_meeting",
        )
    require_not_before_registration(enrolment, ended_on, ["body", "ended_on"])
    if enrolment.first_meeting_on and ended_on < enrolment.first_meeting_on:
        raise Unprocessable.field(
            ["body", "ended_on"],
            "The end is before the first meeting.",
            code="end_before_first_meeting",
            params={"first_meeting_on": enrolment.first_meeting_on.isoformat()},
        )
    if ended_on > helsinki_today():
        raise Unprocessable.field(
            ["body", "ended_on"], "The end cannot be in the future.", code="date_in_future"
        )


async def apply_end(
    session: AsyncSession,
    client: Client,
    enrolment: Enrolment,
    *,
    outcome: str,
    ended_on: dt.date,
    exit_status: str | None,
    qualification_gained: bool | None,
    ended_by: str,
) -> None:
    """End (or correct the end of) an enrolment; a correction emits `enrolment.ended` again.

    The responsibility of those on it ends with it; a corrected end date moves that end."""
    validate_end(enrolment, outcome, ended_on)
    earlier_end = enrolment.ended_on if enrolment.state not in OPEN_STATES else None
    ending_keys = {
        (c.username, c.role, enrolment.service_line, c.reason) for c in enrolment.coordinators
    }
    exit_form = exit_status is not None and qualification_gained is not None
    enrolment.state = BEFORE_START_OUTCOMES.get(outcome, "ended")
    enrolment.outcome = outcome
    enrolment.ended_on = ended_on
    enrolment.exit_status = exit_status
    enrolment.qualification_gained = qualification_gained
    enrolment.exit_form_missing = OUTCOMES[outcome].exit_form and not exit_form
    enrolment.ended_by = ended_by
    # A hand-off still open when the enrolment ends has nothing left to hand over.
    enrolment.handoff_referral_id = enrolment.handoff_started_on = None
    if earlier_end is None:
        await record_responsibility(session, enrolment, ended_on)
    elif earlier_end != ended_on:
        for segment in await repository.segments_ended_on(session, enrolment.id, earlier_end):
            key = (segment.username, segment.role, segment.service_line, segment.reason)
            if key in ending_keys:
                segment.ends_on = max(ended_on, segment.starts_on)
    named = {c.username: c.role for c in enrolment.coordinators}
    coordinator = ended_by if ended_by in named else next(iter(named), None)
    emit(
        session,
        outbox,
        "enrolment.ended",
        enrolment.id,
        {
            "enrolment_id": enrolment.id,
            "client_id": client.id,
            # The line at the end: an open hand-off never changed it.
            "service_line": enrolment.service_line,
            "outcome": outcome,
            "ended_on": ended_on,
            "coordinator": coordinator,
            "coordinator_role": named.get(coordinator) if coordinator else None,
            "exit_form": exit_form,
            "municipality": client.municipality,
            "birth_year": client.birth_year,
        },
    )


# --- the API ------------------------------------------------------------------------------


async def enrolment_reads(
    session: AsyncSession, enrolments: Sequence[Enrolment]
) -> list[EnrolmentRead]:
    suggestions = await repository.suggestions_for(session, [e.id for e in enrolments])
    reads = []
    for enrolment in enrolments:
        read = EnrolmentRead.model_validate(enrolment)
        read.outcome_suggestions = [
            OutcomeSuggestionRead.model_validate(s)
            for s in suggestions
            if s.enrolment_id == enrolment.id
        ]
        reads.append(read)
    return reads


async def _one_read(session: AsyncSession, enrolment: Enrolment) -> EnrolmentRead:
    return (await enrolment_reads(session, [enrolment]))[0]


async def _enrolment_of(
    session: AsyncSession, client_id: uuid.UUID, enrolment_id: uuid.UUID, *, for_update: bool
) -> Enrolment:
    enrolment = await repository.get_enrolment(session, enrolment_id, for_update=for_update)
    if enrolment is None or enrolment.client_id != client_id:
        raise NotFound("No such enrolment.")
    return enrolment


async def _enrolment_seen(
    session: AsyncSession, view: access.ClientView, enrolment_id: uuid.UUID
) -> Enrolment:
    if not view.sees_enrolment(enrolment_id):
        raise NotFound("No such enrolment.")
    return await _enrolment_of(session, view.client.id, enrolment_id, for_update=False)


async def enrol(
    session: AsyncSession,
    context: AccessContext,
    settings: ClientsSettings,
    directory: StaffDirectory,
    client_id: uuid.UUID,
    data: EnrolmentCreate,
) -> EnrolmentRead:
    view = await access.writable(session, context, client_id, "enrol", Capability.ENROL)
    client = view.client
    registered_on = data.registered_on or helsinki_today()
    if registered_on > helsinki_today():
        raise Unprocessable.field(
            ["body", "registered_on"],
            "Registration cannot be in the future.",
            code="date_in_future",
        )
    role = SERVICE_LINE_ROLES[data.service_line]
    await require_coordinator(directory, data.coordinator, role, ["body", "coordinator"])
    principal = context.principal
    # A coach's enrolment is their referral of the client: they are its referrer.
    referred_by = data.referred_by or (principal.username if principal.has_role("coach") else None)
    if data.referred_by:
        await require_staff_member(directory, data.referred_by, ["body", "referred_by"])
    if await repository.open_enrolment_on_line(session, client.id, data.service_line):
        raise _conflict(
            f"The client already has an open {data.service_line} enrolment.",
            ["body", "service_line"],
            "an open enrolment exists",
            code="open_enrolment_exists",
            params={"service_line": data.service_line},
        )
    source = "coach" if referred_by else ("self" if client.awaiting_triage else "coordinator")
    await access.record_consents_given(session, client.id, data.consents, principal.username)
    enrolment = apply_enrolment(
        session,
        settings,
        client,
        service_line=data.service_line,
        coordinators=[(data.coordinator, role)],
        referred_by=referred_by,
        registered_on=registered_on,
        source=source,
        created_by=principal.username,
    )
    await session.flush()
    return await _one_read(session, enrolment)


async def list_enrolments(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID
) -> list[EnrolmentRead]:
    view = await access.readable(
        session, context, client_id, "read_enrolments", Capability.ENROLMENTS
    )
    enrolments = await repository.enrolments_of(session, client_id)
    return await enrolment_reads(session, [e for e in enrolments if view.sees_enrolment(e.id)])


async def read_enrolment(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID, enrolment_id: uuid.UUID
) -> EnrolmentRead:
    view = await access.readable(
        session, context, client_id, "read_enrolment", Capability.ENROLMENTS
    )
    return await _one_read(session, await _enrolment_seen(session, view, enrolment_id))


async def list_responsibilities(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID, enrolment_id: uuid.UUID
) -> ResponsibilitiesRead:
    view = await access.readable(
        session, context, client_id, "read_responsibilities", Capability.ENROLMENTS
    )
    enrolment = await _enrolment_seen(session, view, enrolment_id)
    segments = await repository.segments_of(session, [enrolment.id])
    return ResponsibilitiesRead(items=responsibility_reads(segments))


async def record_contact(
    session: AsyncSession,
    context: AccessContext,
    client_id: uuid.UUID,
    enrolment_id: uuid.UUID,
    data: ContactCreate,
) -> ContactRead:
    await access.writable(session, context, client_id, "record_contact")
    enrolment = await _enrolment_of(session, client_id, enrolment_id, for_update=True)
    attempt = apply_contact(
        session,
        enrolment,
        channel=data.channel,
        reached=data.reached,
        at=data.at,
        recorded_by=context.principal.username,
        comment=data.comment,
    )
    await session.flush()
    return ContactRead.model_validate(attempt)


async def list_contacts(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID, enrolment_id: uuid.UUID
) -> list[ContactRead]:
    view = await access.readable(
        session, context, client_id, "read_contacts", CONTACTS_AND_MEETINGS
    )
    await _enrolment_seen(session, view, enrolment_id)
    return await contacts_seen(session, view, enrolment_id) or []


async def contacts_seen(
    session: AsyncSession, view: access.ClientView, enrolment_id: uuid.UUID
) -> list[ContactRead] | None:
    """An enrolment's contacts as the view may see them; None (not theirs to see) without
    the capability."""
    if not view.can(CONTACTS_AND_MEETINGS):
        return None
    return [
        ContactRead.model_validate(c) for c in await repository.contacts_of(session, enrolment_id)
    ]


async def _require_participants(directory: StaffDirectory, usernames: Sequence[str]) -> None:
    for position, username in enumerate(usernames):
        await require_staff_member(directory, username, ["body", "participants", position])


async def _require_period_of(
    session: AsyncSession, client_id: uuid.UUID, period_id: uuid.UUID
) -> None:
    """A follow-up visit belongs to one of the same client's periods (422 otherwise)."""
    if await service_periods_repository.get_period(session, client_id, period_id) is None:
        raise Unprocessable.field(
            ["body", "service_period_id"],
            "No such active-service period of this client.",
            code="service_period_not_found",
        )


async def record_meeting(
    session: AsyncSession,
    context: AccessContext,
    directory: StaffDirectory,
    client_id: uuid.UUID,
    enrolment_id: uuid.UUID,
    data: MeetingCreate,
) -> MeetingRead:
    await access.writable(session, context, client_id, "record_meeting")
    enrolment = await _enrolment_of(session, client_id, enrolment_id, for_update=True)
    if data.participants is not None:
        # Any active staff member may take part: a tripartite meeting names the hand-off's
        # receiver before they are on the enrolment.
        await _require_participants(directory, data.participants)
    if data.service_period_id is not None:
        await _require_period_of(session, client_id, data.service_period_id)
    meeting = apply_meeting(
        session,
        enrolment,
        kind=data.kind,
        at=data.at,
        status=data.status,
        place=data.place,
        channel=data.channel,
        recorded_by=context.principal.username,
        ends_at=data.ends_at,
        remote_link=data.remote_link,
        participants=data.participants,
        referral_id=data.referral_id,
        service_period_id=data.service_period_id,
        text_reminder_confirmed=bool(data.text_reminder_confirmed),
    )
    await session.flush()
    return MeetingRead.model_validate(meeting)


def _meeting_not_scheduled(meeting: Meeting, field: str) -> Conflict:
    # Once held, missed or cancelled, a meeting's time and status stay as recorded; where it
    # was and who took part may still be corrected.
    return _conflict(
        f"The meeting is {meeting.status}: only a scheduled meeting can be moved or marked.",
        ["body", field],
        f"meeting is {meeting.status}",
        code="meeting_not_scheduled",
        params={"status": meeting.status},
    )


async def update_meeting(
    session: AsyncSession,
    context: AccessContext,
    directory: StaffDirectory,
    client_id: uuid.UUID,
    enrolment_id: uuid.UUID,
    meeting_id: uuid.UUID,
    data: MeetingUpdate,
) -> MeetingRead:
    await access.writable(session, context, client_id, "update_meeting")
    enrolment = await _enrolment_of(session, client_id, enrolment_id, for_update=True)
    meeting = await repository.get_meeting(session, meeting_id)
    if meeting is None or meeting.enrolment_id != enrolment.id:
        raise NotFound("No such meeting.")
    _require_open(enrolment, ["body", "status"])
    fields = data.model_fields_set
    moves = [
        name
        for name, value in (("status", data.status), ("at", data.at))
        if value is not None and value != getattr(meeting, name)
    ]
    if "ends_at" in fields and data.ends_at != meeting.ends_at:
        moves.append("ends_at")
    if moves and meeting.status != "scheduled":
        raise _meeting_not_scheduled(meeting, moves[0])
    status = data.status or meeting.status
    at = data.at or meeting.at
    ends_at = meeting.ends_at
    if "ends_at" in fields:
        ends_at = data.ends_at
    elif ends_at is not None and at != meeting.at:
        # A moved meeting keeps its length unless a new end is given.
        ends_at = ends_at + (at - meeting.at)
    require_not_before_registration(enrolment, helsinki_date(at), ["body", "at"])
    _meeting_times(at, ends_at)
    _meeting_status_rules(enrolment, status, at)
    if data.participants is not None:
        await _require_participants(directory, data.participants)
    meeting.status, meeting.at, meeting.ends_at = status, at, ends_at
    if "place" in fields:
        meeting.place = data.place
    if "remote_link" in fields:
        meeting.remote_link = data.remote_link
    if data.participants is not None:
        meeting.participants = list(dict.fromkeys(data.participants))
    if data.text_reminder_confirmed is not None:
        meeting.text_reminder_confirmed = data.text_reminder_confirmed
    _after_meeting_change(session, enrolment, meeting)
    await session.flush()
    return MeetingRead.model_validate(meeting)


async def list_meetings(
    session: AsyncSession, context: AccessContext, client_id: uuid.UUID, enrolment_id: uuid.UUID
) -> list[MeetingRead]:
    view = await access.readable(
        session, context, client_id, "read_meetings", CONTACTS_AND_MEETINGS
    )
    await _enrolment_seen(session, view, enrolment_id)
    return await meetings_seen(session, view, enrolment_id) or []


async def meetings_seen(
    session: AsyncSession, view: access.ClientView, enrolment_id: uuid.UUID
) -> list[MeetingRead] | None:
    """An enrolment's meetings as the view may see them; None (not theirs to see) without
    the capability."""
    if not view.can(CONTACTS_AND_MEETINGS):
        return None
    return [
        MeetingRead.model_validate(m) for m in await repository.meetings_of(session, enrolment_id)
    ]


async def end_enrolment(
    session: AsyncSession,
    context: AccessContext,
    client_id: uuid.UUID,
    enrolment_id: uuid.UUID,
    data: EnrolmentEnd,
) -> EnrolmentRead:
    view = await access.resolve(session, context, client_id, for_update=True)
    enrolment = await _enrolment_of(session, client_id, enrolment_id, for_update=True)
    # Ending an open enrolment is pathway work; correcting the end afterwards is for the
    # enrolment's own coordinators during their grace period.
    correcting = enrolment.state not in OPEN_STATES
    allowed = (
        view.can(Capability.GRACE_WRITE) and enrolment.id in view.grace_enrolments
        if correcting
        else view.can(Capability.WRITE) and view.sees_enrolment(enrolment.id)
    )
    if not allowed:
        if not view.sees_enrolment(enrolment.id):
            raise NotFound("No such enrolment.")
        raise Forbidden("You may not change this client's data.")
    await access.log(session, context, "end_enrolment", [client_id])
    await apply_end(
        session,
        view.client,
        enrolment,
        outcome=data.outcome,
        ended_on=data.ended_on,
        exit_status=data.exit_status,
        qualification_gained=data.qualification_gained,
        ended_by=context.principal.username,
    )
    await session.flush()
    return await _one_read(session, enrolment)


# --- changes of coordinators: the referrals service's effects and reassignment -------------


def _referral_id_of(data: CoordinatorsChange) -> uuid.UUID | None:
    if data.referral_id:
        return data.referral_id
    try:
        return uuid.UUID(data.effect_key[:36])
    except ValueError:
        return None


def _set_coordinators(
    enrolment: Enrolment, named: Sequence[tuple[str, str]], reasons: dict[str, str]
) -> None:
    # Changed in place: a row removed and re-added under the same key in one flush collides.
    wanted = {name: (position, role) for position, (name, role) in enumerate(named)}
    for row in list(enrolment.coordinators):
        if row.username not in wanted:
            enrolment.coordinators.remove(row)
        else:
            row.position, row.role = wanted.pop(row.username)
            row.reason = reasons.get(row.username, row.reason)
    for name, (position, role) in wanted.items():
        enrolment.coordinators.append(
            EnrolmentCoordinator(
                username=name,
                role=role,
                position=position,
                reason=reasons.get(name, "responsible"),
            )
        )
    enrolment.coordinators.sort(key=lambda row: row.position)


def _not_a_coordinator(username: str | None, loc: list[str | int]) -> Unprocessable:
    return Unprocessable.field(
        loc,
        f"{username or 'from_user'} is not a coordinator of this enrolment.",
        code="not_enrolment_coordinator",
        params={"username": username or ""},
    )


async def _apply_coordinators(
    session: AsyncSession,
    enrolment: Enrolment,
    named: Sequence[tuple[str, str]],
    reasons: dict[str, str],
    *,
    reason: str,
    referral_id: uuid.UUID | None,
) -> None:
    """Every change of coordinators ends here: the rows, the hand-off, the responsibility
    history and the event."""
    named = list(dict(named).items())
    if not named:
        raise Conflict(
            "An enrolment keeps at least one responsible coordinator.",
            code="last_coordinator",
        )
    if len(named) > MAX_COORDINATORS:
        raise _conflict(
            "An enrolment has at most two responsible coordinators.",
            ["body", "to_user"],
            "two coordinators already",
            code="too_many_coordinators",
            params={"max": MAX_COORDINATORS},
        )
    if len(named) < MAX_COORDINATORS:
        # A hand-off is the two of them together: with one left it is over.
        enrolment.handoff_referral_id = enrolment.handoff_started_on = None
    _set_coordinators(enrolment, named, reasons)
    await session.flush()
    today = helsinki_today()
    await record_responsibility(session, enrolment, today)
    emit(
        session,
        outbox,
        "enrolment.coordinators_changed",
        enrolment.id,
        {
            "enrolment_id": enrolment.id,
            "service_line": enrolment.service_line,
            "coordinators": coordinator_list(enrolment),
            "changed_on": today,
            "reason": reason,
            "referral_id": referral_id,
        },
    )


async def change_coordinators(
    session: AsyncSession,
    directory: StaffDirectory,
    enrolment_id: uuid.UUID,
    data: CoordinatorsChange,
) -> dict[str, Any]:
    earlier = await repository.applied_effect(session, data.effect_key)
    if earlier is not None:
        return earlier
    enrolment = await repository.get_enrolment(session, enrolment_id, for_update=True)
    if enrolment is None:
        raise NotFound("No such enrolment.")
    if data.action == "handoff_complete" and enrolment.state not in OPEN_STATES:
        # Ended while the hand-off was open: nothing is left to hand over, and the referral
        # may still complete.
        return await _remember(session, data, enrolment)
    _require_open(enrolment, ["body", "action"])
    await require_coordinator(directory, data.to_user, data.to_role, ["body", "to_user"])
    named = [(c.username, c.role) for c in enrolment.coordinators]
    names = {name for name, _ in named}
    referral_id = _referral_id_of(data)
    reasons: dict[str, str] = {}
    if data.action in ("transfer", "handoff_start") and data.from_user not in names:
        raise _not_a_coordinator(data.from_user, ["body", "from_user"])
    if data.action == "transfer":
        named = [
            (data.to_user, data.to_role) if name == data.from_user else (name, role)
            for name, role in named
        ]
        enrolment.service_line = ROLE_SERVICE_LINES[data.to_role]
        reason = "transfer"
        # The receiver of a transfer is responsible whatever the sender was.
        reasons = {data.to_user: "responsible"}
    elif data.action == "handoff_start":
        open_referral = enrolment.handoff_referral_id
        if enrolment.handoff_started_on is not None and open_referral != referral_id:
            raise Conflict(
                "A hand-off is already open on this enrolment.",
                code="handoff_already_open",
                params={"referral_id": str(open_referral) if open_referral else None},
            )
        # The receiver is responsible beside the sender; the line stays the sender's.
        if data.to_user not in names:
            named.append((data.to_user, data.to_role))
        reasons = {data.to_user: "responsible"}
        enrolment.handoff_referral_id = referral_id
        enrolment.handoff_started_on = enrolment.handoff_started_on or helsinki_today()
        reason = "handoff_start"
    elif data.action == "handoff_complete":
        named = [(name, role) for name, role in named if name != data.from_user]
        if data.to_user not in {name for name, _ in named}:
            named.append((data.to_user, data.to_role))
        enrolment.service_line = ROLE_SERVICE_LINES[data.to_role]
        enrolment.handoff_referral_id = enrolment.handoff_started_on = None
        reasons = {data.to_user: "responsible"}
        # Counted as a transfer: it takes effect now.
        reason = "transfer"
    elif data.action == "add":
        if data.to_user not in names:
            named.append((data.to_user, data.to_role))
        reason = "consultation_start"
        reasons = {data.to_user: data.reason or "consultation"}
    else:
        handoff_open = enrolment.handoff_started_on is not None
        named = [(name, role) for name, role in named if name != data.to_user]
        reason = "handoff_cancelled" if handoff_open else "consultation_end"
        # The one who stays is responsible from now on, whoever started the consultation.
        reasons = {name: "responsible" for name, _ in named}
    await _apply_coordinators(
        session, enrolment, named, reasons, reason=reason, referral_id=referral_id
    )
    return await _remember(session, data, enrolment)


async def _remember(
    session: AsyncSession, data: CoordinatorsChange, enrolment: Enrolment
) -> dict[str, Any]:
    result = (await _one_read(session, enrolment)).model_dump(mode="json")
    repository.remember_effect(session, data.effect_key, result)
    return result


async def _coordinator_role(
    directory: StaffDirectory, username: str, service_line: str, loc: list[str | int]
) -> str:
    """The coordinator role `username` holds, the enrolment's own line's first."""
    line_role = SERVICE_LINE_ROLES[service_line]
    await require_staff_member(directory, username, loc)
    member = await staff_member(directory, username)
    for role in (line_role, *ROLE_SERVICE_LINES):
        if member is not None and member.has_role(role):
            return role
    raise Unprocessable.field(
        loc,
        f"'{username}' is not a coordinator.",
        code="staff_member_lacks_role",
        params={"username": username, "role": line_role},
    )


async def reassign(
    session: AsyncSession,
    context: AccessContext,
    directory: StaffDirectory,
    data: ReassignmentCreate,
) -> ReassignmentRead:
    """A team lead moves an absent coordinator's open enrolments to another coordinator:
    the same change as any other, recorded as responsibility segments (reason `manual`)."""
    principal = context.principal
    if principal.is_machine or not principal.has_role("team_lead"):
        raise Forbidden("Only a team lead moves a coordinator's clients.", code="team_lead_only")
    if data.from_user == data.to_user:
        raise Unprocessable.field(
            ["body", "to_user"], "Choose someone else to move the clients to.", code="same_person"
        )
    enrolments = await repository.open_enrolments_of_coordinator(
        session, data.from_user, data.enrolment_ids
    )
    if data.enrolment_ids is not None:
        found = {e.id for e in enrolments}
        for position, enrolment_id in enumerate(data.enrolment_ids):
            if enrolment_id not in found:
                raise Unprocessable.field(
                    ["body", "enrolment_ids", position],
                    f"{data.from_user} has no open enrolment {enrolment_id}.",
                    code="not_enrolment_coordinator",
                    params={"username": data.from_user},
                )
    moved = []
    for enrolment in enrolments:
        role = await _coordinator_role(
            directory, data.to_user, enrolment.service_line, ["body", "to_user"]
        )
        leaving = next(c for c in enrolment.coordinators if c.username == data.from_user)
        reasons = {data.to_user: leaving.reason}
        if data.to_user in {c.username for c in enrolment.coordinators}:
            # Already on it (a consultation partner, a hand-off's other side): they stay,
            # and carry the enrolment as the one who leaves did.
            reasons[data.to_user] = "responsible"
        named = [
            (data.to_user, role) if c.username == data.from_user else (c.username, c.role)
            for c in enrolment.coordinators
        ]
        # The line follows the one who carried it (not a consultation partner, nor the
        # receiver of an open hand-off, whose line applies only when it completes).
        if leaving.reason == "responsible" and leaving.role == SERVICE_LINE_ROLES.get(
            enrolment.service_line
        ):
            enrolment.service_line = ROLE_SERVICE_LINES[role]
        await _apply_coordinators(
            session, enrolment, named, reasons, reason="manual", referral_id=None
        )
        await access.log(session, context, "reassign", [enrolment.client_id])
        moved.append(enrolment.id)
    return ReassignmentRead(moved=moved)


async def suggest_outcome(
    session: AsyncSession, enrolment_id: uuid.UUID, data: OutcomeSuggestionCreate
) -> None:
    if await repository.suggestion_by_key(session, data.effect_key):
        return
    if data.outcome not in OUTCOMES:
        raise Unprocessable.field(
            ["body", "outcome"],
            f"'{data.outcome}' is not an outcome code.",
            code="unknown_outcome",
            params={"outcome": data.outcome},
        )
    if await repository.get_enrolment(session, enrolment_id) is None:
        raise NotFound("No such enrolment.")
    session.add(
        OutcomeSuggestion(
            enrolment_id=enrolment_id,
            effect_key=data.effect_key,
            outcome=data.outcome,
            note=data.note,
            suggested_at=utcnow(),
        )
    )
