"""Issue 11, acceptance 1: the authorisation matrix (and issue 14: the notifications).

Rows: every operation of the four services that takes a client or an object of one, found in
their OpenAPI documents (a new one fails `test_the_table_covers_every_client_bearing_operation`
until the table below says what each relation may do with it). Columns: every relation the
policy names, plus none, each staff role and both machine clients. Each relation gets a world
of its own built through the public API (worlds.py); the expected answer of every cell comes
from the tables here, written from the policy text, never from the code under test.

A cell is allowed (the operation's success status; a few 404/409/422 answers that are about
the data, not about access, are named per cell), hidden (404, with the same problem `title`
and `code` as a random id) or forbidden (403). Where the policy leaves two answers open a
cell accepts both (see AMBIGUOUS).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from tests.authz import worlds
from tests.authz.operations import (
    ALL_OPS,
    EMPTY,
    OP_IDS,
    OPERATIONS,
    TABLED_ELSEWHERE,
    TOLD,
    Op,
    client_bearing,
)
from tests.authz.worlds import PHONE, REASON, Stack, World

F = frozenset
HIDDEN = F({404})
FORBIDDEN = F({403})
DENIED_READ = F({403, 404})  # the policy says "no …" without naming the status
MACHINE = F({401, 403, 404})
REF_DENIED = F({403, 409})  # a party to the referral asking for what is not theirs (or not now)

READS = F(
    {
        "client.read",
        "overview.read",
        "consents.list",
        "enrolments.list",
        "enrolment.read",
        "responsibilities.list",
        "contacts.list",
        "meetings.list",
        "notes.list",
        "assessments.list",
        "service_needs.list",
        "plan.read",
        "roadmap.read",
        "roadmap.client_version",
        "functional.list",
        "work_supports.list",
        "summary.read",
        "feedback.list",
        "status.list",
        "referrals.list",
        "clients.search",
    }
)
WRITES = F(
    {
        "client.update",
        "consents.grant",
        "consent.withdraw",
        "enrolments.create",
        "contacts.create",
        "meetings.create",
        "meeting.update",
        "enrolment.end",
        "notes.create",
        "assessments.create",
        "service_needs.create",
        "plan.write",
        "roadmap.write",
        "functional.create",
        "work_supports.write",
        "work_supports.approve",
        "feedback.create",
        "status.create",
        "referrals.create",
    }
)
# Health data of the work-ability method: only a work-ability coordinator working with the
# client (`Relation.work_ability`) reads or writes them, whatever else the relation allows.
WORK_ABILITY_DETAILS = F(
    {
        "roadmap.client_version",
        "roadmap.write",
        "functional.list",
        "functional.create",
        "work_supports.list",
        "work_supports.write",
        "work_supports.approve",
    }
)
OWN_NOTE = F({"note.correct"})
NON_DISCLOSURE = F({"client.non_disclosure", "client.nd_without_reason"})
ACCESS_LOG = F({"access_log.read"})
EXPORT = F({"export.read", "export.no_reason"})
REFERRAL_OPS = F(
    {
        "referral.read",
        "referral.accept",
        "referral.decline",
        "referral.complete",
        "referral.cancel",
        "referral.stage",
    }
)

# The caller's part in the world's referral → (allowed, overrides).
# The world's referral is a transfer, consultation or external one: whoever sees it is told
# that only a job referral has a stage (about the data, 422); it stays hidden from the rest.
NO_STAGE = {"referral.stage": F({422})}

REFERRAL_PARTS: dict[str, tuple[frozenset[str], dict[str, frozenset[int]]]] = {
    # an external referral: its sender answers for the partner; complete needs `accepted`
    "external_sender": (
        F({"referral.read", "referral.accept", "referral.decline", "referral.cancel"}),
        {"referral.complete": F({409}), **NO_STAGE},
    ),
    "open_addressee": (
        F({"referral.read", "referral.accept", "referral.decline"}),
        {"referral.cancel": REF_DENIED, "referral.complete": REF_DENIED, **NO_STAGE},
    ),
    "accepted_addressee_consultation": (
        F({"referral.read", "referral.complete"}),
        {
            **{op: REF_DENIED for op in ("referral.accept", "referral.decline", "referral.cancel")},
            **NO_STAGE,
        },
    ),
    "accepted_addressee_transfer": (
        F({"referral.read"}),
        {
            **{op: REF_DENIED for op in ("referral.accept", "referral.decline", "referral.cancel")},
            "referral.complete": F({200, 403, 409}),
            **NO_STAGE,
        },
    ),
    "closed_party": (
        F({"referral.read"}),
        {**{op: REF_DENIED for op in REFERRAL_OPS - {"referral.read"}}, **NO_STAGE},
    ),
    "lead": (
        F({"referral.read"}),
        {**{op: FORBIDDEN for op in REFERRAL_OPS - {"referral.read"}}, **NO_STAGE},
    ),
    # "pathway data like a team lead": whether a referral is pathway data is not said
    "admin": (
        F(),
        {
            "referral.read": F({200, 404}),
            **{op: F({403, 404}) for op in REFERRAL_OPS - {"referral.read"}},
            "referral.stage": F({404, 422}),
        },
    ),
    "admin_without_reason": (
        F(),
        {
            "referral.read": F({404, 422}),
            **{op: F({403, 404, 422}) for op in REFERRAL_OPS - {"referral.read"}},
            "referral.stage": F({404, 422}),
        },
    ),
    "none": (F(), {}),
}


@dataclass(frozen=True)
class Relation:
    caller: str
    world: Callable[[Stack], Awaitable[World]]
    sees: bool  # the client at all
    allowed: frozenset[str] = F()
    referral: str = "none"
    overrides: Mapping[str, frozenset[int]] = field(default_factory=dict)
    denied_read: frozenset[int] = DENIED_READ
    denied_write: frozenset[int] = FORBIDDEN
    reason: bool = False  # every request states X-Access-Reason
    health_notes: bool = False  # GET …/notes includes the health notes
    health_summary: bool = False  # GET /referrals/{id} includes the summary's health parts
    identity: str | None = "full"  # GET the client: the identity code full / masked
    contact: str | None = "shown"  # … and the contact details shown / hidden
    # a work-ability coordinator working with the client: the roadmap's stages, the measures
    # and the means to support work
    work_ability: bool = False
    # works with the client, and the consent share_work_ability_summary stands: the summary
    summary: bool = False
    # told of the client in a notification (listed, counted, opened, dismissed); by default
    # whoever sees the client (need-to-know as the client's record decides it)
    told: bool | None = None

    @property
    def is_told(self) -> bool:
        return self.sees if self.told is None else self.told


def _w(builder: Callable[..., Awaitable[World]], **options: Any) -> Callable[[Stack], Any]:
    return functools.partial(builder, **options)


STANDARD = _w(worlds.enrolled)
ENDED_3 = _w(worlds.enrolled, ended_days_ago=3)
ENDED_20 = _w(worlds.enrolled, ended_days_ago=20)
GRACE_3 = _w(worlds.enrolled, ended_days_ago=3, next_enrolment=True)
GRACE_20 = _w(worlds.enrolled, ended_days_ago=20, next_enrolment=True, exit_data=False)
TRANSFER = _w(worlds.referred, kind="transfer", to_user="wac2")

EVERYTHING = READS | WRITES | NON_DISCLOSURE
COACH_PATHWAY_STATE = F(
    {
        "client.read",
        "overview.read",
        "enrolments.list",
        "enrolment.read",
        "responsibilities.list",
        "referrals.list",
        "clients.search",
    }
)
TRIAGE = F({"client.read", "overview.read", "enrolments.create"})
TRIAGE_OVERRIDES = {
    "enrolments.list": F({200, 403, 404}),
    "consents.list": F({200, 403, 404}),  # consents given on the form: registration data?
    "clients.search": F({200, EMPTY}),
    "referrals.list": F({200, EMPTY, 403, 404}),
    "client.update": FORBIDDEN,
    "client.non_disclosure": FORBIDDEN,
    "client.nd_without_reason": F({403, 422}),
}
# The work-ability self-assessment (its health_and_functioning score): the policy names no
# reader besides the work-ability coordinators, nor forbids the others.
WORK_ABILITY_OPEN = {
    "assessments.list": F({200, 403, 404}),
    "assessments.create": F({201, 403, 404}),
}
# "writes the pathway like a responsible coordinator" against "a coordinator refers only
# the clients they are responsible for"
PARTNER_REFERS = {"referrals.create": F({201, 403, 404})}
NOT_RESPONSIBLE_ND = {
    "client.non_disclosure": FORBIDDEN,
    "client.nd_without_reason": F({403, 422}),
}
# Admin without a stated reason: every read refused with 422, writes refused either way.
ADMIN_NO_REASON = {
    **{op: F({422}) for op in READS | ACCESS_LOG},
    "clients.search": F({422, EMPTY}),
    "client.non_disclosure": FORBIDDEN,
    "client.nd_without_reason": F({403, 422}),
}

RELATIONS: dict[str, Relation] = {
    "none_wac2": Relation("wac2", STANDARD, sees=False),
    "none_bc2": Relation("bc2", STANDARD, sees=False),
    "none_coach2": Relation("coach2", STANDARD, sees=False),
    "creator_coach": Relation(
        "coach",
        _w(worlds.created, by="coach"),
        sees=True,
        allowed=(READS | WRITES) - {"notes.list", "notes.create"},
        overrides={**NOT_RESPONSIBLE_ND, **WORK_ABILITY_OPEN},
    ),
    "creator_coordinator": Relation(
        "bc1",
        _w(worlds.created, by="bc1"),
        sees=True,
        allowed=READS | WRITES,
        overrides={
            "client.non_disclosure": F({200, 403}),
            "client.nd_without_reason": F({403, 422}),
            **WORK_ABILITY_OPEN,
        },
    ),
    "coach_referrer_open": Relation(
        "coach", STANDARD, sees=True, allowed=COACH_PATHWAY_STATE | {"referrals.create"}
    ),
    "coach_referrer_open_non_disclosure": Relation(
        "coach",
        _w(worlds.enrolled, non_disclosure=True),
        sees=True,
        allowed=COACH_PATHWAY_STATE | {"referrals.create"},
        contact="hidden",
    ),
    # The enrolment ended: with no open enrolment the coach may refer the client again.
    "coach_referrer_grace": Relation(
        "coach",
        ENDED_3,
        sees=True,
        allowed=COACH_PATHWAY_STATE | {"enrolments.create"},
        overrides={"referrals.create": F({201, 403})},
    ),
    # No open enrolment: the coach may refer the client again, and sees nothing of it.
    "coach_referrer_after_grace": Relation(
        "coach", ENDED_20, sees=False, allowed=F({"enrolments.create"})
    ),
    "responsible_wac": Relation(
        "wac1",
        STANDARD,
        sees=True,
        allowed=EVERYTHING | OWN_NOTE,
        referral="external_sender",
        health_notes=True,
        work_ability=True,
    ),
    "responsible_bc": Relation(
        "bc1",
        _w(worlds.enrolled, coordinator="bc1"),
        sees=True,
        allowed=EVERYTHING | OWN_NOTE,
        referral="external_sender",
        overrides=WORK_ABILITY_OPEN,
        summary=True,
    ),
    "responsible_by_transfer": Relation(
        "wac2",
        _w(worlds.referred, kind="transfer", to_user="wac2", then="accepted"),
        sees=True,
        allowed=EVERYTHING,
        referral="accepted_addressee_transfer",
        health_notes=True,
        health_summary=True,
        work_ability=True,
    ),
    "consultation_partner": Relation(
        "bc1",
        _w(worlds.referred, kind="consultation", to_user="bc1", then="accepted"),
        sees=True,
        allowed=READS | WRITES,
        referral="accepted_addressee_consultation",
        overrides={**NOT_RESPONSIBLE_ND, **WORK_ABILITY_OPEN, **PARTNER_REFERS},
        summary=True,
    ),
    "consultation_partner_non_disclosure": Relation(
        "bc1",
        _w(
            worlds.referred,
            kind="consultation",
            to_user="bc1",
            then="accepted",
            non_disclosure=True,
        ),
        sees=True,
        allowed=READS | WRITES,
        referral="accepted_addressee_consultation",
        overrides={**NOT_RESPONSIBLE_ND, **WORK_ABILITY_OPEN, **PARTNER_REFERS},
        contact="hidden",
        summary=True,
    ),
    "consultation_partner_wac": Relation(
        "wac2",
        _w(worlds.referred, kind="consultation", to_user="wac2", then="accepted"),
        sees=True,
        allowed=READS | WRITES,
        referral="accepted_addressee_consultation",
        overrides={**NOT_RESPONSIBLE_ND, **PARTNER_REFERS},
        health_notes=True,
        health_summary=True,
        work_ability=True,
    ),
    "referral_addressee_open": Relation(
        "wac2",
        TRANSFER,
        sees=True,
        allowed=F({"client.read", "overview.read"}),
        referral="open_addressee",
        overrides={
            "referrals.list": F({200, EMPTY, 404}),
            "clients.search": F({200, EMPTY}),  # a search row is the basic record, code masked
        },
        denied_read=HIDDEN,
        denied_write=F({403, 404}),
        health_summary=True,
        identity="masked",
        contact="hidden",
    ),
    **{
        f"referral_addressee_{then}": Relation(
            "wac2",
            _w(worlds.referred, kind="transfer", to_user="wac2", then=then),
            sees=False,
            referral="closed_party",
        )
        for then in ("declined", "cancelled", "expired")
    },
    # wac1 after the warm hand-off to wac2 completed (while it runs both are responsible)
    "previous_coordinator": Relation(
        "wac1",
        _w(worlds.referred, kind="transfer", to_user="wac2", then="completed"),
        sees=False,
        referral="closed_party",
        health_summary=True,
    ),
    "triage_coordinator": Relation(
        "wac2",
        worlds.registered,
        sees=True,
        allowed=TRIAGE,
        overrides=TRIAGE_OVERRIDES,
        denied_write=F({403, 404}),
        identity=None,
    ),
    "triage_team_lead": Relation(
        "lead",
        worlds.registered,
        sees=True,
        allowed=TRIAGE | ACCESS_LOG,
        # "read only, nothing else" (triage) against "the unit's pathway data" (team lead)
        overrides={
            **{op: F({200, 403, 404}) for op in READS},
            **TRIAGE_OVERRIDES,
            "client.read": F({200}),
            "overview.read": F({200}),
            "client.non_disclosure": F({200, 403}),
        },
        denied_write=F({403, 404}),
        identity=None,
    ),
    "grace_coordinator": Relation(
        "wac1",
        GRACE_3,
        sees=True,
        allowed=READS | OWN_NOTE | {"enrolment.end"},
        referral="closed_party",
        overrides={**NOT_RESPONSIBLE_ND, "assessments.list": WORK_ABILITY_OPEN["assessments.list"]},
        health_notes=True,
    ),
    # The client is gone for them; the referral they sent, which closed days ago, is the
    # referrals service's record and stays theirs for the grace period after it closed.
    "after_grace_coordinator": Relation("wac1", GRACE_20, sees=False, referral="closed_party"),
    "team_lead": Relation(
        "lead",
        STANDARD,
        sees=True,
        allowed=READS | ACCESS_LOG | NON_DISCLOSURE,
        referral="lead",
        overrides={"assessments.list": WORK_ABILITY_OPEN["assessments.list"]},
    ),
    "admin_with_reason": Relation(
        "admin",
        STANDARD,
        sees=True,
        allowed=READS | ACCESS_LOG | EXPORT,
        referral="admin",
        # A notification carries no stated reason, and an administrator reads only with one.
        told=False,
        overrides={**NOT_RESPONSIBLE_ND, "assessments.list": WORK_ABILITY_OPEN["assessments.list"]},
        reason=True,
    ),
    "admin_without_reason": Relation(
        "admin",
        STANDARD,
        sees=True,
        allowed=EXPORT,
        referral="admin_without_reason",
        told=False,
        overrides=ADMIN_NO_REASON,
        denied_write=F({403, 422}),
    ),
    "machine_ladec": Relation("ladec", STANDARD, sees=False),
    "machine_bi": Relation("bi", STANDARD, sees=False),
}

# Cells where the policy text allows two answers (the report lists them).
AMBIGUOUS = {
    (rel, op)
    for rel, relation in RELATIONS.items()
    for op, statuses in relation.overrides.items()
    if len(statuses - {EMPTY}) > 1
}


def expected(relation: Relation, op: Op, world: World) -> frozenset[int]:
    allowed_referral, referral_overrides = REFERRAL_PARTS[relation.referral]
    if relation.caller in worlds.MACHINES:
        result = MACHINE
    elif op.client_in == TOLD:
        listing = op.method == "GET"
        result = op.ok if relation.is_told else F({EMPTY}) if listing else HIDDEN
    elif op.id in relation.overrides:
        result = relation.overrides[op.id]
    elif (op.id in WORK_ABILITY_DETAILS and not relation.work_ability) or (
        op.id == "summary.read" and not (relation.work_ability or relation.summary)
    ):
        result = (
            (relation.denied_write if op.write else relation.denied_read)
            if relation.sees
            else HIDDEN
        )
    elif op.id in referral_overrides:
        result = referral_overrides[op.id]
    elif op.id in relation.allowed or op.id in allowed_referral:
        result = op.ok
        if op.id == "plan.read" and not world.has_plan:
            result = F({200, 404})  # no plan written yet: a 404 about the data
        if op.id == "summary.read" and not world.has_summary:
            # None approved: a 404 about the data, whose code says so (content_failures).
            result = F({200, 404})
    elif op.id == "referrals.list" and "referral.read" in allowed_referral:
        result = op.ok  # a party to the client's referral lists it
    elif op.id in REFERRAL_OPS or not relation.sees:
        result = HIDDEN
    elif op.write:
        result = relation.denied_write
        if op.id == "note.correct" and "notes.list" not in relation.allowed:
            result = result | HIDDEN  # a note the caller may not read is not there for them
    else:
        result = relation.denied_read
    if op.client_in in ("query", "search") and result & {403, 404, 422}:
        result = result | {EMPTY}  # a list may answer "nothing of yours" as an empty page
    return result


# --- calling an operation --------------------------------------------------------------


def _ids(world: World, who: str) -> dict[str, str | None]:
    return {
        "client_id": world.client_id,
        "enrolment_id": world.enrolment_id,
        "meeting_id": world.meeting_id,
        "consent_id": world.consent_id,
        "referral_id": world.referral_id,
        "note_id": world.own_note(who) or world.any_note(),
    }


def applicable(op: Op, world: World, who: str) -> bool:
    if op.client_in == TOLD:
        return True  # each cell makes its own notification
    ids = _ids(world, who)
    return all(ids[name] for name in op.needs())


def _missing(world: World) -> World:
    """The same world with every id replaced by one that exists nowhere."""
    fresh = worlds.random_id
    twin = World(client_id=fresh(), partner_id=world.partner_id, last_name=world.last_name)
    twin.enrolment_id, twin.meeting_id, twin.consent_id = fresh(), fresh(), fresh()
    twin.referral_id = fresh()
    twin.notes = {fresh(): ("nobody", "normal")}
    return twin


async def call(
    stack: Stack, relation: Relation, op: Op, world: World
) -> tuple[int, httpx.Response]:
    who = relation.caller
    if op.client_in == TOLD:
        return await _call_told(stack, who, op, world)
    path = op.path.format(**_ids(world, who))
    headers = {**(REASON if relation.reason else {}), **op.headers}
    if op.drop_reason:
        headers.pop("X-Access-Reason", None)
    response = await stack.call(
        op.service,
        op.method,
        path,
        who,
        json=op.body(world, who) if op.body else None,
        params=op.params(world) if op.params else None,
        headers=headers,
    )
    status = response.status_code
    if status == 200 and op.client_in == "query":
        status = 200 if response.json()["items"] else EMPTY
    elif status == 200 and op.client_in == "search":
        found = {item["id"] for item in response.json()["items"]}
        status = 200 if world.client_id in found else EMPTY
    return status, response


async def _call_told(stack: Stack, who: str, op: Op, world: World) -> tuple[int, httpx.Response]:
    """A notification of its own to the caller about the world's client, then the operation
    on it: the list and the count answer 200 only when they include it."""

    async def unread() -> int | None:
        counted = await stack.call("notifications", "GET", op.path, who)
        return int(counted.json()["unread"]) if counted.status_code == 200 else None

    before = await unread() if op.id == "notifications.count" else None
    notification_id = await stack.notify(who, world.client_id)
    path = op.path.format(notification_id=notification_id)
    response = await stack.call("notifications", op.method, path, who)
    status = response.status_code
    if status == 200 and op.id == "notifications.list":
        status = 200 if notification_id in {i["id"] for i in response.json()["items"]} else EMPTY
    elif status == 200 and op.id == "notifications.count":
        status = 200 if response.json()["unread"] == (before or 0) + 1 else EMPTY
    return status, response


def _problem(response: httpx.Response) -> tuple[int, Any, Any]:
    try:
        body = response.json()
    except ValueError:
        body = {}
    return response.status_code, body.get("title"), body.get("code")


def _has_health_part(referral: dict[str, Any]) -> bool:
    return any(part.get("sensitivity") == "health" for part in referral.get("summary", []))


def content_failures(
    relation: Relation, op: Op, world: World, response: httpx.Response
) -> list[str]:
    """What an allowed answer shows: health notes and health summary parts only where the
    policy lets them reach, the identity code and contact details as the relation allows."""
    allowed_summary = op.id == "summary.read" and (relation.work_ability or relation.summary)
    if allowed_summary and response.status_code == 404:
        code = response.json().get("code")
        if world.has_summary or code != "work_ability_summary_not_found":
            return [f"404 with code {code!r} where the summary may be read"]
    if response.status_code != 200:
        return []
    body = response.json()
    failures = []
    if op.id == "overview.read":
        # The page in one read shows what the parts' own reads show.
        if body["notes"] is not None:
            failures += _note_failures(relation, world, body["notes"])
        elif "notes.list" in relation.allowed:
            failures.append("no notes, though the caller reads them")
        failures += _client_failures(relation, world, body["client"])
    elif op.id == "notes.list":
        failures += _note_failures(relation, world, body)
    elif op.id == "roadmap.read":
        if (body["stages"] is not None) != relation.work_ability:
            failures.append(f"roadmap stages {'shown' if body['stages'] else 'missing'}")
        if body["under_way"] != world.roadmap_under_way:
            failures.append("whether a roadmap is under way is wrong")
    elif op.id == "referral.read":
        health = _has_health_part(body)
        if health != (relation.health_summary and world.summary_has_health):
            failures.append(f"health summary parts {'shown' if health else 'missing'}")
    elif op.id == "export.read":
        text = json.dumps(body)
        if not all(note_id in text for note_id in world.health_notes()):
            failures.append("the export lacks the health notes")
    elif op.id == "client.read":
        failures += _client_failures(relation, world, body)
    return failures


def _note_failures(relation: Relation, world: World, notes: list[dict[str, Any]]) -> list[str]:
    failures = []
    got = {n["id"]: n["sensitivity"] for n in notes}
    health = any(s == "health" for s in got.values())
    if health != relation.health_notes:
        failures.append(f"health notes {'shown' if health else 'missing'}")
    if set(got) & world.late_notes:
        failures.append("sees a note written by another after the end")
    if relation.health_notes and not world.health_notes() <= set(got):
        failures.append("misses a health note it may read")
    return failures


def _client_failures(relation: Relation, world: World, body: dict[str, Any]) -> list[str]:
    failures = []
    code = body.get("personal_identity_code")
    if world.identity_code and relation.identity == "full" and code != world.identity_code:
        failures.append(f"identity code {code!r}, expected in full")
    if relation.identity == "masked" and code == world.identity_code:
        failures.append("identity code in full, expected masked")
    phone = body.get("phone")
    if relation.contact == "shown" and phone != PHONE:
        failures.append(f"phone {phone!r}, expected shown")
    if relation.contact == "hidden" and (phone or body.get("address") or body.get("email")):
        failures.append("contact details shown, expected hidden")
    return failures


# --- the matrix --------------------------------------------------------------------------


@functools.cache
def documented() -> frozenset[tuple[str, str]]:
    """(METHOD, path) of the client-bearing operations in the four OpenAPI documents."""
    import importlib

    from tests.conftest import service_settings

    found: set[tuple[str, str]] = set()
    for service, settings_class in (
        ("clients", "ClientsSettings"),
        ("employers", "EmployersSettings"),
        ("referrals", "ReferralsSettings"),
        ("metrics", "MetricsSettings"),
        ("notifications", "NotificationsSettings"),
    ):
        config = importlib.import_module(f"services.{service}.config")
        main = importlib.import_module(f"services.{service}.main")
        settings = service_settings(getattr(config, settings_class), "sqlite+aiosqlite:///:memory:")
        found |= client_bearing(main.create_app(settings))
    return frozenset(found)


def test_the_table_covers_every_client_bearing_operation() -> None:
    found = documented()
    untabled = sorted(found - OPERATIONS.keys() - TABLED_ELSEWHERE)
    assert not untabled, f"client-bearing operations the matrix does not cover: {untabled}"
    gone = sorted(OPERATIONS.keys() - found)
    assert not gone, f"the matrix names operations the services no longer have: {gone}"


def test_the_expected_table_names_only_known_operations() -> None:
    for name, relation in RELATIONS.items():
        unknown = (relation.allowed | relation.overrides.keys()) - OP_IDS
        assert not unknown, (name, unknown)


def _order(op: Op) -> tuple[int, str]:
    # Reads, then writes that leave the relation as it is, then those that change it.
    return (2 if op.destructive else 1 if op.write else 0, op.id)


@pytest.mark.parametrize("name", list(RELATIONS))
async def test_matrix(name: str, stack: Stack) -> None:
    relation = RELATIONS[name]
    ops = sorted(
        (
            op
            for op in ALL_OPS
            if op.client_in in ("search", TOLD) or (op.method, op.path) in documented()
        ),
        key=_order,
    )
    world = await relation.world(stack)
    failures: list[str] = []
    cells = 0
    for op in ops:
        if not applicable(op, world, relation.caller):
            continue
        cells += 1
        want = expected(relation, op, world)
        got, response = await call(stack, relation, op, world)
        if got not in want:
            failures.append(
                f"{op.id} x {name} → expected {sorted(want)} / got {got} {response.text[:160]}"
            )
        elif got == 404 and want == HIDDEN:
            _, twin = await call(stack, relation, op, _missing(world))
            if _problem(twin) != _problem(response):
                failures.append(
                    f"{op.id} x {name} → 404 unlike a missing id: "
                    f"{_problem(response)} vs {_problem(twin)}"
                )
        failures += [
            f"{op.id} x {name} → {f}" for f in content_failures(relation, op, world, response)
        ]
        if op.id in NON_DISCLOSURE and response.status_code == 200:
            world.non_disclosure = bool(response.json().get("non_disclosure"))
        if op.destructive and response.status_code < 300:
            world = await relation.world(stack)  # the next cell starts from the relation again
    if name == "after_grace_coordinator":
        worklist = await stack.call("clients", "GET", "/api/v1/clients/worklist", "lead")
        missing = (
            {item.get("enrolment_id") for item in worklist.json().get("exit_form_missing", [])}
            if worklist.status_code == 200
            else set()
        )
        if world.enrolment_id not in missing:
            failures.append(
                f"worklist x team lead → the ended enrolment without exit form is not listed "
                f"({worklist.status_code})"
            )
    print(f"{name}: {cells} cells, {len(failures)} failing")
    assert not failures, f"{len(failures)} of {cells} cells:\n" + "\n".join(failures)
