"""Worlds for the authorisation matrix: each relation built from nothing through the public
API, as the people would do it (the partner directory and the referral expiry clock are the
only things reached from inside, as the seeding and the background worker do).

A world holds the ids the matrix needs to address each operation at one client."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx

from services.common.calendar import helsinki_today
from tests.conftest import ServiceApi

WAC = "work_ability_coordinator"
BC = "business_coordinator"
STAFF: dict[str, tuple[str, ...]] = {
    "coach": ("coach",),
    "coach2": ("coach",),
    "wac1": (WAC,),
    "wac2": (WAC,),
    "bc1": (BC,),
    "bc2": (BC,),
    "lead": ("team_lead",),
    "admin": ("admin",),
}
EXTRA_STAFF = {"coach2": "coach"}
MACHINES: dict[str, tuple[str, ...]] = {
    "ladec": ("leads:write", "leads:read"),
    "bi": ("metrics:read",),
}
ANONYMOUS = "anonymous"
REASON = {"X-Access-Reason": "authorisation matrix test"}
_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_serial = itertools.count()


def identity_code() -> str:
    """A valid personal identity code of its own for every client built (codes are unique)."""
    serial = next(_serial)
    birth, individual = f"{1 + serial // 800 % 28:02d}1052", f"{2 + serial % 800:03d}"
    return f"{birth}-{individual}{_CHECK[int(birth + individual) % 31]}"


PHONE = "+358401234567"
CLIENTS = "/api/v1/clients"
REFERRALS = "/api/v1/referrals"


def day(days_ago: int) -> str:
    return (helsinki_today() - dt.timedelta(days=days_ago)).isoformat()


def moment(days_ago: int) -> str:
    return (dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)).isoformat()


@dataclass
class Stack:
    """The running apps and a way to act as anyone."""

    clients: ServiceApi
    referrals: ServiceApi
    partner_id: str  # the matrix's own referral goes here
    background_partner_id: str  # the world's referral goes here
    notifications: ServiceApi | None = None

    def headers(self, who: str) -> dict[str, str]:
        if who == ANONYMOUS:
            return {}
        if who in MACHINES:
            return self.clients.as_machine(who, *MACHINES[who])
        return self.clients.as_staff(who, *STAFF[who])

    async def call(
        self,
        service: str,
        method: str,
        path: str,
        who: str,
        *,
        json: Any = None,
        params: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        api = {"clients": self.clients, "notifications": self.notifications}.get(
            service, self.referrals
        )
        assert api is not None, service
        return await api.client.request(
            method,
            path,
            json=json,
            params=params,
            headers={**self.headers(who), **(headers or {})},
        )

    async def notify(self, username: str, client_id: str) -> str:
        """A notification to the person about the client, as following the feeds leaves one
        (a referral sent to them): the notifications service makes these itself, from ids
        alone, so the matrix writes it where the service keeps it."""
        from services.notifications.feeds.service import notification
        from services.notifications.inbox import repository as inbox

        assert self.notifications is not None
        row = notification(
            username,
            "referral_received",
            "referral",
            uuid.uuid4(),
            dt.datetime.now(dt.UTC),
            client_id=uuid.UUID(client_id),
        )
        async with self.notifications.app.state.database.transaction() as session:
            await inbox.add_new(session, [row])
        return str(row["id"])

    async def ok(
        self, service: str, method: str, path: str, who: str, **kwargs: Any
    ) -> dict[str, Any]:
        response = await self.call(service, method, path, who, **kwargs)
        assert response.status_code < 300, f"{method} {path} as {who}: {response.text}"
        return dict(response.json()) if response.content else {}


@dataclass
class World:
    client_id: str
    partner_id: str
    last_name: str
    identity_code: str | None = None
    enrolment_id: str | None = None
    meeting_id: str | None = None
    consent_id: str | None = None
    referral_id: str | None = None
    # note id → (author, sensitivity); `late_notes` were written by others after the end.
    notes: dict[str, tuple[str, str]] = field(default_factory=dict)
    late_notes: set[str] = field(default_factory=set)
    # health parts sent in the world's referral's hand-over summary
    summary_has_health: bool = False
    has_plan: bool = False
    # an approved work-ability summary (revision 1) and a newer revision 2 awaiting approval
    has_summary: bool = False
    roadmap_under_way: bool = False
    service_line: str | None = None
    non_disclosure: bool = False

    def health_notes(self) -> set[str]:
        return {i for i, (_, s) in self.notes.items() if s == "health"}

    def own_note(self, who: str) -> str | None:
        return next((i for i, (a, _) in self.notes.items() if a == who), None)

    def any_note(self) -> str | None:
        return next(iter(self.notes), None)


ALL_CONSENTS = ("service", "share_work_ability_summary", "share_with_health_services")


async def new_client(stack: Stack, by: str) -> World:
    code = identity_code()
    client = await stack.ok(
        "clients",
        "POST",
        CLIENTS,
        by,
        json={
            "first_name": "Aino",
            "last_name": "Esimerkki",
            "personal_identity_code": code,
            "municipality": "Lahti",
            "phone": PHONE,
            "email": "aino@example.org",
            "address": "Aleksanterinkatu 1, Lahti",
        },
    )
    world = World(
        client_id=client["id"],
        partner_id=stack.partner_id,
        last_name="Esimerkki",
        identity_code=code,
    )
    # `esf_data` stays ungranted: granting it is the matrix's consent write.
    for purpose in ALL_CONSENTS:
        granted = await stack.ok(
            "clients",
            "POST",
            f"{CLIENTS}/{world.client_id}/consents",
            by,
            json={"purpose": purpose},
        )
        if purpose == "share_with_health_services":
            world.consent_id = granted["id"]
    return world


async def note(stack: Stack, world: World, who: str, sensitivity: str, **body: Any) -> str:
    created = await stack.ok(
        "clients",
        "POST",
        f"{CLIENTS}/{world.client_id}/notes",
        who,
        json={"text": f"{sensitivity} note by {who}", "sensitivity": sensitivity, **body},
    )
    world.notes[created["id"]] = (who, sensitivity)
    return str(created["id"])


async def enrolled(
    stack: Stack,
    *,
    coordinator: str = "wac1",
    by: str = "coach",
    ended_days_ago: int | None = None,
    exit_data: bool = True,
    background_referral: bool = True,
    next_enrolment: bool = False,
    non_disclosure: bool = False,
) -> World:
    """The common world: `by` creates the client and enrols it with `coordinator`, who
    contacts the client, holds the first meeting and writes notes (a health note when a
    work-ability coordinator) and a plan; optionally the enrolment ends `ended_days_ago`."""
    world = await new_client(stack, by)
    wac = coordinator.startswith("wac")
    line = "work_ability" if wac else "business"
    base = f"{CLIENTS}/{world.client_id}"
    enrolment = await stack.ok(
        "clients",
        "POST",
        f"{base}/enrolments",
        by,
        json={"service_line": line, "coordinator": coordinator, "registered_on": day(40)},
    )
    world.enrolment_id, world.service_line = enrolment["id"], line
    pathway = f"{base}/enrolments/{world.enrolment_id}"
    await stack.ok(
        "clients",
        "POST",
        f"{pathway}/contacts",
        coordinator,
        json={"channel": "phone", "reached": True, "at": moment(38)},
    )
    meeting = await stack.ok(
        "clients",
        "POST",
        f"{pathway}/meetings",
        coordinator,
        json={"kind": "first", "at": moment(35), "status": "held"},
    )
    world.meeting_id = meeting["id"]
    await note(stack, world, coordinator, "normal", enrolment_id=world.enrolment_id)
    if wac:
        await note(stack, world, coordinator, "health", enrolment_id=world.enrolment_id)
    await stack.ok(
        "clients",
        "PUT",
        f"{base}/plan",
        coordinator,
        json={"goals": ["Työkokeilu"], "actions": [{"text": "Soita", "owner": "client"}]},
    )
    world.has_plan = True
    if wac:
        await work_ability_method(stack, world, coordinator)
    if non_disclosure:
        await stack.ok(
            "clients",
            "PATCH",
            base,
            coordinator,
            json={"non_disclosure": True},
            headers=REASON,
        )
        world.non_disclosure = True
    if background_referral:
        # An external referral: its sender answers for the partner; nobody else is party.
        referral = await stack.ok(
            "referrals",
            "POST",
            REFERRALS,
            coordinator,
            json={
                "client_id": world.client_id,
                "kind": "external",
                "to_partner": stack.background_partner_id,
                "summary": [{"text": "Needs a career talk.", "sensitivity": "normal"}],
            },
        )
        world.referral_id = referral["id"]
    if ended_days_ago is not None:
        if world.referral_id:
            await stack.ok(
                "referrals", "POST", f"{REFERRALS}/{world.referral_id}/cancel", coordinator, json={}
            )
        later: str | None = None
        if next_enrolment:
            # The client goes on with bc2 on a business enrolment opened before the end.
            later = (
                await stack.ok(
                    "clients",
                    "POST",
                    f"{base}/enrolments",
                    coordinator,
                    json={"service_line": "business", "coordinator": "bc2"},
                )
            )["id"]
        exit_fields = (
            {"exit_status": "employed", "qualification_gained": False} if exit_data else {}
        )
        await stack.ok(
            "clients",
            "POST",
            f"{pathway}/end",
            coordinator,
            json={"outcome": "employed", "ended_on": day(ended_days_ago), **exit_fields},
        )
        if later:
            world.late_notes.add(await note(stack, world, "bc2", "normal", enrolment_id=later))
    return world


WORK_SUPPORTS = {"hours_per_week": 20, "avoid": ["heavy_lifting"], "breaks": "flexible_breaks"}


async def work_ability_method(stack: Stack, world: World, coordinator: str) -> None:
    """A roadmap under way, and the means to support work: revision 1 approved (the summary
    others may read), revision 2 awaiting approval."""
    base = f"{CLIENTS}/{world.client_id}"
    stage = {"key": "health_check", "status": "in_progress", "received": "Lähete"}
    await stack.ok("clients", "PUT", f"{base}/roadmap", coordinator, json={"stages": [stage]})
    await stack.ok("clients", "PUT", f"{base}/work-supports", coordinator, json=WORK_SUPPORTS)
    await stack.ok(
        "clients", "POST", f"{base}/work-supports/approve", coordinator, json={"revision": 1}
    )
    await stack.ok("clients", "PUT", f"{base}/work-supports", coordinator, json=WORK_SUPPORTS)
    world.has_summary = world.roadmap_under_way = True


async def created(stack: Stack, by: str) -> World:
    """A client just created by `by`; no enrolment names a coordinator yet."""
    return await new_client(stack, by)


async def registered(stack: Stack) -> World:
    """An anonymous self-registration waiting in triage."""
    receipt = await stack.ok(
        "clients",
        "POST",
        "/api/v1/registrations",
        ANONYMOUS,
        json={
            "first_name": "Eino",
            "last_name": "Ilmoittautuja",
            "municipality": "Hollola",
            "phone": PHONE,
            "consents": ["service", "esf_data", "share_with_health_services"],
        },
    )
    world = World(client_id=receipt["id"], partner_id=stack.partner_id, last_name="Ilmoittautuja")
    consents = await stack.call("clients", "GET", f"{CLIENTS}/{world.client_id}/consents", "lead")
    if consents.status_code == 200:
        world.consent_id = next(
            (c["id"] for c in consents.json() if c["purpose"] == "share_with_health_services"),
            None,
        )
    return world


async def referred(
    stack: Stack, *, kind: str, to_user: str, then: str | None = None, **world_options: Any
) -> World:
    """The common world (wac1 responsible), and wac1 sends a `kind` referral to `to_user`
    with a hand-over summary (its health part only to a work-ability coordinator); `then`
    is what becomes of it: accepted, completed (a transfer: the warm hand-off done),
    declined, cancelled or expired."""
    world = await enrolled(stack, background_referral=False, **world_options)
    to_wac = to_user.startswith("wac")
    summary = [{"heading": "Tilanne", "text": "Job-search picture.", "sensitivity": "normal"}]
    if to_wac:
        summary.append({"heading": "Terveys", "text": "Health part.", "sensitivity": "health"})
    referral = await stack.ok(
        "referrals",
        "POST",
        REFERRALS,
        "wac1",
        json={
            "client_id": world.client_id,
            "kind": kind,
            "to_user": to_user,
            "enrolment_id": world.enrolment_id,
            "summary": summary,
        },
    )
    world.referral_id = referral["id"]
    world.summary_has_health = to_wac
    action = f"{REFERRALS}/{world.referral_id}"
    if then in ("accepted", "completed"):
        await stack.ok("referrals", "POST", f"{action}/accept", to_user)
    if then == "completed":
        await stack.ok("referrals", "POST", f"{action}/complete", to_user, json={})
    elif then == "declined":
        await stack.ok(
            "referrals", "POST", f"{action}/decline", to_user, json={"reason": "Full caseload."}
        )
    elif then == "cancelled":
        await stack.ok("referrals", "POST", f"{action}/cancel", "wac1", json={})
    elif then == "expired":
        await expire_referrals(stack)
        read = await stack.ok("referrals", "GET", action, "wac1")
        assert read["status"] == "expired", read
    return world


async def expire_referrals(stack: Stack) -> None:
    """What the background worker does once the response deadline and its grace are past."""
    from services.referrals.collaborators import collaborators_of
    from services.referrals.effects import service as effects
    from services.referrals.referrals import service as referrals

    app = stack.referrals.app
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=30)
    async with app.state.database.transaction() as session:
        await referrals.expire_overdue(session, app.state.settings, now=later)
    await effects.apply_due_effects(app.state.database, collaborators_of(app))


def random_id() -> str:
    return str(uuid.uuid4())
