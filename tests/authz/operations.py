"""The client-bearing operations of the four services, found in their OpenAPI documents, and
how the matrix calls each one: a short id, a minimal valid body, and the world's ids."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI

from tests.authz.worlds import REASON, World, day, moment

CLIENT_PARAMS = frozenset(
    {"client_id", "enrolment_id", "referral_id", "meeting_id", "consent_id", "note_id"}
)
# A list that answers 200 with no items where the others answer 404.
EMPTY = 299


def _properties(doc: dict[str, Any], schema: dict[str, Any]) -> set[str]:
    """The property names of a request body schema, following `$ref`, allOf/anyOf/oneOf."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return _properties(doc, doc["components"]["schemas"][name])
    names = set(schema.get("properties", {}))
    for key in ("allOf", "anyOf", "oneOf"):
        for part in schema.get(key, []):
            names |= _properties(doc, part)
    return names


def client_bearing(app: FastAPI) -> set[tuple[str, str]]:
    """(METHOD, path) of every /api/v1 operation that names a client or an object of one:
    a path id of a client's object, or a `client_id` query parameter or body field."""
    doc = app.openapi()
    found = set()
    for path, item in doc["paths"].items():
        if not path.startswith("/api/v1/"):
            continue
        for method, op in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            names = set(re.findall(r"{(\w+)}", path))
            names |= {p["name"] for p in op.get("parameters", []) if p.get("in") == "query"}
            for content in op.get("requestBody", {}).get("content", {}).values():
                names |= _properties(doc, content.get("schema", {}))
            if names & CLIENT_PARAMS:
                found.add((method.upper(), path))
    return found


Body = Callable[[World, str], Any]


@dataclass(frozen=True)
class Op:
    id: str
    service: str
    method: str
    path: str
    ok: frozenset[int]
    body: Body | None = None
    params: Callable[[World], dict[str, str]] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    drop_reason: bool = False
    # It changes the world for the cells after it (who is responsible, the referral's state).
    destructive: bool = False
    # The operation is reached by a `client_id` in the body or the query, not the path.
    client_in: str | None = None

    @property
    def write(self) -> bool:
        return self.method != "GET"

    def needs(self) -> set[str]:
        return set(re.findall(r"{(\w+)}", self.path)) - {"client_id"}


C = "/api/v1/clients/{client_id}"
E = C + "/enrolments/{enrolment_id}"
R = "/api/v1/referrals/{referral_id}"
OK, CREATED = frozenset({200}), frozenset({201})
DELETED = frozenset({200, 204})


def _op(id: str, service: str, method: str, path: str, ok: frozenset[int], **kw: Any) -> Op:
    return Op(id, service, method, path, ok, **kw)


def _enrolment(world: World, who: str) -> dict[str, Any]:
    # A second enrolment on the other line than the world's own, with a third coordinator.
    if world.service_line == "business":
        return {"service_line": "work_ability", "coordinator": "wac2", "registered_on": day(1)}
    return {"service_line": "business", "coordinator": "bc2", "registered_on": day(1)}


def _flip_non_disclosure(world: World, who: str) -> dict[str, Any]:
    # A real change (a no-op PATCH would prove nothing): set it, or lift it where it is set.
    return {"non_disclosure": not world.non_disclosure}


def _end(world: World, who: str) -> dict[str, Any]:
    # The same end again (a correction while it stands), or the end of the open enrolment.
    return {
        "outcome": "employed",
        "ended_on": day(3),
        "exit_status": "employed",
        "qualification_gained": True,
    }


def _referral(world: World, who: str) -> dict[str, Any]:
    return {"client_id": world.client_id, "kind": "external", "to_partner": world.partner_id}


def _note_fix(world: World, who: str) -> dict[str, Any]:
    return {"text": "corrected"}


_SCORES = {
    "health_and_functioning": 6,
    "competence": 7,
    "values_and_motivation": 8,
    "work_and_community": 5,
    "life_situation": 6,
}

_OBSERVATION = {
    key: 3
    for key in (
        "punctuality",
        "following_instructions",
        "work_pace",
        "quality",
        "cooperation",
        "endurance",
        "independence",
    )
}

# (METHOD, path) → the matrix's calls of it (several where a header or body decides).
OPERATIONS: dict[tuple[str, str], list[Op]] = {
    ("GET", C): [_op("client.read", "clients", "GET", C, OK)],
    ("GET", C + "/overview"): [_op("overview.read", "clients", "GET", C + "/overview", OK)],
    ("PATCH", C): [
        _op(
            "client.update",
            "clients",
            "PATCH",
            C,
            OK,
            body=lambda w, u: {"municipality": "Orimattila"},
        ),
        _op(
            "client.non_disclosure",
            "clients",
            "PATCH",
            C,
            OK,
            body=_flip_non_disclosure,
            headers=REASON,
        ),
        _op(
            "client.nd_without_reason",
            "clients",
            "PATCH",
            C,
            frozenset({422}),
            body=_flip_non_disclosure,
            drop_reason=True,
        ),
    ],
    ("GET", C + "/consents"): [_op("consents.list", "clients", "GET", C + "/consents", OK)],
    ("POST", C + "/consents"): [
        _op(
            "consents.grant",
            "clients",
            "POST",
            C + "/consents",
            CREATED,
            body=lambda w, u: {"purpose": "esf_data"},
        )
    ],
    ("DELETE", C + "/consents/{consent_id}"): [
        _op("consent.withdraw", "clients", "DELETE", C + "/consents/{consent_id}", DELETED)
    ],
    ("GET", C + "/access-log"): [_op("access_log.read", "clients", "GET", C + "/access-log", OK)],
    ("GET", C + "/export"): [
        _op("export.read", "clients", "GET", C + "/export", OK, headers=REASON),
        _op(
            "export.no_reason", "clients", "GET", C + "/export", frozenset({422}), drop_reason=True
        ),
    ],
    ("POST", C + "/enrolments"): [
        _op(
            "enrolments.create",
            "clients",
            "POST",
            C + "/enrolments",
            CREATED,
            body=_enrolment,
            destructive=True,
        )
    ],
    ("GET", C + "/enrolments"): [_op("enrolments.list", "clients", "GET", C + "/enrolments", OK)],
    ("GET", E): [_op("enrolment.read", "clients", "GET", E, OK)],
    ("GET", E + "/responsibilities"): [
        _op("responsibilities.list", "clients", "GET", E + "/responsibilities", OK)
    ],
    ("POST", E + "/contacts"): [
        _op(
            "contacts.create",
            "clients",
            "POST",
            E + "/contacts",
            CREATED,
            body=lambda w, u: {"channel": "sms", "reached": False, "at": moment(1)},
        )
    ],
    ("GET", E + "/contacts"): [_op("contacts.list", "clients", "GET", E + "/contacts", OK)],
    ("POST", E + "/meetings"): [
        _op(
            "meetings.create",
            "clients",
            "POST",
            E + "/meetings",
            CREATED,
            body=lambda w, u: {"kind": "follow_up", "at": moment(1), "status": "held"},
        )
    ],
    ("GET", E + "/meetings"): [_op("meetings.list", "clients", "GET", E + "/meetings", OK)],
    ("PATCH", E + "/meetings/{meeting_id}"): [
        _op(
            "meeting.update",
            "clients",
            "PATCH",
            E + "/meetings/{meeting_id}",
            OK,
            body=lambda w, u: {"place": "Palvelutori, Trio"},
        )
    ],
    ("POST", E + "/end"): [
        _op("enrolment.end", "clients", "POST", E + "/end", OK, body=_end, destructive=True)
    ],
    ("POST", C + "/notes"): [
        _op(
            "notes.create",
            "clients",
            "POST",
            C + "/notes",
            CREATED,
            body=lambda w, u: {"text": f"note by {u}", "sensitivity": "normal"},
        )
    ],
    ("GET", C + "/notes"): [_op("notes.list", "clients", "GET", C + "/notes", OK)],
    ("PATCH", C + "/notes/{note_id}"): [
        _op("note.correct", "clients", "PATCH", C + "/notes/{note_id}", OK, body=_note_fix)
    ],
    ("POST", C + "/assessments"): [
        _op(
            "assessments.create",
            "clients",
            "POST",
            C + "/assessments",
            CREATED,
            body=lambda w, u: {
                "recorded_on": day(1),
                "instrument_version": "2023",
                "language": "fi",
                "overall": 6,
                "domain_scores": _SCORES,
            },
        )
    ],
    ("GET", C + "/assessments"): [
        _op("assessments.list", "clients", "GET", C + "/assessments", OK)
    ],
    ("POST", C + "/service-need-assessments"): [
        _op(
            "service_needs.create",
            "clients",
            "POST",
            C + "/service-need-assessments",
            CREATED,
            body=lambda w, u: {"path": "skills", "assessed_on": day(1)},
        )
    ],
    ("GET", C + "/service-need-assessments"): [
        _op("service_needs.list", "clients", "GET", C + "/service-need-assessments", OK)
    ],
    ("PUT", C + "/plan"): [
        _op(
            "plan.write",
            "clients",
            "PUT",
            C + "/plan",
            OK,
            body=lambda w, u: {"goals": ["Koulutus"]},
        )
    ],
    ("GET", C + "/plan"): [_op("plan.read", "clients", "GET", C + "/plan", OK)],
    ("GET", C + "/roadmap"): [_op("roadmap.read", "clients", "GET", C + "/roadmap", OK)],
    ("PUT", C + "/roadmap"): [
        _op(
            "roadmap.write",
            "clients",
            "PUT",
            C + "/roadmap",
            OK,
            body=lambda w, u: {"stages": [{"key": "health_check", "status": "done"}]},
        )
    ],
    ("GET", C + "/roadmap/client-version"): [
        _op("roadmap.client_version", "clients", "GET", C + "/roadmap/client-version", OK)
    ],
    ("GET", C + "/functional-assessments"): [
        _op("functional.list", "clients", "GET", C + "/functional-assessments", OK)
    ],
    ("POST", C + "/functional-assessments"): [
        _op(
            "functional.create",
            "clients",
            "POST",
            C + "/functional-assessments",
            CREATED,
            body=lambda w, u: {
                "instrument_code": "work_observation",
                "instrument_version": 1,
                "observed_on": day(1),
                "item_scores": _OBSERVATION,
                "setting": "workshop",
            },
        )
    ],
    ("GET", C + "/work-supports"): [
        _op("work_supports.list", "clients", "GET", C + "/work-supports", OK)
    ],
    ("PUT", C + "/work-supports"): [
        _op(
            "work_supports.write",
            "clients",
            "PUT",
            C + "/work-supports",
            OK,
            body=lambda w, u: {"hours_per_week": 15, "travel": ["remote_work"]},
        )
    ],
    # The world's revision 2 awaits approval (the writes run in the order of their ids).
    ("POST", C + "/work-supports/approve"): [
        _op(
            "work_supports.approve",
            "clients",
            "POST",
            C + "/work-supports/approve",
            OK,
            body=lambda w, u: {"revision": 2},
        )
    ],
    ("GET", C + "/work-ability-summary"): [
        _op("summary.read", "clients", "GET", C + "/work-ability-summary", OK)
    ],
    ("POST", C + "/feedback"): [
        _op(
            "feedback.create",
            "clients",
            "POST",
            C + "/feedback",
            CREATED,
            body=lambda w, u: {"grade": 9},
        )
    ],
    ("GET", C + "/feedback"): [_op("feedback.list", "clients", "GET", C + "/feedback", OK)],
    ("POST", C + "/status-episodes"): [
        _op(
            "status.create",
            "clients",
            "POST",
            C + "/status-episodes",
            CREATED,
            body=lambda w, u: {"status": "unemployed", "starts_on": day(60)},
        )
    ],
    ("GET", C + "/status-episodes"): [
        _op("status.list", "clients", "GET", C + "/status-episodes", OK)
    ],
    ("POST", "/api/v1/referrals"): [
        _op(
            "referrals.create",
            "referrals",
            "POST",
            "/api/v1/referrals",
            CREATED,
            body=_referral,
            client_in="body",
        )
    ],
    ("GET", "/api/v1/referrals"): [
        _op(
            "referrals.list",
            "referrals",
            "GET",
            "/api/v1/referrals",
            frozenset({200, EMPTY}),
            params=lambda w: {"client_id": w.client_id},
            client_in="query",
        )
    ],
    ("GET", R): [_op("referral.read", "referrals", "GET", R, OK)],
    ("POST", R + "/accept"): [
        _op("referral.accept", "referrals", "POST", R + "/accept", OK, destructive=True)
    ],
    ("POST", R + "/decline"): [
        _op(
            "referral.decline",
            "referrals",
            "POST",
            R + "/decline",
            OK,
            body=lambda w, u: {"reason": "Not now."},
            destructive=True,
        )
    ],
    ("POST", R + "/complete"): [
        _op(
            "referral.complete",
            "referrals",
            "POST",
            R + "/complete",
            OK,
            body=lambda w, u: {},
            destructive=True,
        )
    ],
    ("POST", R + "/stage"): [
        _op(
            "referral.stage",
            "referrals",
            "POST",
            R + "/stage",
            OK,
            body=lambda w, u: {"stage": "presented"},
        )
    ],
    ("POST", R + "/cancel"): [
        _op(
            "referral.cancel",
            "referrals",
            "POST",
            R + "/cancel",
            OK,
            body=lambda w, u: {},
            destructive=True,
        )
    ],
}

# A recruitment event's invited clients (employers service): the matrix's stack has no
# employers service yet, so their own tables, one row per role, a machine client and forged
# ids, are in tests/employers/test_event_clients.py. An invitation names a client only when
# the clients service's own policy lets the inviter open the client (`visible_only` names).
#
# Active-service periods: the matrix's stack has no employers service to check a period's
# employer against, so their tables (start, list, change, end; every role and a machine
# client) are in tests/clients/test_service_periods.py. They need what the status episodes
# need: the pathway to read, the right to write to change.
TABLED_ELSEWHERE = frozenset(
    {
        ("POST", C + "/service-periods"),
        ("GET", C + "/service-periods"),
        ("PATCH", C + "/service-periods/{period_id}"),
        ("POST", C + "/service-periods/{period_id}/end"),
        ("POST", "/api/v1/recruitment-events/{event_id}/clients"),
        ("PATCH", "/api/v1/recruitment-events/{event_id}/clients/{client_id}"),
        ("DELETE", "/api/v1/recruitment-events/{event_id}/clients/{client_id}"),
    }
)

# Not found by the generator (no client id in it) but a way to reach a client all the same.
EXTRA = [
    _op(
        "clients.search",
        "clients",
        "GET",
        "/api/v1/clients",
        frozenset({200}),
        params=lambda w: {"q": w.last_name},
        client_in="search",
    )
]

# The notifications service's: each cell tells the caller of the world's client in a
# notification of its own, then asks for it (the list and the count answer 200 when it is
# there, EMPTY when it is left out).
N = "/api/v1/notifications"
TOLD = "notification"
NOTIFICATION_OPS = [
    _op("notifications.list", "notifications", "GET", N, OK, client_in=TOLD),
    _op("notifications.count", "notifications", "GET", N + "/count", OK, client_in=TOLD),
    _op(
        "notification.read",
        "notifications",
        "POST",
        N + "/{notification_id}/read",
        OK,
        client_in=TOLD,
    ),
    _op(
        "notification.dismiss",
        "notifications",
        "POST",
        N + "/{notification_id}/dismiss",
        frozenset({204}),
        client_in=TOLD,
    ),
]

ALL_OPS: list[Op] = [op for ops in OPERATIONS.values() for op in ops] + EXTRA + NOTIFICATION_OPS
OP_IDS = {op.id for op in ALL_OPS}
